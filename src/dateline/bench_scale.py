"""Scale benchmarks (issue 7): each engine against raw spaCy with the same number of processes.

:func:`run_scale` measures, on the same articles, in the same run:

- ``raw`` with 1 process (``nlp.pipe`` over all texts) against the ``local`` engine;
- ``raw`` with N processes (N spawned processes, each running ``nlp.pipe`` over its contiguous
  share of the texts: the best case for N processes) against the ``processes`` and ``dask``
  engines with N workers, fed batch by batch as ``dateline ingest`` feeds them.

Each measurement runs in its own fresh (spawned) process: it loads the articles, starts its engine
(start-up is timed apart), warms up on a few texts and times ``repeat`` passes, keeping the best.
While it runs, this process samples the resident memory of its whole process tree (the driver
plus pool or Dask workers) with psutil, so *peak memory* is driver plus workers.  CPU time is the
tree's too (user + system of every process in it, summed over the pass).

With ``store=True`` each engine's pass is the real ingest loop (:func:`dateline.store.loader.ingest`)
into a fresh temporary SQLite store, so the rate includes writing and the corpus step; the report
then gives the database size per 1,000 articles, the time the driver spent not waiting on the engine
(writing and the corpus step; the ``processes`` and ``dask`` workers go on with the next batch
meanwhile, as in ``dateline ingest``), and the story-clustering time per 1,000 articles
(:func:`dateline.corpus.bench.bench_stories`).

:func:`run_memory` is the memory-flatness check: the ingest loop streaming a corpus from disk
(never a list of all articles) into a temporary store, with the tree's RSS sampled all along;
compare its peak for 2,452 and 21,578 articles.
"""

from __future__ import annotations

import dataclasses
import os
import tempfile
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from multiprocessing import get_context
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from dateline.bench import Progress, Rates, _quiet, count_words, load_articles, peak_rss_mb
from dateline.config import Config
from dateline.errors import PipelineError
from dateline.records import Article, ArticleRecord

# Issue 7's bars: one process keeps this fraction of raw spaCy's articles/s; N processes and Dask
# keep TARGET_PARALLEL of raw spaCy with the same number of processes.
TARGET_LOCAL = 0.7
TARGET_PARALLEL = 0.9
# Seconds between two samples of the process tree's memory.
SAMPLE_S = 0.1
# Issue 7's memory bar: peak RSS on the large corpus within this multiple of the small one's.
MEMORY_FLAT_TARGET = 1.5


@dataclass(frozen=True)
class Plan:
    """One measurement: raw spaCy (``mode="raw"``) or the pipeline on ``engine``, with ``workers``."""

    mode: str
    engine: str
    workers: int

    @property
    def label(self) -> str:
        if self.mode == "raw":
            return f"raw x{self.workers}"
        return self.engine if self.engine == "local" else f"{self.engine} x{self.workers}"


@dataclass(frozen=True)
class Run(Rates):
    """A measurement's best pass; memory is the whole process tree's, sampled from outside."""

    label: str
    mode: str
    engine: str
    workers: int
    articles: int
    seconds: float
    runs: tuple[float, ...]
    cpu_seconds: float  # the tree's user + system time in the pass that used least
    startup_seconds: float  # start (model, gazetteer, workers or Dask cluster) and the warm-up pass
    failures: int
    driver_peak_rss_mb: float
    peak_rss_mb: float = 0.0  # driver + workers, sampled
    engine_seconds: float = 0.0  # time the driver waited on the engine in the best pass
    db_bytes: int | None = None
    empty_db_bytes: int | None = None  # the same store with no article (schema, indexes)
    system_cpu_seconds: float = 0.0  # of cpu_seconds, in the kernel (page faults, memory given back)
    driver_cpu_seconds: float = 0.0  # of cpu_seconds, the driver's (with Dask: scheduler, client, nannies)

    @property
    def driver_share(self) -> float:
        """Fraction of the pass the driver spent not waiting on the engine (writing, corpus step, reading).

        The ``local`` engine is idle meanwhile; ``processes`` and ``dask`` work on the next batch."""
        if self.mode == "raw" or self.seconds <= 0:  # raw spaCy has no driver work (no store, no batches)
            return 0.0
        return max(0.0, 1.0 - self.engine_seconds / self.seconds)

    def to_dict(self) -> dict[str, Any]:
        data = dataclasses.asdict(self)
        data.update(runs=list(self.runs), articles_per_s=round(self.articles_per_s, 3),
                    articles_per_cpu_s=round(self.articles_per_cpu_s, 3), driver_share=round(self.driver_share, 4))
        return data


