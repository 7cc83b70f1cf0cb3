"""Engines: the same batch function in-process, in a real process pool and on a Dask LocalCluster
gives the same stored rows, written by the driver or as Parquet shards by the workers and loaded."""

from __future__ import annotations

from pathlib import Path

import pytest

from dateline.config import load_config
from dateline.errors import EngineError
from dateline.ingest import make_article
from dateline.pipeline.engines import DaskEngine, Engine, local_cluster_settings, make_engine, split, worker_count
from dateline.pipeline.registry import plan
from dateline.records import Article, ArticleRecord
from dateline.store import open_store
from dateline.store import queries as Q
from dateline.store.base import fingerprint
from dateline.store.loader import ingest
from dateline.store.shards import ShardMeta, ingest_to_shards, load_shards

CONFIG = load_config().with_(stages=["actors"], batch_size=4)
REPORTS = [
    "Foreign Minister Andrii Sybiha met Chinese envoy Li Hui in Kyiv on Monday.",
    "President Emmanuel Macron called Vladimir Putin for the first time in three years.",
    "NATO Secretary General Mark Rutte said the alliance would keep supplying air defence.",
    "Turkish President Recep Tayyip Erdogan offered to host new talks in Istanbul.",
    "Kremlin spokesman Dmitry Peskov said no date had been set for a summit.",
    "The United Nations said aid convoys reached Kherson after a two-week pause.",
    "Prime Minister Keir Starmer met Ukrainian officials in London on Thursday.",
]


def _articles() -> list[Article]:
    return [make_article(text, title=f"Report {i}", published_at=f"2025-03-{10 + i:02d}T09:00:00")
            for i, text in enumerate(REPORTS)]


VERSIONS = [s.versioned_name for s in plan(CONFIG.stages)]
META = ShardMeta(fingerprint("test", CONFIG.model, VERSIONS), "test", CONFIG.model, tuple(VERSIONS))
Rows = tuple[dict[str, int], list[ArticleRecord]]


def _rows(db: Path) -> Rows:
    store = open_store(db)
    try:
        return store.table_counts(), list(Q.iter_records(store))
    finally:
        store.close()


def _store_with(engine: Engine, db: Path, *, close: bool = True) -> Rows:
    """The engine's rows through the ingest loop (the engine itself: batches overlap the writes)."""
    store = open_store(db)
    try:
        summary = ingest(_articles(), store, engine, batch_size=CONFIG.batch_size, fingerprint=META.fingerprint,
                         stages=VERSIONS)
        assert summary.stored == len(REPORTS) and not summary.skipped
    finally:
        store.close()
        if close:
            engine.close()
    return _rows(db)


def _sharded_with(engine: Engine, folder: Path) -> Rows:
    """The engine's workers write Parquet shards; `dateline load` imports them into a fresh store."""
    try:
        summary = ingest_to_shards(_articles(), folder / "shards", engine, META, batch_size=CONFIG.batch_size)
        assert summary.stored == len(REPORTS) and not summary.skipped
    finally:
        engine.close()
    store = open_store(folder / "loaded.db")
    try:
        loaded = load_shards([folder / "shards"], store)
        assert not loaded.problems and loaded.stored == len(REPORTS)
    finally:
        store.close()
    return _rows(folder / "loaded.db")


@pytest.fixture(scope="module")
def local_rows(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, int], list[ArticleRecord]]:
    return _store_with(make_engine("local", CONFIG), tmp_path_factory.mktemp("local") / "local.db")


def test_the_process_pool_stores_the_same_rows(local_rows: tuple[dict[str, int], list[ArticleRecord]],
                                               tmp_path: Path) -> None:
    engine = make_engine("processes", CONFIG, workers=2)
    assert engine.workers == 2 and engine.background
    assert _store_with(engine, tmp_path / "pool.db", close=False) == local_rows
    assert local_rows[0]["actor_mentions"] >= len(REPORTS)
    assert _sharded_with(engine, tmp_path) == local_rows  # the pool workers write the shards


def test_a_two_worker_dask_cluster_stores_the_same_rows(local_rows: tuple[dict[str, int], list[ArticleRecord]],
                                                        tmp_path: Path) -> None:
    engine = DaskEngine(CONFIG, workers=2, scheduler=None, processes=False)
    assert engine.workers == 2 and engine.background
    assert _store_with(engine, tmp_path / "dask.db", close=False) == local_rows
    assert _sharded_with(engine, tmp_path) == local_rows  # the Dask workers write the shards


def test_the_local_cluster_settings_keep_the_blas_limits_and_drop_malloc_trimming() -> None:
    settings = local_cluster_settings()
    environ = settings["distributed.nanny.pre-spawn-environ"]
    assert "MALLOC_TRIM_THRESHOLD_" not in environ and environ["OMP_NUM_THREADS"] == 1
    assert settings["distributed.worker.profile.enabled"] is False


def test_split_keeps_order_and_balances() -> None:
    items = _articles()
    parts = split(items, 3)
    assert [len(p) for p in parts] == [3, 2, 2] and [a for p in parts for a in p] == items
    assert [len(p) for p in split(items * 10, 2)] == [35, 35] and [len(p) for p in split(items, 2)] == [4, 3]
    assert split([], 4) == [] and split(items[:1], 4) == [items[:1]] and split(items, 1) == [items]


def test_bad_engine_settings_are_coded_errors() -> None:
    with pytest.raises(EngineError, match="unknown engine"):
        make_engine("spark", CONFIG)
    with pytest.raises(EngineError):
        worker_count(-1)
    assert worker_count(3) == 3 and worker_count(0) >= 1
    with pytest.raises(EngineError, match="cannot reach"):
        DaskEngine(CONFIG, workers=1, scheduler="tcp://127.0.0.1:1", processes=False, connect_timeout_s=1)
