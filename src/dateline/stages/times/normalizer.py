"""TIMEX3 values for tagged expressions, resolved against an anchor day (news mode).

Conventions (see also the package docstring):

- The anchor is the publication day (``dct``) or, inside a quote, the day the speaker spoke.  With no
  anchor (an article without ``published_at``), relative expressions get an underspecified value with
  X digits (``XXXX-WXX-2`` for "Tuesday", ``XXXX`` for "last year"); PAST_REF / PRESENT_REF /
  FUTURE_REF, durations, sets and absolute dates are unaffected.
- Weekdays: the anchor's own weekday is the anchor day; other bare weekdays are the most recent past
  one, unless "next" / "this coming" or a future cue ("will", "scheduled", ...) says otherwise.
- "last week" is the ISO week before the anchor's (``2025-W10``), "last year" the year before, a month
  or year keeps its granularity ("September 2014" -> ``2014-09``, never a padded day).
- "the first two quarters of 1990" is that half year (``1990-H1``); "New Year's Day 1997" is one expression.
- Quarters without a year take the anchor's year; "the quarter", "a year earlier" and "the year-ago
  period" in financial reports refer to the last quarter the text named (a discourse reference).
- "that day", "later that year", "the following month" take the date named last before them (anchor
  ``explicit``); holidays ("Thanksgiving Day", "Election Day") follow the rule for month-day dates;
  "the 1988 period" is the quarter last named, in 1988; "the latest quarter" is the last one completed.
- Results stories: the quarter reported on (not one still ahead, nor one named in passing with "a") is the
  reference; "the quarter ended July 31" is the three months to that day, named by the middle month
  (2nd quarter); "the year-ago third quarter", "the quarter a year ago" and "last year's quarter" are one
  expression each; "the year-earlier period" after "the nine months" is that stretch (``P9M``).
- "three days later", "an hour earlier" count from an event of the story: a DURATION (``P3D``), not a date
  against the anchor; "a year earlier" stays a date (the year-ago period).
- Rates: "a year" after an amount or a counted plural ("$2 million a year", "four flights a week") is a
  SET (``P1Y``); "every quarter" is ``P1Q``.
- Bare seasons ("over the summer") are the last one begun, or the coming one under a future cue; "by
  year-end" is the anchor's year ("since year-end" the one before); "the week of March 24" is its ISO week.
- "recent weeks" is a stretch of unsaid length (DURATION ``PXW``, as the TimeML guidelines have it); "the past
  year" is the last calendar year, like "last year" ("the past decade" stays ``P10Y``).
- Parts of the day on their own ("in the afternoon", "overnight") fall on the story's day: the last day named
  just before that lies within a week of the anchor, else the anchor ("overnight" is the night before it).
- "the previous Friday", "that quarter", "that same day" and "the day before last Tuesday" count from what the
  text named before them, not from the anchor.
- After "the fiscal first quarter", "the quarter ended Sept. 29", "the 1988 period" and "the latest quarter" are that
  fiscal quarter (a company's fiscal numbering is not the calendar's); generic "today's youth" is PRESENT_REF.
- Ranges are not a TIMEX3 type: "since 2014" and "from 2014 to 2016" give one DATE per endpoint
  (the preposition stays outside the span, as in TimeML).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

from dateline.records import Granularity, TimeType
from dateline.stages.times.lexicon import (
    ORDINALS,
    PARTS_OF_DAY,
    SEASONS,
    UNIT_CODES,
    WEEKDAYS,
    century_number,
    month_number,
    number_value,
    year_number,
)
from dateline.stages.times.tagger import Candidate


@dataclass(frozen=True)
class Context:
    """What a value is resolved against."""

    anchor: dt.date | None
    future: bool = False
    ref_quarter: tuple[int, int] | None = None  # (year, quarter) last named in the text
    ref_day: dt.date | None = None  # the day named just before (a bare clock time falls on it)
    ref_date: str | None = None  # the last date value named before ("that day", "the following year")
    comparison: bool = False  # after "compared with", "from", "than" in the same clause (financial results)
    ref_period: str | None = None  # "P9M" after "the nine months" (for "the year-earlier period")
    since: bool = False  # right after "since"
    ref_date_near: bool = False  # ref_date was named within the few sentences before
    near_story_day: dt.date | None = None  # the last day named just before that is close to the anchor
    ref_fiscal: bool = False  # ref_quarter is numbered in the company's fiscal year ("the fiscal first quarter")
    past_plan: bool = False  # the future reading comes from a plan made in the past ("was set to be signed on")

    def story_day(self) -> dt.date | None:
        """The day the story is on for a part of the day or "overnight": the last day named just before
        that is close to the anchor (not a background date such as "since the October 7, 2023 attack"),
        else the anchor."""
        return self.near_story_day or self.anchor


@dataclass(frozen=True)
class Norm:
    value: str
    type: TimeType
    relative: bool  # resolved against the anchor (so its anchor is dct or speech)
    confidence: float


def normalize(cand: Candidate, ctx: Context) -> Norm | None:
    """The TIMEX3 value of ``cand``; None when the match is not a time expression after all."""
    norm = _HANDLERS[cand.rule](cand, ctx)
    if norm is None or not re.fullmatch(r"[\dX]{4}-[\dX]{2}-[\dX]{2}", norm.value):
        return norm
    shift = cand.get("dayshift")
    if shift and "X" not in norm.value:  # "the day before last Tuesday"
        day = dt.date.fromisoformat(norm.value) + dt.timedelta(days=int(shift))
        norm = Norm(day.isoformat(), norm.type, norm.relative, norm.confidence)
    part = PARTS_OF_DAY.get((cand.get("part") or "").lower())
    if part and cand.rule in ("mdy", "dmy", "iso"):  # "late evening March 29"
        norm = Norm(f"{norm.value}T{part}", "TIME", norm.relative, norm.confidence)
    return norm


def granularity(value: str, type_: TimeType) -> Granularity | None:
    """day | week | month | quarter | year | decade | time, read off a TIMEX3 value."""
    if type_ in ("DURATION", "SET") or value.endswith("_REF"):
        return None
    for pattern, gran in _GRANULARITY:
        if re.fullmatch(pattern, value):
            return gran
    return None


_GRANULARITY: tuple[tuple[str, Granularity], ...] = (
    (r"[\dX]{4}-[\dX]{2}-[\dX]{2}T.+", "time"),
    (r"[\dX]{4}-[\dX]{2}-[\dX]{2}|[\dX]{4}-W[\dX]{2}-[1-7]", "day"),
    (r"[\dX]{4}-W[\dX]{2}(-WE)?", "week"),
    (r"[\dX]{4}-[\dX]{2}", "month"),
    (r"[\dX]{4}-[QH][\dX]", "quarter"),
    (r"[\dX]{4}", "year"),
    (r"[\dX]{3}", "decade"),
)

# ---------------------------------------------------------------------------------------------
# calendar helpers


def fmt_week(day: dt.date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def _add_months(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def _quarter_of(day: dt.date) -> tuple[int, int]:
    return day.year, (day.month - 1) // 3 + 1


def _add_quarters(yq: tuple[int, int], delta: int) -> tuple[int, int]:
    index = yq[0] * 4 + yq[1] - 1 + delta
    return index // 4, index % 4 + 1


def _shift(anchor: dt.date, unit: str, n: int) -> str | None:
    """The anchor moved ``n`` units, at that unit's granularity ("two weeks ago" -> a week)."""
    if unit == "D":
        return (anchor + dt.timedelta(days=n)).isoformat()
    if unit == "W":
        return fmt_week(anchor + dt.timedelta(weeks=n))
    if unit == "M":
        return "{}-{:02d}".format(*_add_months(anchor.year, anchor.month, n))
    if unit == "Q":
        return "{}-Q{}".format(*_add_quarters(_quarter_of(anchor), n))
    years = {"Y": 1, "DE": 10, "CE": 100}.get(unit)
    return f"{anchor.year + n * years:04d}" if years else None