@dataclass(frozen=True)
class ScaleReport:
    source: str
    model: str
    stages: tuple[str, ...]
    batch_size: int
    articles: int
    words: int
    workers: int
    repeat: int
    cpus: int
    load_before: tuple[float, float, float]
    load_after: tuple[float, float, float]
    runs: tuple[Run, ...]
    stories: dict[str, Any] | None = None

    def baseline(self, run: Run) -> Run | None:
        """The raw spaCy run with the same number of processes as ``run``."""
        return next((r for r in self.runs if r.mode == "raw" and r.workers == run.workers), None)

    def ratios(self) -> dict[str, dict[str, float]]:
        """Per engine: articles/s (and articles per CPU second) over raw spaCy's with as many processes."""
        out: dict[str, dict[str, float]] = {}
        for run in self.runs:
            base = self.baseline(run)
            if run.mode == "raw" or base is None:
                continue
            target = TARGET_LOCAL if run.engine == "local" else TARGET_PARALLEL
            wall = run.articles_per_s / base.articles_per_s if base.articles_per_s else 0.0
            cpu = run.articles_per_cpu_s / base.articles_per_cpu_s if base.articles_per_cpu_s else 0.0
            out[run.label] = {"ratio": round(wall, 4), "cpu_ratio": round(cpu, 4), "target": target}
        local = out.get("local")
        for label, ratio in out.items():
            if local and label != "local" and local["ratio"] and local["cpu_ratio"]:
                # the engine's own cost: its ratio over one process's (1.0 = it scales as raw spaCy does)
                ratio["scaling"] = round(ratio["ratio"] / local["ratio"], 4)
                ratio["cpu_scaling"] = round(ratio["cpu_ratio"] / local["cpu_ratio"], 4)
        return out

    def db_bytes_per_1000(self) -> float | None:
        """Database growth per 1,000 articles stored (the empty store's size taken off)."""
        sizes = [(r.db_bytes - (r.empty_db_bytes or 0)) * 1000 / r.articles
                 for r in self.runs if r.db_bytes and r.articles]
        return round(max(sizes), 1) if sizes else None

    def to_dict(self) -> dict[str, Any]:
        plain = {f.name: getattr(self, f.name) for f in dataclasses.fields(self) if f.name != "runs"}
        return {**plain, "stages": list(self.stages), "runs": [r.to_dict() for r in self.runs],
                "ratios": self.ratios(), "db_bytes_per_1000": self.db_bytes_per_1000()}


def plans(engines: Sequence[str], workers: int) -> list[Plan]:
    """Each engine preceded by its raw spaCy baseline (measured once per process count)."""
    out: list[Plan] = []
    for engine in engines:
        count = 1 if engine == "local" else workers
        raw = Plan("raw", "raw", count)
        if raw not in out:
            out.append(raw)
        out.append(Plan("pipeline", engine, count))
    return out


# ---------------------------------------------------------------------------------------------
# Memory and CPU of a process tree


def tree(pid: int) -> list[Any]:
    """The process ``pid`` and all its descendants (psutil.Process objects; gone ones left out)."""
    import psutil

    try:
        root = psutil.Process(pid)
        return [root, *root.children(recursive=True)]
    except psutil.NoSuchProcess:
        return []


def tree_rss_mb(pid: int) -> float:
    import psutil

    total = 0
    for proc in tree(pid):
        try:
            total += proc.memory_info().rss
        except psutil.NoSuchProcess:
            continue
    return total / 2**20


def tree_cpu_s(pid: int) -> dict[int, float]:
    """User + system seconds of each process in the tree, by pid."""
    return {p: user + system for p, (user, system) in tree_cpu_split(pid).items()}


CpuReading = dict[int, tuple[float, float]]


def tree_cpu_split(pid: int) -> CpuReading:
    """(user, system) seconds of each process in the tree, by pid."""
    import psutil

    out: CpuReading = {}
    for proc in tree(pid):
        try:
            times = proc.cpu_times()
            out[proc.pid] = (times.user, times.system)
        except psutil.NoSuchProcess:
            continue
    return out


