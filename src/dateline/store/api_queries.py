"""The reads behind the HTTP API and the web page: paged lists with filters, and the views of one
actor or proposal across the corpus.

Like ``queries.py``, SQL here is portable (``?`` placeholders) except where a dialect differs
(JSON inside ``record_json``, full-text search), which is branched on ``store.dialect``.  Every
value from a request is a bound parameter; only fixed fragments written here are put in SQL text.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from dateline.corpus.db import rows_in
from dateline.store.base import Store
from dateline.store.queries import _fts_phrase
from dateline.store.schema import ARTICLES_TSVECTOR, QUOTES_TSVECTOR


@dataclass(frozen=True)
class Page:
    """One page of a list: the items, the total that match, and where the page starts."""

    items: list[dict[str, Any]]
    total: int
    limit: int
    offset: int

    def as_dict(self) -> dict[str, Any]:
        return {"items": self.items, "total": self.total, "limit": self.limit, "offset": self.offset}


@dataclass
class Where:
    """``WHERE`` clauses and their parameters, built up one filter at a time."""

    clauses: list[str] = field(default_factory=list)
    params: list[Any] = field(default_factory=list)

    def add(self, clause: str, *params: Any) -> None:
        self.clauses.append(clause)
        self.params.extend(params)

    @property
    def sql(self) -> str:
        return " WHERE " + " AND ".join(self.clauses) if self.clauses else ""


def _paged(store: Store, select: str, from_where: str, params: Sequence[Any], order: str, limit: int,
           offset: int) -> tuple[list[tuple[Any, ...]], int]:
    total = int(store.rows(f"SELECT COUNT(*) {from_where}", params)[0][0])
    found = store.rows(f"{select} {from_where} ORDER BY {order} LIMIT ? OFFSET ?", (*params, limit, offset))
    return found, total


# The day an event happened: its own date when it has one (YYYY-MM-DD...), else the article's day.
EVENT_DAY = ("CASE WHEN e.when_value LIKE '____-__-__%' THEN SUBSTR(e.when_value, 1, 10) "
             "ELSE SUBSTR(a.published_at, 1, 10) END")


# ---------------------------------------------------------------------------------------------
# articles


@dataclass(frozen=True)
class ArticleFilter:
    since: str | None = None
    until: str | None = None
    publisher: str | None = None


def list_articles(store: Store, flt: ArticleFilter, limit: int, offset: int) -> Page:
    where = Where()
    if flt.since:
        where.add("SUBSTR(a.published_at, 1, 10) >= ?", flt.since)
    if flt.until:
        where.add("SUBSTR(a.published_at, 1, 10) <= ?", flt.until)
    if flt.publisher:
        where.add("a.publisher = ?", flt.publisher)
    select = ("SELECT a.id, a.title, a.publisher, a.published_at, a.url, "
              "(SELECT COUNT(*) FROM quotes q WHERE q.article_id = a.id), "
              "(SELECT COUNT(*) FROM events e WHERE e.article_id = a.id)")
    found, total = _paged(store, select, f"FROM articles a{where.sql}", where.params,
                          "COALESCE(a.published_at, '') DESC, a.id", limit, offset)
    keys = ("id", "title", "publisher", "published_at", "url", "quote_count", "event_count")
    return Page([dict(zip(keys, row, strict=True)) for row in found], total, limit, offset)


def names_of(store: Store, table: str, ids: Sequence[str]) -> dict[str, str]:
    """``id -> name`` (``label`` for proposals) of the given corpus-level ids."""
    column = {"actors": "name", "places": "name", "proposals": "label"}[table]
    return dict(rows_in(store, f"SELECT id, {column} FROM {table} WHERE id IN ({{marks}})", ids))


# ---------------------------------------------------------------------------------------------
# actors


@dataclass(frozen=True)
class ActorFilter:
    name: str | None = None
    kind: str | None = None
    country: str | None = None


# The alias table of each kind of corpus-level entity, and its member column.
_ALIASES = {"actor": ("actor_aliases", "actor_id"), "proposal": ("proposal_aliases", "proposal_id")}

# Each actor id with its canonical id (itself when no alias was merged with it).
_ACTOR_GROUPS = "SELECT a.id AS member, COALESCE(al.canonical_id, a.id) AS cid FROM actors a " \
                "LEFT JOIN actor_aliases al ON al.actor_id = a.id"


def list_actors(store: Store, flt: ActorFilter, limit: int, offset: int) -> Page:
    """Actors by canonical id (aliases merged: one row for "Zelensky" and "Zelenskyy"), most
    mentioned first; a filter matches when any merged name matches."""
    where = Where()
    if flt.name:
        where.add("LOWER(a.name) LIKE ? ESCAPE '\\'", f"%{_like(flt.name.lower())}%")
    if flt.kind:
        where.add("a.kind = ?", flt.kind)
    if flt.country:
        where.add("a.country = ?", flt.country)
    matching = f"SELECT DISTINCT g.cid FROM ({_ACTOR_GROUPS}) g JOIN actors a ON a.id = g.member{where.sql}"
    total = int(store.rows(f"SELECT COUNT(*) FROM ({matching}) t", where.params)[0][0])
    found = store.rows(
        f"SELECT c.cid, ca.name, ca.kind, ca.country, ca.sector, COALESCE(SUM(m.mention_count), 0), "
        f"COUNT(DISTINCT m.article_id) FROM ({matching}) c JOIN actors ca ON ca.id = c.cid "
        f"JOIN ({_ACTOR_GROUPS}) g ON g.cid = c.cid LEFT JOIN actor_mentions m ON m.actor_id = g.member "
        f"GROUP BY c.cid, ca.name, ca.kind, ca.country, ca.sector ORDER BY 6 DESC, ca.name, c.cid LIMIT ? OFFSET ?",
        (*where.params, limit, offset))
    keys = ("id", "name", "kind", "country", "sector", "mention_count", "article_count")
    items = [dict(zip(keys, row, strict=True)) for row in found]
    members = _members(store, "actor", [item["id"] for item in items])
    for item in items:
        item["ids"] = members.get(item["id"], [item["id"]])
    return Page(items, total, limit, offset)


def _members(store: Store, kind: str, canonical_ids: Sequence[str]) -> dict[str, list[str]]:
    """Each canonical id's member ids (the canonical first) from ``actor_aliases`` / ``proposal_aliases``."""
    table, member = _ALIASES[kind]
    found: dict[str, list[str]] = {c: [c] for c in canonical_ids}
    for canonical, other in rows_in(store, f"SELECT canonical_id, {member} FROM {table} WHERE canonical_id IN "
                                           f"({{marks}}) ORDER BY {member}", found):
        if other != canonical:
            found[canonical].append(other)
    return found


