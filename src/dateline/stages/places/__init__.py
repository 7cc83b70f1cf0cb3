"""The ``places`` stage: toponyms found, resolved against the offline gazetteer, merged per place.

Needs the ``actors`` layer to keep person names out ("Debaltsevo" read as a person by spaCy is
still taken when the context is locative, a named person is not) and to mark metonymy.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import replace
from typing import Any

from dateline.config import Config
from dateline.knowledge.gazetteer import Gazetteer, GazPlace, open_gazetteer
from dateline.knowledge.gazetteer.schema import name_key
from dateline.pipeline.registry import StageFn, register
from dateline.records import Actor, ArticleRecord, Feature, Place, PlaceMention, PlaceRole, Span, stable_id
from dateline.stages.places.metonymy import role_of
from dateline.stages.places.resolve import Resolved, main_key, name_variants, resolve, street_name, vague
from dateline.stages.places.toponyms import DEMONYM, EMBEDDED, Surface, find_toponyms

PRECISION: dict[str, int] = {"city": 1, "town": 1, "village": 1, "facility": 1, "adm2": 2,
                             "adm1": 3, "country": 3, "region": 3, "water": 3, "other": 3}
EMBEDDED_MIN_POP = 100_000  # a city must be this large to be taken from inside an organisation's name
MIN_UNSURE_SCORE = 0.6  # a name spaCy did not call a place must resolve at least this well


VERSION = "2"  # 2: demonyms, datelines, world features, local namesakes, streets (since the first release)


@register("places", version=VERSION, requires=("doc", "actors"), produces=("places",))
def make_places(config: Config) -> StageFn:
    gazetteer = open_gazetteer(config.gazetteer)

    def places(doc: Any, record: ArticleRecord) -> ArticleRecord:
        return replace(record, places=geoparse(doc, record.article.text, record.actors, gazetteer))

    return places


def geoparse(doc: Any, text: str, actors: list[Actor], gazetteer: Gazetteer) -> list[Place]:
    """Places of one article: find, resolve, assign roles, merge mentions per place."""
    surfaces = find_toponyms(doc, actors, is_place=lambda name: known_place(gazetteer, name),
                             is_demonym=lambda word: is_demonym(gazetteer, word),
                             rank=lambda name, aliases_only: place_rank(gazetteer, name, aliases_only))
    resolved = [r for r in resolve(gazetteer, surfaces, actor_countries(actors), text) if keep(r)]
    roles = [role_of(doc, r.surface, actors) for r in resolved]
    return merge(text, resolved, roles)


def known_place(gazetteer: Gazetteer, name: str) -> bool:
    """A country, first-level subdivision or large city by this very name or a common alias ("EU",
    "Washington", "Manchester"): the places that organisation names are named after."""
    return place_rank(gazetteer, name) > 0


RANK = {"country": 3, "region": 3, "adm1": 2}


def place_rank(gazetteer: Gazetteer, name: str, aliases_only: bool = False) -> int:
    """How well-known a place by this very name or a common alias is: 3 a country or region, 2 a
    first-level subdivision, 1 a large city, 0 none (with ``aliases_only``, only the curated aliases
    count: "DPRK", "UAE", not the airport codes among the alternate names of cities)."""
    key = name_key(name)
    ranks = [RANK.get(c.place.feature, 1) for c in gazetteer.lookup(name)
             if c.place.lat is not None and c.kind in (("alias",) if aliases_only else ("name", "alt", "alias"))
             and (c.place.feature in RANK or c.place.population >= EMBEDDED_MIN_POP)
             and (c.kind == "alias" or main_key(c.place) == key)]
    return max(ranks, default=0)


def is_demonym(gazetteer: Gazetteer, word: str) -> bool:
    """Whether ``word`` is the adjective of a country or region ("Turkish", "South African")."""
    return any(c.kind == "demonym" and c.matched == word for c in gazetteer.lookup(word))


def actor_countries(actors: Iterable[Actor]) -> list[str]:
    return [a.country for a in actors if a.country]


def keep(r: Resolved) -> bool:
    """Model-found toponyms stay even unresolved (GPE/LOC); the unsure ones only when they resolve well."""
    if r.surface.label in ("GOLD", DEMONYM):
        return r.surface.label == "GOLD" or r.place is not None
    if r.surface.label == EMBEDDED:
        return r.place is not None and not r.approximate
    if r.approximate:  # a name the gazetteer lacks: kept when it names its kind or a place inside it, when
        # it is a street ("Royal Street") or a direction ("the West Coast") placed in the article's own geography;
        # a "local" name read only as a far namesake is dropped
        text = r.surface.text
        return r.surface.from_model and (r.approximate == "inner" or vague(text) or street_name(text))
    if r.surface.from_model:
        return r.place is not None
    return r.place is not None and not r.approximate and r.score >= MIN_UNSURE_SCORE


def merge(text: str, resolved: list[Resolved], roles: list[PlaceRole]) -> list[Place]:
    groups: dict[str, list[tuple[Resolved, PlaceRole]]] = {}
    for r, role in zip(resolved, roles, strict=True):
        key = r.place.ref if r.place and not r.approximate else stable_id("place", name_key(r.surface.text))
        groups.setdefault(key, []).append((r, role))
    return [_place(text, key, items) for key, items in groups.items()]


def _place(text: str, key: str, items: list[tuple[Resolved, PlaceRole]]) -> Place:
    best = max(items, key=lambda x: x[0].score)[0]
    mentions = [PlaceMention(Span.of(text, r.surface.start, r.surface.end), role) for r, role in items]
    gp = best.place
    if gp is None:
        return Place(key, best.surface.text, "other", None, None, None, None, 3, mentions, 0.3)
    if best.approximate:  # a street or building the gazetteer lacks: placed at the town containing it
        precision = 2 if gp.feature in ("city", "town", "village", "facility") else 3
        return Place(key, best.surface.text, "other", gp.cc3, gp.admin1_name, gp.lat, gp.lon, precision,
                     mentions, 0.3)
    feature: Feature = gp.feature
    confidence = 1.0 / (1.0 + math.exp(-2.0 * best.margin)) * (0.95 if best.surface.from_model else 0.8)
    return Place(key, display_name(gp, [r.surface for r, _ in items]), feature, gp.cc3,
                 gp.admin1_name, gp.lat, gp.lon, PRECISION.get(feature, 3), mentions, round(confidence, 3))


def _singular_spelling(surface: Surface) -> str:
    """The mention as written, or its singular ("Kherson Oblasts" -> "Kherson Oblast") when it names several."""
    variants = name_variants(surface.text)
    if surface.admin_hint and len(variants) > 1 and variants[0].endswith("s") and not variants[1].endswith("s"):
        return variants[1]
    return variants[0]


def display_name(gp: GazPlace, surfaces: list[Surface]) -> str:
    """The gazetteer name, or for a subdivision the English form the article used ("Kursk Oblast")."""
    if gp.feature in ("adm1", "adm2") and (not gp.name.isascii() or "oblast" in gp.name):
        spelled = sorted((_singular_spelling(s) for s in surfaces), key=lambda t: (-len(t.split()), t))
        return spelled[0] if spelled else gp.name
    return gp.name