@dataclass(frozen=True)
class CpuUse:
    """CPU seconds a process tree used over a span: in all, of it in the kernel, of it in the root."""

    total: float
    system: float
    root: float

    @classmethod
    def between(cls, pid: int, before: CpuReading, after: CpuReading) -> CpuUse:
        """From two :func:`tree_cpu_split` readings of ``pid``'s tree."""
        return cls(total=cpu_between(_seconds(before), _seconds(after)),
                   system=cpu_between(_seconds(before, kernel=True), _seconds(after, kernel=True)),
                   root=cpu_between(_seconds(before, only=pid), _seconds(after, only=pid)))


def _seconds(reading: CpuReading, *, kernel: bool = False, only: int | None = None) -> dict[int, float]:
    return {p: (system if kernel else user + system) for p, (user, system) in reading.items() if only in (None, p)}


def cpu_between(before: dict[int, float], after: dict[int, float]) -> float:
    """CPU seconds the tree used between two :func:`tree_cpu_s` readings (processes may come and go)."""
    return sum(after[pid] - before.get(pid, 0.0) for pid in after)


class Sampler:
    """A thread sampling the RSS of ``pid``'s process tree every ``every`` seconds; keeps the peak."""

    def __init__(self, pid: int, every: float = SAMPLE_S) -> None:
        self.pid, self.every = pid, every
        self.peak_mb = 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, name="dateline-rss-sampler", daemon=True)

    def __enter__(self) -> Sampler:
        self.peak_mb = tree_rss_mb(self.pid)  # one sample at least, however short the block
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _loop(self) -> None:
        while not self._stop.is_set():
            self.peak_mb = max(self.peak_mb, tree_rss_mb(self.pid))
            self._stop.wait(self.every)


# ---------------------------------------------------------------------------------------------
# The runners measured inside a child process


class RawPool:
    """Raw spaCy in ``workers`` spawned processes: each runs ``nlp.pipe`` over its share of the texts."""

    def __init__(self, config: Config, workers: int) -> None:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        self.workers = workers
        self.pool = ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn"),
                                        initializer=_raw_init, initargs=(config,))
        list(self.pool.map(_raw_share, [[] for _ in range(workers)]))  # start the workers, load the models

    def process(self, articles: list[Article]) -> list[int]:
        from dateline.pipeline.engines import split

        return list(self.pool.map(_raw_share, split(articles, self.workers)))

    def close(self) -> None:
        self.pool.shutdown(cancel_futures=True)


# The raw spaCy runner of this pool worker process, built once by the pool's initializer.
_RAW: Callable[[Sequence[Article]], int] | None = None


def _raw_init(config: Config) -> None:
    from dateline.bench import _raw_runner

    global _RAW
    _RAW = _raw_runner(config)


def _raw_share(articles: list[Article]) -> int:
    if _RAW is None:
        raise PipelineError("the raw spaCy pool worker has no model (its initializer did not run)")
    return _RAW(articles)


class RawLocal:
    """Raw spaCy in this process (``nlp.pipe`` over all the texts)."""

    workers = 1

    def __init__(self, config: Config) -> None:
        from dateline.bench import _raw_runner

        self.run = _raw_runner(config)

    def process(self, articles: list[Article]) -> list[int]:
        return [self.run(articles)]

    def close(self) -> None:
        return None


def start_runner(plan: Plan, config: Config) -> Any:
    """The raw spaCy runner or the pipeline engine of ``plan``, started (models loaded)."""
    from dateline.pipeline.engines import make_engine

    if plan.mode == "raw":
        return RawLocal(config) if plan.workers == 1 else RawPool(config, plan.workers)
    return make_engine(plan.engine, config, workers=plan.workers)


@dataclass
class Pass:
    """What one timed pass measured."""

    seconds: float
    cpu: CpuUse
    failures: int
    engine_seconds: float
    db_bytes: int | None = None


