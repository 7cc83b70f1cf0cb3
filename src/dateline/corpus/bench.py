"""Story-clustering time per 1,000 articles on a JSONL corpus, without NLP: the text part of the
stories step (MinHash signatures, the persisted LSH index in a scratch SQLite store, candidate
checks, connected components).  Writing the articles is not timed; the corpus step is.

:func:`linearity` runs the first tenth of the articles and then all of them: the target is that
10x the articles costs at most 15x the time (:data:`LINEAR_TARGET`).
"""

from __future__ import annotations

import tempfile
import time
from dataclasses import asdict, dataclass
from itertools import islice
from pathlib import Path
from typing import Any

from dateline.errors import MissingInput
from dateline.records import Article, ArticleRecord

# The most time 10x the articles may take, as a multiple of the time for 1x.
LINEAR_TARGET = 15.0
# Articles per corpus step, as the ingest loop's batches.
BATCH = 500
# Largest article text read (bytes).
MAX_TEXT_BYTES = 2_000_000


@dataclass(frozen=True)
class StoryBench:
    path: str
    articles: int
    seconds: float  # wall clock of the corpus step
    cpu_seconds: float  # this process's CPU time in it (steadier on a shared machine)
    stories: int
    linked: int  # articles in a story of two or more
    duplicates: int  # articles pointing at an earlier copy

    @property
    def per_1000_s(self) -> float:
        return self.seconds * 1000 / self.articles if self.articles else 0.0

    @property
    def cpu_per_1000_s(self) -> float:
        return self.cpu_seconds * 1000 / self.articles if self.articles else 0.0

    def as_dict(self) -> dict[str, Any]:
        return {**asdict(self), "per_1000_s": round(self.per_1000_s, 3),
                "cpu_per_1000_s": round(self.cpu_per_1000_s, 3)}


def read_articles(path: Path, limit: int | None) -> list[Article]:
    from dateline.ingest.jsonl import read_jsonl

    if not path.is_file():
        raise MissingInput("no JSONL corpus here", path=str(path))
    with path.open("rb") as stream:
        items = (i for i in read_jsonl(stream, path=str(path), max_text_bytes=MAX_TEXT_BYTES) if isinstance(i, Article))
        return list(islice(items, limit))


def bench_stories(path: Path, limit: int | None = None, *, articles: list[Article] | None = None,
                  batch: int = BATCH) -> StoryBench:
    """Cluster the corpus's articles into stories in a scratch store, timing the corpus step only."""
    from dateline import corpus
    from dateline.corpus import text as T
    from dateline.store.loader import batched
    from dateline.store.sqlite import SQLiteStore

    todo = articles if articles is not None else read_articles(path, limit)
    T.bands()  # datasketch's parameter search (and its scipy import) happens once per process: not timed
    elapsed = cpu = 0.0
    with tempfile.TemporaryDirectory() as tmp, SQLiteStore(Path(tmp) / "stories.db") as store:
        for chunk in batched(todo, batch):
            records = [ArticleRecord(a) for a in chunk]
            store.write_batch(records, [])
            started, started_cpu = time.perf_counter(), time.process_time()
            corpus.update(store, records)
            elapsed += time.perf_counter() - started
            cpu += time.process_time() - started_cpu
        stories, linked, duplicates = store.rows(
            "SELECT COUNT(DISTINCT story_id), SUM(CASE WHEN similarity IS NULL THEN 0 ELSE 1 END), "
            "COUNT(duplicate_of) FROM stories")[0]
    return StoryBench(str(path), len(todo), round(elapsed, 3), round(cpu, 3), int(stories), int(linked or 0),
                      int(duplicates))


@dataclass(frozen=True)
class Linearity:
    small: StoryBench
    large: StoryBench

    @property
    def time_ratio(self) -> float:
        return self.large.seconds / self.small.seconds if self.small.seconds else 0.0

    @property
    def cpu_ratio(self) -> float:
        return self.large.cpu_seconds / self.small.cpu_seconds if self.small.cpu_seconds else 0.0

    @property
    def size_ratio(self) -> float:
        return self.large.articles / self.small.articles if self.small.articles else 0.0

    @property
    def near_linear(self) -> bool:
        """Time grows at most 1.5x as fast as the articles (10x articles <= 15x time), by wall clock and CPU."""
        return max(self.time_ratio, self.cpu_ratio) <= self.size_ratio * LINEAR_TARGET / 10

    def as_dict(self) -> dict[str, Any]:
        return {"small": self.small.as_dict(), "large": self.large.as_dict(), "size_ratio": round(self.size_ratio, 2),
                "time_ratio": round(self.time_ratio, 2), "cpu_ratio": round(self.cpu_ratio, 2),
                "near_linear": self.near_linear}


def linearity(path: Path, limit: int | None = None) -> Linearity:
    """The first tenth of the articles, then all of them (read once)."""
    articles = read_articles(path, limit)
    small = bench_stories(path, articles=articles[: max(1, len(articles) // 10)])
    return Linearity(small, bench_stories(path, articles=articles))
