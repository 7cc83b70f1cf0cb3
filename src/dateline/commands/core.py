"""extract, schema, stages: commands that need no database."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path

import typer

from dateline.config import Config, load_config
from dateline.errors import DatelineError


def settings(config_file: Path | None, **overrides: object) -> Config:
    """Defaults < --config file < DATELINE_* env < the CLI flags given."""
    try:
        return load_config(config_file).with_(**overrides)
    except DatelineError as exc:
        typer.echo(str(exc), err=True)
        raise typer.Exit(2) from None


def extract_records(paths: list[Path], config: Config, fmt: str | None = None) -> Iterator[object]:
    """ArticleRecords, Skipped inputs and StageFailures, in input order."""
    from dateline.ingest.sources import read_paths
    from dateline.pipeline.runner import Pipeline
    from dateline.records import Article

    pipeline = Pipeline(config)
    problems: list[object] = []

    def articles() -> Iterator[Article]:
        for item in read_paths(paths, max_text_bytes=config.max_text_bytes, fmt=fmt):
            if isinstance(item, Article):
                yield item
            else:
                problems.append(item)

    for record in pipeline.process(articles()):  # streams: one batch in memory at a time
        yield from problems
        problems.clear()
        yield record
    yield from problems


def report_problem(item: object) -> None:
    typer.echo(f"skipped [{getattr(item, 'code', '?')}] "
               f"{getattr(item, 'path', None) or getattr(item, 'source_path', '')}: "
               f"{getattr(item, 'reason', None) or getattr(item, 'message', '')}", err=True)


def register(app: typer.Typer, eval_app: typer.Typer) -> None:
    @app.command()
    def extract(
        paths: list[Path] = typer.Argument(..., help="Files or folders (.txt, .html, .jsonl, .gz)."),
        output_format: str = typer.Option("json", "--format", help="json (one pretty object per article) or jsonl."),
        input_format: str | None = typer.Option(None, "--input-format", help="Force text|html|jsonl."),
        model: str | None = typer.Option(None, help="spaCy pipeline to use (default: config `model`)."),
        config_file: Path | None = typer.Option(None, "--config", help="A TOML file of settings."),
    ) -> None:
        """Print the full record of each article (no database). Exit 1 if some inputs failed."""
        from dateline.records import ArticleRecord, dumps

        if output_format not in ("json", "jsonl"):
            raise typer.BadParameter("use json or jsonl", param_hint="--format")
        config = settings(config_file, model=model)
        failed = 0
        for item in extract_records(paths, config, input_format):
            if isinstance(item, ArticleRecord):
                sys.stdout.write(dumps(item, indent=2 if output_format == "json" else None) + "\n")
            else:
                failed += 1
                report_problem(item)
        raise typer.Exit(1 if failed else 0)

    @app.command()
    def schema() -> None:
        """Print the JSON Schema of the article record (RECORDS.md v1)."""
        from dateline.records import json_schema

        typer.echo(json.dumps(json_schema(), indent=2))

    @app.command()
    def stages(config_file: Path | None = typer.Option(None, "--config")) -> None:
        """List the configured stages with their versions, requirements and products."""
        from dateline.pipeline.registry import plan

        for spec in plan(settings(config_file).stages):
            typer.echo(f"{spec.versioned_name:16} requires {','.join(spec.requires):24} "
                       f"produces {','.join(spec.produces)}")