class TimedEngine:
    """An engine that adds up the time the driver waits on it (handing work out, waiting for results)
    and counts stage failures; it keeps the engine's ``background`` so the ingest loop overlaps as
    ``dateline ingest`` does."""

    def __init__(self, runner: Any) -> None:
        self.runner = runner
        self.background = bool(getattr(runner, "background", False))
        self.workers = int(getattr(runner, "workers", 1))  # the ingest loop hands it this many batches at once
        self.seconds = 0.0
        self.failures = 0

    def submit_batch(self, articles: list[Article]) -> _TimedPending:
        from dateline.pipeline.engines import Done

        started = time.perf_counter()
        if hasattr(self.runner, "submit_batch"):
            pending: Any = self.runner.submit_batch(articles)
        else:  # raw spaCy runners: computed here
            pending = Done(list(self.runner.process(articles)))
        self.seconds += time.perf_counter() - started
        return _TimedPending(self, pending)

    def process(self, articles: list[Article]) -> list[Any]:
        return self.submit_batch(articles).result()


class _TimedPending:
    def __init__(self, timer: TimedEngine, pending: Any) -> None:
        self.timer, self.pending = timer, pending

    def result(self) -> list[Any]:
        started = time.perf_counter()
        results = list(self.pending.result())
        self.timer.seconds += time.perf_counter() - started
        self.timer.failures += sum(1 for r in results if not isinstance(r, (ArticleRecord, int)))
        return results


def one_pass(plan: Plan, runner: Any, articles: Sequence[Article], config: Config, *, store: bool) -> Pass:
    """Raw spaCy: every worker over its whole share.  Pipeline: batch by batch (into a store with ``store``)."""
    from dateline.store.loader import IN_FLIGHT, batched, group_size

    timed = TimedEngine(runner)
    cpu_before, started = tree_cpu_split(os.getpid()), time.perf_counter()
    db_bytes = None
    if plan.mode == "raw":
        timed.process(list(articles))
    elif store:
        db_bytes = ingest_into_temp_store(articles, timed, config)
    else:  # as the ingest loop feeds an engine: N batches for N workers at a time, the next handed out
        in_flight: list[_TimedPending] = []  # before this one is collected
        for batch in batched(articles, config.batch_size * group_size(timed)):
            in_flight.append(timed.submit_batch(batch))
            if len(in_flight) >= (IN_FLIGHT if timed.background else 1):
                in_flight.pop(0).result()
        for pending in in_flight:
            pending.result()
    seconds = time.perf_counter() - started
    cpu = CpuUse.between(os.getpid(), cpu_before, tree_cpu_split(os.getpid()))
    return Pass(seconds, cpu, timed.failures, timed.seconds, db_bytes)


def ingest_into_temp_store(articles: Any, process: Any, config: Config,
                           on_progress: Callable[[int], None] | None = None) -> int:
    """The ingest loop over ``articles`` (any iterable: it streams) into a fresh SQLite file; its size in bytes.

    ``process`` is what :func:`dateline.store.loader.ingest` takes: a function or an engine."""
    from dateline.store import open_store
    from dateline.store.base import run_stamp
    from dateline.store.loader import ingest

    versions, stamp = run_stamp(config)
    with tempfile.TemporaryDirectory(prefix="dateline-bench-") as tmp:
        db = Path(tmp) / "bench.db"
        store = open_store(str(db))
        try:
            ingest(articles, store, process, batch_size=config.batch_size,
                   fingerprint=stamp, model=config.model,
                   stages=versions, force=True, on_progress=on_progress)
        finally:
            store.close()
        return sum(f.stat().st_size for f in Path(tmp).iterdir() if f.is_file())


@dataclass(frozen=True)
class Job:
    """What a measuring child process is asked to do (pickled to it)."""

    plan: Plan
    path: str
    limit: int | None
    config: Config
    repeat: int
    warmup: int
    store: bool


