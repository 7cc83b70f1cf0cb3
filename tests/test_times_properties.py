"""Property tests: TIMEX3 value shapes, span arithmetic, and independence from the machine's clock."""

from __future__ import annotations

import datetime as dt
import re
import time
import types
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import dateline.stages.times.anchors as anchors_mod
import dateline.stages.times.extract as extract_mod
import dateline.stages.times.normalizer as normalizer_mod
from dateline.stages.times import extract_times

_DATE = (r"(?:PAST_REF|PRESENT_REF|FUTURE_REF|[\dX]{2,4}|[\dX]{4}-(?:[\dX]{2}(?:-[\dX]{2})?|W[\dX]{2}(?:-WE)?"
         r"|W[\dX]{2}-[1-7]|[QH][\dX]|SP|SU|FA|WI))")
_CLOCK = r"T(?:[0-2]\d(?::[0-5]\d)?|MO|AF|EV|NI)"
SHAPES = {
    "DATE": re.compile(_DATE),
    "TIME": re.compile(r"[\dX]{4}-(?:[\dX]{2}-[\dX]{2}|W[\dX]{2}-[1-7])" + _CLOCK),
    "DURATION": re.compile(r"P(?:(?:[\dX.]+[YMWDQ])+(?:T(?:[\dX.]+[HMS])+)?|T(?:[\dX.]+[HMS])+)"),
    "SET": re.compile(r"P1[YMWDQ]|PT1H|P3M|XXXX-WXX-(?:[1-7]|WE)(?:" + _CLOCK + r")?|XXXX-XX-XX" + _CLOCK
                      + r"|XXXX-\d\d"),
}
GRANULARITY = {"day": r"[\dX]{4}-[\dX]{2}-[\dX]{2}|XXXX-WXX-[1-7]", "week": r"[\dX]{4}-W[\dX]{2}(-WE)?",
               "month": r"[\dX]{4}-[\dX]{2}", "quarter": r"[\dX]{4}-[QH][\dX]", "year": r"[\dX]{4}",
               "decade": r"\d{3}", "time": r".+T.+"}

WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]
phrases = st.one_of(
    st.builds(lambda r, d: f"{r}{d}", st.sampled_from(["", "last ", "next ", "this "]), st.sampled_from(WEEKDAYS)),
    st.builds(lambda d, p: f"{d} {p}", st.sampled_from(WEEKDAYS), st.sampled_from(["morning", "night"])),
    st.builds(lambda m, d, y: f"{m} {d}, {y}", st.sampled_from(MONTHS), st.integers(1, 31), st.integers(1900, 2099)),
    st.builds(lambda m, y: f"{m} {y}", st.sampled_from(MONTHS), st.integers(1900, 2099)),
    st.builds(lambda m: f"in {m}", st.sampled_from(MONTHS)),
    st.builds(lambda n, u: f"{n} {u}", st.sampled_from(["two", "30", "several", "a few", "eleven"]),
              st.sampled_from(["days", "weeks", "months", "years", "hours", "decades"])),
    st.builds(lambda n, u: f"{n}-{u}", st.integers(1, 99), st.sampled_from(["day", "week", "hour", "year"])),
    st.builds(lambda n, u: f"{n} {u} ago", st.sampled_from(["two", "five", "a"]),
              st.sampled_from(["days", "weeks", "months", "years"])),
    st.builds(lambda r, u: f"{r} {u}", st.sampled_from(["last", "next", "this", "earlier this", "late last"]),
              st.sampled_from(["week", "month", "year", "quarter", "weekend", "summer", "decade"])),
    st.builds(lambda o, y: f"the {o} quarter of {y}", st.sampled_from(["first", "third"]), st.integers(1990, 2030)),
    st.sampled_from(["yesterday", "today", "tomorrow", "tonight", "now", "recently", "the coming weeks", "noon",
                     "every week", "daily", "at 10:35 a.m.", "the 1990s", "Q3 2024", "since 2014"]),
)
days = st.dates(min_value=dt.date(1950, 1, 1), max_value=dt.date(2060, 12, 31))
published = st.one_of(st.none(), days.map(lambda d: f"{d.isoformat()}T12:00:00"))


@settings(max_examples=300, deadline=None)
@given(phrase=phrases, pub=published, quoted=st.booleans())
def test_values_are_timex3_shapes(phrase: str, pub: str | None, quoted: bool) -> None:
    text = f"Officials said the talks happened {phrase}, according to the ministry."
    if quoted:
        text = f'"We met {phrase}," the envoy told reporters.'
    for expr in extract_times(text, pub):
        assert expr.span is not None and expr.span.valid_in(text)
        assert SHAPES[expr.type].fullmatch(expr.value), (phrase, expr)
        if expr.granularity is not None:
            assert re.fullmatch(GRANULARITY[expr.granularity], expr.value), (phrase, expr)
        if pub is None and expr.anchor in ("dct", "speech") and expr.granularity is not None:
            assert "X" in expr.value  # no anchor, no invented calendar value
        assert 0.0 <= expr.confidence <= 1.0


@settings(max_examples=100, deadline=None)
@given(phrase=phrases, day=days)
def test_absolute_expressions_do_not_depend_on_the_anchor(phrase: str, day: dt.date) -> None:
    text = f"Officials said the talks happened {phrase}."
    for a, b in zip(extract_times(text, day.isoformat()), extract_times(text, "2001-06-15"), strict=True):
        if a.anchor == "explicit":
            assert a.value == b.value


def _fake_datetime_module(now: dt.datetime) -> types.ModuleType:
    """The datetime module with a clock stuck at ``now`` (today(), now(), utcnow())."""

    class FakeDate(dt.date):
        @classmethod
        def today(cls) -> Any:
            return now.date()

    class FakeDateTime(dt.datetime):
        @classmethod
        def now(cls, tz: Any = None) -> Any:
            return now

        @classmethod
        def utcnow(cls) -> Any:
            return now

        @classmethod
        def today(cls) -> Any:
            return now

    module = types.ModuleType("datetime")
    module.__dict__.update(dt.__dict__)
    module.date = FakeDate  # type: ignore[attr-defined]
    module.datetime = FakeDateTime  # type: ignore[attr-defined]
    return module


CLOCK_TEXT = ("On Tuesday, envoys agreed to a 30-day truce. \u201cYesterday we spoke,\u201d Peskov said on "
              "Wednesday. Troops crossed last year and again last week, in September 2014 and recently; "
              "a vote is due in April, next Friday or in the coming weeks.")


@pytest.mark.parametrize("pub", ["2025-03-12T23:00:00", None])
def test_same_output_under_two_different_clocks(monkeypatch: pytest.MonkeyPatch, pub: str | None) -> None:
    runs = []
    for now in (dt.datetime(1999, 1, 1, 0, 0), dt.datetime(2031, 7, 19, 18, 30)):
        fake = _fake_datetime_module(now)
        with monkeypatch.context() as m:
            for module in (extract_mod, normalizer_mod, anchors_mod):
                m.setattr(module, "dt", fake)
            m.setattr(time, "time", lambda now=now: now.timestamp())
            m.setattr(time, "time_ns", lambda now=now: int(now.timestamp() * 1e9))
            runs.append(extract_times(CLOCK_TEXT, pub))
    assert runs[0] == runs[1]
    assert len(runs[0]) >= 8
