"""bench: throughput of the pipeline against raw spaCy (a thin command over dateline.bench)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from dateline.commands.core import settings
from dateline.errors import DatelineError

if TYPE_CHECKING:
    from dateline.bench import BenchReport
    from dateline.bench_scale import MemoryReport, ScaleReport


def print_report(report: BenchReport) -> None:
    """The report as rich tables: the two modes side by side, then the pipeline's time by stage."""
    from rich.console import Console
    from rich.table import Table

    from dateline.bench import TARGET_RATIO

    console = Console()
    modes = Table(title=f"dateline bench: {report.articles} articles, {report.words:,} words "
                        f"({report.model}, batch {report.batch_size}, best of {report.repeat})")
    for column in ("mode", "wall s", "CPU s", "art/s", "words/s", "peak MiB", "+MiB", "failed"):
        modes.add_column(column, justify="left" if column == "mode" else "right", no_wrap=True)
    for m in (report.raw, report.pipeline):
        modes.add_row(m.mode, f"{m.seconds:.2f}", f"{m.cpu_seconds:.2f}", f"{m.articles_per_s:.1f}",
                      f"{m.words_per_s:,.0f}", f"{m.peak_rss_mb:.0f}", f"{m.rss_growth_mb:.0f}", str(m.failures))
    console.print(modes)
    verdict = "meets" if report.ratio >= TARGET_RATIO else "below"
    console.print(f"ratio pipeline/raw (articles/s): [bold]{report.ratio:.3f}[/bold] "
                  f"({verdict} the {TARGET_RATIO} target); in CPU time: {report.cpu_ratio:.3f}")
    stages = Table(title=f"pipeline time by stage ({', '.join(report.stages) or 'no stages'})")
    stages.add_column("stage")
    stages.add_column("share", justify="right")
    stages.add_column("seconds", justify="right")
    for name, share in report.stage_shares.items():
        seconds = report.pipeline.stage_seconds.get(name, share * report.pipeline.seconds)
        stages.add_row(name, f"{share:.1%}", f"{seconds:.2f}")
    console.print(stages)
    memory = "each mode in its own process" if report.isolated else "both modes in one process"
    console.print(f"skipped inputs: {report.skipped}; memory: {memory}")


def print_scale(report: ScaleReport) -> None:
    """The engines and their raw spaCy baselines, the ratios, memory and (with --store) the store figures."""
    from rich.console import Console
    from rich.table import Table

    console = Console()
    runs = Table(title=f"dateline bench: {report.articles} articles, {report.words:,} words ({report.model}, "
                       f"batch {report.batch_size}, best of {report.repeat}, {report.cpus} CPUs)")
    memory = Table(title="memory (RSS, MiB); of the CPU s, system and driver; driver outside the engine")
    for table, columns in ((runs, ("run", "wall s", "CPU s", "art/s", "art/CPU s", "start s", "failed")),
                           (memory, ("run", "tree peak", "driver peak", "sys s", "driver s", "outside engine"))):
        for column in columns:
            table.add_column(column, justify="left" if column == "run" else "right", no_wrap=True)
    for r in report.runs:
        runs.add_row(r.label, f"{r.seconds:.2f}", f"{r.cpu_seconds:.2f}", f"{r.articles_per_s:.2f}",
                     f"{r.articles_per_cpu_s:.2f}", f"{r.startup_seconds:.1f}", str(r.failures))
        memory.add_row(r.label, f"{r.peak_rss_mb:.0f}", f"{r.driver_peak_rss_mb:.0f}", f"{r.system_cpu_seconds:.2f}",
                       f"{r.driver_cpu_seconds:.2f}", "" if r.mode == "raw" else f"{r.driver_share:.0%}")
    console.print(runs)
    console.print(memory)
    for label, ratio in report.ratios().items():
        verdict = "meets" if ratio["ratio"] >= ratio["target"] else "below"
        console.print(f"{label} / raw spaCy, same processes: [bold]{ratio['ratio']:.3f}[/bold] ({verdict} "
                      f"{ratio['target']}); per CPU second: {ratio['cpu_ratio']:.3f}")
        if "scaling" in ratio:
            console.print(f"  over the local engine's ratio (engine's own cost; 1.0 = scales as raw spaCy): "
                          f"{ratio['scaling']:.3f}, per CPU second {ratio['cpu_scaling']:.3f}")
    if report.db_bytes_per_1000() is not None:
        console.print(f"database size: {report.db_bytes_per_1000() or 0:,.0f} bytes per 1,000 articles")
    if report.stories:
        console.print(f"story clustering: {report.stories['per_1000_s']:.2f} s per 1,000 articles "
                      f"(CPU {report.stories['cpu_per_1000_s']:.2f} s)")
    console.print(f"load average before {report.load_before}, after {report.load_after}")


