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
        config_file: Path | None = typer.Option(None, "--config", help="A TOML file of settings."),
    ) -> None:
        """Articles/s and words/s of the full pipeline vs raw spaCy on the same texts, with peak memory."""
        from dateline.bench import run_bench

        if not path.exists():
            typer.echo(f"bench: {path} does not exist; nothing to measure", err=True)
            raise typer.Exit(2)
        config = settings(config_file, model=model)
        try:
            report = run_bench(path, config, limit=limit, repeat=repeat, isolate=not in_process,
                               progress=lambda step: typer.echo(f"bench: {step}", err=True))
        except DatelineError as exc:
            typer.echo(f"bench: {exc}", err=True)
            raise typer.Exit(2) from None
        if as_json:
            typer.echo(json.dumps(report.to_dict(), indent=2))
        else:
            print_report(report)
