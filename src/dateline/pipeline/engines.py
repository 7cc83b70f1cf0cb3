"""Engines: where the batch function (:meth:`Pipeline.process`) runs.

- ``local``: in this process.
- ``processes``: a ``concurrent.futures`` process pool; each worker builds its Pipeline once (the
  pool's initializer), so spaCy and the gazetteer load once per worker, not per batch.
- ``dask``: a ``dask.distributed`` Client on ``--scheduler`` (or a LocalCluster); a WorkerPlugin
  starts a single-threaded child process per worker thread that builds the Pipeline once
  (:mod:`dateline.pipeline.child` says why a child).

Every engine runs a *task* (a top-level function ``task(pipeline, part)``, so that it pickles by
name) over the parts of a batch, on the worker's own Pipeline, and gives the results back in input
order.  The ingest loop hands an engine with N workers N batches at a time, so each part is a
whole batch's worth of articles (``store/loader.py``: ``group_size``).  Each worker's Pipeline is
built once and warmed up on a short text of our own (:func:`warm_up`) before it gets work.
:meth:`Engine.submit` returns at once with a :class:`Pending` (the pool and Dask work in the
background meanwhile), so the ingest loop can write batch k while batch k+1 is processed
(``store/loader.py``); :meth:`Engine.process` is the blocking form for one batch of articles.  The
tasks are :func:`run_articles` (the records come back to the driver, which writes them to the
store) and ``store.shards.shard_task`` (the worker writes a Parquet shard and sends back a summary).
"""

from __future__ import annotations

import multiprocessing
import os
import pickle
import queue
from collections.abc import Callable, Iterable
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any, Generic, Protocol, TypeVar

from dateline.config import Config
from dateline.errors import EngineError
from dateline.pipeline.child import PipelineProcess
from dateline.pipeline.runner import Pipeline, StageFailure
from dateline.records import Article, ArticleRecord

ENGINES = ("local", "processes", "dask")
Result = ArticleRecord | StageFailure
# Seconds to wait for a Dask scheduler (and its workers) before giving up.
DASK_CONNECT_TIMEOUT_S = 30
PLUGIN_NAME = "dateline-pipeline"

P = TypeVar("P")
R = TypeVar("R")
R_co = TypeVar("R_co", covariant=True)
Task = Callable[[Pipeline, P], R]


class Pending(Protocol[R_co]):
    """Work handed to an engine; :meth:`result` waits for it (and raises what the work raised)."""

    def result(self) -> R_co: ...


class Done(Generic[R]):
    """Work already done (the ``local`` engine computes on submit)."""

    def __init__(self, value: R) -> None:
        self.value = value

    def result(self) -> R:
        return self.value


class Flattened:
    """The per-part result lists of a batch as one list, in input order."""

    def __init__(self, parts: Pending[list[list[Result]]]) -> None:
        self.parts = parts

    def result(self) -> list[Result]:
        return _flatten(self.parts.result())


class Engine(Protocol):
    workers: int
    background: bool  # whether submitted work goes on while the driver does something else

    def submit(self, task: Task[P, R], parts: list[P]) -> Pending[list[R]]: ...

    def submit_batch(self, articles: list[Article]) -> Pending[list[Result]]: ...

    def process(self, articles: list[Article]) -> list[Result]: ...

    def close(self) -> None: ...


# A short report of our own, run through a new Pipeline before it gets work: every stage's lazy
# tables (gazetteer subdivisions, name and cue tables, compiled patterns) load and spaCy allocates its
# buffers at start-up, not in the first batch of the run (and not once per worker in the timed part).
WARM_UP_TEXT = (
    "Foreign Minister Andrii Sybiha met his Turkish counterpart in Ankara on Tuesday to discuss a 30-day "
    "ceasefire. \"We are ready to sign it tomorrow,\" Sybiha told reporters, adding that Russian forces had "
    "shelled Kharkiv and the Zaporizhzhia region overnight. Kremlin spokesman Dmitry Peskov said on Wednesday "
    "that Moscow would study the proposal, while the United Nations said aid convoys reached Kherson last "
    "week. The European Union threatened new sanctions against Russia if the talks in Istanbul fail."
)