def actor_group(store: Store, actor_id: str) -> list[str]:
    """Every actor id merged with ``actor_id`` (aliases), the canonical first."""
    return _group(store, "actor", actor_id)


def proposal_group(store: Store, proposal_id: str) -> list[str]:
    """Every proposal id merged with ``proposal_id`` (one proposal across articles), the canonical first."""
    return _group(store, "proposal", proposal_id)


def _group(store: Store, kind: str, member_id: str) -> list[str]:
    table, member = _ALIASES[kind]
    found = store.rows(f"SELECT canonical_id FROM {table} WHERE {member} = ?", (member_id,))
    canonical = str(found[0][0]) if found else member_id
    return _members(store, kind, [canonical])[canonical]


def canonical_ids(store: Store, kind: str, ids: Sequence[str]) -> dict[str, str]:
    """``id -> canonical id`` for the given actor or proposal ids (itself when not merged)."""
    table, member = _ALIASES[kind]
    found: dict[str, str] = {i: i for i in ids}
    found.update(rows_in(store, f"SELECT {member}, canonical_id FROM {table} WHERE {member} IN ({{marks}})", found))
    return found


def _in(ids: Sequence[str]) -> str:
    return ", ".join("?" for _ in ids)


def _like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def actor_quotes(store: Store, actor_id: str, limit: int) -> tuple[list[dict[str, Any]], int]:
    """The actor's quotes (under any of its merged ids), newest article first, each with its article."""
    ids = actor_group(store, actor_id)
    found, total = _paged(
        store, "SELECT q.article_id, a.title, a.published_at, q.record_json",
        f"FROM quotes q JOIN articles a ON a.id = q.article_id WHERE q.speaker_actor_id IN ({_in(ids)})", ids,
        "COALESCE(a.published_at, '') DESC, q.article_id, q.ord", limit, 0)
    return [_located(row) for row in found], total


