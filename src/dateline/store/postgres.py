"""The server store: PostgreSQL through psycopg 3, the same schema, migrations and writes as SQLite.

``--db postgresql://user:password@host:port/database``.  The connection runs in autocommit mode and
each batch is one explicit transaction; migrations run under an advisory lock, so workers that open
a fresh database at the same time apply them once.  PostgreSQL text cannot hold U+0000: a record
containing it is refused with a coded error instead of being changed on the way in.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from functools import lru_cache
from typing import Any

import psycopg

from dateline.errors import StoreError
from dateline.store.base import SqlStore
from dateline.store.schema import Dialect

# Seconds to wait for the server before giving up on a connection.
CONNECT_TIMEOUT_S = 10
# Any constant: the advisory lock that serializes migrations across processes.
_MIGRATION_LOCK = 7_311_244_001


def redacted(url: str) -> str:
    """The URL without its password, for messages."""
    return re.sub(r"(://[^:/@]+):[^@/]*@", r"\1:***@", url)


@lru_cache(maxsize=512)
def to_pyformat(sql: str) -> str:
    """Portable ``?`` placeholders as psycopg's ``%s`` (a literal ``%`` doubled)."""
    return sql.replace("%", "%%").replace("?", "%s")


class PostgresStore(SqlStore):
    """A dateline database on a PostgreSQL server; migrated when opened."""

    dialect: Dialect = "postgres"

    def __init__(self, url: str) -> None:
        self.url = url
        self.path = redacted(url)
        try:
            self.conn = psycopg.connect(url, autocommit=True, connect_timeout=CONNECT_TIMEOUT_S)
        except psycopg.Error as exc:
            raise StoreError(f"cannot connect to PostgreSQL: {_first_line(exc)}", path=self.path,
                             hint="check the URL, and that the server runs and accepts this user") from None
        try:
            self.migrate()
        except psycopg.Error as exc:
            self.conn.close()
            raise StoreError(f"cannot migrate the PostgreSQL database: {_first_line(exc)}", path=self.path) from exc

    def migrate(self) -> list[str]:
        self.conn.execute("SELECT pg_advisory_lock(%s)", (_MIGRATION_LOCK,))
        try:
            return super().migrate()
        finally:
            self.conn.execute("SELECT pg_advisory_unlock(%s)", (_MIGRATION_LOCK,))

    def rows(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        try:
            return self.conn.execute(to_pyformat(sql), tuple(params)).fetchall()
        except psycopg.Error as exc:
            raise StoreError(f"query failed: {_first_line(exc)}", path=self.path) from exc

    def _execute(self, sql: str, params: Sequence[Any] = ()) -> None:
        _refuse_nul(params)
        self.conn.execute(to_pyformat(sql), tuple(params))

    def _execute_many(self, sql: str, params: list[tuple[Any, ...]]) -> None:
        for row in params:
            _refuse_nul(row)
        with self.conn.cursor() as cursor:
            cursor.executemany(to_pyformat(sql), params)

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """One transaction (nested blocks become savepoints); driver errors become a StoreError."""
        try:
            with self.conn.transaction():
                yield
        except psycopg.Error as exc:
            raise StoreError(f"write failed, batch rolled back: {_first_line(exc)}", path=self.path) from exc

    def close(self) -> None:
        self.conn.close()


def _refuse_nul(params: Sequence[Any]) -> None:
    for value in params:
        if isinstance(value, str) and "\x00" in value:
            raise StoreError("a value holds U+0000 (NUL), which PostgreSQL text cannot store",
                             hint="remove NUL characters from the input, or use an SQLite store")


def _first_line(exc: BaseException) -> str:
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
