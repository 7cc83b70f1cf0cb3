"""Plain-text news files: headline, standfirst, ``Published:``/``Updated:`` lines, byline, body.

The layout this reads (as saved from news pages)::

    Headline on the first line

    A standfirst paragraph.

    Published: March 12, 2025 11:00pm
    Updated: March 12, 2025 11:04pm

    Body paragraphs, separated by blank lines...

    Page furniture at the end (removed; see furniture.py)
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from dateline.errors import EmptyInput
from dateline.ingest import make_article
from dateline.ingest.dates import Stamp, later, parse_stamp
from dateline.ingest.furniture import (
    drop_repeats,
    has_sentence_end,
    is_promo,
    is_section_label,
    same_text,
    trim_edges,
    words,
)
from dateline.records import Article

_META = re.compile(
    r"^\s*(?P<label>first published|published|posted|last updated|updated|modified|date)"
    r"\s*(?:on|at)?\s*[:\-–]?\s*(?P<value>.+?)\s*$", re.IGNORECASE)
_BYLINE = re.compile(r"^\s*[Bb][Yy]:?\s+(?P<names>[A-Z][\w.'’-]*(?:[\s,]+(?:and\s+)?[A-Z][\w.'’-]*){0,8})\s*$")
_UPDATE_LABELS = ("updated", "last updated", "modified")
HEADER_PARAGRAPHS = 8
DATE_WORDS = 8
HEADLINE_WORDS = 30
WRAP_CHARS = 40


@dataclass
class _Header:
    published: Stamp | None = None
    updated: Stamp | None = None
    authors: list[str] = field(default_factory=list)


def read_text(text: str, *, path: str) -> Article:
    """An Article from the text of a plain-text news file; EmptyInput when no body is left."""
    paragraphs = split_paragraphs(text)
    while paragraphs and (is_promo(paragraphs[0]) or is_section_label(paragraphs[0])):
        paragraphs.pop(0)
    title, rest = _headline(paragraphs)
    header = _Header()
    standfirst, body = _split_header(rest, header)
    body = _drop_meta_tail(body, header)
    subtitle, body = _dedupe_standfirst(standfirst, body)
    body = drop_repeats(body, [title, subtitle])
    trimmed = trim_edges(body)
    if not trimmed.paragraphs:
        raise EmptyInput("no body text after the headline and page furniture", path=path)
    return make_article(
        "\n\n".join(trimmed.paragraphs), title=title, subtitle=subtitle, publisher=trimmed.publisher,
        authors=header.authors, published_at=header.published.value if header.published else None,
        updated_at=header.updated.value if header.updated else None,
        published_tz_known=bool(header.published and header.published.tz_known), source_path=path)


def split_paragraphs(text: str) -> list[str]:
    """Blank-line separated paragraphs; hard-wrapped prose lines are joined with a space."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    blocks = re.split(r"\n[ \t\u00a0]*\n", text)
    paragraphs = []
    for block in blocks:
        lines = [line.strip() for line in block.split("\n") if line.strip()]
        if lines:
            paragraphs.append(_join_lines(lines))
    return paragraphs


def _join_lines(lines: list[str]) -> str:
    if len(lines) > 1 and all(len(line) >= WRAP_CHARS for line in lines[:-1]):
        return " ".join(lines)
    return "\n".join(lines)


def _headline(paragraphs: list[str]) -> tuple[str | None, list[str]]:
    """The first line when it reads like a headline (short, or not a run of sentences)."""
    if len(paragraphs) < 2 and "\n" not in (paragraphs or [""])[0]:
        return None, paragraphs
    first, _, more = paragraphs[0].partition("\n")
    n = len(words(first))
    if n > HEADLINE_WORDS or (has_sentence_end(first) and n > HEADLINE_WORDS // 2 and not more):
        return None, paragraphs
    return first.strip(), ([more] if more.strip() else []) + paragraphs[1:]


def _split_header(rest: list[str], header: _Header) -> tuple[str | None, list[str]]:
    """Standfirst (paragraphs before the metadata lines) and the body after them."""
    last_meta = -1
    for i, paragraph in enumerate(rest[:HEADER_PARAGRAPHS]):
        if _read_meta(paragraph, header):
            last_meta = i
    if last_meta < 0:
        return None, rest
    lead = [p for p in rest[:last_meta] if not _is_meta(p) and not is_promo(p) and not is_section_label(p)]
    prose = [p for p in lead if has_sentence_end(p) or len(words(p)) > 8]
    return (" ".join(prose) or None), rest[last_meta + 1:]


def _is_meta(paragraph: str) -> bool:
    return _read_meta(paragraph, _Header())


def _read_meta(paragraph: str, header: _Header) -> bool:
    """True when every line is a date line or a byline; fills ``header`` from them."""
    found = _Header()
    for line in paragraph.split("\n"):
        if not (_date_line(line, found) or _byline(line, found)):
            return False
    header.published = header.published or found.published
    header.updated = later(header.published, header.updated or found.updated)
    header.authors.extend(a for a in found.authors if a not in header.authors)
    return True


def _date_line(line: str, header: _Header) -> bool:
    """A labelled date line ("Published: ...") or a short line that is only a date."""
    match = _META.match(line)
    value = match.group("value") if match else line
    stamp = parse_stamp(value) if match or len(words(line)) <= DATE_WORDS else None
    if stamp is None:
        return False
    if match and match.group("label").lower() in _UPDATE_LABELS:
        header.updated = stamp
    else:
        header.published = header.published or stamp
    return True


def is_byline(line: str) -> bool:
    """A "By Name[, Name and Name]" line."""
    return _BYLINE.match(line) is not None


def _byline(line: str, header: _Header) -> bool:
    match = _BYLINE.match(line)
    if match is None:
        return False
    names = re.split(r"\s*,\s*|\s+and\s+", match.group("names"))
    header.authors.extend(name.strip() for name in names if name.strip())
    return True


def _drop_meta_tail(body: list[str], header: _Header) -> list[str]:
    """Date lines printed after the body ("Updated: ...") are metadata too."""
    while body and _read_meta(body[-1], header):
        body = body[:-1]
    return body


def _dedupe_standfirst(standfirst: str | None, body: list[str]) -> tuple[str | None, list[str]]:
    """A standfirst repeated as the first body paragraph is kept once, as the subtitle."""
    if standfirst is None and len(body) > 2 and same_text(body[0], body[1]):
        return body[0], body[2:]
    return standfirst, body
