"""stories: build or catch up the corpus stages over a database, and time story clustering
(thin commands over dateline.corpus)."""

from __future__ import annotations

import json
from pathlib import Path

import typer

from dateline.commands.core import settings
from dateline.commands.store import DB_HELP, opened
from dateline.errors import DatelineError


def register(app: typer.Typer, eval_app: typer.Typer) -> None:
    stories_app = typer.Typer(help="Stories and cross-article identity (actor aliases, proposals, event clusters).",
                              invoke_without_command=True)
    app.add_typer(stories_app, name="stories")

    @stories_app.callback()
    def build(
        ctx: typer.Context,
        db: str | None = typer.Option(None, "--db", help=DB_HELP),
        rebuild: bool = typer.Option(False, "--rebuild", help="Forget the corpus tables and build them again."),
        config_file: Path | None = typer.Option(None, "--config"),
    ) -> None:
        """Add stored articles not yet in a story (all of them again with --rebuild)."""
        if ctx.invoked_subcommand is not None:
            return
        from dateline import corpus

        with opened(db or settings(config_file).db, must_exist=True) as store:
            try:
                done = corpus.rebuild(store) if rebuild else corpus.catch_up(store)
            except DatelineError as exc:
                typer.echo(str(exc), err=True)
                raise typer.Exit(2) from None
            count = int(store.rows("SELECT COUNT(DISTINCT story_id) FROM stories")[0][0])
        typer.echo(f"{done.articles} articles added; {count} stories")

    @stories_app.command("bench")
    def bench(
        path: Path = typer.Argument(..., help="A JSONL corpus (one article object per line)."),
        limit: int | None = typer.Option(None, "--limit", help="Use the first N articles."),
        linear: bool = typer.Option(True, "--linear/--no-linear",
                                    help="Also time the first tenth and check near-linearity (10x <= 15x)."),
    ) -> None:
        """Story-clustering time per 1,000 articles (text part: MinHash + LSH, no NLP), as JSON."""
        from dateline.corpus.bench import bench_stories, linearity

        try:
            report = linearity(path, limit).as_dict() if linear else bench_stories(path, limit).as_dict()
        except DatelineError as exc:
            typer.echo(str(exc), err=True)
            raise typer.Exit(2) from None
        typer.echo(json.dumps(report, indent=2))
