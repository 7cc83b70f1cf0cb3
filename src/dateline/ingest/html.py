"""HTML pages: trafilatura for the body, title, byline and site name; dates with their time zone.

Published and updated times come first from the page's own machine-readable stamps (Open Graph
``article:published_time``/``article:modified_time``, ``itemprop=datePublished``, JSON-LD,
``<time datetime>``), which carry the zone when the page gives one; htmldate's original and
updated dates (day precision) are the fallback.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

from dateline.errors import BadRecord, EmptyInput, UnknownFormat
from dateline.ingest import make_article
from dateline.ingest.dates import Stamp, later, parse_stamp
from dateline.ingest.furniture import drop_repeats, trim_edges
from dateline.ingest.text import is_byline
from dateline.records import Article

_PUBLISHED_KEYS = ("article:published_time", "datepublished", "date", "pubdate", "publishdate",
                   "og:published_time", "dc.date.issued", "dcterms.created", "sailthru.date",
                   "parsely-pub-date")
_UPDATED_KEYS = ("article:modified_time", "datemodified", "og:updated_time", "dcterms.modified",
                 "last-modified", "lastmod")
_TAG = re.compile(r"<\s*(html|head|body|p|div|article|title|meta|!doctype)\b", re.IGNORECASE)


def looks_like_html(text: str) -> bool:
    return bool(_TAG.search(text[:4096]))


def read_html(text: str, *, path: str) -> Article:
    """An Article from an HTML page; EmptyInput when trafilatura finds no main text."""
    if not looks_like_html(text):
        raise UnknownFormat("no HTML tags in the first 4 KB", path=path)
    doc = _extract(text, path)
    body = doc.get("text") or ""
    paragraphs = [line.strip() for line in body.split("\n") if line.strip()]
    subtitle = _clean(doc.get("description"))
    title = _clean(doc.get("title"))
    paragraphs = [p for p in drop_repeats(paragraphs, [title, subtitle]) if not is_byline(p)]
    trimmed = trim_edges(paragraphs, _clean(doc.get("sitename")))
    if not trimmed.paragraphs:
        raise EmptyInput("no main text found in the page", path=path)
    published, updated = page_dates(text)
    return make_article(
        "\n\n".join(trimmed.paragraphs), title=title, subtitle=subtitle,
        url=_clean(doc.get("url")), publisher=trimmed.publisher, authors=_authors(doc.get("author")),
        language=_clean(doc.get("language")) or "en",
        published_at=published.value if published else None, updated_at=updated.value if updated else None,
        published_tz_known=bool(published and published.tz_known), source_path=path)


def _extract(text: str, path: str) -> dict[str, Any]:
    import trafilatura

    try:
        doc = trafilatura.bare_extraction(text, with_metadata=True, include_comments=False,
                                          include_tables=False)
    # Broken markup makes trafilatura, htmldate and lxml raise almost anything (AssertionError from
    # lxml's drop_tree, ValueError, RecursionError...): each is this page's fault, so it is coded.
    except Exception as exc:  # noqa: BLE001
        raise BadRecord(f"the HTML cannot be parsed ({type(exc).__name__}: {exc})", path=path,
                        hint="the page's markup is broken; save it again or give its text") from None
    if doc is None:
        return {}
    return dict(doc) if isinstance(doc, dict) else dict(doc.as_dict())


def page_dates(text: str) -> tuple[Stamp | None, Stamp | None]:
    """(published, updated): the page's machine-readable stamps, else htmldate's dates."""
    stamps = dict(_stamps(text))
    published = _first(stamps, _PUBLISHED_KEYS) or _htmldate(text, original=True)
    updated = _first(stamps, _UPDATED_KEYS) or _htmldate(text, original=False)
    if published and updated and updated.value[:10] == published.value[:10] and len(updated.value) <= 10:
        updated = None
    return published, later(published, updated)


def _first(stamps: dict[str, Stamp], keys: tuple[str, ...]) -> Stamp | None:
    return next((stamps[key] for key in keys if key in stamps), None)


def _stamps(text: str) -> Iterator[tuple[str, Stamp]]:
    tree = _parse(text)
    if tree is None:
        return
    for node in tree.iter("meta"):
        key = (node.get("property") or node.get("name") or node.get("itemprop") or "").lower()
        yield from _pair(key, node.get("content"))
    for node in tree.iter("time"):
        yield from _pair((node.get("itemprop") or "pubdate").lower(), node.get("datetime"))
    for node in tree.iter("script"):
        if (node.get("type") or "").lower() == "application/ld+json":
            yield from _json_ld(node.text or "")


def _pair(key: str, value: str | None) -> Iterator[tuple[str, Stamp]]:
    stamp = parse_stamp(value) if key and value else None
    if stamp is not None:
        yield key, stamp


def _json_ld(raw: str) -> Iterator[tuple[str, Stamp]]:
    try:
        data = json.loads(raw)
    except (json.JSONDecodeError, RecursionError):
        return
    for obj in data if isinstance(data, list) else [data]:
        if isinstance(obj, dict):
            for key in ("datePublished", "dateModified"):
                value = obj.get(key)
                yield from _pair(key.lower(), value if isinstance(value, str) else None)


def _parse(text: str) -> Any:
    from lxml import etree, html  # type: ignore[import-untyped]  # lxml ships no stubs

    try:
        return html.document_fromstring(text)
    except (etree.LxmlError, ValueError, AssertionError, RecursionError):
        return None


def _htmldate(text: str, *, original: bool) -> Stamp | None:
    from htmldate import find_date

    try:
        found = find_date(text, original_date=original, extensive_search=original)
    except Exception:  # noqa: BLE001  # dates are optional; broken markup makes htmldate raise anything
        return None
    return parse_stamp(found)


def _authors(value: Any) -> list[str]:
    if not isinstance(value, str):
        return []
    return [name.strip() for name in re.split(r";|\s+and\s+", value) if name.strip()]


def _clean(value: Any) -> str | None:
    return " ".join(value.split()) or None if isinstance(value, str) else None
