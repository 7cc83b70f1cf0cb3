"""The default store: one SQLite file (stdlib sqlite3), WAL journal, foreign keys on, FTS5 search."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from dateline.errors import StoreError
from dateline.store.base import SqlStore
from dateline.store.schema import Dialect

# Seconds a writer waits for another process's lock before giving up.
BUSY_TIMEOUT_S = 30.0
# Page cache per connection (KiB; SQLite's default is 2 MiB).  The stories index (about 40 LSH keys
# per article) outgrows 2 MiB near 5,000 articles and random inserts then miss the cache: measured on
# 19,043 Reuters articles, 64 MiB cut the story step's CPU per 1,000 articles at scale from 0.76 s to 0.59 s.
CACHE_KIB = 65536


class SQLiteStore(SqlStore):
    """A dateline database in one SQLite file (or ``:memory:``); migrated when opened."""

    dialect: Dialect = "sqlite"

    def __init__(self, path: str | Path) -> None:
        self.path = str(path)
        self._depth = 0
        try:
            if self.path != ":memory:":
                Path(self.path).parent.mkdir(parents=True, exist_ok=True)
            # isolation_level=None: autocommit; transactions are explicit in transaction().
            self.conn = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_S, isolation_level=None,
                                        check_same_thread=False)
            self._configure()
            self.migrate()
        except (sqlite3.Error, OSError) as exc:
            raise StoreError(f"cannot open the database: {exc}", path=self.path) from exc

    def _configure(self) -> None:
        self.conn.execute("PRAGMA foreign_keys = ON")
        self.conn.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
        if self.path != ":memory:":
            self.conn.execute("PRAGMA journal_mode = WAL")
            self.conn.execute("PRAGMA synchronous = NORMAL")

    def rows(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        try:
            return self.conn.execute(sql, tuple(params)).fetchall()
        except sqlite3.Error as exc:
            raise StoreError(f"query failed: {exc}", path=self.path) from exc

    def _execute(self, sql: str, params: Sequence[Any] = ()) -> None:
        self.conn.execute(sql, tuple(params))

    def _execute_many(self, sql: str, params: list[tuple[Any, ...]]) -> None:
        self.conn.executemany(sql, params)

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """One IMMEDIATE transaction (nested blocks join the outer one)."""
        if self._depth:
            self._depth += 1
            try:
                yield
            finally:
                self._depth -= 1
            return
        self._begin()
        self._depth = 1
        try:
            yield
        except BaseException as exc:
            self.conn.execute("ROLLBACK")
            if isinstance(exc, sqlite3.Error):
                raise StoreError(f"write failed, batch rolled back: {exc}", path=self.path) from exc
            raise
        else:
            self.conn.execute("COMMIT")
        finally:
            self._depth = 0

    def _begin(self) -> None:
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            raise StoreError(f"cannot start a transaction: {exc}", path=self.path) from exc

    def close(self) -> None:
        self.conn.close()