def warm_up(pipeline: Pipeline) -> Pipeline:
    """``pipeline`` after one pass over :data:`WARM_UP_TEXT` (its record is thrown away)."""
    from dateline.ingest import make_article

    article = make_article(WARM_UP_TEXT, title="Ceasefire talks in Ankara", published_at="2025-03-11T09:00:00")
    for _ in pipeline.process([article]):
        pass
    return pipeline


def run_articles(pipeline: Pipeline, articles: list[Article]) -> list[Result]:
    """The batch function as a task: the records (or stage failures) of ``articles``, in order."""
    return list(pipeline.process(articles))


class _Batches:
    """``submit_batch`` and ``process`` for every engine: the batch split into one part per worker."""

    workers: int

    def submit(self, task: Task[P, R], parts: list[P]) -> Pending[list[R]]:
        raise NotImplementedError

    def submit_batch(self, articles: list[Article]) -> Pending[list[Result]]:
        return Flattened(self.submit(run_articles, split(articles, self.workers)))

    def process(self, articles: list[Article]) -> list[Result]:
        return self.submit_batch(articles).result()


def split(articles: list[P], parts: int) -> list[list[P]]:
    """``articles`` in at most ``parts`` contiguous slices whose sizes differ by one at most, order kept."""
    count = min(max(1, parts), len(articles))
    if not count:
        return []
    size, extra = divmod(len(articles), count)
    bounds = [i * size + min(i, extra) for i in range(count + 1)]
    return [articles[bounds[i]:bounds[i + 1]] for i in range(count)]


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


def _flatten(parts: Iterable[list[Result]]) -> list[Result]:
    return [result for part in parts for result in part]


# ---------------------------------------------------------------------------------------------
# local


class LocalEngine(_Batches):
    workers = 1
    background = False

    def __init__(self, config: Config) -> None:
        self.pipeline = warm_up(Pipeline(config))

    def submit(self, task: Task[P, R], parts: list[P]) -> Pending[list[R]]:
        return Done([task(self.pipeline, part) for part in parts])

    def close(self) -> None:
        return None


# ---------------------------------------------------------------------------------------------
# process pool

# The Pipeline of this pool worker process, built once by the pool's initializer.
_WORKER_PIPELINE: Pipeline | None = None


def _init_worker(config: Config) -> None:
    global _WORKER_PIPELINE
    _WORKER_PIPELINE = warm_up(Pipeline(config))


def _call_in_worker(task: Task[P, R], part: P) -> R:
    if _WORKER_PIPELINE is None:
        raise EngineError("the pool worker has no pipeline (its initializer did not run)")
    return task(_WORKER_PIPELINE, part)


class _PoolPending(Generic[R]):
    def __init__(self, futures: list[Future[R]]) -> None:
        self.futures = futures

    def result(self) -> list[R]:
        try:
            return [future.result() for future in self.futures]
        except BrokenProcessPool as exc:
            raise _pool_died(exc) from None


def _pool_died(exc: BrokenProcessPool) -> EngineError:
    return EngineError(f"a pool worker died: {exc}", hint="a worker may have run out of memory; try fewer --workers")


class ProcessEngine(_Batches):
    """A pool of ``workers`` processes (spawned: no state forked from the driver)."""

    background = True

    def __init__(self, config: Config, workers: int) -> None:
        self.workers = workers
        self.pool = ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn"),
                                        initializer=_init_worker, initargs=(config,))

    def submit(self, task: Task[P, R], parts: list[P]) -> Pending[list[R]]:
        try:
            return _PoolPending([self.pool.submit(_call_in_worker, task, part) for part in parts])
        except BrokenProcessPool as exc:
            raise _pool_died(exc) from None

    def close(self) -> None:
        self.pool.shutdown(cancel_futures=True)


# ---------------------------------------------------------------------------------------------
# Dask


def _distributed() -> Any:
    """``dask.distributed``, imported when used (it has partial type hints: typed as Any here)."""
    import distributed

    return distributed


