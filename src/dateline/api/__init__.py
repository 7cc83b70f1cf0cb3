"""The HTTP API (FastAPI): ``create_app(db)`` serves ``/api/...``, ``/openapi.json`` and the web page."""

from __future__ import annotations

from dateline.api.app import create_app

__all__ = ["create_app"]
