"""The store interface and the SQL shared by every backend.

:class:`Store` is what the CLI, the ingest loop and the API use.  :class:`SqlStore` implements the
writes once in portable SQL (``?`` placeholders, ``INSERT ... ON CONFLICT ... DO UPDATE``, valid in
SQLite >= 3.24 and PostgreSQL >= 9.5); a backend supplies the connection, the transaction and the
placeholder style (``sqlite.py`` now; ``postgres.py`` for the server store).
"""

from __future__ import annotations

import hashlib
import json
import uuid
from abc import ABC, abstractmethod
from collections.abc import Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, Protocol, Self, runtime_checkable

from dateline import PIPELINE_VERSION
from dateline.config import DEFAULT_GEMM
from dateline.ingest import Skipped
from dateline.records import ArticleRecord
from dateline.store import rows as R
from dateline.store.schema import DATA_TABLES, MIGRATIONS, MIGRATIONS_TABLE, PER_ARTICLE_TABLES, Dialect

if TYPE_CHECKING:
    from dateline.config import Config


def utc_now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


@dataclass(frozen=True)
class SkipRecord:
    """A skipped input as stored: the reader's :class:`Skipped` or a stage failure."""

    path: str
    code: str
    reason: str
    stage: str | None = None
    article_id: str | None = None

    @classmethod
    def of(cls, item: Skipped) -> SkipRecord:
        return cls(item.path, item.code, item.reason)

    @property
    def key(self) -> str:
        """Same input, same problem, same row: a re-run adds nothing (raw bytes; paths keep their case)."""
        digest = hashlib.sha256("\x1f".join((self.path, self.code, self.reason)).encode("utf-8", "surrogatepass"))
        return f"skip:{digest.hexdigest()[:16]}"


@dataclass(frozen=True)
class WriteResult:
    articles: int
    skipped: int


@runtime_checkable
class Store(Protocol):
    """Where records live.  Writes are one transaction per batch; reads are in ``queries.py``."""

    dialect: Dialect

    def write_batch(self, records: Sequence[ArticleRecord], skipped: Sequence[Skipped | SkipRecord], *,
                    run_id: str | None = None, fingerprint: str | None = None) -> WriteResult: ...

    def has_article(self, article_id: str, fingerprint: str | None = None) -> bool: ...

    def start_run(self, *, model: str | None, stages: Sequence[str]) -> str: ...

    def finish_run(self, run_id: str, *, stored: int, unchanged: int, skipped: int, status: str) -> None: ...

    def table_counts(self) -> dict[str, int]: ...

    def rows(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]: ...

    def close(self) -> None: ...


