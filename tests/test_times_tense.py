"""The direction of bare weekdays and months from the spaCy parse (the Doc the pipeline hands the stage)."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import pytest

from dateline.config import load_config
from dateline.nlp import load_nlp
from dateline.stages.times import extract_times

PUB = "2025-03-12T23:00:00"  # a Wednesday; March


@lru_cache(maxsize=1)
def _nlp() -> Any:
    return load_nlp(load_config().model)


def parsed(text: str) -> dict[str, str]:
    return {t.span.text: t.value for t in extract_times(text, PUB, doc=_nlp()(text)) if t.span}


@pytest.mark.parametrize(("text", "surface", "value"), [
    # a present tense for what is scheduled looks ahead (the text cues alone take the past one)
    ("The foreign ministers meet separately on Friday in Geneva.", "Friday", "2025-03-14"),
    ("The appeal is heard in May.", "May", "2025-05"),
    ("The court hears the appeal in June.", "June", "2025-06"),
    # an infinitive under an intention, or a noun ("an agreement to ..."), looks ahead
    ("Kyiv agreed to hold elections in July.", "July", "2025-07"),
    ("Both sides signed an agreement to exchange prisoners in June.", "June", "2025-06"),
    ("The ministry has scheduled a news conference Thursday.", "Thursday", "2025-03-13"),
    # "until" looks ahead unless a past perfect says the deadline has gone by
    ("Officials postponed until Friday any decision on the corridor.", "Friday", "2025-03-14"),
    ("Until Monday, they had not named a suspect.", "Monday", "2025-03-10"),
    # a plan in the past perfect was overtaken by the story: the day has gone by
    ("The vote had been scheduled to take place on Friday.", "Friday", "2025-03-07"),
    ("The offer had been due to expire Friday evening.", "Friday evening", "2025-03-07TEV"),
    # past tenses, perfects and purpose clauses under a past verb stay in the past
    ("Russian forces retook Sudzha on Tuesday after months of fighting.", "Tuesday", "2025-03-11"),
    ("The government staged rallies to mark the anniversary on Friday.", "Friday", "2025-03-07"),
    ("Stocks hurt the index on Monday.", "Monday", "2025-03-10"),
    ("The envoy was received in Ankara in November.", "November", "2024-11"),
    ("The price is lower than the record set on Aug. 6.", "Aug. 6", "2024-08-06"),
    # a bare "-ing" form looks ahead with a clause that looks ahead; under a past clause it says nothing
    ("The UN envoy launches a fresh initiative on the border beginning Tuesday, in a bid to revive talks.", "Tuesday",
     "2025-03-18"),
    ("Beginning July 1, unleaded petrol will be available at all stations.", "July 1", "2025-07-01"),
    ("Talks were adjourned until Monday to allow for a two-day meeting of the chiefs beginning Thursday.", "Thursday",
     "2025-03-13"),
    # a weekday right after a past speech verb is the day of the speaking, even where the parser hangs it on
    # the reported clause that follows without "that" ("said on Tuesday it would cut")
    ("The company said on Tuesday it would cut 1,500 jobs by the end of the year.", "Tuesday", "2025-03-11"),
    ("The ministry announced Monday it will send more troops.", "Monday", "2025-03-10"),
    # "is to" and modals other than "could" look ahead; a modal perfect and "could" (the past of "can") do not
    ("The team is to play Hong Kong on Friday.", "Friday", "2025-03-14"),
    ("The minister may visit Kyiv on Friday.", "Friday", "2025-03-14"),
    ("He may have left Kyiv on Friday.", "Friday", "2025-03-07"),
    ("The envoy could not be reached on Monday.", "Monday", "2025-03-10"),
    # a bare participle after its noun reports what was done
    ("The ceasefire announced Monday collapsed within hours.", "Monday", "2025-03-10"),
    # a possessive weekday one or two days ahead names the coming event, unless nobody schedules it or the clause
    # reports it as past (PUB is a Wednesday)
    ("Fans are queueing for Friday's final in Madrid.", "Friday", "2025-03-14"),
    ("Thursday's attack killed 12 people.", "Thursday", "2025-03-06"),
    ("Prices rose on Tuesday from Thursday's 53.96 dollars.", "Thursday", "2025-03-06"),
    ("Monday's vote was a defeat for the government.", "Monday", "2025-03-10"),
    ("Whether the elections take place June 29 or July 6 is not important.", "June 29", "2025-06-29"),
    # an "-ing" form after a noun takes the direction of the noun's clause; "following" is a preposition
    ("Leaders called on Russia to agree to a 30-day ceasefire starting on Monday.", "Monday", "2025-03-17"),
    ("Crowds mourned following the death on Monday of the former president.", "Monday", "2025-03-10"),
    # a past tense after "whether" under a clause that looks ahead is the past of a future; elsewhere it is past
    ("They would wait to see whether a ceasefire actually began on Monday.", "Monday", "2025-03-17"),
    ("He asked whether the talks began on Monday.", "Monday", "2025-03-10"),
    # a plan made in the past looks ahead of its making: a date up to six months back is still this year's, where a
    # plan in the present puts one more than two months back in the next year
    ("The deal was set to be signed on December 20, but talks collapsed.", "December 20", "2024-12-20"),
    ("Sanctions relief will be effective on Jan. 1.", "Jan. 1", "2026-01-01"),
    ("Fraud had thwarted his bid to win the vote on December 3.", "December 3", "2024-12-03"),
    # a speech verb with an object in the present is a scheduled act, not the speaking
    ("The company, which reports results in May, said sales rose in January.", "May", "2025-05"),
    # a plan the story reports as called off, or as the original one, has no direction of its own: in the past
    ("The vote, originally planned for Sunday, was postponed to next week.", "Sunday", "2025-03-09"),
    ("The meeting, scheduled for Friday, was called off.", "Friday", "2025-03-07"),
    ("The rally planned for Saturday will go ahead.", "Saturday", "2025-03-15"),
    # "before" under a simple past is no deadline: a time before the event, in the past
    ("The blast happened shortly before midnight on Sunday.", "midnight on Sunday", "2025-03-09T24:00"),
    ("The court gave the parties until Friday to answer.", "Friday", "2025-03-14"),
    # the speaking itself, a possessive and a bare copula give no direction (text cues decide)
    ("Friday's talks in Riyadh ended without a deal.", "Friday", "2025-03-07"),
    ("The flats, worth $2 million in October, are worth half that now.", "October", "2024-10"),
])
def test_tense_of_the_governing_verb(text: str, surface: str, value: str) -> None:
    assert parsed(text)[surface] == value


def test_plain_text_path_still_works_and_a_mismatched_doc_is_ignored() -> None:
    text = "The envoy will travel to Moscow on Friday."
    assert {t.value for t in extract_times(text, PUB)} == {"2025-03-14"}
    other = _nlp()("Something else entirely.")
    assert [t.value for t in extract_times(text, PUB, doc=other)] == ["2025-03-14"]


def test_seed_like_sentences_keep_their_values_with_the_parse() -> None:
    text = ("Ukrainian and American officials met in Jeddah on Tuesday and backed a 30-day ceasefire. "
            "\"Yesterday we heard the proposal,\" Peskov told reporters on Wednesday. Russia invaded "
            "Crimea in 2014 and seized more land last year; the talks began last week.")
    found = parsed(text)
    assert found["Tuesday"] == "2025-03-11" and found["Wednesday"] == "2025-03-12"
    assert found["Yesterday"] == "2025-03-11" and found["30-day"] == "P30D"
    assert found["last year"] == "2024" and found["last week"] == "2025-W10"


@pytest.mark.parametrize(("text", "surface", "value", "type_"), [
    ("The rallies are held each July in Havana.", "each July", "XXXX-07", "SET"),
    ("The loan may be extended for an additional year.", "an additional year", "P1Y", "DURATION"),
    ("After a day-long meeting the envoys left.", "a day-long", "P1D", "DURATION"),
    ("It ended a decades-long dispute.", "decades-long", "PXY", "DURATION"),
    ("Officials said a deal could come soon.", "soon", "FUTURE_REF", "DATE"),
])
def test_lexical_classes(text: str, surface: str, value: str, type_: str) -> None:
    found = {t.span.text: (t.value, t.type) for t in extract_times(text, PUB) if t.span}
    assert found[surface] == (value, type_)


def test_soon_in_a_conjunction_is_not_a_time() -> None:
    found = [t.span.text for t in extract_times("He will leave as soon as possible, soon after the vote.", PUB)
             if t.span]
    assert "soon" not in found


@pytest.mark.parametrize(("text", "kept"), [
    ("The protest soon became a riot, police said.", False),
    ("He was taken to a hospital and was soon released.", False),
    ("Officials say a deal may soon be signed.", True),
    ("The ministry expects prices to soon fall.", True),
])
def test_soon_follows_the_tense_of_its_clause(text: str, kept: bool) -> None:
    assert ("soon" in parsed(text)) is kept
