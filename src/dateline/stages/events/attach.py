"""Evidence clause, time, place, quote and fatalities of an event."""

from __future__ import annotations

import re
from datetime import date, timedelta

from dateline.records import ArticleRecord, Fatalities, Place, Quote, Span, TimeExpr, TimeValue
from dateline.stages.events.triggers import TERRITORY_TRIGGERS, Token, Trigger
from dateline.stages.tokens import subtree_tokens

CLAUSE_CUT = frozenset({"advcl", "parataxis", "relcl", "cc", "mark"})
LOCATIVE_PREPS = frozenset({"in", "at", "near", "outside", "inside", "across", "around", "throughout", "into",
                            "within", "along"})
HISTORICAL_DAYS = 60  # an event dated more than this before publication is historical


def evidence_span(trig: Trigger, text: str) -> Span:
    """The trigger's clause: its subtree without adverbial, coordinated and parenthetical clauses."""
    tok = trig.token
    keep = [tok]
    stack = [c for c in tok.children if c.dep_ not in CLAUSE_CUT
             and not (c.dep_ == "conj" and c.pos_ in ("VERB", "AUX"))
             and not (c.dep_ == "ccomp" and tok.lemma_.lower() not in ("say", "warn", "threaten", "announce"))]
    if not trig.nominal:
        stack = [c for c in stack if c.dep_ != "punct"]
    while stack:
        t = stack.pop()
        keep.append(t)
        stack.extend(c for c in t.children if c.dep_ not in ("relcl", "advcl", "parataxis"))
    words = sorted((t for t in keep if not t.is_punct or t.text in ")%'\""), key=lambda t: t.i)
    start, end = words[0].idx, words[-1].idx + len(words[-1])
    if trig.arg_spans is not None:  # coded from the words, not the parse: the verb to the end of its clause
        start = min(start, trig.token.idx)
        stop = re.search(r"[.;,\n]", text[trig.arg_spans[1][1]:trig.token.sent.end_char])
        end = trig.arg_spans[1][1] + stop.start() if stop else trig.token.sent.end_char
    return Span.of(text, start, end)


# --- time -----------------------------------------------------------------------------------------------


def _period(value: str) -> tuple[date, date] | None:
    """First and last day of a TIMEX3 date value (year, month, week or day); None for others."""
    try:
        if re.fullmatch(r"\d{4}", value):
            return date(int(value), 1, 1), date(int(value), 12, 31)
        if m := re.fullmatch(r"(\d{4})-(\d{2})", value):
            first = date(int(m[1]), int(m[2]), 1)
            return first, (first + timedelta(days=32)).replace(day=1) - timedelta(days=1)
        if m := re.fullmatch(r"(\d{4})-W(\d{2})", value):
            first = date.fromisocalendar(int(m[1]), int(m[2]), 1)
            return first, first + timedelta(days=6)
        if m := re.match(r"(\d{4})-(\d{2})-(\d{2})", value):
            day = date(int(m[1]), int(m[2]), int(m[3]))
            return day, day
    except ValueError:
        return None
    return None


def publication_day(record: ArticleRecord) -> date | None:
    published = record.article.published_at
    if not published:
        return None
    period = _period(published[:10])
    return period[0] if period else None


def is_historical(value: TimeValue | None, published: date | None) -> bool:
    if value is None or published is None or value.type not in ("DATE", "TIME"):
        return False
    period = _period(value.value)
    return period is not None and period[1] < published - timedelta(days=HISTORICAL_DAYS)


def _dated(times: list[TimeExpr], start: int, end: int) -> list[TimeExpr]:
    return [t for t in times if t.span is not None and start <= t.span.start and t.span.end <= end
            and t.type in ("DATE", "TIME") and _period(t.value) is not None]


PAST_MARKERS = frozenset({"previously", "earlier", "formerly"})


def past_marked(tok: Token) -> bool:
    """ "Trump *previously* threatened ...": the clause says it happened before, at no stated time."""
    return any(c.dep_ == "advmod" and c.lower_ in PAST_MARKERS for c in tok.children)