def _year_for(anchor: dt.date, month: int, day: int | None, future: bool, past_plan: bool = False) -> int:
    """News-mode year of a month (or month and day) named without one.

    The anchor's year when that puts it not later than the anchor, or only a little later (45 days,
    a month); else the year before: copy reports what happened more than what will.  A day a little
    later in the next year is that one ("January 9" written on December 20): a past tense does not
    settle it ("declared January 2 a day of mourning", "accepted Angola as a member from January 1").
    With a future cue, the anchor's year unless that is well in the past (60 days, two months), then the
    next; but a plan made in the past (``past_plan``: "was set to be signed on February 28" written on May 1)
    looks ahead of its making, so its day is the nearest occurrence no more than six months back.
    """
    if day is None:
        ahead = month - anchor.month
        if future:
            return anchor.year if ahead >= -1 else anchor.year + 1
        return anchor.year if ahead <= 1 else anchor.year - 1
    try:
        days = (dt.date(anchor.year, month, day) - anchor).days
    except ValueError:
        days = 0
    if future and past_plan:  # the nearest occurrence not more than six months back
        near = [(abs(d), year) for year, d in ((y, _days_to(anchor, y, month, day)) for y in
                                               (anchor.year - 1, anchor.year, anchor.year + 1)) if d >= -180]
        return min(near)[1] if near else anchor.year
    if future:
        return anchor.year if days >= -60 else anchor.year + 1
    if _days_to(anchor, anchor.year + 1, month, day) <= 45:  # "January 9" named on December 20: next year's
        return anchor.year + 1
    return anchor.year if days <= 45 else anchor.year - 1


def _days_to(anchor: dt.date, year: int, month: int, day: int) -> int:
    """Days from the anchor to month/day of ``year``; a day the month lacks ("February 29" of a common year)
    counts as the first of the next month."""
    try:
        return (dt.date(year, month, day) - anchor).days
    except ValueError:
        year, month = _add_months(year, month, 1)
        return (dt.date(year, month, 1) - anchor).days


# ---------------------------------------------------------------------------------------------
# handlers, one per tagger rule

Handler = Callable[[Candidate, Context], Norm | None]


def _date(value: str, relative: bool, confidence: float = 0.9) -> Norm:
    return Norm(value, "DATE", relative, confidence)


def _iso(c: Candidate, ctx: Context) -> Norm | None:
    value = _valid_day(int(c.get("year") or 0), int(c.get("month") or 0), int(c.get("day") or 0))
    if value is None:
        return None
    if c.get("hour"):
        return Norm(f"{value}T{c.get('hour')}:{c.get('minute')}", "TIME", False, 0.95)
    return _date(value, False, 0.95)


