"""Denied intents and denied stance cues, on sentences written for these tests: a negation on the noun or the
adjective above the act ("no desire to offer", "is unwilling to accept") negates the event, and "never", "not",
"no longer" before a stance cue turn support into opposition."""

from __future__ import annotations

from functools import lru_cache

import pytest
from conftest import run_stages, stance_of

from dateline.records import ArticleRecord, Event
from dateline.stages.stances import cue_position

STAGES = ("actors", "times", "quotes", "events", "stances")

TEXT = (
    "Moldova weighs border truce\n\n"
    "Moldova has no desire to offer Transnistria a truce, Moldovan Prime Minister Dorin Recean said on Monday.\n\n"
    "Romania has no plans to withdraw its troops from the border, the defence ministry said.\n\n"
    "Hungary does not have any intention to sign the agreement, Hungarian Foreign Minister Peter Szijjarto said.\n\n"
    "Bulgaria is unwilling to accept the truce, Bulgarian President Rumen Radev said.\n\n"
    "Georgia is not willing to accept the truce, Georgian Prime Minister Irakli Kobakhidze said.\n\n"
    "\"We would never accept a truce,\" Transnistrian leader Vadim Krasnoselsky told reporters.\n\n"
    "Austria has a plan to offer Moldova a truce, Austrian Chancellor Karl Nehammer said.\n"
)


@lru_cache(maxsize=1)
def _record() -> ArticleRecord:
    return run_stages(STAGES, TEXT, published_at="2025-03-11T09:00:00")


def _event(record: ArticleRecord, words: str) -> Event:
    return next(e for e in record.events if words in e.evidence.text)


def test_a_denied_noun_of_intent_negates_the_act() -> None:
    record = _record()
    offer = _event(record, "offer Transnistria a truce")
    assert offer.type == "AGREE" and "negated" in offer.contexts
    assert "negated" in _event(record, "withdraw its troops").contexts  # "no plans to"
    assert "negated" in _event(record, "sign the agreement").contexts  # "does not have any intention to"


def test_an_unwilling_or_not_willing_acceptance_is_a_rejection() -> None:
    record = _record()
    for words in ("Bulgaria is unwilling", "Georgia is not willing"):
        sentence = next(p for p in record.article.text.split("\n\n") if p.startswith(words))
        start = record.article.text.index(sentence)
        accept = next(e for e in record.events if start <= e.evidence.start < start + len(sentence))
        assert accept.type == "REJECT" and "negated" not in accept.contexts


def test_an_affirmed_plan_is_not_negated() -> None:
    offer = _event(_record(), "offer Moldova a truce")
    assert offer.type == "AGREE" and "negated" not in offer.contexts


def test_denied_intents_give_no_support() -> None:
    record = _record()
    for name in ("Transnistria", "Moldova", "Dorin Recean", "Hungary", "Peter Szijjarto", "Rumen Radev",
                 "Irakli Kobakhidze", "Krasnoselsky"):  # "sign the agreement": the proposal's name is no cue
        stance = stance_of(record, name)
        assert stance is None or stance.position != "support", name
    krasnoselsky = stance_of(record, "Krasnoselsky")
    assert krasnoselsky is not None and krasnoselsky.position == "oppose"


@pytest.mark.parametrize(("text", "position"), [
    ("We would never accept a truce", "oppose"),
    ("Kyiv is not willing to accept the plan", "oppose"),
    ("Minsk no longer supports the deal", "oppose"),
    ("we won't back a truce", "oppose"),
    ("we cannot accept it", "oppose"),
    ("Sofia is reluctant to endorse the plan", "oppose"),
    ("Ankara has not yet agreed to the truce", "noncommittal"),
    ("Baku did not reject the plan", None),
    ("Paris is not against the plan", None),
    ("Rome never hid its support for the truce", "support"),
    ("we not only support the plan, we will pay for it", "support"),
    ("we welcome the plan", "support"),
])
def test_a_negation_before_a_stance_cue_flips_or_drops_it(text: str, position: str | None) -> None:
    assert cue_position(text) == position