def event_time(record: ArticleRecord, trig: Trigger, evidence: Span, paragraph_start: int) -> TimeValue | None:
    """A date in the clause, else in the sentence, else a historical date earlier in the paragraph.  A clause
    marked as earlier ("previously threatened") takes only a date in the clause itself."""
    pos = trig.token.idx
    sent = trig.token.sent
    marked = past_marked(trig.token)
    ranges = [(evidence.start, evidence.end)]
    if not marked:
        ranges.append((sent.start_char, sent.end_char))
    for start, end in ranges:
        found = _dated(record.times, start, end)
        if found:
            return min(found, key=lambda t: abs((t.span.start if t.span else 0) - pos)).as_value()
    if marked:
        return None
    earlier = _dated(record.times, paragraph_start, sent.start_char)
    past = trig.token.tag_ in ("VBD", "VBN")
    if earlier and past and is_historical(earlier[-1].as_value(), publication_day(record)):
        return earlier[-1].as_value()
    return None


def publication_time(record: ArticleRecord) -> TimeValue | None:
    day = publication_day(record)
    return TimeValue(day.isoformat(), "DATE", "day", None, "dct") if day else None


# --- place ----------------------------------------------------------------------------------------------


def _place_tokens(trig: Trigger) -> list[Token]:
    """Words that can name where the event happened: objects of locative prepositions in the clause."""
    tok = trig.token
    out = []
    for node in [tok, *(c for c in tok.children if c.dep_ in ("dobj", "prt", "advmod", "xcomp"))]:
        for prep in (c for c in node.children if c.dep_ == "prep"):
            if prep.lemma_.lower() in LOCATIVE_PREPS or (prep.lemma_ == "of" and node.dep_ == "prt"):
                out.extend(subtree_tokens(prep))
    if trig.lemma.split()[0] in TERRITORY_TRIGGERS:
        out.extend(t for c in tok.children if c.dep_ in ("dobj",) or (c.dep_ == "prep" and c.lemma_ == "of")
                   for t in subtree_tokens(c))
    return out


def event_place(places: list[Place], trig: Trigger) -> str | None:
    """The most specific located place named in the clause's locative phrases (never a metonymic actor)."""
    tokens = _place_tokens(trig)
    if not tokens:
        return None
    starts = {t.idx for t in tokens}
    best: tuple[int, int, str] | None = None
    for place in places:
        for mention in place.mentions:
            if mention.role == "location" and mention.span.start in starts:
                rank = (place.precision, abs(mention.span.start - trig.token.idx), place.id)
                best = rank if best is None or rank < best else best
    return best[2] if best else None


# --- quote, fatalities ----------------------------------------------------------------------------------


def quote_of(quotes: list[Quote], pos: int) -> str | None:
    return next((q.id for q in quotes if q.span.start <= pos < q.span.end), None)


NUMBER_WORDS = {w: i for i, w in enumerate((
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
    "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty"))}
_NUM = r"(\d[\d,]*|" + "|".join(NUMBER_WORDS) + r"|dozens|scores|hundreds|thousands|tens of thousands)\b"
_QUAL = r"(at least|more than|over|about|around|some|nearly|almost|up to|as many as)?\s*"
_VICTIMS = r"(?:\s+(?:[a-z-]+\s+){0,2}?(?:people|persons|civilians|soldiers|troops|fighters|militants|police(?:men)?|" \
           r"officers|children|women|men|others|residents|members|servicemen|protesters|workers))?"
KILLED_AFTER = re.compile(r"\b(?:killing|killed|kill|killed at least)\s+" + _QUAL + _NUM + _VICTIMS, re.I)
KILLED_BEFORE = re.compile(_QUAL + r"\b" + _NUM + _VICTIMS + r"\s+(?:were |have been |had been |are )?"
                           r"(?:killed|dead|died|slain)\b", re.I)
VAGUE = {"dozens": (24, 99), "scores": (40, 99), "hundreds": (200, 999), "thousands": (2000, 9999),
         "tens of thousands": (20000, 99999)}


def _count(word: str) -> tuple[int, int] | None:
    word = word.lower().replace(",", "")
    if word in VAGUE:
        return VAGUE[word]
    value = NUMBER_WORDS.get(word, int(word) if word.isdigit() else None)
    return (value, value) if value is not None else None


def fatalities(text: str) -> Fatalities | None:
    """Deaths stated in the clause: "killed 12 people", "at least 5 dead" (min/max)."""
    for pattern in (KILLED_AFTER, KILLED_BEFORE):
        m = pattern.search(text)
        if m is None:
            continue
        counted = _count(m.group(2))
        if counted is None:
            continue
        low, high = counted
        if (m.group(1) or "").lower() == "up to":
            low = 1 if low == high else low
        return Fatalities(low, high)
    return None