def _valid_day(year: int, month: int, day: int) -> str | None:
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def _mdy(c: Candidate, ctx: Context) -> Norm | None:
    month = month_number(c.get("monthname") or "")
    day = int(re.sub(r"\D", "", c.get("day") or "0"))
    if c.get("year"):
        value = _valid_day(int(c.get("year") or 0), month, day)
        return _date(value, False, 0.95) if value else None
    if ctx.anchor is None:
        return _date(f"XXXX-{month:02d}-{day:02d}", True, 0.6)
    rel = (c.get("rel") or "").lower()
    if rel in ("last", "this past", "next", "this coming"):  # "last Oct. 23": the one before the anchor
        ahead = rel in ("next", "this coming")
        year = ctx.anchor.year
        if not _on_side(year, month, day, ctx.anchor, ahead):
            year += 1 if ahead else -1
        value = _valid_day(year, month, day)
        return _date(value, True, 0.85) if value else None
    value = _valid_day(_year_for(ctx.anchor, month, day, ctx.future, ctx.past_plan), month, day)
    return _date(value, True, 0.85) if value else None


def _weekof(c: Candidate, ctx: Context) -> Norm | None:
    """"the week of March 6": the ISO week holding that day."""
    day = _mdy(c, ctx)
    if day is None or not re.fullmatch(r"\d{4}-\d\d-\d\d", day.value):
        return day and _date(day.value[:4] + "-WXX", day.relative, 0.5)
    return _date(fmt_week(dt.date.fromisoformat(day.value)), day.relative, day.confidence)


def _on_side(year: int, month: int, day: int, anchor: dt.date, ahead: bool) -> bool:
    """Whether month/day of ``year`` lies after (``ahead``) or before the anchor; an impossible day counts."""
    try:
        date = dt.date(year, month, day)
    except ValueError:
        return True
    return date > anchor if ahead else date < anchor


def _month(c: Candidate, ctx: Context) -> Norm | None:
    month = month_number(c.get("monthname") or "")
    if c.get("year"):
        return _date(f"{year_number(c.get('year') or '')}-{month:02d}", False, 0.95)
    if ctx.anchor is None:
        return _date(f"XXXX-{month:02d}", True, 0.5)
    rel = (c.get("rel") or "").lower()
    anchor = ctx.anchor
    if c.get("relyear"):
        year = anchor.year + _REL_STEP[(c.get("relyear") or "").lower()]
    elif rel in ("last", "this past", "the past", "the previous"):
        year = anchor.year if month < anchor.month else anchor.year - 1
    elif rel in ("next", "this coming", "the coming"):
        year = anchor.year if month > anchor.month else anchor.year + 1
    elif rel == "this":
        year = anchor.year
    else:
        year = _year_for(anchor, month, None, ctx.future)
    return _date(f"{year}-{month:02d}", True, 0.8)


def _weekday_date(anchor: dt.date, weekday: int, rel: str, future: bool) -> dt.date:
    ahead = (weekday - anchor.isoweekday()) % 7
    behind = (anchor.isoweekday() - weekday) % 7
    if rel == "next":
        return anchor + dt.timedelta(days=ahead or 7)
    if rel in ("this coming", "the coming") or (future and rel not in ("last", "this past", "the past")):
        return anchor + dt.timedelta(days=ahead)
    if rel in ("last", "this past", "the past", "the previous"):
        return anchor - dt.timedelta(days=behind or 7)
    if rel == "this":
        return anchor + dt.timedelta(days=weekday - anchor.isoweekday())
    return anchor - dt.timedelta(days=behind)


def _weekday(c: Candidate, ctx: Context) -> Norm | None:
    weekday = WEEKDAYS[(c.get("weekday") or "").lower()]
    rel = (c.get("rel") or "").lower()
    part = PARTS_OF_DAY.get((c.get("part") or "").lower())
    if c.get("plural") or c.get("parts"):
        return Norm(f"XXXX-WXX-{weekday}" + (f"T{part}" if part else ""), "SET", False, 0.8)
    if rel == "the previous" and ctx.ref_date and re.fullmatch(r"\d{4}-\d\d-\d\d", ctx.ref_date):
        # "down from the previous Friday": the one before the day named last, not before the anchor
        day = _weekday_date(dt.date.fromisoformat(ctx.ref_date), weekday, "last", False).isoformat()
    elif ctx.anchor is None:
        day = f"XXXX-WXX-{weekday}"
    else:
        day = _weekday_date(ctx.anchor, weekday, rel, ctx.future).isoformat()
    if part:
        return Norm(f"{day}T{part}", "TIME", True, 0.85)
    return _date(day, True, 0.9)


_DAYWORDS: dict[str, tuple[int, str | None]] = {
    "today": (0, None), "tonight": (0, "NI"), "yesterday": (-1, None), "tomorrow": (1, None),
    "last night": (-1, "NI"), "overnight": (-1, "NI"), "this morning": (0, "MO"), "this afternoon": (0, "AF"),
    "this evening": (0, "EV"), "the day before yesterday": (-2, None), "the day after tomorrow": (2, None),
}


def _dayword(c: Candidate, ctx: Context) -> Norm | None:
    word = (c.get("word") or "").lower()
    if c.get("generic"):  # "today's youth": the present age
        return _date("PRESENT_REF", True, 0.7)
    offset, part = _DAYWORDS[word]
    part = PARTS_OF_DAY.get((c.get("part") or "").lower(), part)
    # "overnight" is the night before the day the story is on: the day named just before, else the anchor
    base = ctx.story_day() if word == "overnight" else ctx.anchor
    day = (base + dt.timedelta(days=offset)).isoformat() if base else "XXXX-XX-XX"
    if part:
        return Norm(f"{day}T{part}", "TIME", True, 0.85)
    return _date(day, True, 0.9)


