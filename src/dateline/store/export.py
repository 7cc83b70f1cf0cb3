"""Exports of the stored corpus: JSONL (one ArticleRecord per line, the contract exactly) and CSV
(one file per record type; nested objects flattened to dotted columns, lists as JSON)."""

from __future__ import annotations

import csv
import dataclasses
import json
import types
from collections.abc import Iterable
from contextlib import ExitStack
from pathlib import Path
from typing import Any, TextIO, Union, get_args, get_origin, get_type_hints

from dateline.records import (
    Actor,
    Article,
    ArticleRecord,
    Event,
    Place,
    Proposal,
    Quote,
    Stance,
    TimeExpr,
    dumps,
    to_json,
)

# file stem -> (record type, the ArticleRecord field that lists it)
CSV_TABLES: dict[str, tuple[type[Any], str]] = {
    "actors": (Actor, "actors"), "quotes": (Quote, "quotes"), "times": (TimeExpr, "times"),
    "places": (Place, "places"), "events": (Event, "events"), "proposals": (Proposal, "proposals"),
    "stances": (Stance, "stances"),
}


def write_jsonl(records: Iterable[ArticleRecord], out: TextIO) -> int:
    count = 0
    for record in records:
        out.write(dumps(record) + "\n")
        count += 1
    return count


def write_csv(records: Iterable[ArticleRecord], directory: Path) -> dict[str, int]:
    """``articles.csv`` plus one CSV per record type in ``directory``; rows written per file."""
    directory.mkdir(parents=True, exist_ok=True)
    counts = {"articles": 0, **dict.fromkeys(CSV_TABLES, 0)}
    with ExitStack() as stack:
        writers = {name: _writer(stack, directory / f"{name}.csv", columns) for name, columns in _headers().items()}
        for record in records:
            writers["articles"].writerow(_article_row(record))
            counts["articles"] += 1
            for name, (cls, attr) in CSV_TABLES.items():
                for item in getattr(record, attr):
                    writers[name].writerow(_item_row(record.article.id, cls, item))
                    counts[name] += 1
    return counts


def _writer(stack: ExitStack, path: Path, columns: list[str]) -> Any:
    handle = stack.enter_context(path.open("w", encoding="utf-8", newline=""))
    writer = csv.writer(handle)
    writer.writerow(columns)
    return writer


def _headers() -> dict[str, list[str]]:
    headers = {"articles": [*flat_columns(Article), "schema_version"]}
    for name, (cls, _) in CSV_TABLES.items():
        extra = ["id"] if cls is Stance else []  # a stance's id is derived, not a field
        headers[name] = ["article_id", *extra, *flat_columns(cls)]
    return headers


def _article_row(record: ArticleRecord) -> list[str]:
    return [*_flat_values(Article, to_json(record.article)), record.schema_version]


def _item_row(article_id: str, cls: type[Any], item: Any) -> list[str]:
    extra = [item.id] if cls is Stance else []
    return [article_id, *extra, *_flat_values(cls, to_json(item))]


# ---------------------------------------------------------------------------------------------
# flattening by type, so every file has the same columns whether or not a value is present


def _nested_dataclass(tp: Any) -> Any:
    """The dataclass inside ``tp`` (``X`` or ``X | None``), or None for anything else."""
    if get_origin(tp) in (Union, types.UnionType):
        options = [o for o in get_args(tp) if o is not type(None)]
        tp = options[0] if len(options) == 1 else None
    return tp if dataclasses.is_dataclass(tp) else None


def flat_columns(cls: type[Any], prefix: str = "") -> list[str]:
    columns = []
    hints = get_type_hints(cls)
    for f in dataclasses.fields(cls):
        nested = _nested_dataclass(hints[f.name])
        columns += flat_columns(nested, f"{prefix}{f.name}.") if nested else [prefix + f.name]
    return columns


def _flat_values(cls: type[Any], data: dict[str, Any] | None) -> list[str]:
    values = []
    hints = get_type_hints(cls)
    for f in dataclasses.fields(cls):
        nested = _nested_dataclass(hints[f.name])
        value = data.get(f.name) if data is not None else None
        values += _flat_values(nested, value) if nested else [_cell(value)]
    return values


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False)
    return str(value)
