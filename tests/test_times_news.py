"""News-mode values of the times layer on sentences written for these tests."""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import run_stages, shared_path

from dateline.records import ArticleRecord, TimeExpr
from dateline.stages.times import extract_times, governing_time, publication_day, resolve_relative

PUB = "2025-03-12T23:00:00"  # a Wednesday, ISO week 11


def values(text: str, published_at: str | None = PUB) -> dict[str, str]:
    return {t.span.text: t.value for t in extract_times(text, published_at) if t.span}


def one(text: str, published_at: str | None = PUB) -> TimeExpr:
    found = extract_times(text, published_at)
    assert len(found) == 1, [(t.span.text if t.span else None, t.value) for t in found]
    return found[0]


@pytest.mark.parametrize(("text", "surface", "value", "type_", "gran"), [
    ("The talks resumed on Wednesday in Riyadh.", "Wednesday", "2025-03-12", "DATE", "day"),
    ("Envoys met in Jeddah on Tuesday.", "Tuesday", "2025-03-11", "DATE", "day"),
    ("Shelling hit Kharkiv on Friday.", "Friday", "2025-03-07", "DATE", "day"),
    ("The envoy will travel to Moscow on Friday.", "Friday", "2025-03-14", "DATE", "day"),
    ("The summit is next Monday.", "next Monday", "2025-03-17", "DATE", "day"),
    ("Drones struck the port last week.", "last week", "2025-W10", "DATE", "week"),
    ("Kyiv said this week that it would comply.", "this week", "2025-W11", "DATE", "week"),
    ("Troops crossed the border last year.", "last year", "2024", "DATE", "year"),
    ("Fighting began in September 2014 near Ilovaisk.", "September 2014", "2014-09", "DATE", "month"),
    ("The accord was signed on Feb. 12, 2015, in Minsk.", "Feb. 12, 2015", "2015-02-12", "DATE", "day"),
    ("They agreed to a 30-day truce.", "30-day", "P30D", "DURATION", None),
    ("The war has lasted two years.", "two years", "P2Y", "DURATION", None),
    ("Talks stalled in the 1990s.", "the 1990s", "199", "DATE", "decade"),
    ("Exports fell in Q3 2024.", "Q3 2024", "2024-Q3", "DATE", "quarter"),
    ("Exports fell in the third quarter of 2024.", "the third quarter of 2024", "2024-Q3", "DATE", "quarter"),
    ("Sirens sounded on Tuesday morning.", "Tuesday morning", "2025-03-11TMO", "TIME", "time"),
    ("Inspectors visit the plant every week.", "every week", "P1W", "SET", None),
    ("The mission has been there since 2014.", "2014", "2014", "DATE", "year"),
    ("Both sides have recently traded prisoners.", "recently", "PAST_REF", "DATE", None),
    ("The front is quiet at the moment.", "at the moment", "PRESENT_REF", "DATE", None),
    ("Troops are currently dug in near Pokrovsk.", "currently", "PRESENT_REF", "DATE", None),
    ("Aid will arrive in the coming weeks.", "the coming weeks", "FUTURE_REF", "DATE", None),
    ("The strike came two weeks ago.", "two weeks ago", "2025-W09", "DATE", "week"),
    ("The blast was heard at 10:35 a.m. in Odesa.", "10:35 a.m.", "2025-03-12T10:35", "TIME", "time"),
    ("Ukrainian forces entered Kursk in August.", "August", "2024-08", "DATE", "month"),
    ("A vote is expected in April.", "April", "2025-04", "DATE", "month"),
    ("The talks began in nineteen ninety-six.", "nineteen ninety-six", "1996", "DATE", "year"),
    ("The goal is to halve it by the year two thousand.", "the year two thousand", "2000", "DATE", "year"),
    ("The fortress dates from the 11th century.", "the 11th century", "10", "DATE", None),
    ("Refugees stayed in camps for 2 1/2 years.", "2 1/2 years", "P2Y6M", "DURATION", None),
    ("The flight lasted about 5 1/2 hours.", "about 5 1/2 hours", "PT5H30M", "DURATION", None),
    ("The fleet may stay for at least 20 more years.", "at least 20 more years", "P20Y", "DURATION", None),
    ("Sales will grow over the next couple of years.", "the next couple of years", "P2Y", "DURATION", None),
    ("The boy was rescued on Thanksgiving Day.", "Thanksgiving Day", "2024-11-28", "DATE", "day"),
    ("The envoy will succeed Daniel P. Davison Aug. 1 as chairman.", "Aug. 1", "2025-08-01", "DATE", "day"),
    ("The dividend would be paid on an unspecified date in January.", "January", "2026-01", "DATE", "month"),
])
def test_news_mode_values(text: str, surface: str, value: str, type_: str, gran: str | None) -> None:
    expr = one(text)
    assert expr.span is not None and expr.span.text == surface
    assert (expr.value, expr.type, expr.granularity) == (value, type_, gran)


