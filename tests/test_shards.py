"""Parquet shards: `ingest --shards` then `dateline load` gives the database a direct ingest gives;
loading again changes no row; a corrupt shard is named, its batch-mates and the other shards load."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import store_target
from typer.testing import CliRunner

from dateline import PIPELINE_VERSION
from dateline.cli import app
from dateline.config import load_config
from dateline.ingest import Skipped, make_article
from dateline.pipeline.engines import LocalEngine
from dateline.pipeline.registry import plan
from dateline.records import Article
from dateline.store import open_store
from dateline.store.base import Store, fingerprint
from dateline.store.loader import ingest
from dateline.store.schema import DATA_TABLES
from dateline.store.shards import ShardMeta, ingest_to_shards, load_shards, read_header, shard_files, sharded_ids

CONFIG = load_config().with_(stages=["actors", "places"], batch_size=3)
VERSIONS = [s.versioned_name for s in plan(CONFIG.stages)]
STAMP = fingerprint(PIPELINE_VERSION, CONFIG.model, VERSIONS)
META = ShardMeta(STAMP, PIPELINE_VERSION, CONFIG.model, tuple(VERSIONS))
CORPUS_TABLES = ("stories", "story_features", "story_keys", "actor_aliases", "proposal_aliases", "event_clusters")
# when and by which run a row was written: differs between two databases by nature
CLOCK_COLUMNS = {"run_id", "stored_at", "updated_at", "at", "added_at"}
REPORTS = [
    "Foreign Minister Andrii Sybiha met Chinese envoy Li Hui in Kyiv on Monday to discuss a ceasefire.",
    "Ukraine's foreign minister Andriy Sybiha met China's envoy Li Hui in Kyiv on Monday about a truce.",
    "President Emmanuel Macron called Vladimir Putin from Paris for the first time in three years.",
    "NATO Secretary General Mark Rutte said in Brussels the alliance would keep supplying air defence.",
    "Turkish President Recep Tayyip Erdogan offered to host new talks in Istanbul next month.",
    "Kremlin spokesman Dmitry Peskov said in Moscow no date had been set for a summit.",
    "The United Nations said aid convoys reached Kherson after a two-week pause.",
]


def _items() -> list[Article | Skipped]:
    articles: list[Article | Skipped] = [
        make_article(text, title=f"Report {i}", published_at=f"2025-03-{10 + i % 3:02d}T09:00:00",
                     source_path=f"wire.jsonl#{i}")
        for i, text in enumerate(REPORTS)]
    articles.insert(4, Skipped("wire.jsonl:5", "E106", "line 5 is not a JSON object"))
    return articles


@pytest.fixture(scope="module")
def engine() -> Iterator[LocalEngine]:
    local = LocalEngine(CONFIG)
    local.workers = 2  # two parts per batch, as two workers would write them (computed here, in turn)
    yield local
    local.close()


@pytest.fixture(scope="module")
def shard_dir(engine: LocalEngine, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("shards")
    summary = ingest_to_shards(_items(), folder, engine, META, batch_size=CONFIG.batch_size)
    assert summary.stored == len(REPORTS) and len(summary.skipped) == 1
    return folder


def _direct(engine: LocalEngine, db: str) -> None:
    store = open_store(db)
    try:
        summary = ingest(_items(), store, engine, batch_size=CONFIG.batch_size, fingerprint=STAMP,
                         model=CONFIG.model, stages=VERSIONS)
        assert summary.stored == len(REPORTS)
    finally:
        store.close()


def _columns(store: Store, table: str) -> list[str]:
    if store.dialect == "sqlite":
        return [row[1] for row in store.rows(f"PRAGMA table_info({table})")]
    return [name for (name,) in store.rows(
        "SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() "
        "AND table_name = ? ORDER BY ordinal_position", (table,))]


def snapshot(db: str, *, clock: bool = False) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every data and corpus table (without the clock columns unless ``clock``), sorted."""
    store = open_store(db)
    try:
        out = {}
        for table in (*DATA_TABLES, *CORPUS_TABLES):
            kept = [c for c in _columns(store, table) if clock or c not in CLOCK_COLUMNS]
            out[table] = sorted(store.rows(f"SELECT {', '.join(kept)} FROM {table}"), key=repr)
        return out
    finally:
        store.close()


def _load(paths: list[Path], db: str) -> Any:
    store = open_store(db)
    try:
        return load_shards(paths, store)
    finally:
        store.close()


@pytest.mark.parametrize("kind", ["sqlite", "postgres"])
def test_loaded_shards_equal_a_direct_ingest_and_loading_again_changes_nothing(
        kind: str, engine: LocalEngine, shard_dir: Path, request: pytest.FixtureRequest, tmp_path: Path) -> None:
    loaded = store_target(request, tmp_path, kind)
    direct = str(tmp_path / "direct.db")
    _direct(engine, direct)
    first = _load([shard_dir], loaded)
    assert not first.problems and first.stored == len(REPORTS) and first.skipped == 1
    assert first.shards == len(list(shard_files([shard_dir]))) >= 4  # 8 inputs, batches of 3, two parts each
    expected = snapshot(direct)
    assert len(expected["articles"]) == len(REPORTS) and expected["actor_mentions"] and expected["skipped"]
    assert len({row[0] for row in expected["stories"]}) < len(REPORTS)  # two reports of one meeting: one story
    assert snapshot(loaded) == expected  # PostgreSQL too: the same values, column by column
    before = snapshot(loaded, clock=True)
    again = _load([shard_dir], loaded)
    assert (again.stored, again.unchanged, again.skipped, again.problems) == (0, len(REPORTS), 0, [])
    assert snapshot(loaded, clock=True) == before


