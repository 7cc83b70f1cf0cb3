"""The ingest loop: read items in, process new articles, write each batch in one transaction.

It takes the processing as a function (``Pipeline.process`` in-process) or as an engine with
``submit_batch`` (``pipeline/engines.py``), so the loop is the same whatever runs the stages.  With
an engine, batch k+1 is handed to the workers before batch k is written (at most ``in_flight``
batches submitted and not yet written), so the workers do not wait while the driver writes and
runs the corpus step; batches are still written one transaction each, in input order.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Protocol, cast

from dateline import corpus
from dateline.ingest import Skipped
from dateline.pipeline.engines import Done
from dateline.pipeline.runner import StageFailure
from dateline.records import Article, ArticleRecord
from dateline.store.base import SkipRecord, Store

Result = ArticleRecord | StageFailure
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
class _Batch:
    """A chunk of input on its way: what the reader skipped, how many it had, the work handed out."""

    size: int
    skipped: list[SkipRecord]
    unchanged: int
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
    queue: deque[_Batch] = deque()
    try:
        for chunk in chunks(items, batch_size):
            handed_out = set().union(*(batch.ids for batch in queue))
            queue.append(_start(chunk, store, submit, handed_out, fingerprint=fingerprint, force=force))
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


def _start(chunk: list[Article | Skipped], store: Store, submit: Submit, handed_out: set[str], *,
           fingerprint: str, force: bool) -> _Batch:
    skipped = [SkipRecord.of(item) for item in chunk if isinstance(item, Skipped)]
    articles = [item for item in chunk if isinstance(item, Article)]
    # an article of a batch still in flight (the same input twice, close together) counts as unchanged
    todo = [a for a in articles
            if a.id not in handed_out and (force or not store.has_article(a.id, fingerprint))]
    return _Batch(len(chunk), skipped, len(articles) - len(todo), submit(todo) if todo else None,
                  {a.id for a in todo})


def _finish(batch: _Batch, store: Store, summary: IngestSummary, fingerprint: str,
            on_progress: Progress | None) -> None:
    skipped = list(batch.skipped)
    records: list[ArticleRecord] = []
    for result in batch.work.result() if batch.work is not None else ():
        if isinstance(result, StageFailure):
            skipped.append(skip_of(result))
        else:
            records.append(result)
    store.write_batch(records, skipped, run_id=summary.run_id, fingerprint=fingerprint)
    if records:  # stories and cross-article identity; `dateline stories` catches up after a crash here
        corpus.update(store, records)
    summary.stored += len(records)
    summary.unchanged += batch.unchanged
    summary.skipped.extend(skipped)
    if on_progress is not None:
        on_progress(batch.size)


def chunks(items: Iterable[Article | Skipped], size: int) -> Iterator[list[Article | Skipped]]:
    chunk: list[Article | Skipped] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk
