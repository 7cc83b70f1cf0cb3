"""Events that belong to another statement: conditions and demanded terms, quoted reports of a narrated threat,
past-marked clauses with no date, and the "we" of a government official.  Texts written for these tests."""

from __future__ import annotations

from conftest import run_stages

from dateline.records import ArticleRecord, Event

STAGES = ("actors", "times", "quotes", "events")
PUBLISHED = "2025-06-18T10:00:00"


def _names(record: ArticleRecord, ids: list[str]) -> list[str]:
    return [a.name for a in (record.actor(i) for i in ids) if a is not None]


def _with(record: ArticleRecord, word: str) -> list[Event]:
    return [e for e in record.events if word in e.evidence.text]


# --- conditions and demanded terms are not events -------------------------------------------------------

def test_condition_clause_of_a_threat_is_not_an_event() -> None:
    text = ("German Chancellor Olaf Scholz threatened Serbia with new sanctions on Monday if it refused to "
            "recognise the election result.\n")
    record = run_stages(STAGES, text, published_at=PUBLISHED)
    assert [e.type for e in _with(record, "threatened")] == ["THREATEN"]
    assert not [e for e in record.events if e.type == "REJECT"]


def test_unless_clause_is_not_an_event() -> None:
    text = "Iran will resume enrichment within a month unless the United States lifts its sanctions, Tehran said.\n"
    record = run_stages(STAGES, text, published_at=PUBLISHED)
    assert not [e for e in record.events if "lifts" in e.evidence.text]


def test_terms_of_a_demanded_guarantee_are_not_an_event() -> None:
    text = ("Armenian Prime Minister Nikol Pashinyan said he would sign no treaty until Moscow gave him firm "
            "guarantees that its troops would attack Azerbaijan in case of war.\n")
    record = run_stages(STAGES, text, published_at=PUBLISHED)
    assert not [e for e in record.events if e.type == "ASSAULT"]
    assert not [e for e in record.events if "attack" in e.evidence.text]


def test_until_clause_told_in_the_past_is_a_fact() -> None:
    text = "Sudanese troops shelled the town of El Fasher on Tuesday until the rebels withdrew from the airport.\n"
    record = run_stages(STAGES, text, published_at=PUBLISHED)
    assert [e for e in record.events if e.type == "ASSAULT"]


def test_reported_possibility_of_a_named_actor_stays_hypothetical() -> None:
    text = "Analysts believe Chinese President Xi Jinping may demand new trade concessions from Australia.\n"
    record = run_stages(STAGES, text, published_at=PUBLISHED)
    demand = [e for e in record.events if e.type == "REQUEST"]
    assert demand and "hypothetical" in demand[0].contexts
    assert _names(record, demand[0].source) == ["Xi Jinping"]


# --- a narrated threat and the quote it reports are one event -------------------------------------------

QUOTED_THREAT = (
    "Indian Prime Minister Narendra Modi previously threatened Pakistan with a full trade embargo if the "
    "attacks continued.\n\n"
    "\"We will impose a complete embargo on Pakistan and all its goods,\" Modi said in a speech on Friday.\n"
)


def test_narrated_threat_and_its_quote_are_one_event() -> None:
    record = run_stages(STAGES, QUOTED_THREAT, published_at=PUBLISHED)
    threats = [e for e in record.events if e.type == "THREATEN"]
    assert len(threats) == 1, [e.evidence.text for e in threats]
    threat = threats[0]
    assert "previously threatened" in threat.evidence.text
    assert threat.reported_in is not None
    quote = next(q for q in record.quotes if q.id == threat.reported_in)
    assert "embargo" in quote.text
    assert "Pakistan" in _names(record, threat.target)


def test_threats_by_different_speakers_stay_apart() -> None:
    text = (
        "Indian Prime Minister Narendra Modi previously threatened Pakistan with a full trade embargo.\n\n"
        "\"We will impose a complete embargo on India,\" Pakistani Prime Minister Shehbaz Sharif said on Friday.\n"
    )
    record = run_stages(STAGES, text, published_at=PUBLISHED)
    narrated = _with(record, "previously threatened")
    assert narrated and narrated[0].reported_in is None


# --- "previously" with no date in the clause is not the publication day ---------------------------------

def test_previously_with_no_date_has_no_time() -> None:
    text = "Turkish President Recep Tayyip Erdogan previously threatened Greece with military action.\n"
    record = run_stages(STAGES, text, published_at=PUBLISHED)
    threat = _with(record, "previously threatened")
    assert threat and threat[0].when is None


def test_earlier_with_a_date_in_the_clause_keeps_it() -> None:
    text = "Turkish President Recep Tayyip Erdogan earlier threatened Greece with military action in March 2024.\n"
    record = run_stages(STAGES, text, published_at=PUBLISHED)
    threat = _with(record, "threatened")
    assert threat and threat[0].when is not None and threat[0].when.value == "2024-03"


def test_plain_past_still_falls_back_to_the_publication_day() -> None:
    text = "Turkish President Recep Tayyip Erdogan threatened Greece with military action.\n"
    record = run_stages(STAGES, text, published_at=PUBLISHED)
    threat = _with(record, "threatened")
    assert threat and threat[0].when is not None and threat[0].when.value == "2025-06-18"


# --- a government official's "we" is the state ----------------------------------------------------------

def test_officials_we_is_the_state() -> None:
    text = (
        "Indian Prime Minister Narendra Modi spoke in Delhi on Monday.\n\n"
        "\"In 1971 we recognized Bangladesh as an independent state,\" Modi said. India has long ties to Dhaka.\n"
    )
    record = run_stages(STAGES, text, published_at=PUBLISHED)
    recognized = _with(record, "recognized")
    assert recognized, [e.evidence.text for e in record.events]
    names = _names(record, recognized[0].source)
    assert names == ["India"], names


def test_a_non_officials_we_is_the_speaker() -> None:
    text = (
        "Aid worker Maria Lopez spoke in Madrid on Monday.\n\n"
        "\"Last year we recognized Palestine as a state in our charter,\" Lopez said.\n"
    )
    record = run_stages(STAGES, text, published_at=PUBLISHED)
    recognized = _with(record, "recognized")
    assert recognized, [e.evidence.text for e in record.events]
    assert _names(record, recognized[0].source) == ["Maria Lopez"]
