"""Reads over the corpus tables: stories, canonical actors with their evidence across articles,
proposal groups, and event clusters with every mention and every claim side by side.

Every function takes a :class:`~dateline.store.base.Store` and returns plain dataclasses; nothing
here writes.  Claims are never combined: two outlets giving two death tolls give two claims.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from dateline.corpus.db import rows_in
from dateline.errors import RecordNotFound
from dateline.store.base import Store

# ---------------------------------------------------------------------------------------------
# stories


@dataclass(frozen=True)
class StoryMember:
    article_id: str
    title: str | None
    publisher: str | None
    published_at: str | None
    similarity: float | None
    duplicate_of: str | None


def story_of(store: Store, article_id: str) -> str | None:
    found = store.rows("SELECT story_id FROM stories WHERE article_id = ?", (article_id,))
    return str(found[0][0]) if found else None


def story(store: Store, story_id: str) -> list[StoryMember]:
    """The story's articles, earliest published first; RecordNotFound for an unknown id."""
    found = store.rows("SELECT s.article_id, a.title, a.publisher, a.published_at, s.similarity, s.duplicate_of "
                       "FROM stories s JOIN articles a ON a.id = s.article_id WHERE s.story_id = ? "
                       "ORDER BY COALESCE(a.published_at, ''), s.article_id", (story_id,))
    if not found:
        raise RecordNotFound(f"no story {story_id!r}")
    return [StoryMember(*row) for row in found]


def stories(store: Store) -> dict[str, list[str]]:
    """Every story id with its article ids (sorted), for checks and exports."""
    grouped: dict[str, list[str]] = {}
    for story_id, article_id in store.rows("SELECT story_id, article_id FROM stories ORDER BY story_id, article_id"):
        grouped.setdefault(str(story_id), []).append(str(article_id))
    return grouped


# ---------------------------------------------------------------------------------------------
# actors


def canonical_actor(store: Store, actor_id: str) -> str:
    """The canonical id of ``actor_id`` (itself when no other id was merged with it)."""
    found = store.rows("SELECT canonical_id FROM actor_aliases WHERE actor_id = ?", (actor_id,))
    return str(found[0][0]) if found else actor_id


def actor_ids(store: Store, actor_id: str) -> list[str]:
    """All ids merged with ``actor_id``, the canonical first."""
    canonical = canonical_actor(store, actor_id)
    found = [str(a) for (a,) in store.rows("SELECT actor_id FROM actor_aliases WHERE canonical_id = ? "
                                            "ORDER BY actor_id", (canonical,))]
    return [canonical, *(a for a in found if a != canonical)]


@dataclass(frozen=True)
class ActorEvidence:
    actor_id: str
    article_id: str
    title: str | None
    publisher: str | None
    published_at: str | None
    record: dict[str, Any]  # the Actor record as the article gave it (mentions with offsets)


@dataclass(frozen=True)
class MergedActor:
    id: str  # canonical
    ids: list[str]
    name: str
    kind: str
    country: str | None
    aliases: list[str]
    evidence: list[ActorEvidence]


def merged_actor(store: Store, actor_id: str) -> MergedActor:
    """One actor across the corpus: every id merged with it, every name, every article's evidence."""
    ids = actor_ids(store, actor_id)
    found = rows_in(store, "SELECT id, name, kind, country, aliases FROM actors WHERE id IN ({marks})", ids)
    if not found:
        raise RecordNotFound(f"no actor {actor_id!r}")
    by_id = {str(row[0]): row for row in found}
    main = by_id.get(ids[0], found[0])
    aliases = list(dict.fromkeys(n for i in ids if i in by_id for n in [by_id[i][1], *json.loads(by_id[i][4])]))
    return MergedActor(ids[0], ids, str(main[1]), str(main[2]), main[3], aliases, _actor_evidence(store, ids))


def _actor_evidence(store: Store, ids: list[str]) -> list[ActorEvidence]:
    found = rows_in(store, "SELECT m.actor_id, m.article_id, a.title, a.publisher, a.published_at, m.record_json "
                           "FROM actor_mentions m JOIN articles a ON a.id = m.article_id "
                           "WHERE m.actor_id IN ({marks})", ids)
    found.sort(key=lambda row: (row[4] or "", row[1], row[0]))
    return [ActorEvidence(row[0], row[1], row[2], row[3], row[4], json.loads(row[5])) for row in found]


# ---------------------------------------------------------------------------------------------
# proposals


def canonical_proposal(store: Store, proposal_id: str) -> str:
    found = store.rows("SELECT canonical_id FROM proposal_aliases WHERE proposal_id = ?", (proposal_id,))
    return str(found[0][0]) if found else proposal_id


# ---------------------------------------------------------------------------------------------
# event clusters


@dataclass(frozen=True)
class EventMentionView:
    event_id: str
    article_id: str
    title: str | None
    publisher: str | None
    published_at: str | None
    record: dict[str, Any]  # the Event record as this article reported it


@dataclass(frozen=True)
class Claim:
    """One outlet's figure for the event, as reported (never averaged with the others)."""

    field: str
    value: Any
    event_id: str
    article_id: str
    publisher: str | None


@dataclass(frozen=True)
class EventCluster:
    cluster_id: str
    type: str
    mentions: list[EventMentionView]
    claims: list[Claim]

    @property
    def conflicting(self) -> bool:
        """Whether the reports disagree on some field (e.g. two different death tolls)."""
        values: dict[str, set[str]] = {}
        for claim in self.claims:
            values.setdefault(claim.field, set()).add(json.dumps(claim.value, sort_keys=True))
        return any(len(v) > 1 for v in values.values())


def event_cluster_id(store: Store, event_id: str) -> str | None:
    found = store.rows("SELECT cluster_id FROM event_clusters WHERE event_id = ?", (event_id,))
    return str(found[0][0]) if found else None


def event_cluster(store: Store, cluster_or_event_id: str) -> EventCluster:
    """The cluster (given its id or any member event's id) with each mention and each claim."""
    cluster_id = event_cluster_id(store, cluster_or_event_id) or cluster_or_event_id
    found = store.rows(
        "SELECT c.event_id, c.article_id, a.title, a.publisher, a.published_at, e.record_json, c.type "
        "FROM event_clusters c JOIN articles a ON a.id = c.article_id "
        "JOIN events e ON e.article_id = c.article_id AND e.id = c.event_id WHERE c.cluster_id = ? "
        "ORDER BY COALESCE(a.published_at, ''), c.article_id, c.event_id", (cluster_id,))
    if not found:
        raise RecordNotFound(f"no event cluster {cluster_or_event_id!r}")
    mentions = [EventMentionView(row[0], row[1], row[2], row[3], row[4], json.loads(row[5])) for row in found]
    return EventCluster(cluster_id, str(found[0][6]), mentions, [c for m in mentions for c in _claims(m)])


# Fields of an event on which reports may disagree, kept per report.
CLAIM_FIELDS = ("fatalities", "place_id", "when", "mode")


def _claims(mention: EventMentionView) -> list[Claim]:
    return [Claim(name, mention.record[name], mention.event_id, mention.article_id, mention.publisher)
            for name in CLAIM_FIELDS if mention.record.get(name) is not None]
