"""The events stage on wire-style sentences written for these tests."""

from __future__ import annotations

from datetime import date

from conftest import run_stages

from dateline.records import Event, Fatalities, TimeValue, stable_id
from dateline.stages.events.attach import fatalities, is_historical
from dateline.stages.events.lexicon import load_lexicon

STAGES = ("actors", "times", "quotes", "events")

TEXT = (
    "Turkish troops recaptured the town of Tal Abyad on Monday after two days of fighting, the Defence Ministry "
    "said.\n\n"
    "Israeli warplanes bombed a weapons depot in southern Lebanon on Tuesday, killing at least 5 people.\n\n"
    "Thousands of protesters rallied in Tbilisi on Sunday against the government of Georgia.\n\n"
    "Russia annexed Crimea in 2014.\n\n"
    "German Chancellor Olaf Scholz did not condemn the decision.\n\n"
    "France would send warships to the region if the talks failed, Foreign Minister Jean-Noel Barrot said.\n"
)


def _by_type(events: list[Event], event_type: str) -> list[Event]:
    return [e for e in events if e.type == event_type]


def test_recapture_is_assault_with_acled_government_regains_territory() -> None:
    record = run_stages(STAGES, TEXT, published_at="2019-10-15T09:00:00")
    assault = next(e for e in record.events if "recaptured" in e.evidence.text)
    assert assault.type == "ASSAULT"
    assert assault.acled is not None and assault.acled.event_type == "Battles"
    assert assault.acled.sub_event_type == "Government regains territory"
    assert assault.when is not None and assault.when.value == "2019-10-14"
    assert [record.actor(i).country for i in assault.source if record.actor(i)] == ["TUR"]  # type: ignore[union-attr]


def test_airstrike_has_fatalities_and_acled_air_strike() -> None:
    record = run_stages(STAGES, TEXT, published_at="2019-10-15T09:00:00")
    strike = next(e for e in record.events if "bombed" in e.evidence.text)
    assert strike.type == "ASSAULT" and strike.mode == "aerial"
    assert strike.fatalities == Fatalities(5, 5)
    assert strike.acled is not None and strike.acled.sub_event_type == "Air/drone strike"


def test_protest_historical_negated_and_hypothetical_contexts() -> None:
    record = run_stages(STAGES, TEXT, published_at="2019-10-15T09:00:00")
    protest = _by_type(record.events, "PROTEST")
    assert protest and protest[0].acled is not None and protest[0].acled.event_type == "Protests"
    annex = next(e for e in record.events if "annexed" in e.evidence.text)
    assert annex.type == "COERCE" and "historical" in annex.contexts and annex.when is not None
    condemn = next(e for e in record.events if "condemn" in e.evidence.text)
    assert condemn.type == "ACCUSE" and "negated" in condemn.contexts
    warships = next(e for e in record.events if "warships" in e.evidence.text)
    assert "hypothetical" in warships.contexts


def test_event_ids_are_content_hashes_and_spans_valid() -> None:
    record = run_stages(STAGES, TEXT, published_at="2019-10-15T09:00:00")
    again = run_stages(STAGES, TEXT, published_at="2019-10-15T09:00:00")
    assert [e.id for e in record.events] == [e.id for e in again.events]
    for event in record.events:
        assert event.evidence.valid_in(record.article.text)
        assert event.id == stable_id("event", record.article.id, event.type, event.evidence.start, event.evidence.end)
        assert event.cameo


def test_intent_is_agree_refusal_is_reject_and_threats_code() -> None:
    text = ("Japan will send food aid to the Philippines, the foreign ministry said on Friday.\n\n"
            "Iran said it would not accept the proposal.\n\n"
            "North Korea threatened to strike American bases in Guam.\n")
    record = run_stages(STAGES, text, published_at="2020-05-02T10:00:00")
    types = [e.type for e in record.events]
    assert "AGREE" in types and "REJECT" in types and "THREATEN" in types
    threat = _by_type(record.events, "THREATEN")[0]
    assert threat.mode == "violence"


def test_stage_runs_without_other_layers() -> None:
    record = run_stages(("events",), TEXT, published_at="2019-10-15T09:00:00")
    assert record.events and all(e.source == [] and e.place_id is None for e in record.events)


def test_fatality_phrases() -> None:
    assert fatalities("the attack killed 12 people") == Fatalities(12, 12)
    assert fatalities("at least five civilians were killed") == Fatalities(5, 5)
    assert fatalities("shelling killed dozens of soldiers") == Fatalities(24, 99)
    assert fatalities("the talks were killed off by the dispute") is None


def test_historical_window() -> None:
    published = date(2025, 3, 12)
    assert is_historical(TimeValue("2014", "DATE", "year", None, "explicit"), published)
    assert not is_historical(TimeValue("2025-03-11", "DATE", "day", None, "dct"), published)
    assert not is_historical(TimeValue("PAST_REF", "DATE", None, None, "dct"), published)


def test_lexicon_and_crosswalk_load() -> None:
    lex = load_lexicon()
    assert lex.cameo_for("RETREAT", "ceasefire") == "0871"
    assert all(p.type in {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
                          "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"}
               for patterns in lex.verbs.values() for p in patterns)


def test_no_publication_date_and_quiet_text() -> None:
    record = run_stages(("events", "stances"), "The weather in Vienna was mild.", published_at=None)
    assert record.events == [] and record.proposals == [] and record.stances == []
    dated = run_stages(("events",), "Rebels attacked a police station on Monday.", published_at=None)
    assert [e.type for e in dated.events] == ["ASSAULT"] and dated.events[0].when is None


def test_event_noun_inside_a_verb_event_is_one_event() -> None:
    record = run_stages(("events",), "A drone attack on the presidential palace killed three soldiers on Friday.",
                        published_at="2025-03-22T10:00:00")
    assert [e.type for e in record.events] == ["ASSAULT"]
    assert record.events[0].fatalities == Fatalities(3, 3)
    assert record.events[0].acled is not None and record.events[0].acled.sub_event_type == "Air/drone strike"
