"""Every read the CLI, the API and the exports use, over any :class:`~dateline.store.base.Store`.

SQL here is portable (``?`` placeholders; the backend adapts them).  Results are typed records:
an :class:`ArticleRecord` exactly as it was written, or a view of a corpus-level entity.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from dateline.records import (
    Actor,
    Article,
    ArticleRecord,
    Event,
    Place,
    Proposal,
    Quote,
    Stance,
    TimeExpr,
    from_json,
)
from dateline.store.base import Store
from dateline.store.schema import ARTICLES_TSVECTOR

_ARTICLE_FIELDS = ("id, url, title, subtitle, publisher, authors, language, published_at, updated_at, "
                   "published_tz_known, text, text_sha256, pipeline_version, source_path, schema_version")


# ---------------------------------------------------------------------------------------------
# whole records


def get_record(store: Store, article_id: str) -> ArticleRecord | None:
    """The article's record exactly as written (None if the id is not stored)."""
    found = store.rows(f"SELECT {_ARTICLE_FIELDS} FROM articles WHERE id = ?", (article_id,))
    return _record(store, found[0]) if found else None


def iter_records(store: Store, page_size: int = 200) -> Iterator[ArticleRecord]:
    """Every stored record, by publication time then id, read a page at a time."""
    last: tuple[str, str] = ("", "")
    while True:
        page = store.rows(
            f"SELECT {_ARTICLE_FIELDS} FROM articles WHERE (COALESCE(published_at, ''), id) > (?, ?) "
            "ORDER BY COALESCE(published_at, ''), id LIMIT ?", (*last, page_size))
        for row in page:
            yield _record(store, row)
        if len(page) < page_size:
            return
        last = (page[-1][7] or "", page[-1][0])


def article_ids(store: Store) -> list[str]:
    return [aid for (aid,) in store.rows("SELECT id FROM articles ORDER BY COALESCE(published_at, ''), id")]


def _record(store: Store, row: tuple[Any, ...]) -> ArticleRecord:
    article = Article(
        id=row[0], url=row[1], title=row[2], subtitle=row[3], publisher=row[4], authors=json.loads(row[5]),
        language=row[6], published_at=row[7], updated_at=row[8], published_tz_known=bool(row[9]), text=row[10],
        text_sha256=row[11], pipeline_version=row[12], source_path=row[13],
    )
    aid = article.id
    return ArticleRecord(
        article=article,
        actors=_layer(store, "actor_mentions", aid, Actor),
        quotes=_layer(store, "quotes", aid, Quote),
        times=_layer(store, "times", aid, TimeExpr),
        places=_layer(store, "place_mentions", aid, Place),
        events=_layer(store, "events", aid, Event),
        proposals=_layer(store, "proposal_mentions", aid, Proposal),
        stances=_layer(store, "stances", aid, Stance),
        schema_version=row[14],
    )


def _layer(store: Store, table: str, article_id: str, cls: type[Any]) -> list[Any]:
    found = store.rows(f"SELECT record_json FROM {table} WHERE article_id = ? ORDER BY ord", (article_id,))
    return [from_json(cls, json.loads(text)) for (text,) in found]


# ---------------------------------------------------------------------------------------------
# entities by id


@dataclass(frozen=True)
class ActorView:
    """One actor across the corpus: merged names and affiliation, where it is mentioned."""

    id: str
    name: str
    kind: str
    country: str | None
    sector: str | None
    aliases: list[str]
    article_count: int
    mention_count: int
    article_ids: list[str]


@dataclass(frozen=True)
class PlaceView:
    id: str
    name: str
    feature: str
    country: str | None
    admin1: str | None
    lat: float | None
    lon: float | None
    precision: int
    article_count: int
    article_ids: list[str]


@dataclass(frozen=True)
class ProposalView:
    id: str
    label: str
    kind: str
    proposed_by: list[str]
    terms: list[str]
    article_ids: list[str]
    stances: list[Stance]


@dataclass(frozen=True)
class Located:
    """A per-article record (quote, event, time, stance) with the article it comes from."""

    article_id: str
    record: Quote | Event | TimeExpr | Stance


Entity = ArticleRecord | ActorView | PlaceView | ProposalView | Located


def get_actor(store: Store, actor_id: str) -> ActorView | None:
    found = store.rows("SELECT id, name, kind, country, sector, aliases FROM actors WHERE id = ?", (actor_id,))
    if not found:
        return None
    mentions = store.rows("SELECT article_id, mention_count FROM actor_mentions WHERE actor_id = ? "
                          "ORDER BY article_id", (actor_id,))
    ids = list(dict.fromkeys(a for a, _ in mentions))
    (id_, name, kind, country, sector, aliases) = found[0]
    return ActorView(id_, name, kind, country, sector, json.loads(aliases), len(ids),
                     sum(n for _, n in mentions), ids)


def get_place(store: Store, place_id: str) -> PlaceView | None:
    found = store.rows("SELECT id, name, feature, country, admin1, lat, lon, precision FROM places WHERE id = ?",
                       (place_id,))
    if not found:
        return None
    ids = _distinct(store.rows("SELECT article_id FROM place_mentions WHERE place_id = ? ORDER BY article_id",
                               (place_id,)))
    id_, name, feature, country, admin1, lat, lon, precision = found[0]
    return PlaceView(id_, name, feature, country, admin1, lat, lon, precision, len(ids), ids)


