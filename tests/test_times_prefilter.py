"""The tagger's prefilter: a rule is skipped only where it cannot match, so tagging gives the same result."""

from __future__ import annotations

import pytest

from dateline.stages.times import tagger
from dateline.stages.times.tagger import _NEEDS, _NEEDS_CASED, _RULES, _compiled, may_match, tag

_TEXTS = (
    "The talks resumed on Tuesday, three days after the ceasefire of Oct. 7, 2023 collapsed.",
    "Officials said on March 3 that the 1990s reforms would be reviewed next year, possibly by the end of the month.",
    "Fighting went on overnight; by 10:30 p.m. local time, 20 people had died. Two weeks ago the UN met at 14:00 GMT.",
    "Sales rose in the third quarter of fiscal 1998 compared with the year-earlier period, Q3 2024 and the 2023 half.",
    "The aid will arrive twice a week over the coming months, or someday soon, the minister said this morning.",
    "In the spring of 2022 and in the nineteen ninety-six elections, as in the twenty-first century, they waited.",
    "Christmas Day and New Year's Eve fell in the first half; the next day, that same week, a 12-day truce began.",
    "Currently, nowadays, at present and in the near future; the talks are months-long and last 3 hours a day.",
    "He left at noon, returned at 9 in the evening, and the two thousand troops went in the late 1980s and the '70s.",
    "Three wee\u212as ago the \u017fummit ended; on Thur\u017fday they met; \u0130n the winter, tonight and yesterday.",
    "No time words at all here, only a market, a sept, a decision and a junta.",
)


def _unfiltered(monkeypatch: pytest.MonkeyPatch, text: str) -> list[tagger.Candidate]:
    with monkeypatch.context() as patch:
        patch.setattr(tagger, "may_match", lambda *args: True)
        return tag(text)


def test_every_rule_has_needs() -> None:
    assert set(_NEEDS) | set(_NEEDS_CASED) == {name for name, _ in _RULES}


@pytest.mark.parametrize("text", _TEXTS)
def test_needs_hold_for_every_match(text: str) -> None:
    for name, pattern in _compiled():
        for match in pattern.finditer(text):
            assert may_match(name, match.group()), (name, match.group())


@pytest.mark.parametrize("text", _TEXTS)
def test_prefilter_keeps_output(monkeypatch: pytest.MonkeyPatch, text: str) -> None:
    assert tag(text) == _unfiltered(monkeypatch, text)


def test_prefilter_skips_rules_that_cannot_match() -> None:
    assert not may_match("holiday", "The talks went on for days.")
    assert not may_match("mdy", "the may meeting on market day 12")  # month names are matched case-sensitively
    assert may_match("mdy", "on May 12")
    assert not may_match("clockword", "a new deal")
    assert may_match("weekday", "on Monday") and not may_match("weekday", "on monday")


def test_case_twins_are_folded() -> None:
    # re.IGNORECASE matches the Kelvin sign as "k" and the long s as "s"; the prefilter must see them too
    assert [c.rule for c in tag("It ended three wee\u212as ago.")] == ["ago"]
    assert [c.rule for c in tag("It ended in the \u017fummer of 2020.")] == ["season"]
