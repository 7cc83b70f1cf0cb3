"""Throughput of the full pipeline against raw spaCy: same model, same texts, same batch size, same run.

:func:`run_bench` reads the articles once, then measures each *mode* — ``raw`` (``nlp.pipe`` and
nothing else) and ``pipeline`` (:class:`~dateline.pipeline.runner.Pipeline` with the configured
stages) — and returns a :class:`BenchReport`.  The raw mode runs the model exactly as published
(:func:`~dateline.nlp.load_stock_nlp`); the pipeline runs what dateline runs (:func:`~dateline.nlp.load_nlp`:
the same model and components, the attribute ruler's rules matched by an index instead of spaCy's
Matcher, which gives the same tokens).  Each mode warms up on a few texts first and is timed
``repeat`` times in rounds whose order alternates (raw then pipeline, then pipeline then raw), so
neither mode always runs first or always meets the machine's busier moments; the best run is kept.
By default each mode lives in its own fresh process, so its peak memory (``ru_maxrss``) is its own
and neither inherits the other's caches; the parent tells one process at a time to run a pass.
``isolate=False`` runs both in this process (faster: one model load); peak memory is then the
shared process's, not each mode's.

CPU time (``process_time``, least over the runs) is reported beside wall time; on a shared,
busy machine it is the steadier of the two.  The pipeline's time is split by wrapping each of its
stage functions with a timer and its spaCy ``pipe`` with :class:`TimedNlp` (the runner itself is
not touched); what is left is the runner's own work, reported as ``runner``.
"""

from __future__ import annotations

import dataclasses
import gc
import platform
import resource
import sys
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from multiprocessing import get_context
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from dateline.config import Config
from dateline.errors import DataMissing, MissingInput, PipelineError
from dateline.records import Article, ArticleRecord

MODES = ("raw", "pipeline")
# Names in the pipeline's time shares beside the stages: the spaCy pass, and the rest (the runner).
SPACY_SHARE = "spacy"
RUNNER_SHARE = "runner"
# Issue 2's bar: the pipeline keeps at least this fraction of raw spaCy's articles/s.
TARGET_RATIO = 0.6

Progress = Callable[[str], None]


class Rates:
    """Articles per second (wall) and per CPU second of a measured run; shared by the result classes."""

    articles: int
    seconds: float
    cpu_seconds: float

    @property
    def articles_per_s(self) -> float:
        return self.articles / self.seconds if self.seconds > 0 else 0.0

    @property
    def articles_per_cpu_s(self) -> float:
        return self.articles / self.cpu_seconds if self.cpu_seconds > 0 else 0.0


@dataclass(frozen=True)
class ModeResult(Rates):
    """One mode's best timed run over all the texts."""

    mode: str
    seconds: float
    runs: tuple[float, ...]
    cpu_seconds: float
    articles: int
    words: int
    failures: int
    peak_rss_mb: float
    start_rss_mb: float
    stage_seconds: dict[str, float] = field(default_factory=dict)

    @property
    def words_per_s(self) -> float:
        return self.words / self.seconds if self.seconds > 0 else 0.0

    @property
    def rss_growth_mb(self) -> float:
        return max(0.0, self.peak_rss_mb - self.start_rss_mb)