def _located(row: tuple[Any, ...]) -> dict[str, Any]:
    article_id, title, published_at, record_json = row[:4]
    return {"article_id": article_id, "article_title": title, "published_at": published_at,
            "record": json.loads(record_json)}


def actor_stances(store: Store, actor_id: str) -> list[dict[str, Any]]:
    """The actor's stances (under any of its merged ids) over time: oldest first, each with its
    proposal's label, the proposal's canonical id and its article."""
    ids = actor_group(store, actor_id)
    found = store.rows(
        "SELECT s.article_id, a.title, a.published_at, s.record_json, p.label, s.proposal_id FROM stances s "
        "JOIN articles a ON a.id = s.article_id LEFT JOIN proposals p ON p.id = s.proposal_id "
        f"WHERE s.actor_id IN ({_in(ids)}) "
        "ORDER BY COALESCE(s.as_of, SUBSTR(a.published_at, 1, 10), ''), s.article_id, s.ord", ids)
    canonical = canonical_ids(store, "proposal", [str(row[5]) for row in found])
    return [{**_located(row), "proposal_label": row[4], "proposal_id": canonical[str(row[5])]} for row in found]


def actor_events(store: Store, actor_id: str, limit: int) -> tuple[list[dict[str, Any]], int]:
    page = list_events(store, EventFilter(actor=actor_id), limit, 0)
    return page.items, page.total


# ---------------------------------------------------------------------------------------------
# events


@dataclass(frozen=True)
class EventFilter:
    type: str | None = None
    actor: str | None = None
    country: str | None = None
    place: str | None = None
    bbox: tuple[float, float, float, float] | None = None
    since: str | None = None
    until: str | None = None
    context: str | None = None


def _event_where(store: Store, flt: EventFilter) -> Where:
    where = Where()
    if flt.type:
        where.add("e.type = ?", flt.type)
    if flt.actor:
        ids = actor_group(store, flt.actor)
        where.add("(e.article_id, e.ord) IN (SELECT x.article_id, x.event_ord FROM event_actors x "
                  f"WHERE x.actor_id IN ({_in(ids)}))", *ids)
    if flt.country:
        where.add("(p.country = ? OR (e.article_id, e.ord) IN (SELECT x.article_id, x.event_ord FROM event_actors x "
                  "JOIN actors c ON c.id = x.actor_id WHERE c.country = ?))", flt.country, flt.country)
    if flt.place:
        where.add("e.place_id = ?", flt.place)
    if flt.bbox:
        where.add("p.lon >= ? AND p.lat >= ? AND p.lon <= ? AND p.lat <= ?", *flt.bbox)
    if flt.since:
        where.add(f"{EVENT_DAY} >= ?", flt.since)
    if flt.until:
        where.add(f"{EVENT_DAY} <= ?", flt.until)
    if flt.context:
        where.add(_context_clause(store), flt.context)
    return where


def _context_clause(store: Store) -> str:
    if store.dialect == "postgres":
        return "jsonb_exists((e.record_json::jsonb) -> 'contexts', ?)"
    return "EXISTS (SELECT 1 FROM json_each(e.record_json, '$.contexts') WHERE value = ?)"


_EVENTS_FROM = "FROM events e JOIN articles a ON a.id = e.article_id LEFT JOIN places p ON p.id = e.place_id"


