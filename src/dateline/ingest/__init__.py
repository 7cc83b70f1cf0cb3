"""Reading sources into :class:`~dateline.records.Article`: text, HTML, JSONL, directories, gzip.

The entry point is :func:`dateline.ingest.sources.read_paths`, which yields an ``Article`` per
article found or a :class:`Skipped` naming the file and the coded reason; it never raises for a bad
input file, so a corpus run goes on past it.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from dateline import PIPELINE_VERSION
from dateline.records import Article


@dataclass(frozen=True)
class Skipped:
    """An input that could not be read, with the coded reason (see dateline.errors)."""

    path: str
    code: str
    reason: str


def make_article(
    text: str,
    *,
    title: str | None = None,
    subtitle: str | None = None,
    url: str | None = None,
    publisher: str | None = None,
    authors: list[str] | None = None,
    language: str | None = "en",
    published_at: str | None = None,
    updated_at: str | None = None,
    published_tz_known: bool = False,
    source_path: str | None = None,
) -> Article:
    """An Article with its stable id and text hash computed from the content."""
    return Article(
        id=Article.make_id(text, title, url),
        url=url,
        title=title,
        subtitle=subtitle,
        publisher=publisher,
        authors=list(authors or []),
        language=language,
        published_at=published_at,
        updated_at=updated_at,
        published_tz_known=published_tz_known,
        text=text,
        text_sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
        pipeline_version=PIPELINE_VERSION,
        source_path=source_path,
    )
