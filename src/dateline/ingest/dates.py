"""Publication dates from the strings pages print: ISO 8601 out, and whether the zone is known."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any

_YEAR = re.compile(r"(?<!\d)(1[89]\d\d|2\d\d\d)(?!\d)")
_DAY_MONTH = re.compile(
    r"\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\b|\d{1,2}[/.-]\d{1,2}|\d{4}-\d{2}",
    re.IGNORECASE)
_NOISE = re.compile(
    r"\b(published|updated|posted|last|modified|on|at|(mon|tues|wednes|thurs|fri|satur|sun)day|"
    r"(mon|tue|wed|thu|fri|sat|sun)\b\.?)\s*:?,?", re.IGNORECASE)
_CLOCK = re.compile(r"\d{1,2}:\d{2}|\d\s*[ap]\.?m\b|T\d{2}", re.IGNORECASE)
_SETTINGS: dict[str, Any] = {
    "PREFER_DAY_OF_MONTH": "first",
    "DATE_ORDER": "MDY",
}


@dataclass(frozen=True)
class Stamp:
    """A parsed date: ``value`` is ISO 8601 (date only when no clock time was given)."""

    value: str
    tz_known: bool


def parse_stamp(raw: str | None) -> Stamp | None:
    """A Stamp for strings like "March 12, 2025 11:00pm" or "2025-03-12T23:00:00+02:00".

    Relative or year-less strings ("2 hours ago", "Tuesday") give None: they depend on the day
    the page was read, which would make ids and records change from run to run.
    """
    text = (raw or "").strip()
    if not text or len(text) > 80 or not _YEAR.search(text) or not _DAY_MONTH.search(text):
        return None
    moment = _iso(text) or _dateparser(_NOISE.sub(" ", text).strip(" ,|"))
    if moment is None:
        return None
    tz_known = moment.tzinfo is not None and moment.utcoffset() is not None
    if not _CLOCK.search(text):
        return Stamp(moment.date().isoformat(), tz_known=False)
    return Stamp(moment.replace(microsecond=0).isoformat(), tz_known=tz_known)


def _iso(text: str) -> datetime | None:
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00") if text.endswith("Z") else text)
    except ValueError:
        return None


def _dateparser(text: str) -> datetime | None:
    import dateparser  # slow to import; only text/HTML pages without ISO dates need it

    try:
        moment: datetime | None = dateparser.parse(text, languages=["en"], settings=_SETTINGS)
    except (ValueError, TypeError, OverflowError, AttributeError):  # dateparser leaks these
        return None
    return moment


def later(first: Stamp | None, second: Stamp | None) -> Stamp | None:
    """``second`` when it is a distinct stamp (an update time), else None."""
    if second is None or (first is not None and second.value == first.value):
        return None
    return second
