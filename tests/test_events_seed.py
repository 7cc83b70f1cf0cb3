"""The seed article (read from ../shared by path; skipped when absent): the events, proposal and stances
the issue names."""

from __future__ import annotations

from functools import lru_cache

from conftest import run_stages, shared_path

from dateline.records import ArticleRecord, Event, Stance

STAGES = ("actors", "times", "places", "quotes", "events", "stances")


@lru_cache(maxsize=1)
def _seed() -> ArticleRecord:
    text = shared_path("seed", "000_504594bd216695fb.txt").read_text(encoding="utf-8")
    return run_stages(STAGES, text, published_at="2025-03-12T23:00:00")


def _names(record: ArticleRecord, ids: list[str]) -> list[str]:
    return [a.name for a in (record.actor(i) for i in ids) if a is not None]


def _find(record: ArticleRecord, event_type: str, words: str) -> Event:
    return next(e for e in record.events if e.type == event_type and words in e.evidence.text)


def _stance(record: ArticleRecord, surname: str, proposal_id: str) -> Stance | None:
    return next((s for s in record.stances if s.proposal_id == proposal_id
                 and surname in getattr(record.actor(s.actor_id), "name", "")), None)


def test_seed_events() -> None:
    record = _seed()
    agree = _find(record, "AGREE", "reached an agreement")
    assert agree.when is not None and agree.when.value == "2025-03-11"
    sudzha = _find(record, "ASSAULT", "Sudzha")
    assert sudzha.when is not None and sudzha.when.value == "2025-03-11"
    assert sudzha.acled is not None and sudzha.acled.sub_event_type == "Government regains territory"
    if record.places:
        place = next(p for p in record.places if p.id == sudzha.place_id)
        assert place.name == "Sudzha"
    assert "Donald Trump" in _names(record, _find(record, "THREATEN", "sanctions").source)
    assert "Viktor Sobolev" in _names(record, _find(record, "REJECT", "Sobolev").source)
    assert "historical" in _find(record, "COERCE", "annexed in 2014").contexts


def test_seed_one_ceasefire_proposal_and_stances() -> None:
    record = _seed()
    (ceasefire,) = [p for p in record.proposals if p.kind == "ceasefire"]
    assert "30-day" in ceasefire.terms and len(ceasefire.mentions) >= 10
    expected = {"Rubio": "support", "Sobolev": "oppose", "Peskov": "noncommittal", "Putin": "conditional"}
    for surname, position in expected.items():
        stance = _stance(record, surname, ceasefire.id)
        assert stance is not None and stance.position == position, surname
    ukraine = [s for s in record.stances if s.proposal_id == ceasefire.id
               and getattr(record.actor(s.actor_id), "country", None) == "UKR" and s.position == "support"]
    assert ukraine