def list_events(store: Store, flt: EventFilter, limit: int, offset: int) -> Page:
    """Event mentions (one per article that reports the event), newest first."""
    where = _event_where(store, flt)
    select = (f"SELECT e.article_id, a.title, a.published_at, e.record_json, {EVENT_DAY}, "
              "p.name, p.lat, p.lon, p.country")
    found, total = _paged(store, select, f"{_EVENTS_FROM}{where.sql}", where.params,
                          f"COALESCE({EVENT_DAY}, '') DESC, e.article_id, e.ord", limit, offset)
    return Page([_event_item(row) for row in found], total, limit, offset)


def _event_item(row: tuple[Any, ...]) -> dict[str, Any]:
    name, lat, lon, country = row[5:9]
    place = {"name": name, "lat": lat, "lon": lon, "country": country} if name is not None else None
    return {**_located(row), "day": row[4], "place": place}


def event_timeline(store: Store, flt: EventFilter, grain: str) -> list[dict[str, Any]]:
    """Event counts per type and period (``day``: YYYY-MM-DD, ``month``: YYYY-MM, ``year``: YYYY)."""
    width = {"day": 10, "month": 7, "year": 4}[grain]
    where = _event_where(store, flt)
    period = f"SUBSTR({EVENT_DAY}, 1, {width})"
    found = store.rows(f"SELECT {period}, e.type, COUNT(*) {_EVENTS_FROM}{where.sql} "
                       f"GROUP BY {period}, e.type ORDER BY 1, 2", where.params)
    return [{"period": p, "type": t, "count": int(n)} for p, t, n in found if p is not None]


# ---------------------------------------------------------------------------------------------
# places


@dataclass(frozen=True)
class PlaceFilter:
    country: str | None = None
    bbox: tuple[float, float, float, float] | None = None
    with_events: bool = False


def list_places(store: Store, flt: PlaceFilter, limit: int, offset: int) -> Page:
    where = Where()
    if flt.country:
        where.add("p.country = ?", flt.country)
    if flt.bbox:
        where.add("p.lon >= ? AND p.lat >= ? AND p.lon <= ? AND p.lat <= ?", *flt.bbox)
    if flt.with_events:
        where.add("EXISTS (SELECT 1 FROM events e WHERE e.place_id = p.id)")
    select = ("SELECT p.id, p.name, p.feature, p.country, p.admin1, p.lat, p.lon, p.precision, "
              "(SELECT COUNT(*) FROM events e WHERE e.place_id = p.id), "
              "(SELECT COUNT(DISTINCT m.article_id) FROM place_mentions m WHERE m.place_id = p.id)")
    found, total = _paged(store, select, f"FROM places p{where.sql}", where.params, "9 DESC, 10 DESC, p.name, p.id",
                          limit, offset)
    keys = ("id", "name", "feature", "country", "admin1", "lat", "lon", "precision", "event_count", "article_count")
    return Page([dict(zip(keys, row, strict=True)) for row in found], total, limit, offset)


# ---------------------------------------------------------------------------------------------
# proposals


_PROPOSAL_GROUPS = ("SELECT p.id AS member, COALESCE(al.canonical_id, p.id) AS cid FROM proposals p "
                    "LEFT JOIN proposal_aliases al ON al.proposal_id = p.id")


