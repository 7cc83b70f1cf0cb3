"""Parquet shards: a run's records written next to the workers, imported later by ``dateline load``.

``dateline ingest PATH --shards DIR`` writes no database: the loop hands the engine N batches at a
time for N workers (as ``store/loader.py`` does; the shards' ``batch`` is such a hand-out) and each
part of it (one per worker, a whole batch's worth of articles) becomes one Parquet file in ``DIR``,
written by the worker that processed it (a pool or Dask worker; ``DIR`` must be a folder every
worker reaches, e.g. a cluster's shared file system) under a temporary name and renamed into place
when complete, so a file named ``*.parquet`` is always whole.
One row per article record or skipped input; the record is the contract's JSON
(:func:`dateline.records.dumps`, read back with :func:`dateline.records.from_json`) with the
columns that identify it beside it::

    batch        the batch the row belongs to: "<UTC start of the run>-<run>-<batch number>"
    part         the part of the batch (the worker's slice), from 0
    kind         "record" or "skipped"
    article_id   the article's id (content hash of text, title, URL); null for an unreadable input
    text_sha256  sha256 of the article text
    fingerprint  the pipeline that made the record (code version, spaCy model, stage versions)
    record_json  the ArticleRecord as JSON (records only)
    skip_path, skip_code, skip_reason, skip_stage   the skipped input (skips only)

The file's metadata repeats the batch, part and fingerprint and adds the format version, the record
schema version, the model, the stages and the row count (checked on load).  File names are
``<batch>-<part>.parquet``: sorting them puts runs in the order they started and batches in input
order, which ``dateline load`` follows (one transaction per batch, then the corpus step, as a direct
ingest does), so the loaded database equals the one ``dateline ingest --db`` gives.

Idempotent both ways: ``ingest --shards`` skips the articles already in ``DIR``'s shards with the same
fingerprint (a killed run resumes; ``--force`` writes them again), and ``load`` skips the articles
already stored with the same fingerprint and the skipped inputs already recorded, so loading a shard
twice changes no row.  A shard that cannot be read (not Parquet, truncated, wrong columns, a record
that does not decode) is reported with its file name and the problem, nothing of it is written, and
the other shards still load.
"""

from __future__ import annotations

import json
import os
import uuid
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from itertools import groupby
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dateline.errors import BadShard, DatelineError, MissingInput
from dateline.ingest import Skipped
from dateline.records import SCHEMA_VERSION, Article, ArticleRecord, dumps, from_json
from dateline.store.base import SkipRecord, Store
from dateline.store.loader import IN_FLIGHT, IngestSummary, Progress, Result, batched, group_size, skip_of

if TYPE_CHECKING:
    from dateline.pipeline.engines import Engine, Pending
    from dateline.pipeline.runner import Pipeline

FORMAT = "1"
SUFFIX = ".parquet"
_META = "dateline."
ARTICLE_IDS = "article_ids"  # metadata key (added to format 1; shards written before it lack it)
COLUMNS = ("batch", "part", "kind", "article_id", "text_sha256", "fingerprint", "record_json",
           "skip_path", "skip_code", "skip_reason", "skip_stage")


@dataclass(frozen=True)
class ShardMeta:
    """What made the records: stored in every shard and in the ``runs`` row of ``dateline load``."""

    fingerprint: str
    pipeline_version: str
    model: str | None
    stages: tuple[str, ...]


@dataclass(frozen=True)
class ShardTask:
    """One part of one batch, for a worker: process ``articles``, write them (and ``skipped``) as a shard."""

    folder: str
    batch: str
    part: int
    articles: list[Article]
    skipped: list[SkipRecord]
    meta: ShardMeta


@dataclass(frozen=True)
class ShardWritten:
    """What a worker sends back: the shard's name and counts, not the records."""

    name: str
    stored: int
    skipped: list[SkipRecord]


# ---------------------------------------------------------------------------------------------
# writing


def shard_name(batch: str, part: int) -> str:
    return f"{batch}-{part:03d}{SUFFIX}"


def shard_task(pipeline: Pipeline, task: ShardTask) -> ShardWritten:
    """The engine task (``Engine.submit``): the part processed on the worker and written as a shard."""
    results = list(pipeline.process(task.articles)) if task.articles else []
    return write_shard(task, results)