@pytest.mark.parametrize("text", [
    "We will not accept that, the minister said.",
    "Talks may resume, an aide said.",
    "He spoke to Russia Today about the offer.",
    "He raises the issue every now and then.",
    "After signing Minsk 1, the rebels kept advancing.",
    "They captured 20 more towns and 2014 people fled.",
    "March on, the general told his troops.",
    "May I ask a question, the reporter said.",
    "The 6-year-old boy was rescued from the rubble.",
])
def test_no_false_friends(text: str) -> None:
    assert extract_times(text, PUB) == []


def test_year_inside_a_phrase_is_a_year() -> None:
    assert values("It violates the declaration of independence of 1991.") == {"1991": "1991"}


def test_quote_resolves_against_the_attributed_speech_day() -> None:
    text = ('"Yesterday we heard nothing from Washington," the spokesman told reporters on Monday. '
            'The ministry said on Tuesday it had received no proposal.')
    quoted = [t for t in extract_times(text, PUB) if t.span and t.span.text == "Yesterday"]
    assert [(t.value, t.anchor) for t in quoted] == [("2025-03-09", "speech")]


def test_quote_without_attributed_day_falls_back_to_publication_day() -> None:
    text = "\u201cYesterday, both envoys said they would pass on the details,\u201d the spokesman said."
    expr = one(text)
    assert (expr.value, expr.anchor) == ("2025-03-11", "speech")


def test_absolute_and_frame_expressions_are_not_speech_anchored() -> None:
    found = {t.span.text: t.anchor for t in extract_times('"In 2014 we lost Crimea," he said on Tuesday.', PUB)
             if t.span}
    assert found == {"2014": "explicit", "Tuesday": "dct"}


def test_without_publication_time_relative_values_are_underspecified() -> None:
    found = values("Envoys met on Tuesday, recently, and last year; the truce began in September 2014.", None)
    assert found == {"Tuesday": "XXXX-WXX-2", "recently": "PAST_REF", "last year": "XXXX",
                     "September 2014": "2014-09"}


def test_financial_quarter_reference_carries_forward() -> None:
    found = values("Gazprom's third-quarter profit rose. A year earlier, it lost money.", "1989-10-26")
    assert found == {"third-quarter": "1989-Q3", "A year earlier": "1988-Q3"}


def test_date_and_clock_merge_into_one_time() -> None:
    assert values("Published: March 12, 2025 11:00pm") == {"March 12, 2025 11:00pm": "2025-03-12T23:00"}


def test_publication_day_parsing() -> None:
    assert publication_day("2025-03-12T23:00:00") == dt.date(2025, 3, 12)
    assert publication_day("2025-03-12T23:00:00+05:00") == dt.date(2025, 3, 12)
    assert publication_day("2025-03-12T23:00:00Z") == dt.date(2025, 3, 12)
    assert publication_day("not a date") is None
    assert publication_day(None) is None


def test_resolve_relative() -> None:
    found = resolve_relative("on Wednesday", dt.date(2025, 3, 12))
    assert found is not None and (found.value, found.anchor) == ("2025-03-12", "dct")
    said = resolve_relative("last week", dt.date(2025, 3, 12), anchor="speech")
    assert said is not None and (said.value, said.granularity, said.anchor) == ("2025-W10", "week", "speech")
    assert resolve_relative("in the morning papers", dt.date(2025, 3, 12)) is None