def list_proposals(store: Store, kind: str | None, limit: int, offset: int) -> Page:
    """Proposals by canonical id (one proposal reported in several articles is one row), most
    reported first; ``labels`` holds every wording, ``ids`` every merged id."""
    where = Where()
    if kind:
        where.add("p.kind = ?", kind)
    matching = f"SELECT DISTINCT g.cid FROM ({_PROPOSAL_GROUPS}) g JOIN proposals p ON p.id = g.member{where.sql}"
    total = int(store.rows(f"SELECT COUNT(*) FROM ({matching}) t", where.params)[0][0])
    found = store.rows(
        f"SELECT c.cid, cp.label, cp.kind, cp.proposed_by, cp.terms, COUNT(DISTINCT m.article_id) "
        f"FROM ({matching}) c JOIN proposals cp ON cp.id = c.cid JOIN ({_PROPOSAL_GROUPS}) g ON g.cid = c.cid "
        f"LEFT JOIN proposal_mentions m ON m.proposal_id = g.member "
        f"GROUP BY c.cid, cp.label, cp.kind, cp.proposed_by, cp.terms "
        f"ORDER BY 6 DESC, cp.label, c.cid LIMIT ? OFFSET ?",
        (*where.params, limit, offset))
    members = _members(store, "proposal", [str(row[0]) for row in found])
    items = []
    for cid, label, k, by, terms, n in found:
        ids = members[cid]
        rows = store.rows(f"SELECT id, label, proposed_by, terms, (SELECT COUNT(*) FROM stances s WHERE "
                          f"s.proposal_id = proposals.id), (SELECT COUNT(DISTINCT m.article_id) FROM proposal_mentions "
                          f"m WHERE m.proposal_id = proposals.id) FROM proposals WHERE id IN ({_in(ids)})", ids)
        labels = sorted({str(r[1]) for r in rows}, key=lambda text: (len(text), text))
        # the wording most articles use (the shorter on a tie) names the row
        label = min(rows, key=lambda r: (-int(r[5]), len(str(r[1])), str(r[1])))[1] if rows else label
        items.append({"id": cid, "label": label, "kind": k,
                      "proposed_by": list(dict.fromkeys(a for r in rows for a in json.loads(r[2]))) or json.loads(by),
                      "terms": list(dict.fromkeys(t for r in rows for t in json.loads(r[3]))) or json.loads(terms),
                      "article_count": n, "stance_count": sum(int(r[4]) for r in rows), "labels": labels,
                      "ids": ids})
    return Page(items, total, limit, offset)


def proposal_stances(store: Store, proposal_id: str) -> list[dict[str, Any]]:
    """Every stance on the proposal (under any of its merged ids) with its article and the day it
    holds from (``as_of`` or the article's day), oldest first; evidence quote ids resolved to the
    quote's text; ``actor_id`` is the stance-taker's canonical id (aliases merged)."""
    ids = proposal_group(store, proposal_id)
    found = store.rows(
        "SELECT s.article_id, a.title, a.published_at, s.record_json, "
        "COALESCE(s.as_of, SUBSTR(a.published_at, 1, 10)) FROM stances s JOIN articles a ON a.id = s.article_id "
        f"WHERE s.proposal_id IN ({_in(ids)}) "
        "ORDER BY COALESCE(s.as_of, SUBSTR(a.published_at, 1, 10), ''), s.article_id, s.ord", ids)
    items = [{**_located(row), "day": row[4]} for row in found]
    canonical = canonical_ids(store, "actor", [item["record"]["actor_id"] for item in items])
    for item in items:
        item["actor_id"] = canonical[item["record"]["actor_id"]]
        item["evidence_quotes"] = _evidence_quotes(store, item["article_id"], item["record"]["evidence"])
    return items


def count_canonical(store: Store, kind: str) -> int:
    """Actors or proposals counted once per canonical id (aliases merged)."""
    groups = {"actor": _ACTOR_GROUPS, "proposal": _PROPOSAL_GROUPS}[kind]
    return int(store.rows(f"SELECT COUNT(DISTINCT g.cid) FROM ({groups}) g")[0][0])


def _evidence_quotes(store: Store, article_id: str, evidence: list[Any]) -> list[dict[str, Any]]:
    ids = [e for e in evidence if isinstance(e, str)]
    if not ids:
        return []
    found = store.rows(f"SELECT id, text, speaker_text FROM quotes WHERE article_id = ? AND id IN ({_in(ids)})",
                       (article_id, *ids))
    return [{"id": i, "text": t, "speaker": s} for i, t, s in found]


