"""Where records live: SQLite by default (``--db PATH``); PostgreSQL (``--db postgresql://...``) plugs in
as ``dateline.store.postgres`` with the same :class:`~dateline.store.base.Store` interface.

``schema.py`` holds the named migrations, ``base.py`` the interface and the shared writes,
``queries.py`` every read, ``loader.py`` the ingest loop and ``export.py`` the JSONL/CSV exports.
"""

from __future__ import annotations

import importlib
from pathlib import Path

from dateline.errors import StoreError
from dateline.store.base import Store

POSTGRES_SCHEMES = ("postgresql://", "postgres://")


def open_store(target: str | Path) -> Store:
    """The store at ``target``: a PostgreSQL URL, or an SQLite file path (created and migrated if new)."""
    text = str(target)
    if text.startswith(POSTGRES_SCHEMES):
        try:
            module = importlib.import_module("dateline.store.postgres")
        except ModuleNotFoundError as exc:
            if exc.name != "dateline.store.postgres":
                raise
            raise StoreError("the PostgreSQL store is not available in this version", path=text,
                             hint="use an SQLite path for --db") from None
        store: Store = module.PostgresStore(text)
        return store
    from dateline.store.sqlite import SQLiteStore

    return SQLiteStore(text)


__all__ = ["Store", "open_store"]