def test_governing_time_is_nearest_day_in_the_sentence() -> None:
    text = ("Russian forces retook Sudzha on Tuesday after months of fighting. "
            "The war began in 2022.")
    record = run_stages(("times",), text)
    clause = text.index("retook")
    found = governing_time(record, clause, clause + len("retook"))
    assert found is not None and found.value == "2025-03-11"
    year_clause = text.index("began")
    assert governing_time(record, year_clause, year_clause + 5) is None  # a year does not govern


def test_anaphoric_expressions_follow_the_date_named_before() -> None:
    found = values("He fled in June 1998 and returned later that year. On Oct. 23, 2024, a bomb went off; "
                   "earlier that day police had warned of it.")
    assert found["later that year"] == "1998"
    assert values("He fled in June 1998. The following month he spoke.")["The following month"] == "1998-07"
    assert found["earlier that day"] == "2024-10-23"
    expr = next(t for t in extract_times("In 1995 he was promoted and the following year he retired.", PUB)
                if t.span and t.span.text == "the following year")
    assert (expr.value, expr.anchor) == ("1996", "explicit")


def test_tense_cues_past_verbs_and_possessives() -> None:
    # a past verb right before the weekday wins over an earlier "would"; a possessive names a known event
    assert values("They said they would appeal the decision, announced Tuesday.")["Tuesday"] == "2025-03-11"
    assert values("Rebels would try to get around Monday's ruling.")["Monday"] == "2025-03-10"
    assert values("Casualties mounted next to the embassy on Friday.")["Friday"] == "2025-03-07"


def test_financial_periods() -> None:
    text = ("Net rose in the third quarter of 2024. In the 2023 period, it fell. "
            "Profit was higher in the latest quarter.")
    found = values(text)
    assert found["the 2023 period"] == "2023-Q3"
    assert values("Profit was higher in the latest quarter.")["the latest quarter"] == "2024-Q4"
    nine = values("Net rose in the third quarter of 2024. For the first nine months, net was $5 million, "
                  "up from $4 million a year earlier.")
    assert nine["a year earlier"] == "2024"


def test_stage_adds_the_layer_with_valid_spans() -> None:
    record: ArticleRecord = run_stages(("times",), "Kyiv agreed on Tuesday to a 30-day ceasefire.")
    assert [(t.span.text, t.value) for t in record.times if t.span] == [("Tuesday", "2025-03-11"),
                                                                       ("30-day", "P30D")]
    assert all(t.span and t.span.valid_in(record.article.text) for t in record.times)
    assert len({t.id for t in record.times}) == len(record.times)


SEED_EXPECTED = [
    ("Tuesday", "2025-03-11"), ("30-day", "P30D"), ("Wednesday", "2025-03-12"), ("Yesterday", "2025-03-11"),
    ("currently", "PRESENT_REF"), ("at the moment", "PRESENT_REF"), ("last year", "2024"),
    ("recent weeks", "PXW"), ("2014", "2014"), ("September 2014", "2014-09"), ("February 2015", "2015-02"),
    ("1991", "1991"), ("At present", "PRESENT_REF"), ("right now", "PRESENT_REF"), ("last week", "2025-W10"),
]


def test_seed_article_every_expression_right() -> None:
    text = shared_path("seed", "000_504594bd216695fb.txt").read_text(encoding="utf-8")
    found = extract_times(text, PUB)
    pairs = {(t.span.text, t.value) for t in found if t.span}
    assert set(SEED_EXPECTED) <= pairs
    by_text: dict[str, set[str]] = {}
    for surface, value in pairs:
        by_text.setdefault(surface, set()).add(value)
    assert by_text["Tuesday"] == {"2025-03-11"} and by_text["Wednesday"] == {"2025-03-12"}
    for friend in ("we", "may", "Today", "now and then", "Minsk 1", "Minsk 2", "20", "five"):
        assert friend not in by_text
    yesterday = next(t for t in found if t.span and t.span.text == "Yesterday")
    assert yesterday.anchor == "speech"
