"""The ingest loop: read items in, process new articles, write each batch in one transaction.

It takes the processing as a function (``Pipeline.process`` in-process) or as an engine with
``submit_batch`` (``pipeline/engines.py``), so the loop is the same whatever runs the stages.  With
an engine, batch k+1 is handed to the workers before batch k is written (at most ``in_flight``
submissions not yet written), so the workers do not wait while the driver writes and runs the
corpus step; batches are still written one transaction each, in input order.

An engine with N workers is handed N batches at a time (a *group*: :func:`group_size`), which it
splits into N near-equal parts: each worker gets a whole batch's worth of articles, so spaCy runs
on batches of ``batch_size`` texts as in one process (a batch cut in N slices of ``batch_size / N``
costs 3 to 4% more CPU at N = 2, 8% at N = 4), and the last, short group of the input is still
shared out evenly (no worker left alone with a full batch at the end).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import islice
from typing import Protocol, TypeVar, cast

from dateline import corpus
from dateline.ingest import Skipped
from dateline.pipeline.engines import Done
from dateline.pipeline.runner import StageFailure
from dateline.records import Article, ArticleRecord
from dateline.store.base import SkipRecord, Store

Result = ArticleRecord | StageFailure
T = TypeVar("T")
Processor = Callable[[list[Article]], Iterable[Result]]
Progress = Callable[[int], None]
# Batches handed to an engine and not yet written: 2 keeps the workers busy while the driver writes;
# a killed run loses at most these (they are processed again on the next run).
IN_FLIGHT = 2


class PendingBatch(Protocol):
    def result(self) -> list[Result]: ...


class BatchSubmitter(Protocol):
    """An engine (``pipeline.engines.Engine``); ``background``: it works while the driver writes."""

    background: bool

    def submit_batch(self, articles: list[Article]) -> PendingBatch: ...


def group_size(process: object) -> int:
    """Batches handed to ``process`` at a time: its worker count for an engine working in the
    background (one whole batch per worker), else 1."""
    if not getattr(process, "background", False):
        return 1
    workers = getattr(process, "workers", 1)
    return max(1, workers) if isinstance(workers, int) else 1


@dataclass
class IngestSummary:
    """What a run did: articles stored, unchanged (already stored by the same pipeline), skipped."""

    run_id: str
    stored: int = 0
    unchanged: int = 0
    skipped: list[SkipRecord] = field(default_factory=list)

    @property
    def failed(self) -> bool:
        return bool(self.skipped)


def skip_of(failure: StageFailure) -> SkipRecord:
    return SkipRecord(path=failure.source_path or failure.article_id, code=failure.code,
                      reason=f"stage {failure.stage} failed: {failure.message}", stage=failure.stage,
                      article_id=failure.article_id)


@dataclass
class _Chunk:
    """One batch of input in a group: how many items it had, what the reader skipped, the articles
    unchanged (already stored), and how many of the group's results are its own."""

    size: int
    skipped: list[SkipRecord]
    unchanged: int
    todo: int


@dataclass
class _Group:
    """Batches handed out together (:func:`group_size`): one piece of work, written batch by batch."""

    chunks: list[_Chunk]
    work: PendingBatch | None
    ids: set[str] = field(default_factory=set)  # the articles handed out


def ingest(items: Iterable[Article | Skipped], store: Store, process: Processor | BatchSubmitter, *,
           batch_size: int, fingerprint: str, model: str | None = None, stages: Sequence[str] = (),
           force: bool = False, on_progress: Progress | None = None, in_flight: int = IN_FLIGHT) -> IngestSummary:
    """Store every article of ``items`` not already stored by the same pipeline (all, with ``force``)."""
    submit, background = _submitter(process)
    depth = max(1, in_flight) if background else 1  # no gain in holding batches computed already
    summary = IngestSummary(store.start_run(model=model, stages=stages))
    status = "aborted"
    queue: deque[_Group] = deque()
    try:
        for group in batched(batched(items, batch_size), group_size(process)):
            handed_out = set().union(*(g.ids for g in queue))
            queue.append(_start(group, store, submit, handed_out, fingerprint=fingerprint, force=force))
            while len(queue) >= depth:
                _finish(queue.popleft(), store, summary, fingerprint, on_progress)
        while queue:
            _finish(queue.popleft(), store, summary, fingerprint, on_progress)
        status = "failed" if summary.failed else "ok"
    finally:
        store.finish_run(summary.run_id, stored=summary.stored, unchanged=summary.unchanged,
                         skipped=len(summary.skipped), status=status)
    return summary


Submit = Callable[[list[Article]], PendingBatch]


def _submitter(process: Processor | BatchSubmitter) -> tuple[Submit, bool]:
    """How to hand out a batch, and whether the work goes on in the background."""
    if hasattr(process, "submit_batch"):
        engine = cast(BatchSubmitter, process)
        return engine.submit_batch, bool(getattr(engine, "background", False))
    function = process
    return (lambda articles: Done(list(function(articles)))), False


def _start(group: list[list[Article | Skipped]], store: Store, submit: Submit, handed_out: set[str], *,
           fingerprint: str, force: bool) -> _Group:
    out = _Group([], None)
    todo: list[Article] = []
    for chunk in group:
        articles = [item for item in chunk if isinstance(item, Article)]
        # an article handed out already (the same input twice, close together) counts as unchanged
        mine = [a for a in articles if a.id not in handed_out and a.id not in out.ids
                and (force or not store.has_article(a.id, fingerprint))]
        out.ids.update(a.id for a in mine)
        todo.extend(mine)
        out.chunks.append(_Chunk(len(chunk), [SkipRecord.of(item) for item in chunk if isinstance(item, Skipped)],
                                 len(articles) - len(mine), len(mine)))
    out.work = submit(todo) if todo else None
    return out


def _finish(group: _Group, store: Store, summary: IngestSummary, fingerprint: str,
            on_progress: Progress | None) -> None:
    results = iter(group.work.result() if group.work is not None else ())
    for chunk in group.chunks:  # one transaction per batch, in input order
        skipped = list(chunk.skipped)
        records: list[ArticleRecord] = []
        for result in islice(results, chunk.todo):
            if isinstance(result, StageFailure):
                skipped.append(skip_of(result))
            else:
                records.append(result)
        store.write_batch(records, skipped, run_id=summary.run_id, fingerprint=fingerprint)
        if records:  # stories and cross-article identity; `dateline stories` catches up after a crash here
            corpus.update(store, records)
        summary.stored += len(records)
        summary.unchanged += chunk.unchanged
        summary.skipped.extend(skipped)
        if on_progress is not None:
            on_progress(chunk.size)


def batched(items: Iterable[T], size: int) -> Iterator[list[T]]:
    """``items`` in lists of ``size`` (the last one shorter), read lazily: input items into batches,
    batches into an engine's groups."""
    batch: list[T] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch
