"""JSONL corpora: one article object per line.

Keys: ``text`` (required), ``title``, ``subtitle``, ``url``, ``published_at`` (or ``date``, a
publication date), ``updated_at``, ``publisher`` (or ``source``), ``authors``, ``language``, ``id``
(kept in ``source_path`` so a record can be traced to its line). A bad line is a Skipped naming
the line (E106); the other lines go on.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any, BinaryIO

from dateline.errors import BadRecord, EmptyInput, InputError, InputTooLarge
from dateline.ingest import Skipped, make_article
from dateline.ingest.dates import parse_stamp
from dateline.ingest.decode import decode_bytes
from dateline.records import Article

_STRING_KEYS = ("title", "subtitle", "url", "publisher", "source", "language", "id",
                "published_at", "date", "updated_at")


def read_jsonl(stream: BinaryIO, *, path: str, max_text_bytes: int) -> Iterator[Article | Skipped]:
    """An Article per good line, a Skipped (with the line number) per bad one; blank lines pass."""
    limit = line_limit(max_text_bytes)
    seen = False
    for number, raw in enumerate(_lines(stream, limit), start=1):
        if raw is None:
            seen = True
            yield Skipped(path, InputTooLarge.code, f"line {number}: over {limit} bytes")
        elif raw.strip(b" \t\r\n\xef\xbb\xbf"):
            seen = True
            yield _guarded_line(raw, number, path, max_text_bytes)
    if not seen:
        yield Skipped(path, EmptyInput.code, "the file holds no JSON lines")


def _guarded_line(raw: bytes, number: int, path: str, max_text_bytes: int) -> Article | Skipped:
    try:
        return _read_line(raw, number, path, max_text_bytes)
    except InputError as exc:
        return Skipped(path, exc.code, f"line {number}: {exc.message}")


def line_limit(max_text_bytes: int) -> int:
    """Bytes a line may hold: JSON escapes can double the text, and the other keys need room."""
    return max_text_bytes * 2 + 65536


def _lines(stream: BinaryIO, limit: int) -> Iterator[bytes | None]:
    """The lines of ``stream``; None in place of a line over ``limit`` bytes (read past, not kept)."""
    while line := stream.readline(limit + 1):
        if len(line) <= limit or line.endswith(b"\n"):
            yield line
            continue
        while (rest := stream.readline(limit)) and not rest.endswith(b"\n"):
            pass
        yield None


def _read_line(raw: bytes, number: int, path: str, max_text_bytes: int) -> Article:
    where = f"{path}:{number}"
    line = decode_bytes(raw, path=where, max_text_bytes=line_limit(max_text_bytes))
    try:
        obj = json.loads(line)
    except (json.JSONDecodeError, RecursionError) as exc:
        raise BadRecord(f"not valid JSON ({exc})" if isinstance(exc, json.JSONDecodeError)
                        else "JSON nested too deeply", path=where) from None
    if not isinstance(obj, dict):
        raise BadRecord(f"a JSON {type(obj).__name__}, not an object", path=where)
    return article_from_object(obj, where=where, max_text_bytes=max_text_bytes)


def article_from_object(obj: dict[str, Any], *, where: str, max_text_bytes: int) -> Article:
    """An Article from one JSON object (the keys above); BadRecord when it is not one."""
    raw = obj.get("text")
    text = _clean(raw) if isinstance(raw, str) else ""
    if not text:  # absent, not a string, or nothing left once control characters are dropped
        raise BadRecord("no non-empty string 'text'", path=where)
    size = len(text.encode("utf-8"))
    if size > max_text_bytes:
        raise InputTooLarge(f"{size} bytes of text, over the limit of {max_text_bytes}", path=where)
    fields = {key: _string(obj, key, where) for key in _STRING_KEYS}
    published = parse_stamp(fields["published_at"] or fields["date"])
    updated = parse_stamp(fields["updated_at"])
    return make_article(
        text, title=fields["title"], subtitle=fields["subtitle"], url=fields["url"],
        publisher=fields["publisher"] or fields["source"], authors=_authors(obj.get("authors"), where),
        language=fields["language"] or "en", published_at=published.value if published else None,
        updated_at=updated.value if updated else None,
        published_tz_known=bool(published and published.tz_known),
        source_path=f"{where}#{fields['id']}" if fields["id"] else where)


def _string(obj: dict[str, Any], key: str, where: str) -> str | None:
    value = obj.get(key)
    if value is None or isinstance(value, str):
        return _clean(value) or None if value is not None else None
    if isinstance(value, (int, float)) and key == "id":
        return str(value)
    raise BadRecord(f"'{key}' should be a string, not {type(value).__name__}", path=where)


def _authors(value: Any, where: str) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [_clean(value)] if value.strip() else []
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        return [_clean(item) for item in value if item.strip()]
    raise BadRecord("'authors' should be a string or a list of strings", path=where)


def _clean(text: str) -> str:
    """Newlines normalized, lone surrogates (from "\\ud800" escapes) replaced, C0 control characters other
    than tab and newline (a "\\u0000" escape, which no database text column can hold) dropped."""
    text = text.encode("utf-8", errors="replace").decode("utf-8")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROL.sub("", text).strip()


_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