class SqlStore(ABC):
    """The writes of every SQL backend; subclasses give the connection and the dialect."""

    dialect: Dialect

    # --- what a backend supplies -------------------------------------------------------------

    @abstractmethod
    def rows(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        """All rows of a query written with ``?`` placeholders."""

    @abstractmethod
    def _execute(self, sql: str, params: Sequence[Any] = ()) -> None: ...

    @abstractmethod
    def _execute_many(self, sql: str, params: list[tuple[Any, ...]]) -> None: ...

    @abstractmethod
    def transaction(self) -> AbstractContextManager[None]:
        """Commit when the block ends, roll back (and re-raise) when it raises."""

    @abstractmethod
    def close(self) -> None: ...

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- migrations --------------------------------------------------------------------------

    def migrate(self) -> list[str]:
        """Apply the migrations not yet recorded, in order, each in its own transaction."""
        self._execute(MIGRATIONS_TABLE)
        done = {name for (name,) in self.rows("SELECT name FROM migrations")}
        applied = []
        for migration in MIGRATIONS:
            if migration.name in done:
                continue
            with self.transaction():
                for statement in migration.for_dialect(self.dialect):
                    self._execute(statement)
                self._execute("INSERT INTO migrations (name, applied_at) VALUES (?, ?)", (migration.name, utc_now()))
            applied.append(migration.name)
        return applied

    def applied_migrations(self) -> list[str]:
        return [name for (name,) in self.rows("SELECT name FROM migrations ORDER BY name")]

    # --- writes ------------------------------------------------------------------------------

    def write_batch(self, records: Sequence[ArticleRecord], skipped: Sequence[Skipped | SkipRecord], *,
                    run_id: str | None = None, fingerprint: str | None = None) -> WriteResult:
        """Store a batch in ONE transaction: all of it, or (on any error) none of it."""
        now = utc_now()
        with self.transaction():
            for record in records:
                self._write_record(record, fingerprint=fingerprint, run_id=run_id, now=now)
            for item in skipped:
                self._write_skipped(item if isinstance(item, SkipRecord) else SkipRecord.of(item), run_id, now)
        return WriteResult(len(records), len(skipped))

    def _write_record(self, record: ArticleRecord, *, fingerprint: str | None, run_id: str | None,
                      now: str) -> None:
        self._upsert("articles", R.ARTICLE_COLUMNS, [R.article_row(record, fingerprint=fingerprint,
                                                                   run_id=run_id, now=now)])
        for table in PER_ARTICLE_TABLES:
            self._execute(f"DELETE FROM {table} WHERE article_id = ?", (record.article.id,))
        if record.article.source_path:  # the input reads now: an earlier skip of it is resolved
            self._execute("DELETE FROM skipped WHERE path = ?", (record.article.source_path,))
        self._write_globals(record, now)
        for row_set in R.layer_rows(record):
            self._insert(row_set)

    def _write_globals(self, record: ArticleRecord, now: str) -> None:
        for actor in record.actors:
            stored = self.rows(R.ACTOR_STORED, (actor.id,))
            self._upsert("actors", R.ACTOR_COLUMNS, [R.merge_actor(actor, stored[0] if stored else None, now)])
        if record.places:
            self._upsert("places", R.PLACE_COLUMNS, [R.place_row(p, now) for p in record.places])
        for proposal in record.proposals:
            stored = self.rows(R.PROPOSAL_STORED, (proposal.id,))
            self._upsert("proposals", R.PROPOSAL_COLUMNS,
                         [R.merge_proposal(proposal, stored[0] if stored else None, now)])

    def _write_skipped(self, item: SkipRecord, run_id: str | None, now: str) -> None:
        row = (item.key, item.path, item.code, item.reason, item.stage, item.article_id, run_id, now)
        columns = ("id", "path", "code", "reason", "stage", "article_id", "run_id", "at")
        self._upsert("skipped", columns, [row])

    def _insert(self, row_set: R.RowSet) -> None:
        if row_set.rows:
            marks = ", ".join("?" for _ in row_set.columns)
            self._execute_many(f"INSERT INTO {row_set.table} ({', '.join(row_set.columns)}) VALUES ({marks})",
                               row_set.rows)

    def _upsert(self, table: str, columns: tuple[str, ...], rows: list[tuple[Any, ...]],
                key: tuple[str, ...] = ("id",)) -> None:
        marks = ", ".join("?" for _ in columns)
        updates = ", ".join(f"{c} = excluded.{c}" for c in columns if c not in key)
        sql = (f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks}) "
               f"ON CONFLICT ({', '.join(key)}) DO UPDATE SET {updates}")
        self._execute_many(sql, rows)

    # --- incremental runs --------------------------------------------------------------------

    def has_article(self, article_id: str, fingerprint: str | None = None) -> bool:
        """Whether the article is stored (and, given a fingerprint, stored by that same pipeline)."""
        found = self.rows("SELECT fingerprint, pipeline_version FROM articles WHERE id = ?", (article_id,))
        if not found:
            return False
        stored_fingerprint, version = found[0]
        if fingerprint is None:
            return bool(version == PIPELINE_VERSION)
        return bool(stored_fingerprint == fingerprint)

    def start_run(self, *, model: str | None, stages: Sequence[str]) -> str:
        run_id = f"run:{uuid.uuid4().hex[:16]}"
        with self.transaction():
            self._execute("INSERT INTO runs (id, started_at, pipeline_version, model, stages, status) "
                          "VALUES (?, ?, ?, ?, ?, ?)",
                          (run_id, utc_now(), PIPELINE_VERSION, model, json.dumps(list(stages)), "running"))
        return run_id

    def finish_run(self, run_id: str, *, stored: int, unchanged: int, skipped: int, status: str) -> None:
        with self.transaction():
            self._execute("UPDATE runs SET finished_at = ?, stored = ?, unchanged = ?, skipped = ?, status = ? "
                          "WHERE id = ?", (utc_now(), stored, unchanged, skipped, status, run_id))

    # --- counts ------------------------------------------------------------------------------

    def table_counts(self) -> dict[str, int]:
        """Rows per data table (bookkeeping tables ``runs`` and ``migrations`` left out)."""
        return {table: int(self.rows(f"SELECT COUNT(*) FROM {table}")[0][0]) for table in DATA_TABLES}


def fingerprint(pipeline_version: str, model: str, stage_versions: Sequence[str], gemm: str = DEFAULT_GEMM) -> str:
    """What makes two runs' output comparable: the code version, the spaCy pipeline and the stages, and the
    matrix products (``gemm``) where they are not the default: numpy's BLAS rounds differently from blis, which
    can change a rare token's parse.  The default adds nothing, so stores written before keep their fingerprint."""
    stamp = f"{pipeline_version};{model};{','.join(stage_versions)}"
    return stamp if gemm == DEFAULT_GEMM else f"{stamp};gemm={gemm}"


def run_stamp(config: Config) -> tuple[list[str], str]:
    """The stage versions (as ``Pipeline.stage_versions`` will give them) and the fingerprint of a run with
    ``config``, known without loading spaCy."""
    from dateline.pipeline.registry import plan

    versions = [spec.versioned_name for spec in plan(config.stages)]
    return versions, fingerprint(PIPELINE_VERSION, config.model, versions, config.gemm)

