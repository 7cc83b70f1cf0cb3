"""Cross-article identity: one actor under several ids, one proposal under several ids, one event
reported by several outlets.

- ``actor_aliases(actor_id, canonical_id)``: persons of the same country whose names can be one
  person (:func:`~dateline.corpus.names.same_person_name`: surname keys match through
  transliteration, given names agree or one is missing).  The canonical id is the group's smallest.
- ``proposal_aliases(proposal_id, canonical_id)``: proposals of the same kind, the same parties
  (canonical actors) and overlapping terms.
- ``event_clusters(cluster_id, event_id, ...)``: events of the same type whose sources and targets
  overlap (none disjoint), at the same place (or one unplaced), within a day.  Each mention keeps
  its own record, so conflicting claims (fatalities) stay side by side.

Every rule looks only at the two sides, and groups are connected components named after their
smallest member, so the groups do not depend on batch boundaries (an actor alias found later does
not re-cluster events already compared).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz

from dateline.corpus.db import day_number, insert_new, now, rows_in
from dateline.corpus.graph import GroupTable, link
from dateline.corpus.names import actor_key, same_person_name
from dateline.corpus.text import overlap
from dateline.records import Actor, ArticleRecord, Event, Proposal, stable_id
from dateline.store.base import SqlStore

# Name score (0-1) from which two same-country persons are one.
SAME_PERSON = 0.85
# Term overlap, or label similarity (0-100), from which two proposals of the same parties are one.
SAME_TERMS = 0.5
SAME_LABEL = 85
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
    stamp = now()
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
    proposals = {p.id: p for r in records for p in r.proposals}
    edges = []
    for proposal in proposals.values():
        found = store.rows("SELECT id, label, proposed_by, terms FROM proposals WHERE kind = ? AND id <> ?",
                           (proposal.kind, proposal.id))
        for other_id, label, parties, terms in found:
            score = _proposal_score(store, proposal, str(label), json.loads(parties), json.loads(terms))
            if score:
                edges.append(_pair(proposal.id, str(other_id), score))
    return sorted(set(edges))


def _proposal_score(store: SqlStore, proposal: Proposal, label: str, parties: list[str], terms: list[str]) -> float:
    mine = set(canonical_actors(store, proposal.proposed_by).values())
    if mine != set(canonical_actors(store, parties).values()):
        return 0.0
    shared = overlap([t.casefold() for t in proposal.terms], [t.casefold() for t in terms])
    similar = fuzz.token_set_ratio(proposal.label.casefold(), label.casefold())
    return max(shared, similar / 100) if shared >= SAME_TERMS or similar >= SAME_LABEL else 0.0


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
    day = day_number(when) if day_number(when) is not None else day_number(record.article.published_at)
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
    insert_new(store, "event_clusters", EVENT_COLUMNS, [m.row(now()) for m in new])
    edges = {tuple(sorted((m.event_id, o.event_id))) for m in new if m.day is not None
             for o in _event_candidates(store, m.type, m.day, m.article_id) if same_event(m, o)}
    link(store, EVENTS, [(a, b) for a, b in sorted(edges)])


def _event_candidates(store: SqlStore, event_type: str, day: int, article_id: str) -> list[EventMention]:
    found = store.rows(f"SELECT {', '.join(EVENT_COLUMNS[1:-1])} FROM event_clusters WHERE type = ? "
                       "AND day BETWEEN ? AND ? AND article_id <> ?",
                       (event_type, day - EVENT_DAYS, day + EVENT_DAYS, article_id))
    return [EventMention(str(e), str(a), str(t), int(d), p, json.loads(s), json.loads(g))
            for e, a, t, d, p, s, g in found]