_REL_STEP: dict[str, int] = {
    "this": 0, "the current": 0, "the same": 0, "last": -1, "this past": -1, "the previous": -1, "the past": -1,
    "next": 1, "this coming": 1, "the coming": 1,
}
_UNIT_OF: dict[str, str] = {"week": "W", "month": "M", "year": "Y", "fiscal year": "Y", "quarter": "Q",
                            "decade": "DE", "century": "CE"}


def _relunit(c: Candidate, ctx: Context) -> Norm | None:
    rel = (c.get("rel") or "this").lower()
    unit = (c.get("unit") or "").lower()
    if (rel == "the coming" or (rel == "the past" and unit in ("decade", "century"))) and unit in _UNIT_OF \
            and not c.get("mod"):
        # "the coming year" and "the past decade" are stretches; "the past year" is the last one ("last year")
        return Norm(duration_value(1, _UNIT_OF[unit]), "DURATION", False, 0.75)
    if unit in SEASONS:
        return _season_rel(SEASONS[unit], _REL_STEP[rel], ctx)
    if ctx.anchor is None:
        return _date("XXXX" + {"W": "-WXX", "M": "-XX", "Q": "-QX"}.get(_UNIT_OF.get(unit, ""), ""), True, 0.5)
    if unit == "weekend":
        return _date(fmt_week(ctx.anchor + dt.timedelta(weeks=_REL_STEP[rel])) + "-WE", True, 0.85)
    if unit == "year" and rel == "last" and ctx.comparison and ctx.ref_quarter and not c.get("mod"):
        # "earnings of $33 million, compared with $20 million last year": the year-ago quarter
        return _date(f"{ctx.ref_quarter[0] - 1}-Q{ctx.ref_quarter[1]}", True, 0.65)
    step = _REL_STEP[rel]
    mod = (c.get("mod") or "").lower()
    if unit == "week" and rel == "this" and ctx.anchor.isoweekday() == 7 and not mod.startswith("earl") \
            and (ctx.future or mod.startswith("late")):
        step = 1  # "would make a deal this week" said on a Sunday: the week that starts the next day
    value = _shift(ctx.anchor, _UNIT_OF[unit], step)
    if unit == "decade" and value:
        value = value[:3]
    elif unit == "century" and value:
        value = value[:2]
    return _date(value, True, 0.9) if value else None


def _modunit(c: Candidate, ctx: Context) -> Norm | None:
    unit = (c.get("unit") or "").lower()
    if ctx.anchor is None:
        return _date("XXXX", True, 0.5)
    value = _shift(ctx.anchor, _UNIT_OF[unit], 0)
    return _date(value, True, 0.8) if value else None


def _theunit(c: Candidate, ctx: Context) -> Norm | None:
    """"the year", "the week", "the weekend": the one the anchor is in (the last weekend before it)."""
    unit = (c.get("unit") or "").lower()
    if c.get("ended"):  # "the year ended Sept. 30": a stretch of time, not the calendar year
        return Norm(f"P1{_UNIT_OF.get(unit, 'W')}", "DURATION", False, 0.7)
    if ctx.anchor is None:
        return _date("XXXX", True, 0.4)
    if unit == "weekend":
        back = 0 if ctx.future or ctx.anchor.isoweekday() >= 6 else 1
        return _date(fmt_week(ctx.anchor - dt.timedelta(weeks=back)) + "-WE", True, 0.6)
    # "the latest fiscal year": the last one completed (reported on), like "the latest quarter"
    value = _shift(ctx.anchor, _UNIT_OF[unit], -1 if c.get("latest") else 0)
    return _date(value, True, 0.6) if value else None


_SEASON_END = {"SP": 6, "SU": 9, "FA": 12, "WI": 3}


def _season_rel(code: str, step: int, ctx: Context) -> Norm:
    if ctx.anchor is None:
        return _date(f"XXXX-{code}", True, 0.5)
    year = ctx.anchor.year
    if step < 0 and ctx.anchor.month < _SEASON_END[code] + (12 if code == "WI" else 0):
        year -= 1
    elif step > 0 and ctx.anchor.month >= _SEASON_END[code] - 3:
        year += 1
    return _date(f"{year}-{code}", True, 0.8)


_SEASON_START = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}  # a winter is named by the year of its December


def _bare_season(c: Candidate, ctx: Context) -> Norm | None:
    """"the summer": the last one begun (news reports the past), or the coming one under a future cue."""
    code = SEASONS[(c.get("season") or "").lower()]
    if ctx.anchor is None:
        return _date(f"XXXX-{code}", True, 0.5)
    start, month, year = _SEASON_START[code], ctx.anchor.month, ctx.anchor.year
    if code == "WI":
        return _date(f"{year if month == 12 or (ctx.future and month > 2) else year - 1}-WI", True, 0.7)
    if ctx.future:
        return _date(f"{year if month <= start + 2 else year + 1}-{code}", True, 0.7)
    return _date(f"{year if month >= start else year - 1}-{code}", True, 0.7)


def _season(c: Candidate, ctx: Context) -> Norm | None:
    return _date(f"{year_number(c.get('year') or '')}-{SEASONS[(c.get('season') or '').lower()]}", False, 0.9)


