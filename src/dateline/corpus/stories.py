"""Stories: near-duplicate and syndicated copies, and articles about the same happening.

An article's features (MinHash signature of word shingles, keywords, actor keys, places, dates,
publication day) are stored in ``story_features``; its LSH band keys and entity keys in
``story_keys`` (the persisted index).  A new article is compared with the candidates those keys
give; a pair is linked when (see :func:`edge`)

- the texts are near-duplicates (MinHash Jaccard >= ``DUPLICATE``), whenever published; or, within
  ``WINDOW_DAYS`` of each other,
- the texts overlap (Jaccard >= ``SAME_TEXT``), or
- they share an actor and a place or date, and their keywords overlap (>= ``SAME_KEYWORDS``); or,
  within ``RETELL_DAYS``, an independent retelling: shared specific actors and places (weighted by
  kind) plus keyword overlap, less a cost per day apart, reach ``SAME_STORY`` (:func:`retelling`).

A story is a connected component of these links, named after its smallest article id, so the
stories are the same whether the articles came in one batch or many.  ``similarity`` is an
article's best link score; ``duplicate_of`` the earliest-published article it near-duplicates.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property

from dateline.corpus import text as T
from dateline.corpus.db import day_number, execute, insert_new, rows_in
from dateline.corpus.graph import GroupTable, link
from dateline.corpus.names import actor_key
from dateline.records import ArticleRecord, Place, stable_id
from dateline.store.base import SqlStore, utc_now

# Estimated Jaccard of word 3-shingles above which one text is a copy of the other.
DUPLICATE = 0.6
# Jaccard above which two texts within the window tell the same story.
SAME_TEXT = 0.3
# Keyword overlap that, with a shared actor and a shared place or date, makes the same story.
SAME_KEYWORDS = 0.2
# Days of publication apart that same-story articles may be by the text and keyword rules.
WINDOW_DAYS = 3
# Days apart that independent retellings may be when the weighted evidence (:func:`retelling`) says so.
RETELL_DAYS = 7
# The weighted evidence from which two articles in ``RETELL_DAYS`` retell one happening.
SAME_STORY = 0.62
# Shared entity weight that counts fully (more adds nothing), and what each day apart costs.
ENTITY_CAP = 8.0
DAY_COST = 0.02
# How much a shared entity tells (specific actors and places a lot, states and countries nothing):
# fixed by kind, so an article pair's score never depends on what else is stored (batch order).
ACTOR_WEIGHT = {"person": 1.0, "armed_group": 0.5, "organization": 0.5, "group": 0.25, "unknown": 0.25}
PLACE_WEIGHT = {"city": 1.0, "town": 1.0, "village": 1.0, "facility": 1.0, "adm2": 1.0, "adm1": 0.5,
                "region": 0.5, "water": 0.5, "other": 0.5}
# Most candidates looked at per article and index (the strongest first).
MAX_CANDIDATES = 200
# Members of one LSH bucket read per lookup (see _band_candidates).
MAX_BUCKET = 200

STORIES = GroupTable("stories", "article_id", "story_id", lambda article_id: stable_id("story", article_id))


@dataclass(frozen=True)
class Features:
    article_id: str
    day: int | None
    sort_key: str
    signature: str | None
    keywords: list[str]
    actors: list[str]
    places: list[str]
    dates: list[str]

    # parsed once per article, not once per candidate pair (not fields: equality and rows stay the same)
    @cached_property
    def actor_weights(self) -> dict[str, float]:
        return weights(self.actors)

    @cached_property
    def place_weights(self) -> dict[str, float]:
        return weights(self.places)

    def entity_keys(self) -> list[str]:
        return [*(f"a:{a}" for a in self.actor_weights), *(f"p:{p}" for p in self.place_weights),
                *(f"d:{d}" for d in self.dates)]


@dataclass(frozen=True)
class Edge:
    a: str
    b: str
    score: float
    duplicate: bool


def features(record: ArticleRecord) -> Features:
    article = record.article
    body = f"{article.title or ''}\n{article.text}"
    actors = sorted({_weighted(actor_key(a), ACTOR_WEIGHT.get(a.kind, 0.0))
                     for a in record.actors if a.kind != "media"})
    places = sorted({_weighted(p.id, PLACE_WEIGHT.get(p.feature, 0.0) if _located(p) else 0.0) for p in record.places})
    dates = {t.value[:10] for t in record.times if t.type == "DATE" and day_number(t.value) is not None}
    dates |= {e.when.value[:10] for e in record.events if e.when and day_number(e.when.value) is not None}
    return Features(article.id, day_number(article.published_at), f"{article.published_at or '~'}\x1f{article.id}",
                    T.signature(body), T.keywords(body), actors, places, sorted(dates))


def _weighted(key: str, weight: float) -> str:
    """An entity key with its weight (``person:UKR:umerov@1``), as stored in ``story_features``."""
    return f"{key}@{weight:g}"


def _located(place: Place) -> bool:
    """Whether some mention names the place as where something happened ("Moscow said" does not)."""
    return any(m.role == "location" for m in place.mentions)


def weights(keys: list[str]) -> dict[str, float]:
    """``key -> weight`` of a features list (a key stored without a weight weighs 0)."""
    found = {}
    for item in keys:
        key, _, weight = item.rpartition("@")
        found[key or item] = float(weight) if key else 0.0
    return found


def edge(x: Features, y: Features) -> Edge | None:
    """The link between two articles, if any (symmetric: ``edge(x, y)`` mirrors ``edge(y, x)``)."""
    a, b = sorted((x.article_id, y.article_id))
    similarity = T.jaccard(x.signature, y.signature)
    if similarity >= DUPLICATE:
        return Edge(a, b, similarity, True)
    if x.day is None or y.day is None or abs(x.day - y.day) > RETELL_DAYS:
        return None
    days = abs(x.day - y.day)
    words = T.overlap(x.keywords, y.keywords)
    if days <= WINDOW_DAYS:
        if similarity >= SAME_TEXT:
            return Edge(a, b, similarity, False)
        shared_actor = x.actor_weights.keys() & y.actor_weights.keys()
        shared_setting = x.place_weights.keys() & y.place_weights.keys() or set(x.dates) & set(y.dates)
        if shared_actor and shared_setting and words >= SAME_KEYWORDS:
            return Edge(a, b, round(words, 4), False)
    score = retelling(x, y, words)
    return Edge(a, b, score, False) if score >= SAME_STORY else None


def retelling(x: Features, y: Features, words: float) -> float:
    """The weighted evidence that two articles tell one happening in their own words: the weight
    of the specific actors and places they share (a person or a town a lot, a state nothing), plus
    their keyword overlap, less ``DAY_COST`` a day apart; 0 beyond ``RETELL_DAYS``."""
    if x.day is None or y.day is None or abs(x.day - y.day) > RETELL_DAYS:
        return 0.0
    shared = 0.0
    for mine, theirs in ((x.actor_weights, y.actor_weights), (x.place_weights, y.place_weights)):
        shared += sum(min(mine[k], theirs[k]) for k in mine.keys() & theirs.keys())
    return round(min(shared, ENTITY_CAP) / 10 + words - DAY_COST * abs(x.day - y.day), 4)


# ---------------------------------------------------------------------------------------------
# the incremental step


def update(store: SqlStore, records: Sequence[ArticleRecord]) -> int:
    """Add the articles of ``records`` not yet in a story; returns how many were added."""
    stored = {aid for (aid,) in rows_in(store, "SELECT article_id FROM story_features WHERE article_id IN ({marks})",
                                        [r.article.id for r in records])}
    new = list({r.article.id: features(r) for r in records if r.article.id not in stored}.values())
    if not new:
        return 0
    with store.transaction():
        _store_new(store, new)
        edges = _edges(store, new)
        link(store, STORIES, [(e.a, e.b) for e in edges])
        _record_links(store, edges)
    return len(new)


def _store_new(store: SqlStore, new: list[Features]) -> None:
    stamp = utc_now()
    insert_new(store, "story_features", FEATURE_COLUMNS, [_feature_row(f) for f in new])
    keys: list[tuple[str, str, int | None]] = [(k, f.article_id, None) for f in new for k in T.band_keys(f.signature)]
    keys += [(k, f.article_id, f.day) for f in new if f.day is not None for k in f.entity_keys()]
    insert_new(store, "story_keys", ("key", "article_id", "day"), sorted(keys))  # in index order: fewer pages
    insert_new(store, "stories", ("story_id", "article_id", "similarity", "duplicate_of", "added_at"),
               [(STORIES.group_id(f.article_id), f.article_id, None, None, stamp) for f in new])


FEATURE_COLUMNS = ("article_id", "day", "sort_key", "signature", "keywords", "actors", "places", "dates")


def _feature_row(f: Features) -> tuple[object, ...]:
    return (f.article_id, f.day, f.sort_key, f.signature, json.dumps(f.keywords), json.dumps(f.actors),
            json.dumps(f.places), json.dumps(f.dates))


def _edges(store: SqlStore, new: list[Features]) -> list[Edge]:
    candidates = {f.article_id: _candidates(store, f) for f in new}
    known = {f.article_id: f for f in new}
    known.update(load_features(store, {c for found in candidates.values() for c in found} - set(known)))
    edges: dict[tuple[str, str], Edge] = {}
    for f in new:
        for other in candidates[f.article_id]:
            found = edge(f, known[other]) if other in known else None
            if found is not None:
                edges[(found.a, found.b)] = found
    return [edges[k] for k in sorted(edges)]


def _candidates(store: SqlStore, f: Features) -> list[str]:
    """Articles sharing an LSH band, or two entity keys within the window, with ``f``."""
    found = _band_candidates(store, f)
    keys = f.entity_keys()
    if keys and f.day is not None:
        found += store.rows(_BY_KEYS.format(marks=", ".join("?" for _ in keys), having=2,
                                            window="AND day BETWEEN ? AND ?"),
                            (*keys, f.day - RETELL_DAYS, f.day + RETELL_DAYS, f.article_id))
    return sorted({str(aid) for aid, _ in found})


def _band_candidates(store: SqlStore, f: Features) -> list[tuple[str, int]]:
    """Articles sharing an LSH band with ``f``, most shared bands first.

    Each band's bucket is read up to ``MAX_BUCKET`` members (smallest ids first, so the answer does not
    depend on arrival order): a bucket that big is boilerplate every article shares, and reading it whole
    would make each lookup grow with the corpus.  True copies share many rarer bands as well."""
    shared: Counter[str] = Counter()
    for band in T.band_keys(f.signature):
        shared.update(str(aid) for (aid,) in store.rows(_BY_BAND, (band, f.article_id, MAX_BUCKET)))
    return sorted(shared.items(), key=lambda item: (-item[1], item[0]))[:MAX_CANDIDATES]


_BY_BAND = "SELECT article_id FROM story_keys WHERE key = ? AND article_id <> ? ORDER BY article_id LIMIT ?"
_BY_KEYS = ("SELECT article_id, COUNT(*) FROM story_keys WHERE key IN ({marks}) {window} AND article_id <> ? "
            "GROUP BY article_id HAVING COUNT(*) >= {having} ORDER BY 2 DESC, 1 LIMIT " + str(MAX_CANDIDATES))


def load_features(store: SqlStore, article_ids: Iterable[str]) -> dict[str, Features]:
    sql = f"SELECT {', '.join(FEATURE_COLUMNS)} FROM story_features WHERE article_id IN ({{marks}})"
    return {row[0]: _features_of(row) for row in rows_in(store, sql, sorted(article_ids))}


def _features_of(row: tuple[object, ...]) -> Features:
    aid, day, key, sig, words, actors, places, dates = row
    return Features(str(aid), int(str(day)) if day is not None else None, str(key),
                    str(sig) if sig is not None else None, json.loads(str(words)), json.loads(str(actors)),
                    json.loads(str(places)), json.loads(str(dates)))


def _record_links(store: SqlStore, edges: list[Edge]) -> None:
    """Raise each linked article's best similarity; point a later copy at its earliest original."""
    for e in edges:
        for article_id in (e.a, e.b):
            execute(store, "UPDATE stories SET similarity = ? WHERE article_id = ? AND "
                           "(similarity IS NULL OR similarity < ?)", (e.score, article_id, e.score))
    duplicates = [e for e in edges if e.duplicate]
    if duplicates:
        keys = {aid: f.sort_key for aid, f in load_features(store, {x for e in duplicates for x in (e.a, e.b)}).items()}
        for e in duplicates:
            copy, original = sorted((e.a, e.b), key=keys.__getitem__, reverse=True)
            _point_to(store, copy, original, keys[original])


def _point_to(store: SqlStore, copy: str, original: str, original_key: str) -> None:
    execute(store, "UPDATE stories SET duplicate_of = ? WHERE article_id = ? AND (duplicate_of IS NULL OR "
                   "(SELECT sort_key FROM story_features WHERE article_id = stories.duplicate_of) > ?)",
            (original, copy, original_key))