def write_shard(task: ShardTask, results: Sequence[Result]) -> ShardWritten:
    """Write ``results`` and ``task.skipped`` to ``task.folder`` atomically (temporary file, fsync, rename)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    records = [r for r in results if isinstance(r, ArticleRecord)]
    skipped = [*task.skipped, *(skip_of(r) for r in results if not isinstance(r, ArticleRecord))]
    rows = [_record_row(task, r) for r in records] + [_skip_row(task, s) for s in skipped]
    table = pa.Table.from_pylist(rows, schema=_schema(task, len(rows), [r.article.id for r in records]))
    folder = Path(task.folder)
    folder.mkdir(parents=True, exist_ok=True)
    name = shard_name(task.batch, task.part)
    temporary = folder / f".{name}.{uuid.uuid4().hex[:8]}.tmp"  # not *.parquet: never read as a shard
    try:
        with temporary.open("wb") as handle:
            pq.write_table(table, handle, compression="zstd")
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, folder / name)
    finally:
        temporary.unlink(missing_ok=True)
    return ShardWritten(name, len(records), skipped)


def _schema(task: ShardTask, rows: int, article_ids: Sequence[str]) -> Any:
    import pyarrow as pa

    meta = task.meta
    metadata = {"format": FORMAT, "schema_version": SCHEMA_VERSION, "batch": task.batch, "part": str(task.part),
                "fingerprint": meta.fingerprint, "pipeline_version": meta.pipeline_version,
                "model": meta.model or "", "stages": json.dumps(list(meta.stages)), "rows": str(rows),
                # the records' article ids, so that a resumed run reads the footer only (sharded_ids)
                ARTICLE_IDS: json.dumps(list(article_ids))}
    fields = [pa.field("part", pa.int32(), nullable=False) if c == "part" else pa.field(c, pa.string())
              for c in COLUMNS]
    return pa.schema(fields, metadata={f"{_META}{k}": v for k, v in metadata.items()})


def _record_row(task: ShardTask, record: ArticleRecord) -> dict[str, Any]:
    return {**_blank(task), "kind": "record", "article_id": record.article.id,
            "text_sha256": record.article.text_sha256, "record_json": dumps(record)}


def _skip_row(task: ShardTask, item: SkipRecord) -> dict[str, Any]:
    return {**_blank(task), "kind": "skipped", "article_id": item.article_id, "skip_path": item.path,
            "skip_code": item.code, "skip_reason": item.reason, "skip_stage": item.stage}


def _blank(task: ShardTask) -> dict[str, Any]:
    row: dict[str, Any] = dict.fromkeys(COLUMNS)
    row.update(batch=task.batch, part=task.part, fingerprint=task.meta.fingerprint)
    return row


def shard_files(paths: Iterable[Path]) -> Iterator[Path]:
    """The ``*.parquet`` files of ``paths`` (folders searched recursively; temporary files left out)."""
    for path in paths:
        if path.is_dir():
            yield from sorted(p for p in path.rglob(f"*{SUFFIX}") if p.is_file() and not p.name.startswith("."))
        elif path.exists():
            yield path
        else:
            raise MissingInput("no such file or folder", path=str(path))


def sharded_ids(folder: Path, fingerprint: str) -> set[str]:
    """Ids of the articles whose records are in ``folder``'s shards, made by the pipeline ``fingerprint``.

    Reads each shard's footer only (fingerprint and record ids are in its metadata); a shard written
    before the ids were put there has its id columns read.  A shard that cannot be read counts as
    absent: its articles are processed (and sharded) again."""
    found: set[str] = set()
    if not folder.is_dir():
        return found
    for path in shard_files([folder]):
        found.update(_shard_ids(path, fingerprint))
    return found


def _shard_ids(path: Path, fingerprint: str) -> list[str]:
    import pyarrow.parquet as pq

    try:
        metadata = pq.read_schema(path).metadata or {}
        if metadata.get(f"{_META}fingerprint".encode()) != fingerprint.encode():
            return []
        listed = metadata.get(f"{_META}{ARTICLE_IDS}".encode())
        if listed is not None:
            ids = json.loads(listed)
            return [i for i in ids if isinstance(i, str) and i] if isinstance(ids, list) else []
        table = pq.read_table(path, columns=["kind", "article_id", "fingerprint"])
    except Exception:  # noqa: BLE001 - an unreadable shard is treated as missing, see above
        return []
    return [article_id for kind, article_id, stamp in zip(*(table.column(c).to_pylist() for c in table.column_names),
                                                          strict=True)
            if kind == "record" and stamp == fingerprint and article_id]


@dataclass
class _Submitted:
    size: int
    unchanged: int
    work: Pending[list[ShardWritten]] | None


def ingest_to_shards(items: Iterable[Article | Skipped], folder: Path, engine: Engine, meta: ShardMeta, *,
                     batch_size: int, force: bool = False, on_progress: Progress | None = None) -> IngestSummary:
    """The ingest loop writing shards into ``folder`` instead of a database (see the module docstring)."""
    from dateline.pipeline.engines import Done, split

    folder = folder.resolve()  # the workers' working folder may differ
    folder.mkdir(parents=True, exist_ok=True)
    known = set() if force else sharded_ids(folder, meta.fingerprint)
    run = uuid.uuid4().hex[:8]
    summary = IngestSummary(run_id=f"shards:{run}")
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
    depth = IN_FLIGHT if engine.background else 1  # hand-outs not yet collected, as in loader.py
    queue: list[_Submitted] = []
    # N batches at a time for N workers (loader.group_size): each worker's part is a whole batch's worth
    for number, group in enumerate(batched(batched(items, batch_size), group_size(engine))):
        chunk = [item for batch in group for item in batch]
        skipped = [SkipRecord.of(item) for item in chunk if isinstance(item, Skipped)]
        articles = [item for item in chunk if isinstance(item, Article)]
        todo = [a for a in articles if a.id not in known]
        known.update(a.id for a in todo)  # the same article again later in the input: unchanged
        batch = f"{stamp}-{run}-{number:06d}"
        tasks = [ShardTask(str(folder), batch, i, part, skipped if i == 0 else [], meta)
                 for i, part in enumerate(split(todo, engine.workers))]
        work: Pending[list[ShardWritten]] | None = None
        if tasks:
            work = engine.submit(shard_task, tasks)
        elif skipped:  # nothing to process: the driver writes the skips itself
            work = Done([write_shard(ShardTask(str(folder), batch, 0, [], skipped, meta), [])])
        queue.append(_Submitted(len(chunk), len(articles) - len(todo), work))
        while len(queue) >= depth:
            _collect(queue.pop(0), summary, on_progress)
    while queue:
        _collect(queue.pop(0), summary, on_progress)
    return summary


def _collect(item: _Submitted, summary: IngestSummary, on_progress: Progress | None) -> None:
    for written in item.work.result() if item.work is not None else ():
        summary.stored += written.stored
        summary.skipped.extend(written.skipped)
    summary.unchanged += item.unchanged
    if on_progress is not None:
        on_progress(item.size)


# ---------------------------------------------------------------------------------------------
# reading and loading


@dataclass(frozen=True)
class ShardHeader:
    """A shard's metadata, read without its rows."""

    path: Path
    batch: str
    part: int
    rows: int
    meta: ShardMeta


