"""Quotes' ``about`` (proposals and events), obligations and others' words in stances, rejection targets, "it"
for an armed group: on articles written for these tests."""

from __future__ import annotations

from conftest import run_stages

from dateline.records import ArticleRecord, Span
from dateline.stages.stances import Reading, merge

STAGES = ("actors", "times", "quotes", "events", "stances")

TALKS = (
    "Kremlin spokesman Dmitry Peskov said on Thursday that Moscow would study the Norwegian plan for a 60-day "
    "truce proposed by Norway.\n\n"
    "\"We are not in a hurry, we first need to get the details,\" Peskov told reporters about the truce.\n\n"
    "\"Russia captured two villages overnight,\" Ukrainian army spokesman Andriy Kovalenko told reporters.\n\n"
    "Russian lawmaker Andrei Kartapolov called the truce unacceptable, saying it would let Ukraine rearm.\n"
)


def _talks() -> ArticleRecord:
    return run_stages(STAGES, TALKS, published_at="2025-05-15T09:00:00")


def test_quote_about_names_proposal_from_attribution_clause() -> None:
    record = _talks()
    (truce,) = [p for p in record.proposals if p.kind == "ceasefire"]
    quote = next(q for q in record.quotes if q.text.startswith("We are not in a hurry"))
    assert quote.about == [truce.id]  # named only in "told reporters about the truce"


def test_quote_about_lists_events_reported_in_it() -> None:
    record = _talks()
    reported = [e for e in record.events if e.reported_in is not None]
    assert reported
    for event in reported:
        quote = next(q for q in record.quotes if q.id == event.reported_in)
        assert event.id in quote.about
    for quote in record.quotes:  # every id in about resolves to a proposal or an event of the article
        known = {p.id for p in record.proposals} | {e.id for e in record.events}
        assert set(quote.about) <= known


def test_rejection_targets_the_proposers_not_the_next_actor() -> None:
    record = _talks()
    reject = next(e for e in record.events if e.type == "REJECT")
    proposal = next(p for p in record.proposals if p.id == reject.proposal_id)
    assert reject.target == [i for i in proposal.proposed_by if i not in reject.source]
    names = {a.name for a in record.actors if a.id in reject.target}
    assert "Ukraine" not in names  # "saying it would let Ukraine rearm"


OBLIGED = (
    "Foreign Minister Anna Berg of Sweden spoke in Stockholm on Monday.\n\n"
    "\"The Russians are going to have to accept the ceasefire,\" Berg told reporters.\n"
)


def test_third_party_under_an_obligation_is_the_speakers_demand() -> None:
    record = run_stages(STAGES, OBLIGED, published_at="2025-05-15T09:00:00")
    by_country = {getattr(record.actor(s.actor_id), "country", None): s for s in record.stances}
    assert by_country["SWE"].position == "support"  # Berg wants the ceasefire accepted
    russia = by_country.get("RUS")  # at most the weak, other-reported reading of the event she describes
    assert russia is None or russia.confidence <= 0.4


def _reading(position: str, confidence: float, own: bool, evidence: str) -> Reading:
    return Reading("actor:p", "proposal:c", position, confidence, evidence, None, None, own=own)


def test_others_words_about_an_actor_do_not_merge_with_their_own() -> None:
    own = _reading("conditional", 0.6, True, "quote:own")
    analyst = _reading("noncommittal", 0.8, False, "quote:analyst")
    (stance,) = merge([own, analyst])
    assert stance.position == "conditional" and stance.evidence == ["quote:own"] and stance.confidence == 0.6
    (alone,) = merge([analyst, _reading("noncommittal", 0.4, False, "quote:other")])
    assert alone.position == "noncommittal" and len(alone.evidence) == 2


def test_reading_evidence_may_be_a_span() -> None:
    span = Span(0, 3, "abc")
    (stance,) = merge([Reading("actor:p", "proposal:c", "support", 0.7, span, None, None)])
    assert stance.evidence == [span]


ARMED_GROUP = (
    "Israeli jets struck the Gaza Strip on Tuesday, ending a two-month ceasefire.\n\n"
    "Hamas accused Israel of wrecking the truce. It called on Egypt and Qatar to hold Israel responsible "
    "for breaking the deal.\n"
)


def test_it_after_an_armed_group_is_that_group() -> None:
    record = run_stages(STAGES, ARMED_GROUP, published_at="2025-03-18T12:00:00")
    request = next((e for e in record.events if e.type == "REQUEST" and e.evidence.text.startswith("It")), None)
    assert request is not None
    names = {a.name for a in record.actors if a.id in request.source}
    assert "Hamas" in names and "Israel" not in names