def measure_in_child(job: Job) -> Run:
    """The body of a measuring process: start the runner, warm up, time ``repeat`` passes, keep the best."""
    articles, _ = load_articles(Path(job.path), job.config, job.limit)
    started = time.perf_counter()
    runner = start_runner(job.plan, job.config)
    try:
        one_pass(job.plan, runner, articles[: max(job.warmup, runner.workers)], job.config, store=False)
        startup = time.perf_counter() - started  # pool workers start (and load the model) on first use
        passes = [one_pass(job.plan, runner, articles, job.config, store=job.store) for _ in range(max(1, job.repeat))]
    finally:
        runner.close()
    best = min(passes, key=lambda p: p.seconds)
    thrifty = min(passes, key=lambda p: p.cpu.total).cpu
    return Run(label=job.plan.label, mode=job.plan.mode, engine=job.plan.engine, workers=job.plan.workers,
               articles=len(articles), seconds=round(best.seconds, 3),
               runs=tuple(round(p.seconds, 3) for p in passes),
               cpu_seconds=round(thrifty.total, 3), system_cpu_seconds=round(thrifty.system, 3),
               driver_cpu_seconds=round(thrifty.root, 3), startup_seconds=round(startup, 3),
               failures=best.failures, driver_peak_rss_mb=round(peak_rss_mb(), 1),
               engine_seconds=round(best.engine_seconds, 3), db_bytes=best.db_bytes,
               empty_db_bytes=ingest_into_temp_store([], list, job.config) if job.store else None)


def _serve(conn: Connection, work: Callable[[Any], Any], arg: Any) -> None:
    try:
        conn.send(("result", work(arg)))
    except Exception as exc:  # noqa: BLE001 - handed to the parent, which raises a coded error
        conn.send(("error", f"{type(exc).__name__}: {exc}"))
    finally:
        conn.close()


def in_child(work: Callable[[Any], Any], arg: Any, name: str) -> tuple[Any, float]:
    """``work(arg)`` in a fresh spawned process, and the peak RSS (MiB) of its process tree meanwhile."""
    context = get_context("spawn")
    conn, child = context.Pipe(duplex=False)
    process = context.Process(target=_serve, args=(child, work, arg), name=f"dateline-bench-{name}")
    process.start()
    child.close()
    assert process.pid is not None, "a started process has a pid"
    try:
        with Sampler(process.pid) as sampler:
            kind, payload = conn.recv()
    except EOFError:
        raise PipelineError(f"bench process for {name!r} died (exit code {process.exitcode})",
                            hint="out of memory? try --limit or fewer --workers") from None
    finally:
        conn.close()
        process.join(timeout=30)
    if kind == "error":
        raise PipelineError(f"bench process for {name!r} failed: {payload}")
    return payload, sampler.peak_mb


def measure(job: Job) -> Run:
    run, peak = in_child(measure_in_child, job, job.plan.label)
    assert isinstance(run, Run)
    return dataclasses.replace(run, peak_rss_mb=round(max(peak, run.driver_peak_rss_mb), 1))


# ---------------------------------------------------------------------------------------------
# The whole benchmark


def run_scale(path: Path, config: Config, *, engines: Sequence[str] = ("local", "processes", "dask"),
              workers: int = 2, limit: int | None = None, repeat: int = 1, warmup: int = 4, store: bool = False,
              progress: Progress = _quiet) -> ScaleReport:
    """Every engine in ``engines`` and its raw spaCy baseline over the same articles; see the module docstring."""
    from dateline.pipeline.engines import ENGINES
    from dateline.pipeline.registry import plan as stage_plan

    unknown = [e for e in engines if e not in ENGINES]
    if unknown:
        raise PipelineError(f"unknown engine(s) {', '.join(unknown)}; use some of {', '.join(ENGINES)}")
    stage_plan(config.stages)  # an impossible stage plan fails here, before any process starts
    articles, _ = load_articles(path, config, limit)
    load_before = os.getloadavg()
    runs = []
    for item in plans(engines, workers):
        progress(f"{item.label}: starting, warming up, {repeat} timed pass(es)")
        runs.append(measure(Job(item, str(path), limit, config, repeat, warmup, store)))
    stories = _stories(path, articles) if store else None
    return ScaleReport(source=str(path), model=config.model, stages=tuple(config.stages),
                       batch_size=config.batch_size, articles=len(articles),
                       words=count_words(a.text for a in articles), workers=workers, repeat=repeat,
                       cpus=os.cpu_count() or 1, load_before=_rounded(load_before),
                       load_after=_rounded(os.getloadavg()), runs=tuple(runs), stories=stories)


def _stories(path: Path, articles: list[Article]) -> dict[str, Any]:
    from dateline.corpus.bench import bench_stories

    return bench_stories(path, articles=articles).as_dict()