@dataclass(frozen=True)
class BenchReport:
    source: str
    model: str
    stages: tuple[str, ...]
    batch_size: int
    articles: int
    words: int
    skipped: int
    isolated: bool
    repeat: int
    raw: ModeResult
    pipeline: ModeResult

    @property
    def ratio(self) -> float:
        """Pipeline articles/s over raw spaCy articles/s (1.0 = no cost over spaCy)."""
        raw = self.raw.articles_per_s
        return self.pipeline.articles_per_s / raw if raw > 0 else 0.0

    @property
    def cpu_ratio(self) -> float:
        """The same ratio in CPU time (this process's), steadier than wall time on a busy machine."""
        raw = self.raw.articles_per_cpu_s
        return self.pipeline.articles_per_cpu_s / raw if raw > 0 else 0.0

    @property
    def stage_shares(self) -> dict[str, float]:
        """Fraction of the pipeline's best run spent in spaCy, in each stage, and in the rest (the runner)."""
        total = self.pipeline.seconds
        if total <= 0:
            return {}
        shares = {name: secs / total for name, secs in self.pipeline.stage_seconds.items()}
        shares[RUNNER_SHARE] = max(0.0, 1.0 - sum(shares.values()))
        return shares

    def to_dict(self) -> dict[str, Any]:
        modes = {m.mode: _mode_dict(m) for m in (self.raw, self.pipeline)}
        plain = {f.name: getattr(self, f.name) for f in dataclasses.fields(self) if f.name not in MODES}
        return {**plain, "stages": list(self.stages), **modes, "ratio": round(self.ratio, 4),
                "cpu_ratio": round(self.cpu_ratio, 4),
                "target_ratio": TARGET_RATIO, "stage_shares": {k: round(v, 4) for k, v in self.stage_shares.items()},
                "python": platform.python_version(), "machine": platform.machine()}


def _mode_dict(result: ModeResult) -> dict[str, Any]:
    data = dataclasses.asdict(result)
    data["runs"] = list(result.runs)
    data.update(articles_per_s=round(result.articles_per_s, 3), words_per_s=round(result.words_per_s, 1),
                articles_per_cpu_s=round(result.articles_per_cpu_s, 3),
                rss_growth_mb=round(result.rss_growth_mb, 1))
    return data


# ---------------------------------------------------------------------------------------------
# Reading


def load_articles(path: Path, config: Config, limit: int | None = None) -> tuple[list[Article], int]:
    """Up to ``limit`` articles from ``path`` (any format the ingest reader handles) and the skip count."""
    from dateline.ingest.sources import read_paths

    if not path.exists():
        raise MissingInput("no such file or folder", path=str(path))
    articles: list[Article] = []
    skipped = 0
    for item in read_paths([path], max_text_bytes=config.max_text_bytes):
        if isinstance(item, Article):
            articles.append(item)
            if limit is not None and len(articles) >= limit:
                break
        else:
            skipped += 1
    if not articles:
        raise DataMissing("no readable article found", path=str(path))
    return articles, skipped


def count_words(texts: Iterable[str]) -> int:
    return sum(len(t.split()) for t in texts)


def rss_mb() -> float:
    """Current resident set size of this process, in MiB."""
    import psutil

    return float(psutil.Process().memory_info().rss) / 2**20


def peak_rss_mb() -> float:
    """Peak resident set size of this process so far, in MiB (ru_maxrss is KiB on Linux, bytes on macOS)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 2**20 if sys.platform == "darwin" else peak / 2**10


# ---------------------------------------------------------------------------------------------
# Timing one mode


class StageTimer:
    """Wraps stage functions so each call adds its wall time to a per-stage total."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}

    def reset(self) -> None:
        self.seconds = dict.fromkeys(self.seconds, 0.0)

    def wrap(self, name: str, fn: Callable[[Any, ArticleRecord], ArticleRecord]) -> Callable[..., ArticleRecord]:
        self.seconds.setdefault(name, 0.0)

        def timed(doc: Any, record: ArticleRecord) -> ArticleRecord:
            start = time.perf_counter()
            try:
                return fn(doc, record)
            finally:
                self.seconds[name] += time.perf_counter() - start

        return timed

    def add(self, name: str, seconds: float) -> None:
        self.seconds[name] = self.seconds.get(name, 0.0) + seconds