def local_cluster_settings() -> dict[str, Any]:
    """Dask settings for dateline's LocalCluster: what made Dask cost 25% more CPU than the pool.

    - The nanny starts workers with ``MALLOC_TRIM_THRESHOLD_=65536``, so glibc hands memory back to
      the kernel on nearly every large free and spaCy's arrays fault it in again: 2.5x the system
      CPU time of a pool worker.  Left out here (the other variables, one BLAS thread, are kept).
    - The workers' statistical profiler samples every thread's stack every 10 ms.
    - Every server (scheduler, nanny, worker) wakes its event loop every 20 ms to check that it is
      not blocked, and workers poll their memory every 100 ms and the system every 500 ms; each wake
      takes the GIL from the thread running spaCy.  Once a second is enough for batches of seconds.
    """
    import dask

    _distributed()  # registers distributed's defaults with dask.config
    environ = dict(dask.config.get("distributed.nanny.pre-spawn-environ") or {})
    environ.pop("MALLOC_TRIM_THRESHOLD_", None)
    return {"distributed.nanny.pre-spawn-environ": environ,
            "distributed.worker.profile.enabled": False,
            "distributed.admin.tick.interval": "1s",
            "distributed.admin.system-monitor.interval": "2s",
            "distributed.worker.memory.monitor-interval": "1s"}


def _pipeline_plugin(config: Config) -> Any:
    """A WorkerPlugin that starts one pipeline child process per worker thread when a worker starts
    (or joins later), and stops them with the worker.

    The Pipeline runs in a child (:mod:`dateline.pipeline.child`), not in the worker's task thread:
    the spaCy pass costs 17-18% more CPU in a process that has more than one thread, and a Dask
    worker always has several."""
    base: Any = _distributed().WorkerPlugin

    class PipelinePlugin(base):  # type: ignore[misc]  # a base class only known at run time
        name = PLUGIN_NAME

        def __init__(self, settings: Config) -> None:
            self.config = settings
            self.children: queue.SimpleQueue[PipelineProcess] | None = None
            self.started: list[PipelineProcess] = []

        def setup(self, worker: Any) -> None:
            self.children = queue.SimpleQueue()
            # all started first, so that they load spaCy and the gazetteer at the same time
            self.started = [PipelineProcess(self.config, wait=False) for _ in range(max(1, int(worker.state.nthreads)))]
            try:
                for child in self.started:
                    child.wait_ready()
            except BaseException:
                self.teardown(worker)
                raise
            for child in self.started:
                self.children.put(child)

        def teardown(self, worker: Any) -> None:
            for child in self.started:
                child.close()
            self.started = []

    return PipelinePlugin(config)


def _call_on_dask_worker(task: Task[P, R], part: P) -> bytes:
    """``task`` over ``part`` in one of this worker's pipeline children: the result, pickled."""
    children = _distributed().get_worker().plugins[PLUGIN_NAME].children
    if children is None:
        raise EngineError("the Dask worker has no pipeline (the dateline plugin did not set up)")
    child: PipelineProcess = children.get()
    try:
        return child.call(task, part)
    finally:
        children.put(child)


class _DaskPending:
    def __init__(self, client: Any, futures: list[Any]) -> None:
        self.client, self.futures = client, futures

    def result(self) -> Any:
        results = [pickle.loads(payload) for payload in self.client.gather(self.futures)]
        self.futures = []  # released: the workers drop their copies
        return results


class DaskEngine(_Batches):
    """Batches split across the workers of a Dask cluster; results gathered back to the driver."""

    background = True

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
        import dask

        dd = _distributed()
        try:
            if scheduler:
                return dd.Client(scheduler, timeout=self.connect_timeout_s)
            with dask.config.set(local_cluster_settings()):  # read by the servers as they start
                self.cluster = dd.LocalCluster(n_workers=workers, threads_per_worker=1, processes=processes,
                                               dashboard_address=None)
            return dd.Client(self.cluster)
        except (OSError, TimeoutError) as exc:
            raise EngineError(f"cannot reach the Dask scheduler {scheduler or '(local)'}: {exc}") from None

    def submit(self, task: Task[P, R], parts: list[P]) -> Pending[list[R]]:
        futures = [self.client.submit(_call_on_dask_worker, task, part, pure=False) for part in parts]
        pending: Pending[list[R]] = _DaskPending(self.client, futures)
        return pending

    def close(self) -> None:
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()
