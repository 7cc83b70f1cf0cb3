"""The batch function: articles in, records out.  Same code in-process, in a pool, on Dask."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from dateline.config import Config
from dateline.nlp import load_nlp
from dateline.pipeline.registry import StageFn, StageSpec, plan
from dateline.records import Article, ArticleRecord

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class StageFailure:
    """A stage raised on one article: the article is kept out of the store and reported."""

    article_id: str
    source_path: str | None
    stage: str
    message: str

    @property
    def code(self) -> str:
        return "E303"


class Pipeline:
    """spaCy plus the configured stages, each built once (one Pipeline per worker)."""

    def __init__(self, config: Config) -> None:
        self.config = config
        self.specs: list[StageSpec] = plan(config.stages)
        self.nlp = load_nlp(config.model, config.gemm)
        self.stages: list[tuple[StageSpec, StageFn]] = [(s, s.factory(config)) for s in self.specs]

    @property
    def stage_versions(self) -> list[str]:
        return [s.versioned_name for s in self.specs]

    def process_one(self, article: Article) -> ArticleRecord:
        result = next(self.process([article]))
        if isinstance(result, StageFailure):
            raise RuntimeError(f"stage {result.stage} failed: {result.message}")
        return result

    def process(self, articles: Iterable[Article]) -> Iterator[ArticleRecord | StageFailure]:
        """Records in input order; one ``nlp.pipe`` pass over the batch."""
        batch: list[Article] = []
        for article in articles:
            batch.append(article)
            if len(batch) >= self.config.batch_size:
                yield from self._run_batch(batch)
                batch = []
        if batch:
            yield from self._run_batch(batch)

    def _run_batch(self, batch: list[Article]) -> Iterator[ArticleRecord | StageFailure]:
        docs = self.nlp.pipe((a.text for a in batch), batch_size=len(batch))
        for article, doc in zip(batch, docs, strict=True):
            yield self._run_stages(article, doc)

    def _run_stages(self, article: Article, doc: object) -> ArticleRecord | StageFailure:
        record = ArticleRecord(article=article)
        for spec, fn in self.stages:
            try:
                record = fn(doc, record)
            except Exception as exc:  # noqa: BLE001 - one bad article must not end a corpus run
                log.exception("stage %s failed on %s", spec.versioned_name, article.id)
                return StageFailure(article.id, article.source_path, spec.versioned_name, repr(exc))
        return record
