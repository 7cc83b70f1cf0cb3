"""Record builders for the corpus tests: articles we wrote, with actors, places, times and events
placed by hand (offsets found in the text), written through the store like any ingest."""

from __future__ import annotations

from dateline.ingest import make_article
from dateline.records import (
    Actor,
    ActorKind,
    ArticleRecord,
    Event,
    EventType,
    Fatalities,
    Place,
    PlaceMention,
    Proposal,
    ProposalKind,
    Span,
    TimeExpr,
    TimeValue,
    stable_id,
)
from dateline.store.sqlite import SQLiteStore


def span(text: str, word: str) -> Span:
    start = text.index(word)
    return Span.of(text, start, start + len(word))


def actor(text: str, name: str, country: str | None, kind: ActorKind = "person", surface: str | None = None) -> Actor:
    ident = stable_id("actor", "state", country) if kind == "state" else stable_id("actor", kind, name)
    return Actor(ident, name, kind, country, None, [], [], [span(text, surface or name)], 0.9)


def place(text: str, name: str, country: str) -> Place:
    return Place(stable_id("place", name, country), name, "city", country, None, 50.0, 36.2, 4,
                 [PlaceMention(span(text, name), "location")], 0.9)


def day(text: str, value: str) -> TimeExpr:
    return TimeExpr(stable_id("time", text[:20], value), value, "DATE", "day", None, "dct", 0.9)


def event(text: str, article_id: str, kind: EventType, source: list[Actor], target: list[Actor], where: Place | None,
          when: str, evidence: str, dead: tuple[int, int] | None = None) -> Event:
    ev = span(text, evidence)
    return Event(stable_id("event", article_id, kind, ev.start, ev.end), kind, None, [], None, None,
                 [a.id for a in source], [a.id for a in target], where.id if where else None,
                 TimeValue(when, "DATE", "day", None, "dct"), ev, None, None,
                 Fatalities(*dead) if dead else None, 0.8)


def proposal(text: str, label: str, kind: ProposalKind, parties: list[Actor], terms: list[str]) -> Proposal:
    return Proposal(stable_id("proposal", kind, ",".join(a.id for a in parties), terms[0]), label, kind,
                    [a.id for a in parties], terms, [span(text, label)], 0.8)


def article(text: str, title: str, publisher: str, published_at: str) -> ArticleRecord:
    return ArticleRecord(make_article(text, title=title, publisher=publisher, published_at=published_at))


def fresh_store() -> SQLiteStore:
    return SQLiteStore(":memory:")


def write(store: SQLiteStore, records: list[ArticleRecord]) -> None:
    """Write a batch and run the corpus step, as the ingest loop does."""
    from dateline import corpus

    store.write_batch(records, [])
    corpus.update(store, records)