# ---------------------------------------------------------------------------------------------
# stories (filled by the corpus stage; the table may not exist yet)


def list_stories(store: Store, limit: int, offset: int) -> Page:
    """Stories, largest first, each with its articles' ids and titles; empty until stories are built."""
    if not _has_table(store, "stories"):
        return Page([], 0, limit, offset)
    total = int(store.rows("SELECT COUNT(DISTINCT story_id) FROM stories")[0][0])
    found = store.rows("SELECT story_id, COUNT(*), MAX(a.published_at) FROM stories s "
                       "JOIN articles a ON a.id = s.article_id GROUP BY story_id "
                       "ORDER BY 3 DESC, 2 DESC, story_id LIMIT ? OFFSET ?", (limit, offset))
    items = [{"story_id": sid, "article_count": n, "latest": latest, "articles": _story_articles(store, sid)}
             for sid, n, latest in found]
    return Page(items, total, limit, offset)


def _story_articles(store: Store, story_id: str) -> list[dict[str, Any]]:
    found = store.rows("SELECT a.id, a.title, a.publisher, a.published_at FROM stories s "
                       "JOIN articles a ON a.id = s.article_id WHERE s.story_id = ? "
                       "ORDER BY COALESCE(a.published_at, ''), a.id", (story_id,))
    return [dict(zip(("id", "title", "publisher", "published_at"), row, strict=True)) for row in found]


def _has_table(store: Store, name: str) -> bool:
    if store.dialect == "postgres":
        return store.rows("SELECT to_regclass(?)", (name,))[0][0] is not None
    return bool(store.rows("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (name,)))


# ---------------------------------------------------------------------------------------------
# full-text search


def search_articles_page(store: Store, query: str, limit: int, offset: int) -> Page:
    """Articles holding every word of ``query``, best first."""
    if store.dialect == "postgres":
        match = f"FROM articles a WHERE {ARTICLES_TSVECTOR} @@ plainto_tsquery('simple', ?)"
        order, params = "a.published_at DESC, a.id", (query,)
    else:
        match = "FROM articles_fts f JOIN articles a ON a.rowid = f.rowid WHERE articles_fts MATCH ?"
        order, params = "f.rank, a.id", (_fts_phrase(query),)
    found, total = _paged(store, "SELECT a.id, a.title, a.publisher, a.published_at", match, params, order,
                          limit, offset)
    keys = ("id", "title", "publisher", "published_at")
    return Page([dict(zip(keys, row, strict=True)) for row in found], total, limit, offset)


def search_quotes_page(store: Store, query: str, limit: int, offset: int) -> Page:
    """Quotes holding every word of ``query``, best first, each with its article."""
    if store.dialect == "postgres":
        match = (f"FROM quotes q JOIN articles a ON a.id = q.article_id "
                 f"WHERE {QUOTES_TSVECTOR.replace('text', 'q.text')} @@ plainto_tsquery('simple', ?)")
        order, params = "a.published_at DESC, q.article_id, q.ord", (query,)
    else:
        match = ("FROM quotes_fts f JOIN quotes q ON q.rowid = f.rowid JOIN articles a ON a.id = q.article_id "
                 "WHERE quotes_fts MATCH ?")
        order, params = "f.rank, q.article_id, q.ord", (_fts_phrase(query),)
    found, total = _paged(store, "SELECT q.article_id, a.title, a.published_at, q.record_json", match, params,
                          order, limit, offset)
    return Page([_located(row) for row in found], total, limit, offset)


def event_reports(store: Store, event_id: str) -> list[dict[str, Any]]:
    """Every stored report of one event (one per article), oldest article first."""
    found = store.rows(
        f"SELECT e.article_id, a.title, a.published_at, e.record_json, {EVENT_DAY}, p.name, p.lat, p.lon, p.country "
        f"{_EVENTS_FROM} WHERE e.id = ? ORDER BY COALESCE(a.published_at, ''), e.article_id, e.ord", (event_id,))
    return [_event_item(row) for row in found]
