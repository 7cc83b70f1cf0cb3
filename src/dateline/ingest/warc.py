"""WARC files (web archives, e.g. CC-News): each HTML ``response`` record becomes an Article.

Records that are not responses (``request``, ``warcinfo``, ``metadata``) are not inputs and pass
by; a response that is not a 200 HTML page, or whose page has no article text, is a Skipped
naming the file and the record's URI, and the next record goes on.  Compressed WARCs
(``.warc.gz``, one gzip member per record) arrive here already decompressed by ``sources.py``.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, BinaryIO

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from dateline.errors import BadRecord, InputError, InputTooLarge, UnknownFormat
from dateline.ingest import Skipped, make_article
from dateline.ingest.decode import decode_bytes
from dateline.ingest.html import read_html
from dateline.records import Article

WARC_MAGIC = b"WARC/"
# Bytes of HTML read from one record at most, per byte of article text allowed (markup is bulky).
_HTML_FACTOR = 4


def looks_like_warc(head: bytes) -> bool:
    return head.startswith(WARC_MAGIC)


def read_warc(stream: BinaryIO, *, path: str, max_text_bytes: int) -> Iterator[Article | Skipped]:
    """An Article per HTML response record, a Skipped per response that is not an article."""
    records = iter(ArchiveIterator(stream))
    while (record := _next_record(records, path)) is not None:
        if isinstance(record, Skipped):
            yield record
            return
        if record.rec_type == "response":
            yield _guarded(record, path, max_text_bytes)


def _next_record(records: Iterator[Any], path: str) -> Any:
    """The next record, None at the end, or a Skipped when the rest of the file cannot be read."""
    try:
        return next(records, None)
    except (ArchiveLoadFailed, ValueError, AttributeError, EOFError) as exc:
        # warcio raises AttributeError or ValueError, not ArchiveLoadFailed, on some malformed headers
        return Skipped(path, BadRecord.code, f"not a readable WARC record: {exc!r}")


def _guarded(record: Any, path: str, max_text_bytes: int) -> Article | Skipped:
    headers = record.rec_headers
    where = f"{path}#{headers.get_header('WARC-Target-URI') or headers.get_header('WARC-Record-ID')}"
    try:
        return _article(record, where, max_text_bytes)
    except InputError as exc:
        return Skipped(where, exc.code, exc.message)


def _article(record: Any, where: str, max_text_bytes: int) -> Article:
    status = record.http_headers.get_statuscode() if record.http_headers else None
    if status not in (None, "200"):
        raise UnknownFormat(f"HTTP status {status}, not a page", path=where)
    kind = (record.http_headers.get_header("Content-Type") if record.http_headers else None) or ""
    if kind and "html" not in kind.lower():
        raise UnknownFormat(f"content type {kind!r}, not HTML", path=where)
    limit = max_text_bytes * _HTML_FACTOR
    data = record.content_stream().read(limit + 1)
    if len(data) > limit:
        raise InputTooLarge(f"over {limit} bytes of HTML", path=where)
    article = read_html(decode_bytes(data, path=where, max_text_bytes=limit), path=where)
    return article if article.url else _with_url(article, record.rec_headers.get_header("WARC-Target-URI"))


def _with_url(article: Article, url: str | None) -> Article:
    """The page gave no canonical URL: the crawled one (the id covers the URL, so it is rebuilt)."""
    return make_article(article.text, title=article.title, subtitle=article.subtitle, url=url,
                        publisher=article.publisher, authors=article.authors, language=article.language,
                        published_at=article.published_at, updated_at=article.updated_at,
                        published_tz_known=article.published_tz_known, source_path=article.source_path)
