"""The ingest loop: read items in, process new articles, write each batch in one transaction.

It takes the processing as a function (``Pipeline.process`` in-process; a pool or Dask engine can
pass its own), so the loop is the same whatever runs the stages.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field

from dateline import corpus
from dateline.ingest import Skipped
from dateline.pipeline.runner import StageFailure
from dateline.records import Article, ArticleRecord
from dateline.store.base import SkipRecord, Store

Processor = Callable[[list[Article]], Iterable[ArticleRecord | StageFailure]]
Progress = Callable[[int], None]


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


def ingest(items: Iterable[Article | Skipped], store: Store, process: Processor, *, batch_size: int,
           fingerprint: str, model: str | None = None, stages: Sequence[str] = (), force: bool = False,
           on_progress: Progress | None = None) -> IngestSummary:
    """Store every article of ``items`` not already stored by the same pipeline (all, with ``force``)."""
    summary = IngestSummary(store.start_run(model=model, stages=stages))
    status = "aborted"
    try:
        for chunk in chunks(items, batch_size):
            _ingest_chunk(chunk, store, process, summary, fingerprint=fingerprint, force=force)
            if on_progress is not None:
                on_progress(len(chunk))
        status = "failed" if summary.failed else "ok"
    finally:
        store.finish_run(summary.run_id, stored=summary.stored, unchanged=summary.unchanged,
                         skipped=len(summary.skipped), status=status)
    return summary


def _ingest_chunk(chunk: list[Article | Skipped], store: Store, process: Processor, summary: IngestSummary, *,
                  fingerprint: str, force: bool) -> None:
    skipped = [SkipRecord.of(item) for item in chunk if isinstance(item, Skipped)]
    articles = [item for item in chunk if isinstance(item, Article)]
    todo = [a for a in articles if force or not store.has_article(a.id, fingerprint)]
    records: list[ArticleRecord] = []
    for result in process(todo) if todo else ():
        if isinstance(result, StageFailure):
            skipped.append(skip_of(result))
        else:
            records.append(result)
    store.write_batch(records, skipped, run_id=summary.run_id, fingerprint=fingerprint)
    if records:  # stories and cross-article identity; `dateline stories` catches up after a crash here
        corpus.update(store, records)
    summary.stored += len(records)
    summary.unchanged += len(articles) - len(todo)
    summary.skipped.extend(skipped)


def chunks(items: Iterable[Article | Skipped], size: int) -> Iterator[list[Article | Skipped]]:
    chunk: list[Article | Skipped] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk
