"""Cross-article identity: one actor under several ids, one proposal under several ids, one event
reported by several outlets.

- ``actor_aliases(actor_id, canonical_id)``: persons of the same country whose names can be one
  person (:func:`~dateline.corpus.names.same_person_name`: surname keys match through
  transliteration, given names agree or one is missing).  The canonical id is the group's smallest.
- ``proposal_aliases(proposal_id, canonical_id)``: proposals of the same kind, overlapping sides
  (or one side unknown and a shared distinguishing term such as "30-day"), no contradicting
  distinguishing terms ("16th" vs "17th" package), reported within three weeks (:func:`same_proposal`).
- ``event_clusters(cluster_id, event_id, ...)``: events of the same type whose sources and targets
  overlap (none disjoint), at the same place (or one unplaced), within a day.  Each mention keeps
  its own record, so conflicting claims (fatalities) stay side by side.

Every rule looks only at the two sides, and groups are connected components named after their
smallest member, so the groups do not depend on batch boundaries (an actor alias found later does
not re-cluster events already compared).
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass

from dateline.corpus.db import day_number, insert_new, rows_in
from dateline.corpus.graph import GroupTable, link
from dateline.corpus.names import actor_key, same_person_name
from dateline.corpus.text import overlap
from dateline.records import Actor, ArticleRecord, Event, stable_id
from dateline.store.base import SqlStore, utc_now

# Name score (0-1) from which two same-country persons are one.
SAME_PERSON = 0.85
# Days apart that two reports of one event may date it.
EVENT_DAYS = 1

ACTORS = GroupTable("actor_aliases", "actor_id", "canonical_id", lambda actor_id: actor_id)
PROPOSALS = GroupTable("proposal_aliases", "proposal_id", "canonical_id", lambda proposal_id: proposal_id)
EVENTS = GroupTable("event_clusters", "event_id", "cluster_id", lambda event_id: stable_id("evcluster", event_id))


def update(store: SqlStore, records: Sequence[ArticleRecord]) -> None:
    with store.transaction():
        _link_members(store, ACTORS, _actor_edges(store, records))
        _link_members(store, PROPOSALS, _proposal_edges(store, records))
        _add_events(store, records)


def _link_members(store: SqlStore, spec: GroupTable, edges: list[tuple[str, str, float]]) -> None:
    best: dict[str, float] = {}
    for a, b, score in edges:  # a member keeps the best score that linked it
        for member in (a, b):
            best[member] = max(best.get(member, 0.0), score)
    stamp = utc_now()
    insert_new(store, spec.table, (spec.member, spec.group, "score", "added_at"),
               [(m, spec.group_id(m), score, stamp) for m, score in sorted(best.items())])
    link(store, spec, [(a, b) for a, b, _ in edges])


# ---------------------------------------------------------------------------------------------
# actors


def _actor_edges(store: SqlStore, records: Sequence[ArticleRecord]) -> list[tuple[str, str, float]]:
    persons = {a.id: a for r in records for a in r.actors if a.kind == "person" and a.country}
    edges = []
    for country in sorted({str(a.country) for a in persons.values()}):  # one read per country and batch
        stored = store.rows("SELECT id, name, aliases FROM actors WHERE kind = 'person' AND country = ?", (country,))
        known = [(str(i), [str(name), *json.loads(aliases)]) for i, name, aliases in stored]
        for actor in (a for a in persons.values() if a.country == country):
            for other_id, names in known:
                score = _best_name_score(actor, names) if other_id != actor.id else 0.0
                if score >= SAME_PERSON:
                    edges.append(_pair(actor.id, other_id, score))
    return sorted(set(edges))


def _pair(a: str, b: str, score: float) -> tuple[str, str, float]:
    return (a, b, score) if a < b else (b, a, score)


def _best_name_score(actor: Actor, names: list[str]) -> float:
    return max((same_person_name(mine, theirs) for mine in [actor.name, *actor.aliases] for theirs in names),
               default=0.0)


def canonical_actors(store: SqlStore, actor_ids: Sequence[str]) -> dict[str, str]:
    """Each id's canonical actor id (itself when it has no alias)."""
    found = dict(rows_in(store, "SELECT actor_id, canonical_id FROM actor_aliases WHERE actor_id IN ({marks})",
                         actor_ids))
    return {a: str(found.get(a, a)) for a in actor_ids}


# ---------------------------------------------------------------------------------------------
# proposals


def _proposal_edges(store: SqlStore, records: Sequence[ArticleRecord]) -> list[tuple[str, str, float]]:
    proposals = {p.id: (p, day_number(r.article.published_at)) for r in records for p in r.proposals}
    sides = _sides(store, [a for p, _ in proposals.values() for a in p.proposed_by])
    stored_days = _mention_days(store, list(proposals))
    edges = []
    for proposal, day in proposals.values():
        mine = ProposalKey.of(proposal.label, proposal.terms, proposal.proposed_by, sides,
                              [*stored_days.get(proposal.id, []), *([day] if day is not None else [])])
        found = store.rows("SELECT id, label, proposed_by, terms FROM proposals WHERE kind = ? AND id <> ?",
                           (proposal.kind, proposal.id))
        others = {str(i): (str(label), json.loads(parties), json.loads(terms)) for i, label, parties, terms in found}
        days = _mention_days(store, list(others))
        more = _sides(store, [a for _, parties, _ in others.values() for a in parties])
        for other_id, (label, parties, terms) in others.items():
            theirs = ProposalKey.of(label, terms, parties, {**sides, **more}, days.get(other_id, []))
            score = same_proposal(mine, theirs)
            if score:
                edges.append(_pair(proposal.id, other_id, score))
    return sorted(set(edges))


# Days apart that two mentions of one proposal may be (the "same weeks").
PROPOSAL_DAYS = 21
# A term that tells one proposal from another of its kind: a number or an ordinal ("30-day",
# "16th", "three-day", "seventeenth").
_DISTINCT = re.compile(r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|twelve|fifteen|twenty|thirty|"
                       r"sixty|ninety|hundred|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|"
                       r"eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|"
                       r"nineteenth|twentieth)\b")


@dataclass(frozen=True)
class ProposalKey:
    """What decides whether two proposal ids are one proposal: the sides that made it (a person
    counts as their country), the distinguishing terms, all terms, and the days it was reported."""

    sides: frozenset[str]
    distinct: frozenset[str]
    terms: frozenset[str]
    days: tuple[int, ...]

    @classmethod
    def of(cls, label: str, terms: Sequence[str], parties: Sequence[str], sides: dict[str, str],
           days: Sequence[int]) -> ProposalKey:
        words = {t.casefold() for t in [*terms, *label.split()]}
        return cls(frozenset(sides.get(a, a) for a in parties), frozenset(w for w in words if _DISTINCT.search(w)),
                   frozenset(t.casefold() for t in terms), tuple(sorted(set(days))))


def same_proposal(x: ProposalKey, y: ProposalKey) -> float:
    """A score in (0, 1] when two proposals of one kind are one, else 0 (symmetric).

    - their terms do not contradict: distinguishing terms ("16th" vs "17th" package) and, where
      both give terms, the terms overlap ("grain shipping" vs "prisoner exchange": two proposals);
    - their sides overlap; where one side is unknown (a bare mention), a shared distinguishing
      term stands in ("30-day ceasefire" == "immediate temporary 30-day ceasefire"); two bare
      mentions without one stay apart (a "ceasefire" in Gaza is not one in Ukraine);
    - they were reported within ``PROPOSAL_DAYS`` of each other (undated: not compared)."""
    if (x.distinct and y.distinct and not x.distinct & y.distinct) or (x.terms and y.terms and not x.terms & y.terms):
        return 0.0
    if not any(abs(a - b) <= PROPOSAL_DAYS for a in x.days for b in y.days):
        return 0.0
    shared_terms = overlap(sorted(x.terms), sorted(y.terms))
    if x.sides and y.sides:
        if not x.sides & y.sides:
            return 0.0
        return round(0.5 + 0.5 * max(shared_terms, len(x.sides & y.sides) / len(x.sides | y.sides)), 4)
    if x.distinct & y.distinct:
        return round(0.5 + 0.5 * shared_terms, 4)
    return 0.0


def _sides(store: SqlStore, actor_ids: Sequence[str]) -> dict[str, str]:
    """Each party's side: a state or a person as its country (``country:UKR``), else its canonical id."""
    canonical = canonical_actors(store, list(dict.fromkeys(actor_ids)))
    found = rows_in(store, "SELECT id, kind, country FROM actors WHERE id IN ({marks})", canonical)
    country = {str(i): str(c) for i, kind, c in found if c and kind in ("state", "person")}
    return {a: f"country:{country[a]}" if a in country else canonical[a] for a in canonical}


def _mention_days(store: SqlStore, proposal_ids: Sequence[str]) -> dict[str, list[int]]:
    found = rows_in(store, "SELECT DISTINCT m.proposal_id, SUBSTR(a.published_at, 1, 10) FROM proposal_mentions m "
                           "JOIN articles a ON a.id = m.article_id WHERE m.proposal_id IN ({marks})", proposal_ids)
    days: dict[str, list[int]] = {}
    for proposal_id, value in found:
        number = day_number(value)
        if number is not None:
            days.setdefault(str(proposal_id), []).append(number)
    return days


# ---------------------------------------------------------------------------------------------
# events


@dataclass(frozen=True)
class EventMention:
    event_id: str
    article_id: str
    type: str
    day: int | None
    place_id: str | None
    sources: list[str]
    targets: list[str]

    def row(self, stamp: str) -> tuple[object, ...]:
        return (EVENTS.group_id(self.event_id), self.event_id, self.article_id, self.type, self.day,
                self.place_id, json.dumps(self.sources), json.dumps(self.targets), stamp)


EVENT_COLUMNS = ("cluster_id", "event_id", "article_id", "type", "day", "place_id", "sources", "targets",
                 "added_at")


def mention_of(record: ArticleRecord, event: Event) -> EventMention:
    keys = {a.id: actor_key(a) for a in record.actors}
    when = event.when.value if event.when else None
    day = day_number(when)
    if day is None:
        day = day_number(record.article.published_at)
    return EventMention(event.id, record.article.id, event.type, day, event.place_id,
                        sorted({keys.get(i, i) for i in event.source}), sorted({keys.get(i, i) for i in event.target}))


def same_event(x: EventMention, y: EventMention) -> bool:
    """Two reports of one event: other articles, same type, actors overlapping and none disjoint,
    same place or one unplaced, dated within a day."""
    if x.article_id == y.article_id or x.type != y.type or x.day is None or y.day is None:
        return False
    if abs(x.day - y.day) > EVENT_DAYS or (x.place_id and y.place_id and x.place_id != y.place_id):
        return False
    sources, targets = set(x.sources) & set(y.sources), set(x.targets) & set(y.targets)
    disjoint = (x.sources and y.sources and not sources) or (x.targets and y.targets and not targets)
    return bool((sources or targets) and not disjoint)


def _add_events(store: SqlStore, records: Sequence[ArticleRecord]) -> None:
    mentions = [mention_of(r, e) for r in records for e in r.events]
    known = {m.event_id for m in mentions}
    stored = {e for (e,) in rows_in(store, "SELECT event_id FROM event_clusters WHERE event_id IN ({marks})", known)}
    new = [m for m in mentions if m.event_id not in stored]
    stamp = utc_now()
    insert_new(store, "event_clusters", EVENT_COLUMNS, [m.row(stamp) for m in new])
    edges = {tuple(sorted((m.event_id, o.event_id))) for m in new if m.day is not None
             for o in _event_candidates(store, m.type, m.day, m.article_id) if same_event(m, o)}
    link(store, EVENTS, [(a, b) for a, b in sorted(edges)])


def _event_candidates(store: SqlStore, event_type: str, day: int, article_id: str) -> list[EventMention]:
    found = store.rows(f"SELECT {', '.join(EVENT_COLUMNS[1:-1])} FROM event_clusters WHERE type = ? "
                       "AND day BETWEEN ? AND ? AND article_id <> ?",
                       (event_type, day - EVENT_DAYS, day + EVENT_DAYS, article_id))
    return [EventMention(str(e), str(a), str(t), int(d), p, json.loads(s), json.loads(g))
            for e, a, t, d, p, s, g in found]
