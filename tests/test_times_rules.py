"""Normalization rules added for TimeML value accuracy, each on sentences written for these tests."""

from __future__ import annotations

import pytest

from dateline.stages.times import extract_times

PUB = "2025-03-12T23:00:00"  # a Wednesday in ISO week 11, in the first quarter


def found(text: str) -> dict[str, tuple[str, str]]:
    """surface -> (type, value) of every expression in ``text``."""
    return {t.span.text: (t.type, t.value) for t in extract_times(text, PUB) if t.span}


@pytest.mark.parametrize(("text", "surface", "type_", "value"), [
    # a month-day date with "last" / "next" is the one before / after the anchor
    ("The envoy was detained last Oct. 23 in Minsk.", "last Oct. 23", "DATE", "2024-10-23"),
    ("Talks resume next March 20, officials said.", "next March 20", "DATE", "2025-03-20"),
    # a year after a possessive
    ("The ministry's 2026 budget doubles drone spending.", "2026", "DATE", "2026"),
    # a rate: "a year" after an amount or a counted plural is a SET; after a verb it stays a duration
    ("Kyiv receives $2 million a year in aid.", "a year", "SET", "P1Y"),
    ("Four flights a week leave Warsaw for Kyiv.", "a week", "SET", "P1W"),
    ("Output grew 5 percent per year.", "per year", "SET", "P1Y"),
    ("The talks took a week.", "a week", "DURATION", "P1W"),
    ("Troops left in 2014 a year after the vote.", "a year", "DURATION", "P1Y"),
    ("He paused for a second.", "a second", "DURATION", "PT1S"),
    ("Inspectors report every quarter.", "every quarter", "SET", "P1Q"),
    ("Talks are held daily in Doha.", "daily", "SET", "P1D"),
    # bare seasons: the last one begun, or the coming one under a future cue
    ("Fighting intensified over the summer.", "the summer", "DATE", "2024-SU"),
    ("Talks will resume in the spring.", "the spring", "DATE", "2025-SP"),
    ("Shelling eased during the early winter.", "the early winter", "DATE", "2024-WI"),
    # the end of a year
    ("The deal should close by year-end.", "year-end", "DATE", "2025"),
    ("The index has fallen 4% since year-end.", "year-end", "DATE", "2024"),
    ("Prices will stay high in the near term.", "the near term", "DATE", "FUTURE_REF"),
    # "effective" looks ahead
    ("Sanctions relief is effective Jan. 1.", "Jan. 1", "DATE", "2026-01-01"),
    ("Sanctions relief began Jan. 1.", "Jan. 1", "DATE", "2025-01-01"),
    # "the week of March 24": that day's ISO week
    ("A hearing is set for the week of March 24.", "the week of March 24", "DATE", "2025-W13"),
    # counted from an event of the story, not from the anchor: a duration
    ("Three days later, the convoy reached Kherson.", "Three days later", "DURATION", "P3D"),
    ("An hour earlier, sirens had sounded.", "An hour earlier", "DURATION", "PT1H"),
    ("Sales were flat in the nineties.", "the nineties", "DATE", "199"),
])
def test_rule(text: str, surface: str, type_: str, value: str) -> None:
    assert found(text)[surface] == (type_, value)


@pytest.mark.parametrize("text", [
    "The index closed at 2082.1 on Friday.",  # a decimal is no year
    "Voters go to the polls for a second round.",  # an ordinal
    "It was a second betrayal, she said.",
    "The Communist Party daily Pravda printed the letter.",  # a newspaper
    'The minister said on ABC\'s "This Week" that talks continue.',  # a programme title
    "After the fall of Bakhmut, the front moved west.",  # not autumn
    "Rents may fall again.",
    "The fall in the rouble hurt importers.",
    "Activists staged Spring of Hope rallies.",
])
def test_no_false_friend(text: str) -> None:
    assert not any(surface in ("2082", "a second", "daily", "This Week", "the fall", "fall", "Spring")
                   for surface in found(text)), found(text)


def test_clock_time_and_day_across_a_parenthesis() -> None:
    assert found("The blast came at 10:35 a.m. (0735 GMT) Tuesday near the port.") == {
        "10:35 a.m. (0735 GMT) Tuesday": ("TIME", "2025-03-11T10:35")}


# ---------------------------------------------------------------------------------------------
# results stories: the reported quarter and its year-ago counterpart

def test_year_ago_quarter_is_one_expression() -> None:
    text = ("Gazprom reported fourth-quarter profit of $3 billion, up from $2 billion in the year-earlier "
            "fourth quarter. For the quarter a year ago, it had a loss.")
    got = found(text)
    assert got["fourth-quarter"] == ("DATE", "2024-Q4")
    assert got["the year-earlier fourth quarter"] == ("DATE", "2023-Q4")
    assert got["the quarter a year ago"] == ("DATE", "2023-Q4")
    assert "fourth quarter" not in got and "a year ago" not in got


def test_the_quarter_ended_a_date_is_the_three_months_to_that_day() -> None:
    got = found("For the quarter ended Jan. 31, Naftogaz earned $90 million, up from $70 million a year earlier.")
    assert got["the quarter"] == ("DATE", "2024-Q4")
    assert got["a year earlier"] == ("DATE", "2023-Q4")


def test_nine_months_and_the_year_earlier_period() -> None:
    got = found("For the nine months, profit rose to $9 million from $7 million in the year-earlier period. "
                "Sales in the year-earlier nine months were lower.")
    assert got["the year-earlier period"] == ("DURATION", "P9M")
    assert got["the year-earlier nine months"] == ("DURATION", "P9M")


def test_a_quarter_named_in_passing_or_ahead_is_not_the_reported_one() -> None:
    text = ("Rosneft posted a 10% rise in fourth-quarter profit. After a weak third quarter, sales recovered, and "
            "the company will take a second-quarter charge. Profit was $2 billion a year earlier.")
    assert found(text)["a year earlier"] == ("DATE", "2023-Q4")
