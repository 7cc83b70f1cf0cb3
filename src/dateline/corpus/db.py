"""The corpus stages' access to a SQL store: the shared write methods of
:class:`~dateline.store.base.SqlStore` behind a few plain functions, and chunked ``IN`` reads.

The corpus tables live in migration ``0003_corpus_identity`` of ``store/schema.py``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

from dateline.errors import StoreError
from dateline.store.base import SqlStore, Store

# Parameters per ``IN (...)`` list: under SQLite's and psycopg's limits.
CHUNK = 500


def sql_store(store: Store) -> SqlStore:
    """``store`` as a SQL store (the corpus stages write with its shared SQL)."""
    if not isinstance(store, SqlStore):
        raise StoreError(f"the corpus stages need a SQL store, not {type(store).__name__}",
                         hint="open the store with dateline.store.open_store")
    return store


def execute(store: SqlStore, sql: str, params: Sequence[Any] = ()) -> None:
    store._execute(sql, params)  # noqa: SLF001 - the corpus stages are part of the store's writers


def execute_many(store: SqlStore, sql: str, rows: list[tuple[Any, ...]]) -> None:
    if rows:
        store._execute_many(sql, rows)  # noqa: SLF001 - as above


def insert_new(store: SqlStore, table: str, columns: tuple[str, ...], rows: list[tuple[Any, ...]]) -> None:
    """Insert ``rows``, leaving rows whose key is already there as they are."""
    marks = ", ".join("?" for _ in columns)
    execute_many(store, f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks}) ON CONFLICT DO NOTHING",
                 rows)


def rows_in(store: Store, sql: str, values: Iterable[Any], *params: Any) -> list[tuple[Any, ...]]:
    """Rows of ``sql`` (which holds one ``IN ({marks})``) for all ``values``, a chunk at a time;
    ``params`` follow the list."""
    items = list(dict.fromkeys(values))
    found: list[tuple[Any, ...]] = []
    for i in range(0, len(items), CHUNK):
        chunk = items[i : i + CHUNK]
        found.extend(store.rows(sql.format(marks=", ".join("?" for _ in chunk)), (*chunk, *params)))
    return found


def day_number(value: str | None) -> int | None:
    """Days since 0001-01-01 of an ISO date or timestamp (``2025-03-12...``); None when it has no day."""
    if not value or len(value) < 10:
        return None
    try:
        return date.fromisoformat(value[:10]).toordinal()
    except ValueError:
        return None
