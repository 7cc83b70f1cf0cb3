"""An ArticleRecord as table rows: queryable columns plus the record's own JSON.

Pure functions, no I/O: :func:`article_rows` gives the article row, :func:`layer_rows` the
per-article rows (in the record's order, numbered by ``ord``) and :func:`global_rows` the
corpus-level actors, places and proposals this article brings.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from dateline.records import Actor, ArticleRecord, Place, Proposal, TimeValue, dumps


@dataclass(frozen=True)
class RowSet:
    """Rows for one table, all with the same columns."""

    table: str
    columns: tuple[str, ...]
    rows: list[tuple[Any, ...]]


def _time(value: TimeValue | None) -> str | None:
    return value.value if value is not None else None


def _json_list(items: list[str]) -> str:
    return json.dumps(items, ensure_ascii=False)


ARTICLE_COLUMNS = (
    "id", "url", "title", "subtitle", "publisher", "authors", "language", "published_at", "updated_at",
    "published_tz_known", "text", "text_sha256", "pipeline_version", "source_path", "schema_version",
    "fingerprint", "run_id", "stored_at",
)


def article_row(record: ArticleRecord, *, fingerprint: str | None, run_id: str | None, now: str) -> tuple[Any, ...]:
    a = record.article
    return (
        a.id, a.url, a.title, a.subtitle, a.publisher, _json_list(a.authors), a.language, a.published_at,
        a.updated_at, int(a.published_tz_known), a.text, a.text_sha256, a.pipeline_version, a.source_path,
        record.schema_version, fingerprint, run_id, now,
    )


def layer_rows(record: ArticleRecord) -> list[RowSet]:
    """Every per-article row of ``record`` (tables in :data:`schema.PER_ARTICLE_TABLES`)."""
    return [
        _actor_mentions(record), _actor_roles(record), _quotes(record), _times(record),
        _place_mentions(record), _proposal_mentions(record), _events(record), _event_actors(record),
        _stances(record),
    ]


def _actor_mentions(record: ArticleRecord) -> RowSet:
    aid = record.article.id
    rows = [(aid, i, a.id, len(a.mentions), dumps(a)) for i, a in enumerate(record.actors)]
    return RowSet("actor_mentions", ("article_id", "ord", "actor_id", "mention_count", "record_json"), rows)


def _actor_roles(record: ArticleRecord) -> RowSet:
    aid = record.article.id
    pairs = [(a.id, r) for a in record.actors for r in a.roles]
    rows = [(aid, i, actor_id, r.title, r.organization, _time(r.as_of)) for i, (actor_id, r) in enumerate(pairs)]
    return RowSet("actor_roles", ("article_id", "ord", "actor_id", "title", "organization", "as_of"), rows)


def _quotes(record: ArticleRecord) -> RowSet:
    aid = record.article.id
    rows = [
        (aid, i, q.id, q.kind, q.speaker.actor_id if q.speaker else None, q.speaker.text if q.speaker else None,
         int(q.anonymous), q.cue.lemma if q.cue else None, q.channel.kind if q.channel else None,
         _time(q.said_on), q.text, q.confidence, dumps(q))
        for i, q in enumerate(record.quotes)
    ]
    columns = ("article_id", "ord", "id", "kind", "speaker_actor_id", "speaker_text", "anonymous", "cue_lemma",
               "channel_kind", "said_on", "text", "confidence", "record_json")
    return RowSet("quotes", columns, rows)


def _times(record: ArticleRecord) -> RowSet:
    aid = record.article.id
    rows = [(aid, i, t.id, t.value, t.type, t.granularity, t.anchor, dumps(t)) for i, t in enumerate(record.times)]
    return RowSet("times", ("article_id", "ord", "id", "value", "type", "granularity", "anchor", "record_json"), rows)


def _place_mentions(record: ArticleRecord) -> RowSet:
    aid = record.article.id
    rows = [(aid, i, p.id, len(p.mentions), dumps(p)) for i, p in enumerate(record.places)]
    return RowSet("place_mentions", ("article_id", "ord", "place_id", "mention_count", "record_json"), rows)


def _proposal_mentions(record: ArticleRecord) -> RowSet:
    aid = record.article.id
    rows = [(aid, i, p.id, dumps(p)) for i, p in enumerate(record.proposals)]
    return RowSet("proposal_mentions", ("article_id", "ord", "proposal_id", "record_json"), rows)


def _events(record: ArticleRecord) -> RowSet:
    aid = record.article.id
    rows = [
        (aid, i, e.id, e.type, e.mode, e.cameo, e.acled.event_type if e.acled else None, e.place_id,
         _time(e.when), e.reported_in, e.proposal_id, e.fatalities.min if e.fatalities else None,
         e.fatalities.max if e.fatalities else None, e.confidence, dumps(e))
        for i, e in enumerate(record.events)
    ]
    columns = ("article_id", "ord", "id", "type", "mode", "cameo", "acled_event_type", "place_id", "when_value",
               "reported_in", "proposal_id", "fatalities_min", "fatalities_max", "confidence", "record_json")
    return RowSet("events", columns, rows)


def _event_actors(record: ArticleRecord) -> RowSet:
    aid = record.article.id
    links = [(ei, e.id, actor_id, role) for ei, e in enumerate(record.events)
             for role, ids in (("source", e.source), ("target", e.target)) for actor_id in ids]
    rows = [(aid, i, *link) for i, link in enumerate(links)]
    return RowSet("event_actors", ("article_id", "ord", "event_ord", "event_id", "actor_id", "role"), rows)


def _stances(record: ArticleRecord) -> RowSet:
    aid = record.article.id
    rows = [(aid, i, s.id, s.actor_id, s.proposal_id, s.position, _time(s.as_of), s.confidence, dumps(s))
            for i, s in enumerate(record.stances)]
    columns = ("article_id", "ord", "id", "actor_id", "proposal_id", "position", "as_of", "confidence", "record_json")
    return RowSet("stances", columns, rows)


# ---------------------------------------------------------------------------------------------
# corpus-level rows, merged with what is stored


def merge_actor(actor: Actor, stored: tuple[Any, ...] | None, now: str) -> tuple[Any, ...]:
    """The ``actors`` row for ``actor``, its aliases (and any stored ones) merged; known fields kept."""
    aliases = _union(json.loads(stored[4]) if stored else [], [actor.name, *actor.aliases])
    country = actor.country or (stored[2] if stored else None)
    sector = actor.sector or (stored[3] if stored else None)
    kind = actor.kind if actor.kind != "unknown" or not stored else stored[1]
    return (actor.id, actor.name, kind, country, sector, _json_list(aliases), now)


ACTOR_COLUMNS = ("id", "name", "kind", "country", "sector", "aliases", "updated_at")
ACTOR_STORED = "SELECT id, kind, country, sector, aliases FROM actors WHERE id = ?"


def place_row(place: Place, now: str) -> tuple[Any, ...]:
    return (place.id, place.name, place.feature, place.country, place.admin1, place.lat, place.lon,
            place.precision, now)


PLACE_COLUMNS = ("id", "name", "feature", "country", "admin1", "lat", "lon", "precision", "updated_at")


def merge_proposal(proposal: Proposal, stored: tuple[Any, ...] | None, now: str) -> tuple[Any, ...]:
    proposed_by = _union(json.loads(stored[1]) if stored else [], proposal.proposed_by)
    terms = _union(json.loads(stored[2]) if stored else [], proposal.terms)
    return (proposal.id, proposal.label, proposal.kind, _json_list(proposed_by), _json_list(terms), now)


PROPOSAL_COLUMNS = ("id", "label", "kind", "proposed_by", "terms", "updated_at")
PROPOSAL_STORED = "SELECT id, proposed_by, terms FROM proposals WHERE id = ?"


def _union(first: list[str], second: list[str]) -> list[str]:
    """Items of both lists in first-seen order, without repeats."""
    return list(dict.fromkeys([*first, *second]))
