"""The ingest loop hands batch k+1 to a background engine before it writes batch k: at most two
batches in flight, written in input order, one transaction each; a plain function is not held back."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from dateline.ingest import make_article
from dateline.records import Article, ArticleRecord
from dateline.store import open_store
from dateline.store.base import Store
from dateline.store.loader import IN_FLIGHT, Result, ingest

TEXTS = [f"Envoys met in Geneva on day {i} of the talks about prisoner exchange number {i}." for i in range(7)]


def _articles() -> list[Article]:
    return [make_article(text, title=f"Day {i}") for i, text in enumerate(TEXTS)]


def _stored(store: Store) -> int:
    return int(store.rows("SELECT COUNT(*) FROM articles")[0][0])


class _Later:
    def __init__(self, engine: FakeEngine, articles: list[Article]) -> None:
        self.engine, self.articles = engine, articles

    def result(self) -> list[Result]:
        self.engine.waiting -= 1
        return [ArticleRecord(article=a) for a in self.articles]


class FakeEngine:
    """Records, at each submit, how many articles were stored and how many batches were not collected."""

    background = True

    def __init__(self, store: Store) -> None:
        self.store = store
        self.waiting = 0
        self.seen: list[tuple[int, int]] = []

    def submit_batch(self, articles: list[Article]) -> _Later:
        self.waiting += 1
        self.seen.append((_stored(self.store), self.waiting))
        return _Later(self, articles)


def test_the_next_batch_is_submitted_before_this_one_is_written(tmp_path: Path) -> None:
    store = open_store(tmp_path / "overlap.db")
    try:
        engine = FakeEngine(store)
        summary = ingest(_articles(), store, engine, batch_size=2, fingerprint="test")
        assert summary.stored == len(TEXTS) and _stored(store) == len(TEXTS)
        # batch 2 goes out while batch 1 is not yet written; then one batch is written per submit
        assert engine.seen == [(0, 1), (0, 2), (2, 2), (4, 2)]
        assert max(waiting for _, waiting in engine.seen) == IN_FLIGHT
        again = ingest(_articles(), store, FakeEngine(store), batch_size=2, fingerprint="test")
        assert (again.stored, again.unchanged) == (0, len(TEXTS))
    finally:
        store.close()


def test_a_plain_function_writes_each_batch_before_the_next(tmp_path: Path) -> None:
    store = open_store(tmp_path / "plain.db")
    stored_at_call: list[int] = []

    def process(articles: list[Article]) -> list[ArticleRecord]:
        stored_at_call.append(_stored(store))
        return [ArticleRecord(article=a) for a in articles]

    try:
        ingest(_articles(), store, process, batch_size=2, fingerprint="test")
        assert stored_at_call == [0, 2, 4, 6]
    finally:
        store.close()


def test_an_article_twice_in_adjacent_batches_is_processed_once(tmp_path: Path) -> None:
    store = open_store(tmp_path / "twice.db")
    try:
        articles = _articles()[:3]
        engine = FakeEngine(store)
        summary = ingest([articles[0], articles[1], articles[0], articles[2]], store, engine, batch_size=2,
                         fingerprint="test")
        assert (summary.stored, summary.unchanged) == (3, 1) and _stored(store) == 3
    finally:
        store.close()


class TwoWorkers(FakeEngine):
    """A fake engine with two workers that notes the size of each hand-out."""

    workers = 2

    def __init__(self, store: Store) -> None:
        super().__init__(store)
        self.submitted: list[int] = []

    def submit_batch(self, articles: list[Article]) -> _Later:
        self.submitted.append(len(articles))
        return super().submit_batch(articles)


def test_an_engine_with_n_workers_gets_n_batches_at_once_and_each_is_written_alone(tmp_path: Path) -> None:
    store = open_store(tmp_path / "groups.db")
    written: list[int] = []
    write_batch = store.write_batch

    def counting(records: Any, skipped: Any, **kwargs: Any) -> Any:
        written.append(len(records))
        return write_batch(records, skipped, **kwargs)

    try:
        store.write_batch = counting  # type: ignore[method-assign]
        engine, sizes = TwoWorkers(store), list[int]()
        summary = ingest(_articles(), store, engine, batch_size=2, fingerprint="test", on_progress=sizes.append)
        assert summary.stored == len(TEXTS) and _stored(store) == len(TEXTS)
        # two batches per hand-out (the last one shorter); one transaction and one progress step per batch
        assert engine.submitted == [4, 3] and written == [2, 2, 2, 1] and sizes == [2, 2, 2, 1]
    finally:
        store.close()