def _ago(c: Candidate, ctx: Context) -> Norm | None:
    unit = UNIT_CODES[(c.get("unit") or "").lower()]
    n = number_value(c.get("num") or "")
    direction = (c.get("dir") or "").lower()
    sign = -1 if direction in ("ago", "earlier") else 1
    if direction in ("later", "earlier") and unit not in ("Y", "DE", "CE"):
        # "three days later", "an hour earlier": counted from an event of the story, not from the anchor;
        # the stretch itself is what the text gives (TimeML: a DURATION)
        return Norm(duration_value(n, unit), "DURATION", False, 0.7)
    if n is None:
        return _date("PAST_REF" if sign < 0 else "FUTURE_REF", True, 0.6)
    if unit in ("S", "MIN", "H"):
        return None
    if ctx.anchor is None:
        return _date("XXXX", True, 0.5)
    if unit == "Y" and n == 1 and ctx.ref_quarter and sign < 0:
        return _date(f"{ctx.ref_quarter[0] - 1}-Q{ctx.ref_quarter[1]}", True, 0.7)
    value = _shift(ctx.anchor, unit, sign * n)
    return _date(value, True, 0.85) if value else None


def _yearago(c: Candidate, ctx: Context) -> Norm | None:
    """"a year earlier", "the year-ago quarter", "the year-earlier third quarter", "the year-earlier nine months"."""
    months = number_value(c.get("months") or "")
    unit = (c.get("unit") or "").lower()
    if months:  # the same stretch a year before: as long as it was
        return Norm(f"P{months}M", "DURATION", False, 0.7)
    if unit == "period" and ctx.ref_period:  # "the nine months ... the year-earlier period"
        return Norm(ctx.ref_period, "DURATION", False, 0.6)
    ordinal = ORDINALS.get((c.get("ord") or "").lower())
    if ordinal:
        year = (ctx.ref_quarter[0] if ctx.ref_quarter else ctx.anchor.year if ctx.anchor else None)
        letter = "H" if unit == "half" else "Q"
        return _date(f"{year - 1}-{letter}{ordinal}" if year else f"XXXX-{letter}{ordinal}", True, 0.75)
    if ctx.ref_quarter:
        return _date(f"{ctx.ref_quarter[0] - 1}-Q{ctx.ref_quarter[1]}", True, 0.7)
    return _date(f"{ctx.anchor.year - 1}" if ctx.anchor else "XXXX", True, 0.6)


def ended_quarter(c: Candidate, anchor: dt.date | None) -> tuple[int, int] | None:
    """The quarter of "the quarter ended Sept. 30": the three months up to that day, named by the middle one
    (a fiscal quarter ended July 31 is mostly the calendar second quarter)."""
    if not c.get("endmonth") or anchor is None:
        return None
    month = month_number(c.get("endmonth") or "")
    day = int(re.sub(r"\D", "", c.get("endday") or "1"))
    year, middle = _add_months(_year_for(anchor, month, day, False), month, -1)
    return year, (middle - 1) // 3 + 1


def _refquarter(c: Candidate, ctx: Context) -> Norm | None:
    which = (c.get("which") or "").lower()
    if not which and (c.get("unit") or "").lower() == "period":
        return None
    # after "the fiscal first quarter", "the quarter ended Sept. 29" is that quarter, not calendar Q3
    fiscal = ctx.ref_quarter if ctx.ref_fiscal else None
    ref = fiscal or ended_quarter(c, ctx.anchor) or ctx.ref_quarter or (_quarter_of(ctx.anchor) if ctx.anchor else None)
    if which == "current" and ctx.anchor:
        ref = _quarter_of(ctx.anchor)
    elif which in ("latest", "recent") and ctx.anchor:
        # results are reported after a quarter ends: "the latest quarter" is the last one completed
        completed = _add_quarters(_quarter_of(ctx.anchor), -1)
        ref = ctx.ref_quarter if ctx.ref_quarter and (ctx.ref_quarter <= completed or ctx.ref_fiscal) else completed
    if ref is None:
        return _date("XXXX-QX", True, 0.4)
    step = {"year-earlier": -4, "year-ago": -4, "previous": -1}.get(which, 0)
    if c.get("ago") or c.get("lastyear"):  # "the quarter a year ago", "last year's quarter"
        step = -4
    return _date("{}-Q{}".format(*_add_quarters(ref, step)), True, 0.7)


def _quarter(c: Candidate, ctx: Context) -> Norm | None:
    half = (c.get("unit") or "").lower() == "half"
    ordinal = (c.get("ord") or "").lower()
    n = int(ordinal) if ordinal.isdigit() else ORDINALS.get(ordinal, 2 if half else 4)
    if half and n > 2:
        return None
    year = _quarter_year(c, ctx, n, half)
    letter = "H" if half else "Q"
    return _date(f"{year}-{letter}{n}", year == "XXXX" or not (c.get("year") or c.get("yearpos")), 0.85)


def _quarter_year(c: Candidate, ctx: Context, n: int, half: bool) -> str:
    explicit = c.get("year") or c.get("yearpos")
    if explicit:
        return explicit
    if ctx.anchor is None:
        return "XXXX"
    step = _REL_STEP.get((c.get("rel") or c.get("relyear") or "").lower())
    if step is not None:
        return str(ctx.anchor.year + step)
    current = (ctx.anchor.month - 1) // (6 if half else 3) + 1
    if n > current and not ctx.future:
        return str(ctx.anchor.year - 1)
    return str(ctx.anchor.year)


def _two_quarters(c: Candidate, ctx: Context) -> Norm | None:
    """"the first two quarters of 1990": the first half (``1990-H1``); "the last two quarters" the second."""
    n = 1 if c.get("ord") else 2
    year = _quarter_year(c, ctx, n, True)
    return _date(f"{year}-H{n}", year == "XXXX" or not c.get("year"), 0.8)


