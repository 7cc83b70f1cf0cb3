"""Engines: where the batch function (:meth:`Pipeline.process`) runs.

- ``local``: in this process.
- ``processes``: a ``concurrent.futures`` process pool; each worker builds its Pipeline once (the
  pool's initializer), so spaCy and the gazetteer load once per worker, not per batch.
- ``dask``: a ``dask.distributed`` Client on ``--scheduler`` (or a LocalCluster); a WorkerPlugin
  builds the Pipeline once per worker.

Every engine takes a batch of articles and gives back the records (or stage failures) in input
order; the driver writes them to the store, one transaction per batch (``store/loader.py``).
"""

from __future__ import annotations

import math
import multiprocessing
import os
from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any, Protocol

from dateline.config import Config
from dateline.errors import EngineError
from dateline.pipeline.runner import Pipeline, StageFailure
from dateline.records import Article, ArticleRecord

ENGINES = ("local", "processes", "dask")
Result = ArticleRecord | StageFailure
# Seconds to wait for a Dask scheduler (and its workers) before giving up.
DASK_CONNECT_TIMEOUT_S = 30
PLUGIN_NAME = "dateline-pipeline"


class Engine(Protocol):
    workers: int

    def process(self, articles: list[Article]) -> list[Result]: ...

    def close(self) -> None: ...


def split(articles: list[Article], parts: int) -> list[list[Article]]:
    """``articles`` in at most ``parts`` contiguous slices of near-equal size, order kept."""
    if not articles:
        return []
    size = math.ceil(len(articles) / max(1, parts))
    return [articles[i:i + size] for i in range(0, len(articles), size)]


def worker_count(requested: int) -> int:
    """``requested`` workers, or one per CPU when it is 0."""
    if requested < 0:
        raise EngineError(f"--workers must be 0 (one per CPU) or more, got {requested}")
    return requested or os.cpu_count() or 1


def make_engine(name: str, config: Config, *, workers: int = 0, scheduler: str | None = None) -> Engine:
    """The engine called ``name`` (see :data:`ENGINES`), started and ready."""
    if name == "local":
        return LocalEngine(config)
    if name == "processes":
        return ProcessEngine(config, worker_count(workers))
    if name == "dask":
        return DaskEngine(config, workers=worker_count(workers), scheduler=scheduler)
    raise EngineError(f"unknown engine {name!r}; use one of {', '.join(ENGINES)}")


# ---------------------------------------------------------------------------------------------
# local


class LocalEngine:
    workers = 1

    def __init__(self, config: Config) -> None:
        self.pipeline = Pipeline(config)

    def process(self, articles: list[Article]) -> list[Result]:
        return list(self.pipeline.process(articles))

    def close(self) -> None:
        return None


# ---------------------------------------------------------------------------------------------
# process pool

# The Pipeline of this pool worker process, built once by the pool's initializer.
_WORKER_PIPELINE: Pipeline | None = None


def _init_worker(config: Config) -> None:
    global _WORKER_PIPELINE
    _WORKER_PIPELINE = Pipeline(config)


def _process_in_worker(articles: list[Article]) -> list[Result]:
    if _WORKER_PIPELINE is None:
        raise EngineError("the pool worker has no pipeline (its initializer did not run)")
    return list(_WORKER_PIPELINE.process(articles))


class ProcessEngine:
    """A pool of ``workers`` processes (spawned: no state forked from the driver)."""

    def __init__(self, config: Config, workers: int) -> None:
        self.workers = workers
        self.pool = ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn"),
                                        initializer=_init_worker, initargs=(config,))

    def process(self, articles: list[Article]) -> list[Result]:
        try:
            return _flatten(self.pool.map(_process_in_worker, split(articles, self.workers)))
        except BrokenProcessPool as exc:
            raise EngineError(f"a pool worker died: {exc}",
                              hint="a worker may have run out of memory; try fewer --workers") from None

    def close(self) -> None:
        self.pool.shutdown(cancel_futures=True)


def _flatten(parts: Iterable[list[Result]]) -> list[Result]:
    return [result for part in parts for result in part]


# ---------------------------------------------------------------------------------------------
# Dask


def _distributed() -> Any:
    """``dask.distributed``, imported when used (it has partial type hints: typed as Any here)."""
    import distributed

    return distributed


def _pipeline_plugin(config: Config) -> Any:
    """A WorkerPlugin that builds the Pipeline once when a worker starts (or joins later)."""
    base: Any = _distributed().WorkerPlugin

    class PipelinePlugin(base):  # type: ignore[misc]  # a base class only known at run time
        name = PLUGIN_NAME

        def __init__(self, settings: Config) -> None:
            self.config = settings
            self.pipeline: Pipeline | None = None

        def setup(self, worker: Any) -> None:
            self.pipeline = Pipeline(self.config)

    return PipelinePlugin(config)


def _process_on_dask_worker(articles: list[Article]) -> list[Result]:
    pipeline: Pipeline | None = _distributed().get_worker().plugins[PLUGIN_NAME].pipeline
    if pipeline is None:
        raise EngineError("the Dask worker has no pipeline (the dateline plugin did not set up)")
    return list(pipeline.process(articles))


class DaskEngine:
    """Batches split across the workers of a Dask cluster; results gathered back to the driver."""

    def __init__(self, config: Config, *, workers: int, scheduler: str | None, processes: bool = True,
                 connect_timeout_s: float = DASK_CONNECT_TIMEOUT_S) -> None:
        self.cluster: Any = None
        self.connect_timeout_s = connect_timeout_s
        self.client: Any = self._connect(workers, scheduler, processes)
        try:
            self.client.register_plugin(_pipeline_plugin(config))
        except Exception:
            self.close()
            raise
        self.workers = max(1, len(self.client.scheduler_info(n_workers=-1)["workers"]))

    def _connect(self, workers: int, scheduler: str | None, processes: bool) -> Any:
        dd = _distributed()
        try:
            if scheduler:
                return dd.Client(scheduler, timeout=self.connect_timeout_s)
            self.cluster = dd.LocalCluster(n_workers=workers, threads_per_worker=1, processes=processes,
                                           dashboard_address=None)
            return dd.Client(self.cluster)
        except (OSError, TimeoutError) as exc:
            raise EngineError(f"cannot reach the Dask scheduler {scheduler or '(local)'}: {exc}") from None

    def process(self, articles: list[Article]) -> list[Result]:
        futures = self.client.map(_process_on_dask_worker, split(articles, self.workers), pure=False)
        return _flatten(self.client.gather(futures))

    def close(self) -> None:
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()
