"""Text + publication time -> TimeExpr records; and the helpers other layers ask.

Deterministic: nothing here reads the system clock; the only "now" is the article's ``published_at``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from dateline.records import ArticleRecord, Span, TimeExpr, TimeValue, stable_id
from dateline.stages.times.anchors import (
    QuoteRegion,
    deadline_before,
    future_cue,
    quote_regions,
    region_of,
    sentence_bounds,
    speech_day,
    will_follow,
)
from dateline.stages.times.lexicon import WEEKDAYS
from dateline.stages.times.normalizer import Context, Norm, granularity, normalize
from dateline.stages.times.tagger import Candidate, tag
from dateline.stages.times.tense import governing_verb, parse_future, past_plan
from dateline.stages.tokens import doc_text


def publication_day(published_at: str | None) -> dt.date | None:
    """The calendar day of an ISO ``published_at`` (zone or not, as written); None when absent or bad."""
    if not published_at:
        return None
    try:
        return dt.datetime.fromisoformat(published_at.strip().replace("Z", "+00:00")).date()
    except ValueError:
        pass
    try:
        return dt.date.fromisoformat(published_at.strip()[:10])
    except ValueError:
        return None


@dataclass(frozen=True)
class _Resolved:
    cand: Candidate
    ctx: Context
    norm: Norm
    region: QuoteRegion | None


def extract_times(text: str, published_at: str | None, doc_id: str = "", doc: Any = None) -> list[TimeExpr]:
    """Every time expression of ``text`` with its TIMEX3 value (see the package docstring).

    ``doc`` is the spaCy Doc of ``text`` when there is one: the tense of the verb that governs a bare
    weekday, month or season then decides its direction (:mod:`.tense`); without it (or when its
    text differs) the left-to-right cues of :mod:`.anchors` do.
    """
    dct = publication_day(published_at)
    regions = quote_regions(text)
    parsed = doc if doc is not None and doc_text(doc) == text else None
    first = _first_pass(text, tag(text), dct, regions, parsed)
    frame = [(r.cand.start, r.cand.end, r.norm.value) for r in first if r.region is None]
    speech: dict[QuoteRegion, dt.date | None] = {}
    out: list[TimeExpr] = []
    for res in first:
        norm, anchor = res.norm, "explicit" if not res.norm.relative else "dct"
        if res.region is not None and res.norm.relative:
            if res.region not in speech:
                speech[res.region] = speech_day(text, res.region, regions, frame)
            day = speech[res.region] or dct
            norm = normalize(res.cand, dataclasses.replace(res.ctx, anchor=day)) or norm
            norm = _paired(res.cand, norm, out[-1].value if out else None)
            anchor = "speech"
        out.append(_record(text, res.cand, norm, anchor, doc_id))
    return out


def _first_pass(text: str, cands: list[Candidate], dct: dt.date | None,
                regions: list[QuoteRegion], doc: Any = None) -> list[_Resolved]:
    """Values against the publication day, in text order, carrying discourse references forward:
    the last quarter named (for "the quarter", "a year earlier"), the last day named within
    the few sentences before (the day a bare "10:35 a.m." falls on) and, of those, the last one close to
    the publication day (the story's day, which "in the afternoon" and "overnight" fall on).
    """
    ref_quarter: tuple[int, int] | None = None
    ref_day: tuple[int, dt.date] | None = None
    ref_date: str | None = None
    ref_date_end = 0
    story_day: tuple[int, dt.date] | None = None  # the last day named close to the publication day
    ref_period: str | None = None
    ref_fiscal = False  # ref_quarter was named in the company's fiscal numbering ("the fiscal first quarter")
    out: list[_Resolved] = []
    for cand in cands:
        near_day = ref_day[1] if ref_day and cand.start - ref_day[0] < _REF_DAY_REACH else None
        ahead = _looks_ahead(text, cand, doc, dct)
        planned = ahead and doc is not None and cand.rule == "mdy" and past_plan(doc, cand.start, cand.end)
        ctx = Context(dct, ahead, ref_quarter, near_day, ref_date,
                      _comparison(text, cand), ref_period,
                      _SINCE.search(text, max(0, cand.start - 8), cand.start) is not None,
                      ref_date is not None and cand.start - ref_date_end < _REF_DAY_REACH,
                      story_day[1] if story_day and cand.start - story_day[0] < _REF_DAY_REACH else None,
                      ref_fiscal, planned)
        norm = normalize(cand, ctx)
        if norm is None or _soon_after_event(text, cand, doc):
            continue
        norm = _paired(cand, norm, out[-1].norm.value if out else None)
        if re.fullmatch(r"\d{4}(?:-\d\d(?:-\d\d)?)?", norm.value):
            ref_date, ref_date_end = norm.value, cand.end
        quarter = re.fullmatch(r"(\d{4})-Q([1-4])", norm.value)
        if quarter and (cand.rule in ("quarter", "qshort") or cand.get("endmonth")):
            named = (int(quarter.group(1)), int(quarter.group(2)))
            if _reported(text, cand, named, dct, ctx.future):
                ref_fiscal = "fiscal" in text[cand.start : cand.end].lower() or (ref_fiscal and named == ref_quarter)
                ref_quarter, ref_period = named, None
        elif norm.value in _LONGER_PERIODS:  # "the nine months", "the first half": "a year earlier" is that period's
            ref_quarter, ref_fiscal = None, False
            ref_period = norm.value if norm.type == "DURATION" else None
        if re.fullmatch(r"\d{4}-\d\d-\d\d(?:T.*)?", norm.value) and cand.rule not in _DAY_FOLLOWERS \
                and not _ATTRIBUTIVE.match(text, cand.end):
            # a day, or a time on a named day ("Sunday morning"), not one that took the day before it, nor a date
            # that names an event ("since the October 7, 2023 attack": "at 8:30 a.m." is not on that day)
            day = dt.date.fromisoformat(norm.value[:10])
            ref_day = (cand.end, day)
            if dct is not None and abs((day - dct).days) <= _STORY_DAYS:
                story_day = (cand.end, day)
        out.append(_Resolved(cand, ctx, norm, region_of(regions, cand.start, cand.end)))
    return out


def _paired(cand: Candidate, norm: Norm, before: str | None) -> Norm:
    """"April 24 and 25", "April 30-May 1": the second day is in the year the first one was resolved to, or the
    year after when it would fall before the first ("December 30-January 2")."""
    if not (cand.get("paired") and before and re.fullmatch(r"\d{4}-\d\d-\d\d", before)
            and re.fullmatch(r"\d{4}-\d\d-\d\d", norm.value)):
        return norm
    year = int(before[:4]) + (norm.value[5:] < before[5:])
    return dataclasses.replace(norm, value=f"{year:04d}{norm.value[4:]}")


def _comparison(text: str, cand: Candidate) -> bool:
    """A figure compared with one of the year before ("a loss of $3 million last year", "up from last year's
    $1.55 billion"), not a year-long figure ("$4 a share for this year, up from last year's $3.27")."""
    found = _COMPARISON.search(text, max(0, cand.start - 80), cand.start)
    if found is None or _ANNUAL.search(text, max(0, cand.start - 120), cand.start):
        return False
    return bool(re.search(r"[$\d]", found.group()) or re.match(r"['\u2019]s [$\d]", text[cand.end : cand.end + 4]))


def _reported(text: str, cand: Candidate, quarter: tuple[int, int], dct: dt.date | None, ahead: bool) -> bool:
    """Whether a quarter named in a results story is the one reported on, so that "a year earlier" and
    "the year-ago period" refer to it: not one still to come ("will result in a fourth-quarter charge" in
    November), nor one named in passing with an indefinite article ("after a flat second quarter")."""
    if re.match(r"\s+end(?:ed|ing)\b", text[cand.end : cand.end + 10]):  # "its fourth quarter ended Sept. 30"
        return True
    if ahead and dct is not None and quarter > ((dct.year * 12 + dct.month - 4) // 12, ((dct.month - 4) % 12) // 3 + 1):
        return False
    if "-" in text[cand.start : cand.end]:  # "a third-quarter loss": the article goes with "loss"
        return True
    return _INDEFINITE.search(text, max(0, cand.start - 24), cand.start) is None


def _soon_after_event(text: str, cand: Candidate, doc: Any) -> bool:
    """"soon" in a clause about the past ("the trickle soon became a flood", "he was soon released") means shortly
    after an event of the story, not a time ahead of the writer: it is no FUTURE_REF (and TimeML gives it no value)."""
    if cand.rule != "ref" or text[cand.start : cand.end].lower() != "soon":
        return False
    if doc is not None:
        verb = governing_verb(doc, cand.start, cand.end)
        if verb is not None and verb.tag_ == "VBN" and verb.dep_ == "acl":
            return False  # "wanted a new prime minister appointed soon": ahead of what governs the participle
        return parse_future(doc, cand.start, cand.end) is False
    return _PAST_AROUND.search(text[max(0, cand.start - 12) : cand.end + 16]) is not None


def _looks_ahead(text: str, cand: Candidate, doc: Any, dct: dt.date | None = None) -> bool:
    """The future reading for a bare weekday, month, season or quarter: the parse first, then text cues."""
    if doc is not None and dct is not None and _possessive_day_ahead(text, cand, doc, dct):
        return True
    if doc is None or cand.rule not in _DIRECTED or text[cand.end : cand.end + 2] in ("'s", "\u2019s") \
            or will_follow(text, cand.end):
        return future_cue(text, cand.start, cand.end)
    parsed = parse_future(doc, cand.start, cand.end, deadline_before(text, cand.start))
    return future_cue(text, cand.start, cand.end) if parsed is None else parsed  # (the text cues only when needed)


def _possessive_day_ahead(text: str, cand: Candidate, doc: Any, dct: dt.date) -> bool:
    """"Sunday's final" written on a Saturday: a possessive weekday names a known event, which is the coming one
    when that is one or two days ahead and nothing in the clause reports it as past ("attended Sunday's final")."""
    if cand.rule != "weekday" or cand.get("rel") or text[cand.end : cand.end + 2] not in ("'s", "\u2019s"):
        return False
    weekday = WEEKDAYS[(cand.get("weekday") or "").lower()]
    if (weekday - dct.isoweekday()) % 7 not in (1, 2):
        return False
    words = re.findall(r"[\w.-]+", text[cand.end + 2 : cand.end + 40])[:2]  # the noun, or an adjective and it
    if not words or any(w[:1].isdigit() or w.lower() in _UNPLANNED for w in words):
        return False  # "from Thursday's 53.96", "Thursday's suicide attack": a figure or an event nobody schedules
    span = doc.char_span(cand.start, cand.end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return False
    owner = span.root.head  # the event the possessive names ("final" in "Sunday's final")
    return parse_future(doc, owner.idx, owner.idx + len(owner.text)) is not False  # "Friday's talks ended": past


# what a possessive weekday may name that is never announced ahead: "Thursday's attack", "Friday's close"
_UNPLANNED = frozenset({
    "attack", "attacks", "bombing", "bombings", "blast", "blasts", "explosion", "killing", "killings", "shooting",
    "crash", "raid", "raids", "assault", "violence", "clashes", "fire", "quake", "earthquake", "storm", "death",
    "deaths", "incident", "arrest", "arrests", "murder", "massacre", "accident", "collapse", "ambush", "fighting",
    "close", "closing", "level", "levels", "high", "low", "losses", "gains", "trading", "fall", "rise", "drop",
    "decline", "rally", "slump", "surge", "announcement", "remarks", "statement", "comments", "report", "decision",
    "ruling", "defeat", "win", "victory", "loss",
})


_DIRECTED = frozenset({"weekday", "month", "mdy", "dmy", "datetime", "holiday", "quarter", "twoquarters", "theunit",
                       "bareseason", "weekof"})
_REF_DAY_REACH = 300  # characters
_STORY_DAYS = 7  # a day this close to the publication day is the story's, not background ("since Oct. 7, 2023")
_DAY_FOLLOWERS = frozenset({"clock", "clock24", "clockword", "clockpart", "daypart"})
_COMPARISON = re.compile(r"\b(?:compared with|compared to|from|than|versus|vs\.)\b[^.;:]*$", re.IGNORECASE)
_ANNUAL = re.compile(r"\b(?:this year|for the (?:full |fiscal )?year|annual|full-year)\b", re.IGNORECASE)
_INDEFINITE = re.compile(r"\b(?:a|an)\s+(?:[a-z]+\s+)?$", re.IGNORECASE)
# without a parse: "was soon released", "soon became" (a past form right after "soon", no modal right before it)
_PAST_AROUND = re.compile(r"\b(?:was|were|had)\s+soon\b|(?<!will )(?<!would )(?<!could )(?<!might )(?<!may )(?<!to )"
                          r"\bsoon\s+(?:became|came|went|began|left|took|gave|found|got|fell|rose|turned|followed|"
                          r"(?!(?:succe|exce|procee|ne)ed\b)\w+ed)\b", re.IGNORECASE)
_ATTRIBUTIVE = re.compile(r"\s+(?:attacks?|bombings?|massacre|raid|invasion|killings|election|elections|vote|"
                          r"referendum|coup|uprising|revolution|agreement|accord|ceasefire|truce|deal|summit|crash|"
                          r"earthquake|quake|disaster|incident|strike|strikes)\b", re.IGNORECASE)
_SINCE = re.compile(r"\bsince\s+$", re.IGNORECASE)
_LONGER_PERIODS = frozenset({"P6M", "P9M"})


def _record(text: str, cand: Candidate, norm: Norm, anchor: str, doc_id: str) -> TimeExpr:
    span = Span.of(text, cand.start, cand.end)
    return TimeExpr(
        id=stable_id("time", doc_id, cand.start, cand.end, norm.value),
        value=norm.value,
        type=norm.type,
        granularity=granularity(norm.value, norm.type),
        span=span,
        anchor=anchor,  # type: ignore[arg-type]  # one of the Anchor literals by construction
        confidence=norm.confidence,
    )


def resolve_relative(text: str, anchor_date: dt.date | None, anchor: str = "dct") -> TimeValue | None:
    """The first time expression in ``text`` ("on Wednesday", "last week") resolved against ``anchor_date``.

    Offsets of the returned span are into ``text``.  ``anchor`` names what ``anchor_date`` is
    ("dct" or "speech"); absolute expressions are marked "explicit".
    """
    for cand in tag(text):
        norm = normalize(cand, Context(anchor_date, future_cue(text, cand.start, cand.end)))
        if norm is not None:
            kind = anchor if norm.relative else "explicit"
            return TimeValue(norm.value, norm.type, granularity(norm.value, norm.type),
                             Span.of(text, cand.start, cand.end), kind)  # type: ignore[arg-type]
    return None


_GOVERNING = ("day", "week", "month")


def governing_time(record: ArticleRecord, start: int, end: int) -> TimeExpr | None:
    """The time that governs the clause at ``start:end``: the nearest DATE (day, week or month
    granularity; or a TIME of day, which carries its date) in the same sentence, else None.
    Ties go to the expression before the clause.
    """
    text = record.article.text
    lo, hi = sentence_bounds(text, start, end)
    best: tuple[int, int, TimeExpr] | None = None
    for expr in record.times:
        if expr.span is None or not (lo <= expr.span.start and expr.span.end <= hi):
            continue
        if not ((expr.type == "DATE" and expr.granularity in _GOVERNING) or expr.granularity == "time"):
            continue
        distance = max(expr.span.start - end, start - expr.span.end, 0)
        key = (distance, 0 if expr.span.start < start else 1, expr)
        if best is None or key[:2] < best[:2]:
            best = key
    return best[2] if best else None