class TimedNlp:
    """A stand-in for the pipeline's spaCy ``Language`` whose ``pipe`` charges each doc's time to a timer.

    The runner interleaves ``nlp.pipe`` with the stages, so the time spent inside the generator's
    ``next`` is the spaCy pass; everything else (attributes, other methods) goes to the real object.
    """

    def __init__(self, nlp: Any, timer: StageTimer) -> None:
        self._nlp = nlp
        self._timer = timer

    def pipe(self, texts: Iterable[str], **kwargs: Any) -> Iterator[Any]:
        docs = iter(self._nlp.pipe(texts, **kwargs))
        while True:
            start = time.perf_counter()
            try:
                doc = next(docs)
            except StopIteration:
                return
            finally:
                self._timer.add(SPACY_SHARE, time.perf_counter() - start)
            yield doc

    def __getattr__(self, name: str) -> Any:
        return getattr(self._nlp, name)


def _raw_runner(config: Config) -> Callable[[Sequence[Article]], int]:
    """The baseline: the model exactly as published (all its components, spaCy's own code), ``nlp.pipe``."""
    from dateline.nlp import load_stock_nlp

    nlp = load_stock_nlp(config.model)

    def run(articles: Sequence[Article]) -> int:
        for _doc in nlp.pipe((a.text for a in articles), batch_size=config.batch_size):
            pass
        return 0

    return run


def _pipeline_runner(config: Config, timer: StageTimer) -> Callable[[Sequence[Article]], int]:
    from dateline.pipeline.runner import Pipeline

    pipeline = Pipeline(config)
    pipeline.stages = [(spec, timer.wrap(spec.name, fn)) for spec, fn in pipeline.stages]
    pipeline.nlp = TimedNlp(pipeline.nlp, timer)

    def run(articles: Sequence[Article]) -> int:
        return sum(1 for r in pipeline.process(articles) if not isinstance(r, ArticleRecord))

    return run


@dataclass
class _Mode:
    """A built mode: its run function, stage timer and the timed runs so far."""

    name: str
    run: Callable[[Sequence[Article]], int]
    timer: StageTimer
    start_rss: float
    runs: list[float] = field(default_factory=list)
    cpu_runs: list[float] = field(default_factory=list)
    best: tuple[float, int, dict[str, float]] | None = None

    def time_once(self, articles: Sequence[Article]) -> None:
        self.timer.reset()
        gc.collect()
        t0, c0 = time.perf_counter(), time.process_time()
        failures = self.run(articles)
        elapsed = time.perf_counter() - t0
        self.cpu_runs.append(time.process_time() - c0)
        self.runs.append(elapsed)
        if self.best is None or elapsed < self.best[0]:
            self.best = (elapsed, failures, dict(self.timer.seconds))

    def result(self, articles: Sequence[Article]) -> ModeResult:
        assert self.best is not None, "time_once was never called"
        seconds, failures, stage_seconds = self.best
        return ModeResult(mode=self.name, seconds=seconds, runs=tuple(self.runs), cpu_seconds=min(self.cpu_runs),
                          articles=len(articles),
                          words=count_words(a.text for a in articles), failures=failures,
                          peak_rss_mb=peak_rss_mb(), start_rss_mb=self.start_rss, stage_seconds=stage_seconds)


def build_mode(mode: str, config: Config) -> _Mode:
    if mode not in MODES:
        raise ValueError(f"unknown bench mode {mode!r}; use one of {MODES}")
    start_rss = rss_mb()
    timer = StageTimer()
    run = _raw_runner(config) if mode == "raw" else _pipeline_runner(config, timer)
    return _Mode(mode, run, timer, start_rss)


def round_order(round_: int) -> tuple[str, ...]:
    """The order the modes run in a round: reversed every other round, so neither always goes first."""
    return MODES if round_ % 2 == 0 else MODES[::-1]


def _quiet(message: str) -> None:
    """The default progress callback: say nothing."""


def measure_interleaved(articles: Sequence[Article], config: Config, *, repeat: int = 2, warmup: int = 5,
                        progress: Progress = _quiet) -> dict[str, ModeResult]:
    """Both modes in this process: built and warmed first, then timed in alternating order per round."""
    built = {mode: build_mode(mode, config) for mode in MODES}
    for mode in built.values():
        mode.run(articles[:warmup])
    for round_ in range(max(1, repeat)):
        for name in round_order(round_):
            progress(f"round {round_ + 1}/{repeat}: {name}")
            built[name].time_once(articles)
    return {name: mode.result(articles) for name, mode in built.items()}


