"""Shared fixtures: one spaCy pipeline per test session, and the path to ../shared (may be absent)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from dateline.config import load_config
from dateline.ingest import make_article
from dateline.records import Article, ArticleRecord

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("DATELINE_SHARED", REPO.parent / "shared"))


def shared_path(*parts: str) -> Path:
    """A path under ../shared, or skip the test when that data is not here."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"data not available: {path}")
    return path


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