@dataclass(frozen=True)
class Shard:
    header: ShardHeader
    records: list[ArticleRecord]
    skipped: list[SkipRecord]


@dataclass
class LoadSummary:
    """What ``dateline load`` did; ``problems``: the shards (or batches) not loaded, with why."""

    run_id: str | None = None
    shards: int = 0
    stored: int = 0
    unchanged: int = 0
    skipped: int = 0
    problems: list[DatelineError] = field(default_factory=list)

    @property
    def failed(self) -> bool:
        return bool(self.problems)


def _bad(path: Path, problem: str) -> BadShard:
    return BadShard(f"not a dateline shard: {problem}", path=str(path))


def read_header(path: Path) -> ShardHeader:
    """The shard's metadata and column check; :class:`BadShard` (E108) naming ``path`` when it is not a shard."""
    import pyarrow.parquet as pq

    try:
        schema = pq.read_schema(path)
    except Exception as exc:  # noqa: BLE001 - pyarrow raises several kinds for a damaged file
        raise _bad(path, f"cannot read it as Parquet ({type(exc).__name__}: {exc})") from None
    raw = {k.decode("utf-8", "replace"): v.decode("utf-8", "replace") for k, v in (schema.metadata or {}).items()}
    meta = {k[len(_META):]: v for k, v in raw.items() if k.startswith(_META)}
    if meta.get("format") != FORMAT:
        raise _bad(path, f"shard format {meta.get('format')!r}, this dateline reads format {FORMAT!r}")
    if meta.get("schema_version") != SCHEMA_VERSION:
        raise _bad(path, f"record schema version {meta.get('schema_version')!r}, expected {SCHEMA_VERSION!r}")
    missing = [c for c in COLUMNS if c not in schema.names]
    if missing:
        raise _bad(path, f"missing column(s) {', '.join(missing)}")
    try:
        stages = tuple(json.loads(meta["stages"]))
        header = ShardHeader(path, meta["batch"], int(meta["part"]), int(meta["rows"]),
                             ShardMeta(meta["fingerprint"], meta["pipeline_version"], meta["model"] or None, stages))
    except (KeyError, ValueError, TypeError) as exc:
        raise _bad(path, f"bad metadata ({type(exc).__name__}: {exc})") from None
    return header