def _serve(conn: Connection, mode: str, path: str, limit: int | None, config: Config, warmup: int) -> None:
    """A worker process holding one built mode: it times a full pass each time the parent sends "run"."""
    try:
        articles, _ = load_articles(Path(path), config, limit)
        built = build_mode(mode, config)
        built.run(articles[:warmup])
        conn.send(("ready", None))
        while conn.recv() == "run":
            built.time_once(articles)
            conn.send(("done", None))
        conn.send(("result", built.result(articles)))
    except Exception as exc:  # noqa: BLE001 - handed to the parent, which raises a coded error
        conn.send(("error", f"{type(exc).__name__}: {exc}"))
    finally:
        conn.close()


class _Worker:
    """The parent's handle on one :func:`_serve` process."""

    def __init__(self, mode: str, path: Path, limit: int | None, config: Config, warmup: int) -> None:
        context = get_context("spawn")
        self.mode = mode
        self.conn, child = context.Pipe()
        self.process = context.Process(target=_serve, args=(child, mode, str(path), limit, config, warmup),
                                       name=f"dateline-bench-{mode}", daemon=True)
        self.process.start()
        child.close()

    def ask(self, command: str | None = None) -> Any:
        """Send ``command`` (if any) and wait for the worker's answer."""
        if command is not None:
            self.conn.send(command)
        try:
            kind, payload = self.conn.recv()
        except EOFError:
            raise PipelineError(f"bench worker for {self.mode!r} died (exit code {self.process.exitcode})",
                                hint="out of memory? try --limit or --in-process") from None
        if kind == "error":
            raise PipelineError(f"bench worker for {self.mode!r} failed: {payload}")
        return payload

    def close(self) -> None:
        self.conn.close()
        self.process.join(timeout=10)
        if self.process.is_alive():
            self.process.terminate()
            self.process.join()


def measure_isolated(path: Path, limit: int | None, config: Config, *, repeat: int = 2, warmup: int = 5,
                     progress: Progress = _quiet) -> dict[str, ModeResult]:
    """Each mode in its own fresh process (so peak memory is its own), timed in alternating rounds."""
    workers = {mode: _Worker(mode, path, limit, config, warmup) for mode in MODES}
    try:
        progress("starting a process per mode (loading the model, warming up)")
        for worker in workers.values():
            worker.ask()
        for round_ in range(max(1, repeat)):
            for mode in round_order(round_):
                progress(f"round {round_ + 1}/{repeat}: {mode}")
                workers[mode].ask("run")
        return {mode: worker.ask("result") for mode, worker in workers.items()}
    finally:
        for worker in workers.values():
            worker.close()


# ---------------------------------------------------------------------------------------------
# The whole benchmark


def run_bench(path: Path, config: Config, *, limit: int | None = None, repeat: int = 2, warmup: int = 5,
              isolate: bool = True, progress: Progress = _quiet) -> BenchReport:
    """Raw spaCy and the full pipeline over the same articles from ``path``; see the module docstring."""
    from dateline.pipeline.registry import plan

    plan(config.stages)  # an impossible stage plan fails here, before any process starts
    articles, skipped = load_articles(path, config, limit)
    if isolate:
        results = measure_isolated(path, limit, config, repeat=repeat, warmup=warmup, progress=progress)
    else:
        results = measure_interleaved(articles, config, repeat=repeat, warmup=warmup, progress=progress)
    return BenchReport(source=str(path), model=config.model, stages=tuple(config.stages),
                       batch_size=config.batch_size, articles=len(articles),
                       words=count_words(a.text for a in articles), skipped=skipped, isolated=isolate,
                       repeat=repeat, raw=results["raw"], pipeline=results["pipeline"])
