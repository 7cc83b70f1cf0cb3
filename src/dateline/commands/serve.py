"""serve: the HTTP API and the web page over a database (uvicorn)."""

from __future__ import annotations

import os
from pathlib import Path

import typer

from dateline.commands.core import settings
from dateline.commands.store import DB_HELP, opened
from dateline.errors import DatelineError

TOKEN_ENV = "DATELINE_TOKEN"


def register(app: typer.Typer, eval_app: typer.Typer) -> None:
    @app.command()
    def serve(
        db: str | None = typer.Option(None, "--db", help=DB_HELP),
        host: str = typer.Option("127.0.0.1", help="Address to listen on (0.0.0.0: every interface)."),
        port: int = typer.Option(8000, help="TCP port."),
        writable: bool = typer.Option(False, "--writable", help=f"Accept POST /api/articles from clients "
                                      f"holding the bearer token in ${TOKEN_ENV} (read-only otherwise)."),
        max_body_bytes: int = typer.Option(1_000_000, help="Largest POST body accepted, in bytes."),
        config_file: Path | None = typer.Option(None, "--config", help="A TOML file of settings."),
    ) -> None:
        """Serve the API (/api/..., /openapi.json) and the web page at http://HOST:PORT/."""
        import uvicorn

        from dateline.api import create_app

        config = settings(config_file, db=db)
        token = os.environ.get(TOKEN_ENV) or None
        if writable and not token:
            typer.echo(f"--writable needs a token: set {TOKEN_ENV}", err=True)
            raise typer.Exit(2)
        with opened(config.db, must_exist=True) as store:
            try:
                web = create_app(store, token=token, read_only=not writable, config=config,
                                 max_body_bytes=max_body_bytes)
            except DatelineError as exc:
                typer.echo(str(exc), err=True)
                raise typer.Exit(2) from None
            typer.echo(f"dateline: serving {config.db} at http://{host}:{port}/ "
                       f"({'writable' if writable else 'read-only'}); Ctrl-C stops", err=True)
            uvicorn.run(web, host=host, port=port, log_level="warning")