def read_shard(header: ShardHeader) -> Shard:
    """Every row of the shard, decoded and checked against its metadata."""
    import pyarrow.parquet as pq

    path = header.path
    try:
        rows = pq.read_table(path, columns=list(COLUMNS)).to_pylist()
    except Exception as exc:  # noqa: BLE001 - a truncated or damaged page
        raise _bad(path, f"cannot read its rows ({type(exc).__name__}: {exc})") from None
    if len(rows) != header.rows:
        raise _bad(path, f"{len(rows)} rows, its metadata says {header.rows}")
    records: list[ArticleRecord] = []
    skipped: list[SkipRecord] = []
    for number, row in enumerate(rows, 1):
        try:
            if row["fingerprint"] != header.meta.fingerprint or row["batch"] != header.batch:
                raise ValueError("batch or fingerprint differs from the file's metadata")
            if row["kind"] == "record":
                record = from_json(ArticleRecord, json.loads(row["record_json"]))
                if record.article.id != row["article_id"] or record.article.text_sha256 != row["text_sha256"]:
                    raise ValueError("article_id or text_sha256 does not match the record")
                records.append(record)
            elif row["kind"] == "skipped":
                if not all(isinstance(row[c], str) for c in ("skip_path", "skip_code", "skip_reason")):
                    raise ValueError("a skipped input without path, code or reason")
                skipped.append(SkipRecord(row["skip_path"], row["skip_code"], row["skip_reason"], row["skip_stage"],
                                          row["article_id"]))
            else:
                raise ValueError(f"kind {row['kind']!r} (record or skipped)")
        except (ValueError, TypeError) as exc:  # json.JSONDecodeError is a ValueError
            raise _bad(path, f"row {number}: {exc}") from None
    return Shard(header, records, skipped)


def load_shards(paths: Sequence[Path], store: Store, *, on_progress: Progress | None = None) -> LoadSummary:
    """Import the shards of ``paths`` (files or folders) into ``store``, batch by batch in name order.

    Each batch (all the parts of one ingest batch) is written in one transaction and then goes
    through the corpus step, as ``dateline ingest`` does it.  Records already stored by the same
    pipeline and skipped inputs already recorded are left alone, so loading again changes no row."""
    from dateline import corpus

    summary = LoadSummary()
    headers: list[ShardHeader] = []
    for path in shard_files(paths):
        try:
            headers.append(read_header(path))
        except DatelineError as exc:
            summary.problems.append(exc)
    headers.sort(key=lambda h: (h.batch, h.part, str(h.path)))
    if not headers:
        return summary
    first = headers[0].meta
    summary.run_id = store.start_run(model=first.model, stages=first.stages)
    status = "aborted"
    try:
        for _, group in groupby(headers, key=lambda h: h.batch):
            shards = []
            for header in group:
                try:
                    shards.append(read_shard(header))
                except DatelineError as exc:
                    summary.problems.append(exc)
            _load_batch(shards, store, summary, corpus.update)
            if on_progress is not None:
                on_progress(len(shards))
        status = "failed" if summary.failed else "ok"
    finally:
        store.finish_run(summary.run_id, stored=summary.stored, unchanged=summary.unchanged,
                         skipped=summary.skipped, status=status)
    return summary


def _load_batch(shards: list[Shard], store: Store, summary: LoadSummary,
                update: Callable[[Store, Sequence[ArticleRecord]], object]) -> None:
    """One batch's shards: new records and skips in one transaction per pipeline fingerprint."""
    assert summary.run_id is not None
    for stamp, same in groupby(sorted(shards, key=lambda s: s.header.meta.fingerprint),
                               key=lambda s: s.header.meta.fingerprint):
        parts = sorted(same, key=lambda s: s.header.part)
        records, skipped, unchanged = _new_rows(parts, store, stamp)
        try:
            store.write_batch(records, skipped, run_id=summary.run_id, fingerprint=stamp)
        except DatelineError as exc:  # e.g. text PostgreSQL refuses: the batch is rolled back
            names = ", ".join(str(s.header.path) for s in parts)
            summary.problems.append(type(exc)(f"batch not loaded ({exc.message})", path=names, hint=exc.hint))
            continue
        if records:
            update(store, records)
        summary.shards += len(parts)
        summary.stored += len(records)
        summary.unchanged += unchanged
        summary.skipped += len(skipped)


def _new_rows(parts: list[Shard], store: Store, stamp: str) -> tuple[list[ArticleRecord], list[SkipRecord], int]:
    records: list[ArticleRecord] = []
    skipped: list[SkipRecord] = []
    unchanged = 0
    for shard in parts:
        for record in shard.records:
            if store.has_article(record.article.id, stamp):
                unchanged += 1
            else:
                records.append(record)
        for item in shard.skipped:
            if not _skip_known(store, item, stamp):
                skipped.append(item)
    return records, skipped, unchanged


def _skip_known(store: Store, item: SkipRecord, stamp: str) -> bool:
    """Already recorded, or resolved since: its article (or an article from its path) is stored."""
    if store.rows("SELECT 1 FROM skipped WHERE id = ?", (item.key,)):
        return True
    if item.article_id and store.has_article(item.article_id, stamp):
        return True
    return bool(store.rows("SELECT 1 FROM articles WHERE source_path = ? AND fingerprint = ?", (item.path, stamp)))
