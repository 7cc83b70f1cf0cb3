"""Proposals (merged within an article) and stances, on an article written for these tests."""

from __future__ import annotations

from conftest import run_stages

from dateline.records import ArticleRecord, Span, Stance
from dateline.stages.stances import Reading, cue_position, merge

STAGES = ("actors", "times", "quotes", "events", "stances")

TEXT = (
    "JEDDAH, March 11 (Dateline) - Ukraine agreed on Tuesday to an immediate 30-day ceasefire proposed by the "
    "United States, after talks between the two delegations in Saudi Arabia.\n\n"
    "Kremlin spokesman Dmitry Peskov said Moscow was in no rush to answer the ceasefire proposal. \"We first need "
    "to get that information,\" Peskov told reporters.\n\n"
    "Russian lawmaker Andrei Kartapolov called the temporary ceasefire \"unacceptable\".\n\n"
    "German Chancellor Olaf Scholz said Berlin would support the truce only if Russia withdrew its troops.\n"
)


def _record() -> ArticleRecord:
    return run_stages(STAGES, TEXT, published_at="2025-03-12T09:00:00")


def _stance(record: ArticleRecord, surname: str) -> Stance | None:
    for stance in record.stances:
        actor = record.actor(stance.actor_id)
        if actor is not None and surname in actor.name:
            return stance
    return None


def test_ceasefire_mentions_merge_into_one_proposal_with_terms() -> None:
    record = _record()
    ceasefires = [p for p in record.proposals if p.kind == "ceasefire"]
    assert len(ceasefires) == 1
    proposal = ceasefires[0]
    assert "30-day" in proposal.terms and "immediate" in proposal.terms
    assert len(proposal.mentions) >= 4 and all(m.valid_in(record.article.text) for m in proposal.mentions)


def test_agreement_links_event_to_proposal_and_gives_support() -> None:
    record = _record()
    proposal = next(p for p in record.proposals if p.kind == "ceasefire")
    agree = next(e for e in record.events if e.type == "AGREE")
    assert agree.proposal_id == proposal.id
    ukraine = _stance(record, "Ukraine")
    assert ukraine is not None and ukraine.position == "support" and ukraine.proposal_id == proposal.id


def test_positions_noncommittal_oppose_conditional() -> None:
    record = _record()
    peskov = _stance(record, "Peskov")
    assert peskov is not None and peskov.position == "noncommittal"
    kartapolov = _stance(record, "Kartapolov")
    assert kartapolov is not None and kartapolov.position == "oppose"
    scholz = _stance(record, "Scholz")
    assert scholz is not None and scholz.position == "conditional"
    assert any("only if Russia withdrew" in c for c in scholz.conditions)


def test_one_stance_per_actor_and_proposal() -> None:
    record = _record()
    keys = [(s.actor_id, s.proposal_id) for s in record.stances]
    assert len(keys) == len(set(keys))


def test_cues_and_merge_prefer_own_words() -> None:
    assert cue_position("we are in no rush") == "noncommittal"
    assert cue_position("it is absolutely unacceptable") == "oppose"
    assert cue_position("we welcome the plan") == "support"
    span = Span(0, 4, "text")
    weak = Reading("a", "p", "oppose", 0.4, span, None, None)
    own = Reading("a", "p", "support", 0.85, "quote:1", None, None)
    (stance,) = merge([weak, own])
    assert stance.position == "support" and stance.evidence == ["quote:1"]