def _fiscal(c: Candidate, ctx: Context) -> Norm | None:
    return _date(c.get("year") or "", False, 0.9)


def _decade(c: Candidate, ctx: Context) -> Norm | None:
    if c.get("cent") is not None:
        return _date(f"{c.get('cent')}{c.get('dec')}", False, 0.9)
    word = (c.get("decword") or "").lower()
    dec = _DECADE_WORDS.index(word) + 3 if word else int(c.get("dec2") or 0)
    return _date(f"{19 if dec >= 3 else 20}{dec}", False, 0.8)


_DECADE_WORDS = ("thirties", "forties", "fifties", "sixties", "seventies", "eighties", "nineties")


def _year(c: Candidate, ctx: Context) -> Norm | None:
    return _date(c.get("year") or "", False, 0.85)


def _duration(c: Candidate, ctx: Context) -> Norm | None:
    unit = UNIT_CODES[(c.get("unit") or "").lower()]
    num = c.get("num") or ""
    n: float | int | None = float(num) if re.fullmatch(r"\d+\.\d+", num) else number_value(num)
    if (c.get("frac") or c.get("half")) and isinstance(n, int):
        return Norm(_and_a_half(n, unit), "DURATION", False, 0.8)
    return Norm(duration_value(n, unit), "DURATION", False, 0.85)


_HALF_OF: dict[str, str] = {"Y": "6M", "H": "30M", "MIN": "30S", "D": "T12H"}


def _and_a_half(n: int, unit: str) -> str:
    """``P2Y6M`` for "2 1/2 years", ``PT5H30M`` for "5 1/2 hours"; a decimal where no smaller unit fits."""
    if unit not in _HALF_OF:
        return duration_value(n + 0.5, unit)
    return duration_value(n, unit) + _HALF_OF[unit]


def duration_value(n: float | int | None, unit: str) -> str:
    """``P2Y``, ``PT5H``, ``PXM``: n units (X when unknown); decades and centuries in years."""
    scale = {"DE": 10, "CE": 100}.get(unit, 1)
    code = {"DE": "Y", "CE": "Y", "MIN": "M"}.get(unit, unit)
    amount = "X" if n is None else (f"{n * scale:g}" if isinstance(n, float) else str(n * scale))
    return f"PT{amount}{code}" if unit in ("H", "MIN", "S") else f"P{amount}{code}"


def _extra(c: Candidate, ctx: Context) -> Norm | None:
    """"another year", "an additional year", "one more week": one unit more."""
    return Norm(duration_value(1, UNIT_CODES[(c.get("unit") or "").lower()]), "DURATION", False, 0.8)


def _longadj(c: Candidate, ctx: Context) -> Norm | None:
    """"day-long" -> P1D, "decades-long" -> PXY (how many is not said)."""
    n = None if c.get("plural") else 1
    return Norm(duration_value(n, UNIT_CODES[(c.get("unit") or "").lower()]), "DURATION", False, 0.8)


def _vague(c: Candidate, ctx: Context) -> Norm | None:
    """"years", "recent weeks": a stretch of unsaid length (TimeML: ``PXY``, ``PXW``); "the coming weeks"
    and "the past years" point ahead or back without a length (FUTURE_REF, PAST_REF)."""
    lead = (c.get("lead") or "").lower()
    if lead in ("the coming", "the next") or c.get("ahead"):
        return _date("FUTURE_REF", True, 0.75)
    if lead in ("the past", "the last"):
        return _date("PAST_REF", True, 0.75)
    return Norm(duration_value(None, UNIT_CODES[(c.get("unit") or "").lower()]), "DURATION", False, 0.6)


def clock_part(c: Candidate) -> str | None:
    """``T15:00`` for "3 p.m.", ``T12:00`` for "noon"; None for an impossible hour."""
    word = (c.get("word") or "").lower()
    if word:
        return {"noon": "T12:00", "midday": "T12:00", "midnight": "T24:00"}[word]
    hour, minute = int(c.get("hour") or 0), int(c.get("minute") or 0)
    ampm = (c.get("ampm") or "").lower()
    if c.get("dpart") or c.get("dpart2"):  # "4 in the morning", "10 at night"
        ampm = "am" if (c.get("dpart") or "").lower() == "morning" or (c.get("dpart2") and hour < 5) else "pm"
    if ampm:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if ampm.startswith("p") else 0)
    return f"T{hour:02d}:{minute:02d}" if hour < 24 else None


def _clock(c: Candidate, ctx: Context) -> Norm | None:
    part = clock_part(c)
    if part is None:
        return None
    day = ctx.ref_day or ctx.anchor
    return Norm((day.isoformat() if day else "XXXX-XX-XX") + part, "TIME", True, 0.85)


def _daypart(c: Candidate, ctx: Context) -> Norm | None:
    """"by mid afternoon", "in the morning": that part of the day the story is on (the day named just
    before, else the anchor)."""
    day = ctx.story_day()
    code = PARTS_OF_DAY[(c.get("part") or "").lower()]
    return Norm(f"{day.isoformat() if day else 'XXXX-XX-XX'}T{code}", "TIME", True, 0.6)


def _datetime(c: Candidate, ctx: Context) -> Norm | None:
    date_groups = tuple((k, v) for k, v in c.groups if not k.startswith(("clock", "date_rule")))
    clock_groups = tuple((k[6:], v) for k, v in c.groups if k.startswith("clock_") and k != "clock_rule")
    date_norm = normalize(Candidate(c.start, c.end, c.get("date_rule") or "", date_groups), ctx)
    part = clock_part(Candidate(c.start, c.end, c.get("clock_rule") or "", clock_groups))
    if date_norm is None or part is None:
        return date_norm
    return Norm(date_norm.value.split("T")[0] + part, "TIME", date_norm.relative, date_norm.confidence)


