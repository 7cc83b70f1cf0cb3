"""Shared fixtures: one spaCy pipeline per test session, the path to ../shared (may be absent), and small
helpers for records and inputs written in tests."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from dateline.config import load_config
from dateline.ingest import make_article
from dateline.records import Article, ArticleRecord, Span, Stance

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("DATELINE_SHARED", REPO.parent / "shared"))
DEMO_CORPUS = REPO / "examples" / "corpus"


def shared_path(*parts: str) -> Path:
    """A path under ../shared, or skip the test when that data is not here."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"data not available: {path}")
    return path


def span(text: str, needle: str, nth: int = 0) -> Span:
    """The span of the ``nth`` occurrence (from 0) of ``needle`` in ``text``."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(needle, start + 1)
    return Span.of(text, start, start + len(needle))


def first_texts(tmp_path: Path, n: int) -> Path:
    """A folder holding the first ``n`` plain-text reports of the demo corpus."""
    folder = tmp_path / "texts"
    folder.mkdir()
    for source in sorted(DEMO_CORPUS.glob("*.txt"))[:n]:
        (folder / source.name).write_bytes(source.read_bytes())
    return folder


@pytest.fixture(scope="session")
def nlp() -> Any:
    from dateline.nlp import load_nlp

    return load_nlp("en_core_web_sm")


_PIPELINES: dict[tuple[str, ...], Any] = {}


def run_stages(stages: tuple[str, ...], text: str, published_at: str | None = "2025-03-12T23:00:00",
               **meta: Any) -> ArticleRecord:
    """Run ``stages`` over one article written in a test (pipelines cached per stage list)."""
    from dateline.pipeline.runner import Pipeline

    if stages not in _PIPELINES:
        _PIPELINES[stages] = Pipeline(load_config().with_(stages=list(stages)))
    article: Article = make_article(text, published_at=published_at, **meta)
    return _PIPELINES[stages].process_one(article)  # type: ignore[no-any-return]


def stance_of(record: ArticleRecord, name: str) -> Stance | None:
    """The first stance in ``record`` of an actor whose name contains ``name``."""
    return next((s for s in record.stances if name in getattr(record.actor(s.actor_id), "name", "")), None)


# ---------------------------------------------------------------------------------------------
# stores: SQLite always; PostgreSQL when DATELINE_TEST_PG_URL names a reachable server (.ci/pg-start)

PG_URL_ENV = "DATELINE_TEST_PG_URL"


@pytest.fixture()
def pg_url() -> Any:
    """A PostgreSQL URL whose search_path is a fresh schema (dropped afterwards); skips without a server."""
    import uuid

    import psycopg

    base = os.environ.get(PG_URL_ENV)
    if not base:
        pytest.skip(f"no PostgreSQL server: set {PG_URL_ENV} (see .ci/pg-start)")
    try:
        admin = psycopg.connect(base, autocommit=True, connect_timeout=5)
    except psycopg.Error as exc:
        pytest.skip(f"PostgreSQL at {base} is not reachable: {exc}")
    schema = f"test_{uuid.uuid4().hex[:12]}"
    try:
        admin.execute(f"CREATE SCHEMA {schema}")
        yield f"{base}{'&' if '?' in base else '?'}options=-csearch_path%3D{schema}"
    finally:
        admin.execute(f"DROP SCHEMA IF EXISTS {schema} CASCADE")
        admin.close()


def store_target(request: Any, tmp_path: Path, kind: str) -> str:
    """``--db`` for a fresh store of ``kind`` (sqlite: a file under tmp_path; postgres: a fresh schema)."""
    if kind == "postgres":
        return str(request.getfixturevalue("pg_url"))
    return str(tmp_path / "store.db")