def _rounded(load: tuple[float, float, float]) -> tuple[float, float, float]:
    return (round(load[0], 2), round(load[1], 2), round(load[2], 2))


# ---------------------------------------------------------------------------------------------
# Memory flatness


@dataclass(frozen=True)
class MemoryReport:
    """Peak memory of the ingest loop streaming a corpus into a temporary store."""

    source: str
    engine: str
    workers: int
    stages: tuple[str, ...]
    inputs: int  # articles and skipped inputs read (``limit`` counts articles only)
    seconds: float
    db_bytes: int
    driver_peak_rss_mb: float
    load_before: tuple[float, float, float]
    load_after: tuple[float, float, float]
    # (inputs done, RSS of the tree, driver's peak RSS so far; MiB) after each batch, thinned to
    # about CURVE_POINTS: the peak column shows when the peak was reached
    curve: tuple[tuple[int, float, float], ...] = ()
    peak_rss_mb: float = 0.0

    @property
    def growth(self) -> float:
        """RSS at the end over RSS after the first quarter of the inputs (1.0 = flat)."""
        if len(self.curve) < 2:
            return 1.0
        quarter = next((rss for done, rss, _ in self.curve if done >= self.inputs / 4), self.curve[0][1])
        return self.curve[-1][1] / quarter if quarter else 1.0

    def to_dict(self) -> dict[str, Any]:
        data = dataclasses.asdict(self)
        data.update(stages=list(self.stages), curve=[list(p) for p in self.curve], growth=round(self.growth, 3))
        return data


CURVE_POINTS = 20


@dataclass(frozen=True)
class MemoryJob:
    path: str
    limit: int | None
    config: Config
    engine: str
    workers: int


@dataclass
class _Curve:
    pid: int
    done: int = 0
    points: list[tuple[int, float, float]] = field(default_factory=list)

    def add(self, n: int) -> None:
        self.done += n
        self.points.append((self.done, round(tree_rss_mb(self.pid), 1), round(peak_rss_mb(), 1)))

    def thinned(self) -> tuple[tuple[int, float, float], ...]:
        step = max(1, len(self.points) // CURVE_POINTS)
        kept = self.points[::step]
        if self.points and kept[-1] != self.points[-1]:
            kept.append(self.points[-1])
        return tuple(kept)


def stream_in_child(job: MemoryJob) -> MemoryReport:
    """The ingest loop streaming ``job.path`` (read lazily, at most ``limit`` articles) into a temp store."""
    from dateline.ingest.sources import read_paths
    from dateline.pipeline.engines import make_engine

    load_before = os.getloadavg()
    runner = make_engine(job.engine, job.config, workers=job.workers)
    curve = _Curve(os.getpid())
    started = time.perf_counter()
    try:
        items = limited(read_paths([Path(job.path)], max_text_bytes=job.config.max_text_bytes), job.limit)
        db_bytes = ingest_into_temp_store(items, runner, job.config, on_progress=curve.add)
    finally:
        runner.close()
    return MemoryReport(source=job.path, engine=job.engine, workers=runner.workers, stages=tuple(job.config.stages),
                        inputs=curve.done, seconds=round(time.perf_counter() - started, 2), db_bytes=db_bytes,
                        driver_peak_rss_mb=round(peak_rss_mb(), 1), load_before=_rounded(load_before),
                        load_after=_rounded(os.getloadavg()), curve=curve.thinned())


def limited(items: Any, limit: int | None) -> Iterator[Any]:
    """``items`` (lazily) up to the ``limit``-th article; skipped inputs pass through."""
    seen = 0
    for item in items:
        if limit is not None and seen >= limit:
            return
        seen += isinstance(item, Article)
        yield item


def run_memory(path: Path, config: Config, *, engine: str = "local", workers: int = 2,
               limit: int | None = None) -> MemoryReport:
    """Stream ``path`` through the ingest loop in a fresh process; peak RSS of its tree, sampled."""
    from dateline.errors import MissingInput

    if not path.exists():
        raise MissingInput("no such file or folder", path=str(path))
    report, peak = in_child(stream_in_child, MemoryJob(str(path), limit, config, engine, workers), "memory")
    assert isinstance(report, MemoryReport)
    return dataclasses.replace(report, peak_rss_mb=round(max(peak, report.driver_peak_rss_mb), 1))
