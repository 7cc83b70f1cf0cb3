"""Quotation-mark regions: where quoted words start and end, whatever the mark style.

Pure string work, no spaCy.  Double marks of every style count (straight ``"``, curly ``“ ”``,
low ``„``, guillemets ``« »``, the New York Times' two apostrophes ``''``), mixed freely in one
quote.  Whether a mark opens or closes is told from its neighbours (space before and a letter after
opens; a letter or punctuation before and a space after closes) and, when that is unclear, from the
state (a mark closes an open quote).  A quote never runs past its paragraph: one left open ends at
the paragraph end and is marked ``open_end`` (the next paragraph may continue it).  Single marks are
left alone: inside double quotes they are nested quotes ('pounding'), elsewhere mostly apostrophes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

DOUBLE_MARKS = frozenset('"\u201c\u201d\u201e\u201f\u00ab\u00bb\u2033')
_MARK_CHAR = re.compile(f"[{''.join(sorted(DOUBLE_MARKS))}']")  # where a mark can be; others have width 0
_OPEN_BEFORE = frozenset(" \t\n([{\u2014\u2013-/:;,")
_CLOSE_AFTER = frozenset(" \t\n)]}\u2014\u2013-/:;,.!?")


@dataclass(frozen=True)
class Region:
    """One quotation: ``start``/``end`` bound the content without the marks."""

    mark_start: int
    start: int
    end: int
    mark_end: int
    open_end: bool
    paragraph: int

    def contains(self, offset: int) -> bool:
        return self.start <= offset < self.end


def paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each non-blank line of ``text``."""
    spans = []
    pos = 0
    for line in text.split("\n"):
        if line.strip():
            spans.append((pos, pos + len(line)))
        pos += len(line) + 1
    return spans


def find_regions(text: str) -> list[Region]:
    """Every double-quoted region of ``text``, in order, none crossing a paragraph break."""
    regions: list[Region] = []
    for index, (p_start, p_end) in enumerate(paragraphs(text)):
        regions.extend(_regions_in(text, p_start, p_end, index))
    return regions


def _mark_width(text: str, i: int, p_end: int) -> int:
    """1 for a double mark, 2 for the two apostrophes of the New York Times style (''like this''), else 0."""
    if text[i] in DOUBLE_MARKS:
        return 1
    if text[i] == "'" and i + 1 < p_end and text[i + 1] == "'" and (i == 0 or text[i - 1] != "'"):
        return 2
    return 0


def _role(text: str, i: int, width: int, p_start: int, p_end: int) -> str:
    """'open', 'close' or 'either' for the mark at ``i``, from its neighbours."""
    before = text[i - 1] if i > p_start else " "
    after = text[i + width] if i + width < p_end else " "
    opens = before in _OPEN_BEFORE and not after.isspace()
    closes = (not before.isspace()) and (after in _CLOSE_AFTER or after in DOUBLE_MARKS)
    if text[i] in "\u201c\u201e\u00ab" and not closes:
        return "open"
    if text[i] in "\u201d\u00bb" and not opens:
        return "close"
    if opens and not closes:
        return "open"
    if closes and not opens:
        return "close"
    return "either"


def _regions_in(text: str, p_start: int, p_end: int, index: int) -> list[Region]:
    found: list[Region] = []
    open_at: int | None = None
    open_width = 1
    i = p_start
    while i < p_end:
        found_mark = _MARK_CHAR.search(text, i, p_end)
        if found_mark is None:
            break
        i = found_mark.start()
        width = _mark_width(text, i, p_end)
        if not width:
            i += 1
            continue
        role = _role(text, i, width, p_start, p_end)
        if open_at is None:
            if role != "close":
                open_at, open_width = i, width
        elif role == "open" and i - open_at > open_width:
            found.append(_region(text, open_at, open_width, i, i, True, index))  # left open, a new one starts
            open_at, open_width = i, width
        elif role != "open":
            found.append(_region(text, open_at, open_width, i, i + width, False, index))
            open_at = None
        i += width
    if open_at is not None:
        found.append(_region(text, open_at, open_width, p_end, p_end, True, index))
    return [r for r in found if r.end > r.start]


def _region(text: str, mark: int, width: int, end: int, mark_end: int, open_end: bool, index: int) -> Region:
    start = mark + width
    while end > start and text[end - 1].isspace():
        end -= 1
    while start < end and text[start].isspace():
        start += 1
    return Region(mark, start, end, mark_end, open_end, index)


def word_count(text: str) -> int:
    return len(text.split())
