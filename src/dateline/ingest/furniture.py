"""Page furniture at the edges of a body: promo boxes, share bars, section labels, publisher plugs.

General rules, no list of known strings: a paragraph at the top or bottom of the body is furniture
when it is short and has no sentence punctuation, or when it is a short promo (subscribe, share,
sign up, donate...). The publisher's name is inferred from the furniture lines themselves (the
longest run of words that two of them share, "Support X" / "X Spotlight" -> "X"), and any edge
line naming it goes too.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

_SENTENCE_END = re.compile(r"[.!?…:;][\"'”’»)\]]*\s*$")
# A promo asks something of the reader: a call to action addressed to "you"/"us", or a notice.
_CALL = re.compile(
    r"\b(subscribe|subscription|sign[ -]?up|newsletter|share|follow|donate|donation|support|"
    r"download|click|tap|join|become a member|read more|log ?in|register)\b", re.IGNORECASE)
_READER = re.compile(r"\b(our|us|you|your|here|today|now)\b", re.IGNORECASE)
_NOTICE = re.compile(r"©|\ball rights reserved\b|\bcopyright \d{4}", re.IGNORECASE)
# Labels that only ever head or close a page section (tested on lines with no punctuation).
_LABEL = re.compile(
    r"\b(advertisement|advertising|sponsored|related|read more|listen to (this|the) article|min read|"
    r"most (popular|read)|trending|comments|newsletter|share|subscribe|more from|"
    r"spotlight|recommended|tags?|topics?|filed under)\b", re.IGNORECASE)
# "Related: ...", "Read more: ..." pointers to other pages.
_POINTER = re.compile(r"^\W{0,3}(related|read more|read also|also read|see also|more|watch|listen|"
                      r"recommended|more on this story|editor's picks?)\s*[:|\-–—]", re.IGNORECASE)
_SHARE_BAR = re.compile(r"\b(facebook|twitter|whatsapp|linkedin|telegram|reddit|email|print|copy link|x)\b",
                        re.IGNORECASE)
_SEPARATORS = re.compile(r"[|›»>•·]")
SHORT_WORDS = 8
PROMO_WORDS = 25
PUBLISHER_LINES = 8  # furniture lines looked at to infer the publisher


@dataclass(frozen=True)
class Trimmed:
    """Body paragraphs with the edge furniture removed, and the publisher inferred from it."""

    paragraphs: list[str]
    publisher: str | None


def words(text: str) -> list[str]:
    return text.split()


def has_sentence_end(text: str) -> bool:
    return bool(_SENTENCE_END.search(text))


def is_promo(text: str) -> bool:
    """A short paragraph whose words are a promotion, a share bar or a page label."""
    n = len(words(text))
    if n <= PROMO_WORDS and (_NOTICE.search(text) or (_CALL.search(text) and _READER.search(text))):
        return True
    if n <= PROMO_WORDS and _POINTER.match(text):
        return True
    return n <= SHORT_WORDS and (_share_bar(text) or bool(_SEPARATORS.search(text)))


def _share_bar(text: str) -> bool:
    tokens = re.findall(r"[A-Za-z]+", text)
    hits = sum(1 for tok in tokens if _SHARE_BAR.fullmatch(tok))
    return hits >= 2 and hits * 2 >= len(tokens)


def is_label(text: str) -> bool:
    """A short line with no sentence punctuation: a heading, a label or a plug."""
    return len(words(text)) <= SHORT_WORDS and not has_sentence_end(text)


def infer_publisher(lines: Sequence[str]) -> str | None:
    """The longest run of words (two or more, starting with a capital) shared by two lines."""
    best: tuple[str, ...] = ()
    lines = [line for line in lines[-PUBLISHER_LINES:] if len(words(line)) <= SHORT_WORDS]
    for i, first in enumerate(lines):
        for second in lines[i + 1:]:
            run = _longest_common_run(words(first), words(second))
            if len(run) > len(best):
                best = run
    if len(best) >= 2 and best[0][:1].isupper():
        return " ".join(best)
    return None


def _longest_common_run(a: list[str], b: list[str]) -> tuple[str, ...]:
    best: tuple[str, ...] = ()
    for i in range(len(a)):
        for j in range(len(b)):
            k = 0
            while i + k < len(a) and j + k < len(b) and a[i + k] == b[j + k]:
                k += 1
            if k > len(best):
                best = tuple(a[i:i + k])
    return best


def _names(text: str, publisher: str | None) -> bool:
    return publisher is not None and publisher.lower() in text.lower()


def trim_edges(paragraphs: Sequence[str], publisher: str | None = None) -> Trimmed:
    """Drop furniture from the end, then the start, of a body; infer the publisher on the way."""
    body = list(paragraphs)
    publisher = publisher or infer_publisher(_take_tail(body))
    _take_tail(body, publisher)
    _take_head(body, publisher)
    return Trimmed([p for p in body if not _inner_furniture(p)], publisher)


def _take_tail(body: list[str], publisher: str | None = None) -> list[str]:
    """Trailing furniture, taken off ``body`` (in text order)."""
    removed: list[str] = []
    while body and (is_label(body[-1]) or is_promo(body[-1]) or
                    (_names(body[-1], publisher) and len(words(body[-1])) <= PROMO_WORDS)):
        removed.append(body.pop())
    return removed[::-1]


def _take_head(body: list[str], publisher: str | None) -> None:
    """Take leading furniture off ``body``: promos, share bars and lines naming the publisher (not sub-headings)."""
    while len(body) > 1 and (is_promo(body[0]) or (is_label(body[0]) and _leading_label(body[0], publisher))):
        body.pop(0)


def _leading_label(text: str, publisher: str | None) -> bool:
    return _names(text, publisher) or is_section_label(text)


def is_section_label(text: str) -> bool:
    """A label of four words or fewer that names a page section ("Advertisement", "Share")."""
    return len(words(text)) <= 4 and not has_sentence_end(text) and bool(_LABEL.search(text))


def _inner_furniture(paragraph: str) -> bool:
    """A one-to-three word section label left between paragraphs ("Advertisement")."""
    return len(words(paragraph)) <= 3 and is_section_label(paragraph)


def same_text(a: str, b: str) -> bool:
    """Equal up to white space and case."""
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def drop_repeats(paragraphs: Sequence[str], heads: Sequence[str | None], within: int = 3) -> list[str]:
    """The body without a headline or standfirst repeated among its first ``within`` paragraphs."""
    known = [h for h in heads if h]
    return [p for i, p in enumerate(paragraphs) if i >= within or not any(same_text(p, h) for h in known)]
