"""Paths to Articles: files, folders (recursive, sorted, hidden files skipped), gzip, WARC, stdin ("-").

:func:`read_paths` never raises for a bad input: each file that cannot be read becomes a
:class:`~dateline.ingest.Skipped` with the coded reason (E101-E107), and the run goes on.
The format is ``fmt`` when given, else told by the file name's extension, else by the content.
"""

from __future__ import annotations

import codecs
import gzip
import io
import os
import sys
import zlib
from collections.abc import Callable, Iterator, Sequence
from functools import partial
from pathlib import Path
from typing import IO, BinaryIO, cast

from dateline.errors import InputError, InputTooLarge, MissingInput, UndecodableInput, UnknownFormat
from dateline.ingest import Skipped
from dateline.ingest.decode import decode_bytes
from dateline.ingest.html import looks_like_html, read_html
from dateline.ingest.jsonl import read_jsonl
from dateline.ingest.text import read_text
from dateline.ingest.warc import looks_like_warc, read_warc
from dateline.records import Article

FORMATS = ("text", "html", "jsonl", "warc")
_ALIASES = {"txt": "text", "htm": "html", "ndjson": "jsonl", "json": "jsonl"}
_EXTENSIONS = {".txt": "text", ".text": "text", ".md": "text", ".html": "html", ".htm": "html",
               ".xhtml": "html", ".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "jsonl", ".warc": "warc"}
_NOT_ARTICLES = frozenset({".pdf", ".doc", ".docx", ".xls", ".xlsx", ".csv", ".tsv", ".zip", ".tar",
                           ".png", ".jpg", ".jpeg", ".gif", ".webp", ".mp3", ".mp4", ".exe", ".so",
                           ".db", ".sqlite", ".parquet", ".bz2", ".xz", ".7z", ".py"})
_DOC_SUFFIXES = frozenset({".md", ".rst"})
_DOC_STEMS = frozenset({"README", "LICENSE", "LICENCE", "COPYING", "NOTICE", "CHANGELOG", "AUTHORS"})
_GZIP_MAGIC = b"\x1f\x8b"
# Bytes read from a file at most: UTF-16 takes two bytes a character, HTML markup several times the text.
_READ_FACTOR = 4

Item = Article | Skipped


def read_paths(paths: Sequence[str | Path], *, max_text_bytes: int, fmt: str | None = None) -> Iterator[Item]:
    """An Article per article found in ``paths``, a Skipped per input that could not be read."""
    forced = _ALIASES.get(fmt, fmt) if fmt else None
    for path in paths:
        if forced is not None and forced not in FORMATS:
            yield Skipped(str(path), UnknownFormat.code, f"unknown format {fmt!r}; use one of {FORMATS}")
            continue
        yield from _read_path(str(path), max_text_bytes, forced)


def _read_path(path: str, max_text_bytes: int, fmt: str | None) -> Iterator[Item]:
    if path == "-":
        yield from _guarded(path, partial(_read_stream, sys.stdin.buffer, path, max_text_bytes, fmt))
    elif os.path.isdir(path):
        for file in walk(Path(path)):
            yield from _guarded(str(file), partial(_read_file, file, max_text_bytes, fmt))
    else:
        yield from _guarded(path, partial(_read_file, Path(path), max_text_bytes, fmt))


def walk(folder: Path) -> list[Path]:
    """Every file under ``folder``, sorted, symlinks not followed; hidden files and the folder's own
    documentation (README, LICENSE, ``*.md``) are passed over, as they are not articles."""
    found: list[Path] = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        found.extend(Path(root, name) for name in sorted(files) if not _passed_over(name))
    return found


def _passed_over(name: str) -> bool:
    stem, suffix = os.path.splitext(name)
    return name.startswith(".") or suffix.lower() in _DOC_SUFFIXES or stem.upper() in _DOC_STEMS


def _guarded(path: str, read: Callable[[], Iterator[Item]]) -> Iterator[Item]:
    """Run ``read``; an InputError, a corrupt gzip stream or an OS error becomes a Skipped."""
    try:
        yield from read()
    except InputError as exc:
        yield Skipped(exc.path or path, exc.code, exc.message)
    except (EOFError, zlib.error, gzip.BadGzipFile) as exc:
        yield Skipped(path, UndecodableInput.code, f"corrupt or truncated gzip data ({exc})")
    except OSError as exc:
        yield Skipped(path, MissingInput.code, f"cannot be read: {exc.strerror or exc}")


def _read_file(path: Path, max_text_bytes: int, fmt: str | None) -> Iterator[Item]:
    if not path.exists():
        raise MissingInput("no such file or folder", path=str(path))
    with path.open("rb") as handle:
        yield from _read_stream(handle, str(path), max_text_bytes, fmt, name=path.name)


def _read_stream(raw: BinaryIO, path: str, max_text_bytes: int, fmt: str | None,
                 *, name: str = "") -> Iterator[Item]:
    stream = _buffered(raw)
    if stream.peek(2)[:2] == _GZIP_MAGIC:
        stream = _buffered(gzip.GzipFile(fileobj=stream))
        name = name.removesuffix(".gz").removesuffix(".gzip")
    if stream.peek(2)[:2] in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):
        stream = _as_utf8(stream, path, max_text_bytes)
    fmt = fmt or _format_from_name(name, path)
    if fmt == "jsonl" or (fmt is None and _looks_like_jsonl(stream.peek(64))):
        yield from read_jsonl(stream, path=path, max_text_bytes=max_text_bytes)
        return
    if fmt == "warc" or (fmt is None and looks_like_warc(stream.peek(8))):
        yield from read_warc(stream, path=path, max_text_bytes=max_text_bytes)
        return
    data = _read_limited(stream, path, max_text_bytes)
    text = decode_bytes(data, path=path, max_text_bytes=max_text_bytes * (_READ_FACTOR if fmt != "text" else 1))
    yield _read_document(text, path, max_text_bytes, fmt)


