"""The app factory: the JSON API under ``/api/``, the web page at ``/`` and its static files.

``create_app(db)`` is read-only: on SQLite the connection is also set ``query_only``, so no request
can change the database.  ``create_app(db, token=..., read_only=False)`` turns on
``POST /api/articles`` for clients that send ``Authorization: Bearer <token>``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException
from starlette.staticfiles import StaticFiles

from dateline import __version__
from dateline.api import read_routes, write_routes
from dateline.api.errors import ApiError, BadParameter, MethodNotAllowed, NotFound, error_body
from dateline.api.state import DEFAULT_MAX_BODY_BYTES, ApiState
from dateline.config import Config, load_config
from dateline.errors import ConfigError, DatelineError
from dateline.store import open_store
from dateline.store.base import Store
from dateline.web import STATIC_DIR, page_routes

# What the page may load: only this server (no CDN, no outside fonts or tiles).
CSP = ("default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
       "connect-src 'self'; frame-ancestors 'none'")


def create_app(db: str | Path | Store, token: str | None = None, read_only: bool = True, *,
               config: Config | None = None, max_body_bytes: int = DEFAULT_MAX_BODY_BYTES) -> FastAPI:
    """The dateline app over ``db`` (a path, a PostgreSQL URL or an open store)."""
    if not read_only and not token:
        raise ConfigError("a writable server needs a token", hint="set DATELINE_TOKEN")
    store = db if isinstance(db, Store) else open_store(db)
    if read_only and store.dialect == "sqlite":
        store.rows("PRAGMA query_only = ON")
    app = FastAPI(title="dateline", version=__version__, docs_url=None, redoc_url=None,
                  description="Conflict and diplomacy news as sourced records; every claim with its evidence spans.")
    app.state.dateline = ApiState(store, config or load_config(), token, read_only, max_body_bytes)
    app.include_router(read_routes.router)
    app.include_router(write_routes.router)
    app.include_router(page_routes.router)
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    _add_handlers(app)
    app.middleware("http")(_headers)
    return app


def _add_handlers(app: FastAPI) -> None:
    app.add_exception_handler(ApiError, _api_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(HTTPException, _http_error)
    app.add_exception_handler(DatelineError, _dateline_error)
    app.add_exception_handler(Exception, _server_error)


def _json(status: int, body: dict[str, Any]) -> JSONResponse:
    return JSONResponse(body, status_code=status)


async def _api_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, ApiError)
    return _json(exc.status, exc.body())


async def _validation_error(request: Request, exc: Exception) -> Response:
    """FastAPI's checks as one BadParameter naming the first parameter that failed, and why."""
    assert isinstance(exc, RequestValidationError)
    first = exc.errors()[0] if exc.errors() else {"loc": ("request",), "msg": "invalid"}
    loc = [str(part) for part in first.get("loc", ()) if part not in ("query", "path", "body", "header")]
    error = BadParameter(".".join(loc) or "request", str(first.get("msg", "invalid")))
    return _json(error.status, error.body())


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    if exc.status_code == 405:
        error: ApiError = MethodNotAllowed(f"{request.method} is not allowed on {request.url.path}")
    elif exc.status_code == 404:
        error = NotFound(f"nothing at {request.url.path}")
    else:
        return _json(exc.status_code, error_body(f"HTTP{exc.status_code}", str(exc.detail), None))
    return _json(error.status, error.body())


async def _dateline_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, DatelineError)
    return _json(500, error_body(exc.code, exc.message, exc.hint or None))


async def _server_error(request: Request, exc: Exception) -> Response:
    return _json(500, error_body("E600", "internal error", "see the server log"))


async def _headers(request: Request, call_next: Any) -> Response:
    response: Response = await call_next(request)
    response.headers.setdefault("Content-Security-Policy", CSP)
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    return response
