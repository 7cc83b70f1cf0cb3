"""ingest, load, show, stats, export: the commands over the database (``--db``, default config ``db``)."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from dateline.commands.core import settings
from dateline.errors import DatelineError, RecordNotFound, StoreError

if TYPE_CHECKING:
    from rich.console import Console

    from dateline.config import Config
    from dateline.store.base import Store
    from dateline.store.loader import IngestSummary
    from dateline.store.queries import Stats

# (label, table, per-article table): corpus-level entities are stored once, mentioned in many articles.
_COUNT_ROWS = (
    ("articles", "articles", None), ("actors", "actors", "actor_mentions"), ("quotes", "quotes", None),
    ("times", "times", None), ("places", "places", "place_mentions"), ("events", "events", None),
    ("proposals", "proposals", "proposal_mentions"), ("stances", "stances", None),
    ("skipped inputs", "skipped", None),
)

DB_HELP = "SQLite file (or PostgreSQL URL) of the store; default: config `db`."


@contextmanager
def opened(db: str, *, must_exist: bool) -> Iterator[Store]:
    """The store at ``db``; coded errors become a message and exit code 2."""
    from dateline.store import POSTGRES_SCHEMES, open_store

    try:
        if must_exist and not db.startswith(POSTGRES_SCHEMES) and not Path(db).exists():
            raise StoreError("no database here", path=db, hint="run `dateline ingest PATH --db FILE` first")
        store = open_store(db)
    except DatelineError as exc:
        typer.echo(str(exc), err=True)
        raise typer.Exit(2) from None
    try:
        yield store
    finally:
        store.close()


def run_ingest(paths: list[Path], config: Config, *, input_format: str | None, force: bool,
               engine: str = "local", workers: int = 0, scheduler: str | None = None,
               shards: Path | None = None) -> IngestSummary:
    """Read, process (on ``engine``: see dateline.pipeline.engines) and store ``paths``; progress on stderr.

    With ``shards``, the records go to Parquet shards in that folder instead of the store."""
    from rich.console import Console
    from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    from dateline import PIPELINE_VERSION
    from dateline.ingest.sources import read_paths
    from dateline.pipeline.engines import make_engine
    from dateline.store.base import run_stamp
    from dateline.store.loader import ingest
    from dateline.store.shards import ShardMeta, ingest_to_shards

    versions, stamp = run_stamp(config)
    columns = (SpinnerColumn(), TextColumn("ingesting"), BarColumn(), TextColumn("{task.completed} inputs"),
               TimeElapsedColumn())
    target = nullcontext(None) if shards is not None else opened(config.db, must_exist=False)
    # No auto-refresh: rich would redraw from a thread of its own, and any second thread in this process
    # makes spaCy's parser slower with the local engine (docs/SCALE.md, "Threads in a spaCy process").
    with target as store, Progress(*columns, console=Console(stderr=True), auto_refresh=False) as bar:
        runner = make_engine(engine, config, workers=workers, scheduler=scheduler)
        try:
            task = bar.add_task("ingest", total=None)

            def advance(done: int) -> None:
                bar.advance(task, done)
                bar.refresh()

            items = read_paths(paths, max_text_bytes=config.max_text_bytes, fmt=input_format)
            if store is None:
                assert shards is not None
                meta = ShardMeta(stamp, PIPELINE_VERSION, config.model, tuple(versions))
                return ingest_to_shards(items, shards, runner, meta, batch_size=config.batch_size, force=force,
                                        on_progress=advance)
            return ingest(items, store, runner, batch_size=config.batch_size, fingerprint=stamp,
                          model=config.model, stages=versions, force=force,
                          on_progress=advance)
        finally:
            runner.close()


def print_summary(summary: IngestSummary, db: str) -> None:
    typer.echo(f"{db}: {summary.stored} stored, {summary.unchanged} unchanged, "
               f"{len(summary.skipped)} skipped (run {summary.run_id})")
    for item in summary.skipped:
        typer.echo(f"  skipped [{item.code}] {item.path}: {item.reason}")


def print_stats(result: Stats, console: Console) -> None:
    from rich.table import Table

    counts = Table(title="Records")
    for column in ("record", "stored", "in articles"):
        counts.add_column(column, justify="left" if column == "record" else "right")
    for label, table, per_article in _COUNT_ROWS:
        mentions = str(result.counts[per_article]) if per_article else ""
        counts.add_row(label, str(result.counts[table]), mentions)
    console.print(counts)
    _print_pairs(console, "Events by type", ("type", "events"), result.events_by_type)
    _print_pairs(console, "Skipped inputs by code", ("code", "inputs"), result.skipped_by_code)
    actors = Table(title="Top actors by mentions")
    for column in ("actor", "kind", "country", "mentions", "articles", "id"):
        actors.add_column(column, justify="right" if column in ("mentions", "articles") else "left")
    for a in result.top_actors:
        actors.add_row(a.name, a.kind, a.country or "", str(a.mentions), str(a.articles), a.id)
    console.print(actors)


def _print_pairs(console: Console, title: str, header: tuple[str, str], values: dict[str, int]) -> None:
    from rich.table import Table

    table = Table(title=title)
    table.add_column(header[0])
    table.add_column(header[1], justify="right")
    for key, count in values.items():
        table.add_row(key, str(count))
    if not values:
        table.add_row("(none)", "0")
    console.print(table)


def register(app: typer.Typer, eval_app: typer.Typer) -> None:
    @app.command()
    def ingest(
        paths: list[Path] = typer.Argument(..., help="Files or folders (.txt, .html, .jsonl, .warc, .gz); "
                                           "- reads stdin."),
        db: str | None = typer.Option(None, "--db", help=DB_HELP),
        model: str | None = typer.Option(None, help="spaCy pipeline to use (default: config `model`)."),
        config_file: Path | None = typer.Option(None, "--config", help="A TOML file of settings."),
        input_format: str | None = typer.Option(None, "--input-format", help="Force text|html|jsonl|warc."),
        force: bool = typer.Option(False, "--force", help="Re-process articles already stored by this pipeline."),
        engine: str = typer.Option("local", help="Where stages run: local, processes (a process pool) or dask "
                                   "(each Dask worker runs them in a child process per thread; docs/SCALE.md)."),
        workers: int | None = typer.Option(None, help="Workers for processes/dask (default: config `processes`; "
                                           "0 = one per CPU)."),
        scheduler: str | None = typer.Option(None, help="Dask scheduler address (tcp://host:8786); default: "
                                             "a local cluster."),
        shards: Path | None = typer.Option(None, "--shards", metavar="DIR",
                                           help="Write Parquet shards into DIR (one per batch and worker, written "
                                           "by the workers) instead of the database; import them with "
                                           "`dateline load DIR --db ...`."),
    ) -> None:
        """Extract and store articles, one transaction per batch. Exit 1 if some inputs failed.

        Articles already stored by the same pipeline are skipped, so an interrupted run resumes
        (with --shards: articles already in DIR's shards)."""
        if shards is not None and db is not None:
            raise typer.BadParameter("--shards writes no database: give --db to `dateline load`",
                                     param_hint="--db")
        config = settings(config_file, model=model, db=db)
        try:
            summary = run_ingest(paths, config, input_format=input_format, force=force, engine=engine,
                                 workers=config.processes if workers is None else workers, scheduler=scheduler,
                                 shards=shards)
        except DatelineError as exc:
            typer.echo(str(exc), err=True)
            raise typer.Exit(2) from None
        print_summary(summary, str(shards) if shards is not None else config.db)
        raise typer.Exit(1 if summary.failed else 0)

    @app.command()
    def load(
        paths: list[Path] = typer.Argument(..., metavar="SHARDS", help="Parquet shards or folders of them "
                                           "(written by `dateline ingest --shards DIR`)."),
        db: str | None = typer.Option(None, "--db", help=DB_HELP),
        config_file: Path | None = typer.Option(None, "--config", help="A TOML file of settings."),
    ) -> None:
        """Import Parquet shards into the database: one transaction per batch, in the order they were
        written, then stories and cross-article identity. Records already stored by the same pipeline
        are left alone, so loading again changes no row. A shard that cannot be read is reported
        (file and problem) and not loaded; the others are. Exit 1 if some shard failed."""
        from dateline.store.shards import load_shards

        config = settings(config_file, db=db)
        with opened(config.db, must_exist=False) as store:
            try:
                summary = load_shards(paths, store)
            except DatelineError as exc:
                typer.echo(str(exc), err=True)
                raise typer.Exit(2) from None
        typer.echo(f"{config.db}: {summary.shards} shard(s) read, {summary.stored} stored, "
                   f"{summary.unchanged} unchanged, {summary.skipped} skipped inputs recorded"
                   + (f" (run {summary.run_id})" if summary.run_id else ""))
        for problem in summary.problems:
            typer.echo(f"  not loaded: {problem}", err=True)
        raise typer.Exit(1 if summary.failed else 0)

    @app.command()
    def show(
        record_id: str = typer.Argument(..., metavar="ID", help="Any id: article, actor, place, proposal, "
                                        "quote, event, time or stance."),
        db: str | None = typer.Option(None, "--db", help=DB_HELP),
        config_file: Path | None = typer.Option(None, "--config", help="A TOML file of settings."),
    ) -> None:
        """Print the stored record with this id as pretty JSON (an article: its full record)."""
        from dateline.records import dumps
        from dateline.store.queries import get_entity

        config = settings(config_file, db=db)
        with opened(config.db, must_exist=True) as store:
            found = get_entity(store, record_id)
        if found is None:
            typer.echo(str(RecordNotFound(f"no record with id {record_id!r}", path=config.db)), err=True)
            raise typer.Exit(1)
        typer.echo(dumps(found, indent=2))

    @app.command()
    def stats(
        db: str | None = typer.Option(None, "--db", help=DB_HELP),
        config_file: Path | None = typer.Option(None, "--config", help="A TOML file of settings."),
        top: int = typer.Option(10, help="How many actors to list."),
    ) -> None:
        """A summary of the store: rows per table, events by type, skipped inputs, the top actors."""
        from rich.console import Console

        from dateline.store.queries import stats as read_stats

        config = settings(config_file, db=db)
        with opened(config.db, must_exist=True) as store:
            result = read_stats(store, top=top)
        typer.echo(f"{config.db}: {result.runs} ingest run(s)")
        print_stats(result, Console(width=120))

    @app.command()
    def export(
        output_format: str = typer.Option(
            "jsonl", "--format", help="jsonl (the record contract), csv (one file per record type) or plover "
            "(one PLOVER JSON event per line)."),
        out: Path | None = typer.Option(None, "--out", help="jsonl: a file (default stdout); csv: a folder."),
        db: str | None = typer.Option(None, "--db", help=DB_HELP),
        config_file: Path | None = typer.Option(None, "--config", help="A TOML file of settings."),
    ) -> None:
        """Write every stored record: JSONL, one ArticleRecord per line; CSV, one file per record type; or
        PLOVER JSON, one event per line."""
        from dateline.store.export import write_csv, write_jsonl
        from dateline.store.plover_export import write_plover
        from dateline.store.queries import iter_records

        if output_format not in ("jsonl", "csv", "plover"):
            raise typer.BadParameter("use jsonl, csv or plover", param_hint="--format")
        writer = write_plover if output_format == "plover" else write_jsonl
        if output_format == "csv" and out is None:
            raise typer.BadParameter("csv needs a folder to write into", param_hint="--out")
        config = settings(config_file, db=db)
        with opened(config.db, must_exist=True) as store:
            if output_format == "csv":
                assert out is not None
                counts = write_csv(iter_records(store), out)
                typer.echo(", ".join(f"{n} {name}" for name, n in counts.items()) + f" -> {out}", err=True)
            elif out is None:
                writer(iter_records(store), sys.stdout)
            else:
                with out.open("w", encoding="utf-8") as handle:
                    n = writer(iter_records(store), handle)
                typer.echo(f"{n} {'events' if output_format == 'plover' else 'records'} -> {out}", err=True)