def _as_utf8(stream: io.BufferedReader, path: str, max_text_bytes: int) -> io.BufferedReader:
    """A UTF-16 stream (told by its byte-order mark) re-encoded, so JSONL lines split on bytes."""
    text = decode_bytes(_read_limited(stream, path, max_text_bytes), path=path,
                        max_text_bytes=max_text_bytes * _READ_FACTOR)
    return _buffered(io.BytesIO(text.encode("utf-8", errors="surrogatepass")))


def _read_limited(stream: io.BufferedReader, path: str, max_text_bytes: int) -> bytes:
    """The rest of ``stream``; InputTooLarge past ``_READ_FACTOR`` bytes per byte of text allowed."""
    limit = max_text_bytes * _READ_FACTOR
    data = stream.read(limit + 1)
    if len(data) > limit:
        raise InputTooLarge(f"over {limit} bytes", path=path)
    return data


def _buffered(raw: IO[bytes] | io.BufferedIOBase) -> io.BufferedReader:
    """A stream that can peek (to sniff gzip and JSONL) without consuming."""
    if isinstance(raw, io.BufferedReader):
        return raw
    return io.BufferedReader(cast("io.RawIOBase", raw))


def _read_document(text: str, path: str, max_text_bytes: int, fmt: str | None) -> Article:
    if fmt == "html" or (fmt is None and looks_like_html(text)):
        article = read_html(text, path=path)
    elif fmt == "text" or (fmt is None and looks_like_prose(text)):
        article = read_text(text, path=path)
    else:
        raise UnknownFormat("cannot tell the format from the name or the content", path=path)
    size = len(article.text.encode("utf-8", errors="surrogatepass"))
    if size > max_text_bytes:
        raise InputTooLarge(f"{size} bytes of article text, over the limit of {max_text_bytes}", path=path)
    return article


def _format_from_name(name: str, path: str) -> str | None:
    suffix = Path(name).suffix.lower()
    if suffix in _NOT_ARTICLES:
        raise UnknownFormat(f"'{suffix}' files are not articles", path=path)
    return _EXTENSIONS.get(suffix)


def _looks_like_jsonl(data: bytes) -> bool:
    first = data.lstrip(b"\xef\xbb\xbf \t\r\n")[:1]
    return first == b"{"


def looks_like_prose(text: str) -> bool:
    """Mostly letters, with at least one line of several words."""
    sample = text[:20000]
    visible = [ch for ch in sample if not ch.isspace()]
    letters = sum(1 for ch in visible if ch.isalpha())
    return bool(visible) and letters >= 0.5 * len(visible) and any(
        len(line.split()) >= 4 for line in sample.splitlines())