def get_proposal(store: Store, proposal_id: str) -> ProposalView | None:
    found = store.rows("SELECT id, label, kind, proposed_by, terms FROM proposals WHERE id = ?", (proposal_id,))
    if not found:
        return None
    ids = _distinct(store.rows("SELECT article_id FROM proposal_mentions WHERE proposal_id = ? "
                               "ORDER BY article_id", (proposal_id,)))
    stances = [from_json(Stance, json.loads(t)) for (t,) in store.rows(
        "SELECT record_json FROM stances WHERE proposal_id = ? "
        "ORDER BY COALESCE(as_of, ''), article_id, ord", (proposal_id,))]
    id_, label, kind, proposed_by, terms = found[0]
    return ProposalView(id_, label, kind, json.loads(proposed_by), json.loads(terms), ids, stances)


def get_located(store: Store, table: str, record_id: str) -> Located | None:
    """The first stored record with this id from ``table`` (quotes, events, times or stances)."""
    cls: type[Any] = {"quotes": Quote, "events": Event, "times": TimeExpr, "stances": Stance}[table]
    found = store.rows(f"SELECT article_id, record_json FROM {table} WHERE id = ? ORDER BY article_id, ord LIMIT 1",
                       (record_id,))
    return Located(found[0][0], from_json(cls, json.loads(found[0][1]))) if found else None


def get_entity(store: Store, entity_id: str) -> Entity | None:
    """Whatever the id names: an article, actor, place, proposal, quote, event, time or stance."""
    lookups = (
        lambda: get_record(store, entity_id), lambda: get_actor(store, entity_id),
        lambda: get_place(store, entity_id), lambda: get_proposal(store, entity_id),
        lambda: get_located(store, "quotes", entity_id), lambda: get_located(store, "events", entity_id),
        lambda: get_located(store, "times", entity_id), lambda: get_located(store, "stances", entity_id),
    )
    for lookup in lookups:
        found: Entity | None = lookup()
        if found is not None:
            return found
    return None


def _distinct(found: list[tuple[Any, ...]]) -> list[str]:
    return list(dict.fromkeys(str(row[0]) for row in found))


# ---------------------------------------------------------------------------------------------
# summaries


@dataclass(frozen=True)
class TopActor:
    id: str
    name: str
    kind: str
    country: str | None
    mentions: int
    articles: int


@dataclass(frozen=True)
class SkippedInput:
    path: str
    code: str
    reason: str
    stage: str | None
    at: str


@dataclass(frozen=True)
class Stats:
    counts: dict[str, int]
    events_by_type: dict[str, int]
    skipped_by_code: dict[str, int]
    top_actors: list[TopActor]
    runs: int


def stats(store: Store, top: int = 10) -> Stats:
    events = store.rows("SELECT type, COUNT(*) FROM events GROUP BY type ORDER BY COUNT(*) DESC, type")
    skipped = store.rows("SELECT code, COUNT(*) FROM skipped GROUP BY code ORDER BY code")
    return Stats(
        counts=store.table_counts(),
        events_by_type={t: int(n) for t, n in events},
        skipped_by_code={c: int(n) for c, n in skipped},
        top_actors=top_actors(store, top),
        runs=int(store.rows("SELECT COUNT(*) FROM runs")[0][0]),
    )


def top_actors(store: Store, limit: int = 10) -> list[TopActor]:
    found = store.rows(
        "SELECT a.id, a.name, a.kind, a.country, SUM(m.mention_count), COUNT(DISTINCT m.article_id) "
        "FROM actors a JOIN actor_mentions m ON m.actor_id = a.id GROUP BY a.id, a.name, a.kind, a.country "
        "ORDER BY SUM(m.mention_count) DESC, COUNT(DISTINCT m.article_id) DESC, a.name LIMIT ?", (limit,))
    return [TopActor(i, n, k, c, int(m), int(a)) for i, n, k, c, m, a in found]


def skipped_inputs(store: Store) -> list[SkippedInput]:
    found = store.rows("SELECT path, code, reason, stage, at FROM skipped ORDER BY at DESC, path")
    return [SkippedInput(*row) for row in found]


def search_articles(store: Store, query: str, limit: int = 20) -> list[tuple[str, str | None]]:
    """(article id, title) of articles holding every word of ``query``, best first (SQLite FTS5,
    PostgreSQL tsvector)."""
    if store.dialect == "postgres":
        found = store.rows(
            f"SELECT id, title FROM articles WHERE {ARTICLES_TSVECTOR} @@ plainto_tsquery('simple', ?) "
            f"ORDER BY ts_rank({ARTICLES_TSVECTOR}, plainto_tsquery('simple', ?)) DESC, id LIMIT ?",
            (query, query, limit))
    else:
        found = store.rows(
            "SELECT a.id, a.title FROM articles_fts f JOIN articles a ON a.rowid = f.rowid "
            "WHERE articles_fts MATCH ? ORDER BY rank LIMIT ?", (_fts_phrase(query), limit))
    return [(str(i), t) for i, t in found]


def _fts_phrase(query: str) -> str:
    """The user's words as FTS5 terms, each quoted so that operators in the input are plain text."""
    return " ".join('"' + word.replace('"', '""') + '"' for word in query.split())
