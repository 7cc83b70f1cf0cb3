"""Engines: the same batch function in-process, in a real process pool and on a Dask LocalCluster
gives the same stored rows."""

from __future__ import annotations

from pathlib import Path

import pytest

from dateline.config import load_config
from dateline.errors import EngineError
from dateline.ingest import make_article
from dateline.pipeline.engines import DaskEngine, Engine, make_engine, split, worker_count
from dateline.pipeline.registry import plan
from dateline.records import Article, ArticleRecord
from dateline.store import open_store
from dateline.store import queries as Q
from dateline.store.base import fingerprint
from dateline.store.loader import ingest

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


def _store_with(engine: Engine, db: Path) -> tuple[dict[str, int], list[ArticleRecord]]:
    versions = [s.versioned_name for s in plan(CONFIG.stages)]
    store = open_store(db)
    try:
        summary = ingest(_articles(), store, engine.process, batch_size=CONFIG.batch_size,
                         fingerprint=fingerprint("test", CONFIG.model, versions), stages=versions)
        assert summary.stored == len(REPORTS) and not summary.skipped
        return store.table_counts(), list(Q.iter_records(store))
    finally:
        store.close()
        engine.close()


@pytest.fixture(scope="module")
def local_rows(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, int], list[ArticleRecord]]:
    return _store_with(make_engine("local", CONFIG), tmp_path_factory.mktemp("local") / "local.db")


def test_the_process_pool_stores_the_same_rows(local_rows: tuple[dict[str, int], list[ArticleRecord]],
                                               tmp_path: Path) -> None:
    engine = make_engine("processes", CONFIG, workers=2)
    assert engine.workers == 2
    assert _store_with(engine, tmp_path / "pool.db") == local_rows
    assert local_rows[0]["actor_mentions"] >= len(REPORTS)


def test_a_two_worker_dask_cluster_stores_the_same_rows(local_rows: tuple[dict[str, int], list[ArticleRecord]],
                                                        tmp_path: Path) -> None:
    engine = DaskEngine(CONFIG, workers=2, scheduler=None, processes=False)
    assert engine.workers == 2
    assert _store_with(engine, tmp_path / "dask.db") == local_rows


def test_split_keeps_order_and_balances() -> None:
    items = _articles()
    parts = split(items, 3)
    assert [len(p) for p in parts] == [3, 3, 1] and [a for p in parts for a in p] == items
    assert split([], 4) == [] and split(items[:1], 4) == [items[:1]]


def test_bad_engine_settings_are_coded_errors() -> None:
    with pytest.raises(EngineError, match="unknown engine"):
        make_engine("spark", CONFIG)
    with pytest.raises(EngineError):
        worker_count(-1)
    assert worker_count(3) == 3 and worker_count(0) >= 1
    with pytest.raises(EngineError, match="cannot reach"):
        DaskEngine(CONFIG, workers=1, scheduler="tcp://127.0.0.1:1", processes=False, connect_timeout_s=1)