def print_memory(report: MemoryReport) -> None:
    typer.echo(f"{report.source}: {report.inputs} inputs streamed through `{report.engine}` "
               f"({report.workers} worker(s); stages {', '.join(report.stages) or 'none'}) in {report.seconds:.1f} s")
    typer.echo(f"peak RSS (driver + workers, sampled): {report.peak_rss_mb:.0f} MiB; driver peak "
               f"{report.driver_peak_rss_mb:.0f} MiB; end / first quarter: {report.growth:.3f}")
    typer.echo("RSS (peak so far) by inputs done: "
               + ", ".join(f"{done}: {rss:.0f} ({peak:.0f})" for done, rss, peak in report.curve))
    typer.echo(f"database {report.db_bytes:,} bytes; load average before {report.load_before}, "
               f"after {report.load_after}")


def _engine_list(engines: str | None) -> list[str]:
    return [e.strip() for e in (engines or "local,processes,dask").split(",") if e.strip()]


def register(app: typer.Typer, eval_app: typer.Typer) -> None:
    @app.command()
    def bench(
        path: Path = typer.Argument(..., help="A file or folder of articles (.txt, .html, .jsonl, .gz)."),
        limit: int | None = typer.Option(None, "--limit", min=1, help="Use at most N articles."),
        model: str | None = typer.Option(None, help="spaCy pipeline for both modes (default: config `model`)."),
        repeat: int = typer.Option(2, "--repeat", min=1, help="Timed passes per mode; the best is kept."),
        in_process: bool = typer.Option(False, "--in-process",
                                        help="Both modes in this process (faster; memory not per mode)."),
        as_json: bool = typer.Option(False, "--json", help="Print the report as one JSON object."),
        engines: str | None = typer.Option(
            None, "--engines", help="Compare these engines (local,processes,dask) each with raw spaCy in as many "
                                    "processes; also chosen by --workers or --store."),
        workers: int | None = typer.Option(None, "--workers", min=1,
                                           help="Processes for `processes` and `dask` (and their baseline); 2."),
        store: bool = typer.Option(False, "--store", help="Engines ingest into a temporary SQLite store: database "
                                                          "size and story clustering per 1,000 articles."),
        memory_only: bool = typer.Option(False, "--memory-only", help="Stream PATH through the ingest loop (first "
                                         "engine of --engines, default local) and report peak RSS."),
        config_file: Path | None = typer.Option(None, "--config", help="A TOML file of settings."),
    ) -> None:
        """Articles/s of the full pipeline vs raw spaCy on the same texts, with peak memory.

        With --engines/--workers/--store: each engine against raw spaCy with the same number of
        processes. With --memory-only: peak memory of the streaming ingest loop (compare corpus sizes).
        """
        from dateline import bench_scale
        from dateline.bench import run_bench

        if not path.exists():
            typer.echo(f"bench: {path} does not exist; nothing to measure", err=True)
            raise typer.Exit(2)
        config = settings(config_file, model=model)
        progress = lambda step: typer.echo(f"bench: {step}", err=True)  # noqa: E731 - a one-line callback
        result: BenchReport | ScaleReport | MemoryReport
        try:
            if memory_only:
                result = bench_scale.run_memory(path, config, engine=_engine_list(engines or "local")[0],
                                                workers=workers or 2, limit=limit)
            elif engines or workers or store:
                result = bench_scale.run_scale(path, config, engines=_engine_list(engines), workers=workers or 2,
                                               limit=limit, repeat=repeat, store=store, progress=progress)
            else:
                result = run_bench(path, config, limit=limit, repeat=repeat, isolate=not in_process,
                                   progress=progress)
        except DatelineError as exc:
            typer.echo(f"bench: {exc}", err=True)
            raise typer.Exit(2) from None
        if as_json:
            typer.echo(json.dumps(result.to_dict(), indent=2))
        elif isinstance(result, bench_scale.ScaleReport):
            print_scale(result)
        elif isinstance(result, bench_scale.MemoryReport):
            print_memory(result)
        else:
            print_report(result)