_SET_UNITS: dict[str, str] = {
    "day": "P1D", "week": "P1W", "month": "P1M", "year": "P1Y", "quarter": "P1Q", "morning": "XXXX-XX-XXTMO",
    "night": "XXXX-XX-XXTNI", "evening": "XXXX-XX-XXTEV", "weekend": "XXXX-WXX-WE", "daily": "P1D",
    "weekly": "P1W", "monthly": "P1M", "annually": "P1Y", "yearly": "P1Y", "nightly": "XXXX-XX-XXTNI",
    "hourly": "PT1H",
}


def _rate(c: Candidate, ctx: Context) -> Norm | None:
    """"$2 million a year", "four flights a week": once per unit, a SET."""
    return Norm(duration_value(1, UNIT_CODES[(c.get("unit") or "").lower()]), "SET", False, 0.75)


def _setn(c: Candidate, ctx: Context) -> Norm | None:
    """"every six weeks": once per six weeks (``P6W``); "every few days" ``PXD``."""
    return Norm(duration_value(number_value(c.get("num") or ""), UNIT_CODES[(c.get("unit") or "").lower()]),
                "SET", False, 0.8)


def _set(c: Candidate, ctx: Context) -> Norm | None:
    key = (c.get("unit") or c.get("adv") or c.get("per") or "").lower()
    if c.get("other") and key in UNIT_CODES:  # "every other week": once per two weeks
        return Norm(duration_value(2, UNIT_CODES[key]), "SET", False, 0.8)
    if key in WEEKDAYS:
        return Norm(f"XXXX-WXX-{WEEKDAYS[key]}", "SET", False, 0.85)
    if c.get("month"):  # "each July"
        return Norm(f"XXXX-{month_number(c.get('month') or ''):02d}", "SET", False, 0.85)
    return Norm(_SET_UNITS[key], "SET", False, 0.85)


_REFS: dict[str, str] = {
    "right now": "PRESENT_REF", "now": "PRESENT_REF", "currently": "PRESENT_REF", "current": "PRESENT_REF",
    "at the moment": "PRESENT_REF", "at present": "PRESENT_REF", "these days": "PRESENT_REF",
    "nowadays": "PRESENT_REF", "the present day": "PRESENT_REF", "soon": "FUTURE_REF", "recently": "PAST_REF",
    "lately": "PAST_REF", "the past": "PAST_REF", "as soon as possible": "FUTURE_REF", "a later date": "FUTURE_REF",
    "a future date": "FUTURE_REF", "then current": "PAST_REF", "then-current": "PAST_REF",
}


def _yearend(c: Candidate, ctx: Context) -> Norm | None:
    """"by year-end": the end of the anchor's year, given as that year (TimeML would add mod END);
    "since year-end" and "last year-end" are the one before."""
    if ctx.anchor is None:
        return _date("XXXX", True, 0.5)
    step = _REL_STEP.get((c.get("rel") or "").lower(), -1 if ctx.since else 0)
    return _date(str(ctx.anchor.year + step), True, 0.7)


def _ref(c: Candidate, ctx: Context) -> Norm | None:
    word = " ".join((c.get("word") or "").lower().split())
    return _date(_REFS.get(word, "FUTURE_REF"), True, 0.75)


def _spelledyear(c: Candidate, ctx: Context) -> Norm | None:
    return _date(str(year_number(c.get("year") or "")), False, 0.8)


def _century(c: Candidate, ctx: Context) -> Norm | None:
    n = century_number(c.get("ord") or "")
    return _date(f"{n - 1:02d}", False, 0.85) if 1 <= n <= 21 else None


def _yearperiod(c: Candidate, ctx: Context) -> Norm | None:
    """"the 1988 second quarter", "the 1988 period" (the quarter last named, in that year)."""
    year = c.get("year") or ""
    ordinal = (c.get("ord") or "").lower()
    letter = "H" if (c.get("unit") or "").lower() == "half" else "Q"
    if ordinal:
        return _date(f"{year}-{letter}{ORDINALS[ordinal]}", False, 0.85)
    if letter == "Q" and ctx.ref_quarter:
        return _date(f"{year}-Q{ctx.ref_quarter[1]}", False, 0.75)
    return _date(year, False, 0.7)


