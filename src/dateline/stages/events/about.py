"""What each quote is about: the proposals it names or takes a stance on, and the events reported in it.

A quote is about a proposal when a mention of it lies inside the quote's content, or in its attribution
clause ("Peskov told reporters *about the ceasefire*"), or when the quote is evidence of a stance on it.  It
is about every event whose ``reported_in`` is the quote.  Filled by the ``stances`` stage, which runs after
quotes, events and proposals.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import replace
from typing import Any

from dateline.records import ArticleRecord, Quote, Stance


def attribution_range(text: str, sentences: list[tuple[int, int]], quote: Quote,
                      others: list[Quote]) -> tuple[int, int] | None:
    """The words around a quote's cue that attribute it ("Peskov told reporters about the ceasefire,"):
    the cue's sentence (``sentences``: the article's sentence ranges, in order), cut at the nearest other quote
    on each side (so another statement's words stay out) and at paragraph breaks."""
    if quote.cue is None:
        return None
    pos = quote.cue.span.start
    at = bisect_right(sentences, (pos, len(text) + 1)) - 1
    if at < 0:
        return None
    start, end = sentences[at]
    for other in others:
        if other.id == quote.id or other.span.start <= pos < other.span.end:
            continue
        if other.span.end <= pos:
            start = max(start, other.span.end)
        elif other.span.start >= quote.cue.span.end:
            end = min(end, other.span.start)
    brk = text.rfind("\n\n", start, pos)  # a heading glued to the sentence stays out
    start = brk + 2 if brk >= 0 else start
    cut = text.find("\n\n", pos, end)
    return start, (cut if cut >= 0 else end)


def _named_in(record: ArticleRecord, start: int, end: int) -> list[str]:
    found = sorted((m.start, p.id) for p in record.proposals for m in p.mentions if start <= m.start and m.end <= end)
    return [pid for _, pid in found]


def quote_about(sentences: list[tuple[int, int]], record: ArticleRecord, quote: Quote,
                stances: list[Stance]) -> list[str]:
    """Proposal ids (in order of mention, then by stance) and event ids (in text order) for one quote."""
    ids = _named_in(record, quote.span.start, quote.span.end)
    attribution = attribution_range(record.article.text, sentences, quote, record.quotes)
    if attribution is not None:
        ids += _named_in(record, *attribution)
    ids += [s.proposal_id for s in stances if quote.id in s.evidence]
    events = sorted((e for e in record.events if e.reported_in == quote.id), key=lambda e: e.evidence.start)
    ids += [e.id for e in events]
    return list(dict.fromkeys(ids))


def with_about(doc: Any, record: ArticleRecord, stances: list[Stance]) -> list[Quote]:
    """The article's quotes with ``about`` filled (new records: quotes are frozen)."""
    sentences = [(sent.start_char, sent.end_char) for sent in doc.sents]
    return [replace(q, about=quote_about(sentences, record, q, stances)) for q in record.quotes]