def test_a_corrupt_shard_is_named_and_the_rest_loads(shard_dir: Path, tmp_path: Path) -> None:
    folder = tmp_path / "copy"
    shutil.copytree(shard_dir, folder)
    files = list(shard_files([folder]))
    truncated, garbage = files[1], files[-1]
    truncated.write_bytes(truncated.read_bytes()[: truncated.stat().st_size // 2])
    garbage.write_bytes(b"PAR1 this is not a shard")
    lost = _ids(shard_dir / truncated.name) | _ids(shard_dir / garbage.name)
    db = str(tmp_path / "partial.db")
    summary = _load([folder], db)
    assert sorted(p.path for p in summary.problems) == sorted([str(truncated), str(garbage)])
    assert all(p.code == "E108" and "not a dateline shard" in p.message for p in summary.problems)
    stored = {aid for (aid,) in open_ids(db)}
    assert lost and stored.isdisjoint(lost) and len(stored) == len(REPORTS) - len(lost)
    # a complete database is left as it was by a load that meets corrupt shards
    full = str(tmp_path / "full.db")
    _load([shard_dir], full)
    before = snapshot(full, clock=True)
    result = CliRunner().invoke(app, ["load", str(folder), "--db", full])
    assert result.exit_code == 1
    assert str(truncated) in result.output and str(garbage) in result.output and "[E108]" in result.output
    assert snapshot(full, clock=True) == before


def _ids(path: Path) -> set[str]:
    import pyarrow.parquet as pq

    return {a for a in pq.read_table(path, columns=["article_id"]).column(0).to_pylist() if a}


def open_ids(db: str) -> list[tuple[str]]:
    store = open_store(db)
    try:
        return [(aid,) for (aid,) in store.rows("SELECT id FROM articles")]
    finally:
        store.close()


def test_sharding_again_resumes_and_shards_carry_their_metadata(engine: LocalEngine, shard_dir: Path,
                                                                tmp_path: Path) -> None:
    folder = tmp_path / "resume"
    shutil.copytree(shard_dir, folder)
    (folder / ".half-written.parquet.1234.tmp").write_bytes(b"left by a killed worker")
    names = sorted(p.name for p in shard_files([folder]))
    assert len(sharded_ids(folder, STAMP)) == len(REPORTS) and not sharded_ids(folder, "another pipeline")
    again = ingest_to_shards(_items(), folder, engine, META, batch_size=CONFIG.batch_size)
    assert (again.stored, again.unchanged) == (0, len(REPORTS))
    # the bad input is written again (a shard of skips only), no article is
    new = sorted({p.name for p in shard_files([folder])} - set(names))
    assert len(new) == 1
    header = read_header(folder / new[0])
    assert header.meta == META and header.rows == 1 and header.part == 0
    assert names == sorted(names, key=lambda n: (read_header(folder / n).batch, read_header(folder / n).part))


def test_cli_refuses_shards_with_a_database(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["ingest", str(tmp_path), "--shards", str(tmp_path / "s"),
                                      "--db", str(tmp_path / "x.db")])
    assert result.exit_code == 2 and "--shards writes no database" in result.output
    missing = CliRunner().invoke(app, ["load", str(tmp_path / "nowhere"), "--db", str(tmp_path / "x.db")])
    assert missing.exit_code == 2 and "E107" in missing.output


def test_resume_reads_the_ids_from_the_footer_and_still_reads_shards_without_them(shard_dir: Path,
                                                                                 tmp_path: Path) -> None:
    import pyarrow.parquet as pq

    from dateline.store.shards import ARTICLE_IDS

    folder = tmp_path / "footer"
    shutil.copytree(shard_dir, folder)
    expected = sharded_ids(folder, STAMP)
    key = f"dateline.{ARTICLE_IDS}".encode()
    listed = {i for p in shard_files([folder]) for i in json.loads(pq.read_schema(p).metadata[key])}
    assert listed == expected and len(expected) == len(REPORTS)
    # a shard written before the ids were in its footer: the id columns are read instead
    for path in shard_files([folder]):
        table = pq.read_table(path)
        meta = {k: v for k, v in (table.schema.metadata or {}).items() if k != key}
        pq.write_table(table.replace_schema_metadata(meta), path)
    assert sharded_ids(folder, STAMP) == expected and not sharded_ids(folder, "another pipeline")


def test_the_load_skip_check_finds_articles_by_path_through_an_index_also_in_an_older_database(
        tmp_path: Path) -> None:
    db = tmp_path / "old.db"
    check = "SELECT 1 FROM articles WHERE source_path = ? AND fingerprint = ?"
    store = open_store(db)
    try:
        plan_rows = store.rows(f"EXPLAIN QUERY PLAN {check}", ("wire.jsonl#1", STAMP))
        assert any("articles_source_path" in str(row[-1]) for row in plan_rows)
        # as a database from before the migration: no index, no record of the migration
        store.rows("DROP INDEX articles_source_path")
        store.rows("DELETE FROM migrations WHERE name = '0004_articles_source_path'")
    finally:
        store.close()
    reopened = open_store(db)
    try:
        assert "0004_articles_source_path" in reopened.applied_migrations()
        assert reopened.rows("SELECT name FROM sqlite_master WHERE name = 'articles_source_path'")
    finally:
        reopened.close()
