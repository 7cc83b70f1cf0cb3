"""Toponym resolution: gazetteer candidates scored by feature, population, the article's country
focus, containment and nearness to the other places in it; one reading per name per article.

Scores are additive and small, so each term can be read (and tuned against GeoWebNews) on its own:
a prior from the candidate alone, then context terms from the other mentions' first-pass readings.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from dateline.knowledge.gazetteer import Candidate, Gazetteer, GazPlace
from dateline.knowledge.gazetteer.schema import name_key
from dateline.knowledge.gazetteer.variants import strip_generic
from dateline.stages.places.toponyms import Surface

FEATURE_PRIOR = {"country": 1.2, "adm1": 0.7, "city": 0.6, "region": 0.6, "water": 0.5, "facility": 0.3,
                 "town": 0.3, "adm2": 0.1, "village": 0.0, "other": 0.0}
POPULATED = ("city", "town", "village")
ADMIN = ("adm1", "adm2")
NEAR_KM = 160.0


@dataclass(frozen=True)
class Resolved:
    surface: Surface
    place: GazPlace | None
    score: float
    margin: float


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine, mean Earth radius)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(a)))


def name_variants(text: str) -> list[str]:
    """The spellings to look up for a mention, most specific first."""
    base = text.strip().removeprefix("the ").removeprefix("The ")
    for suffix in ("'s", "\u2019s"):
        base = base.removesuffix(suffix)
    out = [base]
    for plural, single in (("Oblasts", "Oblast"), ("Regions", "Region"), ("Provinces", "Province")):
        if base.endswith(plural):
            out.append(base[: -len(plural)] + single)
    stem = strip_generic(out[-1])
    if stem and stem != out[-1]:
        out.append(stem)
    return out


def candidates(gaz: Gazetteer, surface: Surface) -> list[Candidate]:
    """Exact and alternate-name matches, else fuzzy ones; one per place, with coordinates."""
    best: dict[int, Candidate] = {}
    for name in name_variants(surface.text):
        _keep_best(best, gaz.lookup(name))
    if not best and (surface.from_model or surface.locative):
        key = name_key(surface.text)
        _keep_best(best, gaz.fuzzy(surface.text, cutoff=85.0 if len(key) >= 6 else 90.0))
    demonyms_ok = surface.label == "GOLD"  # a demonym is a place only where a gold set says so
    return [c for c in best.values() if c.place.lat is not None and c.place.lon is not None
            and (demonyms_ok or c.kind != "demonym")]


def _keep_best(best: dict[int, Candidate], found: Iterable[Candidate]) -> None:
    for c in found:
        old = best.get(c.place.id)
        if old is None or c.similarity > old.similarity:
            best[c.place.id] = c


def prior(c: Candidate, surface: Surface) -> float:
    """How likely the candidate is, from itself and the words around the mention."""
    p = c.place
    score = FEATURE_PRIOR.get(p.feature, 0.0) + math.log10(p.population + 1) / 7.0
    if surface.admin_hint:
        score += 1.2 if p.feature in ADMIN else -0.8 if p.feature in POPULATED else 0.0
    elif p.feature in ADMIN:
        score -= 0.3
    if surface.facility_hint:
        score += 1.5 if p.feature == "facility" else -0.5
    if surface.definite and len(surface.text.split()) > 1:
        score += 1.0 if p.feature in ("facility", "region", "water") else -0.5 if p.feature in POPULATED else 0.0
    if p.fcode == "PPLC":
        score += 0.3
    if name_key(p.name) == name_key(c.matched) and c.kind != "fuzzy":
        score += 0.8  # English text uses the main name; alternates are often another language's
    if c.kind == "fuzzy":
        score -= 2.0 * (1.0 - c.similarity) + 0.1
    if not surface.from_model and p.feature not in (*POPULATED, *ADMIN, "country", "region"):
        score -= 1.0
    return score


@dataclass(frozen=True)
class Context:
    """What the first-pass readings of the other names say about the article's geography."""

    picks: list[tuple[str, GazPlace]]
    actor_countries: Counter[str]

    def bonus(self, p: GazPlace, own_key: str) -> float:
        others = [q for key, q in self.picks if key != own_key]
        countries = Counter(q.cc3 for q in others if q.cc3) + self.actor_countries
        score = 1.5 * countries.get(p.cc3 or "", 0) / max(1, sum(countries.values()))
        if p.feature != "adm1" and any(q.feature == "adm1" and (q.cc2, q.admin1) == (p.cc2, p.admin1)
                                       for q in others):
            score += 0.8
        if p.lat is not None and p.lon is not None and p.feature != "country" and any(
                distance_km(p.lat, p.lon, q.lat, q.lon) < NEAR_KM for q in others
                if q.feature not in ("country", "region", "water") and q.lat is not None and q.lon is not None):
            score += 0.5
        return score


def resolve(gaz: Gazetteer, surfaces: list[Surface], actor_countries: Iterable[str] = ()) -> list[Resolved]:
    """Each surface with its reading (None when the gazetteer has no candidate)."""
    cands = [candidates(gaz, s) for s in surfaces]
    priors = [[prior(c, s) for c in cs] for s, cs in zip(surfaces, cands, strict=True)]
    first = [(_group_key(s), cs[max(range(len(cs)), key=ps.__getitem__)].place)
             for s, cs, ps in zip(surfaces, cands, priors, strict=True) if cs]
    context = Context(first, Counter(c for c in actor_countries if c))
    totals: dict[str, defaultdict[int, float]] = defaultdict(lambda: defaultdict(float))
    scored: list[list[tuple[float, Candidate]]] = []
    for s, cs, ps in zip(surfaces, cands, priors, strict=True):
        pairs = sorted(((p + context.bonus(c.place, _group_key(s)), c) for c, p in zip(cs, ps, strict=True)),
                       key=lambda x: -x[0])
        scored.append(pairs)
        for value, c in pairs:
            totals[_group_key(s)][c.place.id] += value
    return [_pick(s, pairs, totals[_group_key(s)]) for s, pairs in zip(surfaces, scored, strict=True)]


def _group_key(surface: Surface) -> str:
    return name_key(name_variants(surface.text)[0])


def _pick(surface: Surface, pairs: list[tuple[float, Candidate]], totals: dict[int, float]) -> Resolved:
    """One reading per name in an article: the candidate with the best summed score over its mentions."""
    if not pairs:
        return Resolved(surface, None, 0.0, 0.0)
    ranked = sorted(pairs, key=lambda x: -totals.get(x[1].place.id, x[0]))
    top = ranked[0]
    margin = top[0] - ranked[1][0] if len(ranked) > 1 else 2.0
    return Resolved(surface, top[1].place, top[0], margin)