def _anaphor(c: Candidate, ctx: Context) -> Norm | None:
    """"that day", "the following year", "later that year": the date named before, or the unit after it."""
    unit = (c.get("unit") or "").lower()
    step = 1 if (c.get("det") or "").lower() in ("the following", "the next") else 0
    if c.get("year"):  # "the same month of 2001": the month (quarter) named before, in that year
        return _anaphor_in(c.get("year") or "", unit, ctx)
    if c.get("relyear") and ctx.anchor:  # "the same month last year"
        return _anaphor_in(str(ctx.anchor.year + _REL_STEP[(c.get("relyear") or "").lower()]), unit, ctx)
    if unit == "quarter":
        return _date("{}-Q{}".format(*_add_quarters(ctx.ref_quarter, step)), False, 0.7) if ctx.ref_quarter else None
    ref = ctx.ref_date
    if ref is None:
        return None
    part = PARTS_OF_DAY.get(unit)
    if unit == "day" and "same" in (c.get("det") or "").lower() and ctx.ref_date_near \
            and re.fullmatch(r"\d{4}(?:-\d\d)?", ref):
        # "that same day" after "last October": a day of that month (TimeML: X for the unknown digits)
        return _date(ref + ("-XX" if len(ref) == 7 else "-XX-XX"), False, 0.5)
    if unit in ("day", *PARTS_OF_DAY):
        if not re.fullmatch(r"\d{4}-\d\d-\d\d", ref):
            return None
        day = (dt.date.fromisoformat(ref) + dt.timedelta(days=step)).isoformat()
        return Norm(f"{day}T{part}", "TIME", False, 0.7) if part else _date(day, False, 0.75)
    if unit == "year":
        return _date(f"{int(ref[:4]) + step:04d}", False, 0.75)
    if unit == "month" and re.match(r"\d{4}-\d\d(?!\d)", ref) and ref[5:6] != "W":
        return _date("{}-{:02d}".format(*_add_months(int(ref[:4]), int(ref[5:7]), step)), False, 0.7)
    if unit == "week" and re.fullmatch(r"\d{4}-\d\d-\d\d", ref):
        return _date(fmt_week(dt.date.fromisoformat(ref) + dt.timedelta(weeks=step)), False, 0.7)
    return None


def _anaphor_in(year: str, unit: str, ctx: Context) -> Norm | None:
    """"the same month of 2001", "the same quarter last year": the unit last named, moved to ``year`` (the
    year alone where nothing of that unit was named)."""
    if unit == "year":
        return _date(year, False, 0.85)
    if unit == "quarter" and ctx.ref_quarter:
        return _date(f"{year}-Q{ctx.ref_quarter[1]}", False, 0.75)
    ref = ctx.ref_date or ""
    if unit == "month" and re.match(r"\d{4}-\d\d(?!\d)", ref) and ref[5:6] != "W":
        return _date(f"{year}-{ref[5:7]}", False, 0.75)
    if unit == "day" and re.fullmatch(r"\d{4}-\d\d-\d\d", ref):
        return _date(_valid_day(int(year), int(ref[5:7]), int(ref[8:10])) or year, False, 0.7)
    return _date(year, False, 0.5)


def _nth_weekday(year: int, month: int, weekday: int, n: int) -> dt.date:
    """The n-th (1-based; -1 = last) ISO ``weekday`` of a month."""
    if n < 0:
        last = dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)
        return last - dt.timedelta(days=(last.isoweekday() - weekday) % 7)
    first = dt.date(year, month, 1)
    return first + dt.timedelta(days=(weekday - first.isoweekday()) % 7 + 7 * (n - 1))


def holiday_date(name: str, year: int) -> dt.date:
    """The day of a (US) public holiday in ``year``."""
    key = name.lower().replace(" day", "").strip()
    fixed = {"christmas": (12, 25), "christmas eve": (12, 24), "new year's": (1, 1), "new year's eve": (12, 31),
             "independence": (7, 4), "veterans": (11, 11)}
    if key in fixed:
        return dt.date(year, *fixed[key])
    if key == "election":  # the Tuesday after the first Monday of November
        return _nth_weekday(year, 11, 1, 1) + dt.timedelta(days=1)
    rule = {"thanksgiving": (11, 4, 4), "labor": (9, 1, 1), "memorial": (5, 1, -1)}[key]
    return _nth_weekday(year, *rule)


def _holiday(c: Candidate, ctx: Context) -> Norm | None:
    name = c.get("holiday") or ""
    if c.get("year"):  # "New Year's Day 1997": that year's
        return _date(holiday_date(name, int(c.get("year") or 0)).isoformat(), False, 0.9)
    if ctx.anchor is None:
        day = holiday_date(name, 2001)
        return _date(f"XXXX-{day.month:02d}-{day.day:02d}", True, 0.6)
    rel = (c.get("rel") or "").lower()
    this_year = holiday_date(name, ctx.anchor.year)
    if rel == "last":
        year = ctx.anchor.year if this_year < ctx.anchor else ctx.anchor.year - 1
    elif rel == "next":
        year = ctx.anchor.year if this_year > ctx.anchor else ctx.anchor.year + 1
    elif rel == "this":
        year = ctx.anchor.year
    else:
        year = _year_for(ctx.anchor, this_year.month, this_year.day, ctx.future)
    return _date(holiday_date(name, year).isoformat(), True, 0.85)


_HANDLERS: dict[str, Handler] = {
    "iso": _iso, "mdy": _mdy, "dmy": _mdy, "month": _month, "weekday": _weekday, "dayword": _dayword,
    "relunit": _relunit, "modunit": _modunit, "theunit": _theunit, "season": _season, "ago": _ago, "yearago": _yearago,
    "refquarter": _refquarter, "quarter": _quarter, "qshort": _quarter, "twoquarters": _two_quarters,
    "fiscal": _fiscal, "decade": _decade,
    "year": _year, "duration": _duration, "vague": _vague, "clock": _clock, "clock24": _clock, "clockpart": _clock,
    "clockword": _clock, "datetime": _datetime, "set": _set, "ref": _ref, "spelledyear": _spelledyear,
    "century": _century, "yearperiod": _yearperiod, "anaphor": _anaphor, "holiday": _holiday,
    "extra": _extra, "longadj": _longadj, "rate": _rate, "setn": _setn, "bareseason": _bare_season, "yearend": _yearend,
    "weekof": _weekof, "daypart": _daypart, "someday": _ref,
}
