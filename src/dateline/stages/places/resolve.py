"""Toponym resolution: gazetteer candidates scored by feature, population, the article's country
focus, containment and nearness to the other places in it; one reading per name per article.

Scores are additive and small, so each term can be read (and tuned against GeoWebNews) on its own:
a prior from the candidate alone, then context terms from the other mentions' readings: soft country
votes (each mention's readings' probabilities per country, so an unambiguous name votes strongly and
an ambiguous one weakly) and containment weighed by the share of the article's places in a candidate's
first-level subdivision, re-read CONTEXT_ROUNDS times.
Misspellings are matched only against main names of large places or places in the article's
countries; a name the gazetteer lacks (a street, a church, a river) gets an ``approximate`` reading,
the place named inside it or else the article's focus, rather than a far namesake; so does a small
town that is only a far namesake (abroad, or in another US state) in an article about one town.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from rapidfuzz import fuzz

from dateline.knowledge.gazetteer import Candidate, Gazetteer, GazPlace
from dateline.knowledge.gazetteer.schema import name_key
from dateline.knowledge.gazetteer.variants import strip_generic
from dateline.stages.places.toponyms import ABBREVIATION, DEMONYM, STREET_WORDS, Surface, words

FEATURE_PRIOR = {"country": 1.2, "adm1": 0.7, "city": 0.6, "region": 0.6, "water": 0.5, "facility": 0.3,
                 "town": 0.3, "adm2": 0.1, "village": 0.0, "other": 0.0}
POPULATED = ("city", "town", "village")
ADMIN = ("adm1", "adm2")
NEAR_KM = 160.0
CONTEXT_ROUNDS = 2       # re-read each name against the others' context-aware readings this many times
VOTE_TEMPERATURE = 1.0   # softness of a mention's country vote (score units; see _votes)
ADMIN_WEIGHT = 1.0       # times the share of the article's other places in a candidate's first-level subdivision
NAMESAKE_PENALTY = 1.0   # a small town named after a country or state among the candidates ("California", PA)
NAMESAKE_SHARE = 0.05    # ... or small next to it: Ontario, California (171 k) beside Ontario (14 M)
POP_WEIGHT = 0.35        # per factor of ten in population: London (9 M) over London, Ohio (10 k) by ~1
COUNTRY_WEIGHT = 1.5     # the share of the article's other places (and actors) in the candidate's country
CAPITAL_BONUS = 0.5
MAIN_NAME_BONUS = 0.8
ADMIN_ECHO_BONUS = 3.0   # a bare name the article also gives as "X Oblast" reads as the oblast
NO_COUNTRY_SHARE = 0.5   # oceans and regions across borders: neither helped nor hurt by the article's countries
WATER_SALIENCE = {"OCN": 2.5, "SEA": 1.5}  # water has no population: "the Atlantic" is the ocean, not Atlantic, Iowa
ADMIN_POP_FACTOR = 0.8   # a subdivision's population is the sum of its towns': discounted against a town's
DEMONYM_BONUS = 1.5      # "Japanese" given as a toponym means Japan, not a village called Japanese
FUZZY_MIN_MAIN = 85.0    # a misspelling must be close to the place's main name, not to an obscure alternate
FUZZY_MIN_POP = 100_000  # ... and name a large place, or one in a country the article is about
FOCUS_UNIT_SHARE = 0.5   # what a mention of another place in a town's subdivision adds to its support as focus
FOCUS_COUNTRY_SHARE = 0.25  # ... and a mention of another place in its country
HOME_VOTES = 2.0         # the dateline's place counts as this many more mentions in the country and state votes
HOME_BONUS = 1.0         # a reading that is the dateline's place or contains it ("Washington" under "SEATTLE, Wash.")
NAME_HEAD_CONTEXT = 0.0  # what the article's geography weighs for a place named only at the head of other names
FOREIGN_SHARE = 0.05     # a town whose country has less than this share of the article's votes is foreign to it
LOCAL_FOCUS_SHARE = 0.5  # ... and reads as a local place of the focus town when its country has more
STATE_STYLE = frozenset({"USA", "CAN", "AUS"})  # news there names a town with its state or province
EARTH_RADIUS_KM = 6371.0088  # the mean radius


@dataclass(frozen=True)
class Resolved:
    surface: Surface
    place: GazPlace | None
    score: float
    margin: float
    approximate: str = ""  # the name is not in the gazetteer: "inner" (a place named in it) or "focus";
    # "local": only a small foreign namesake has it, so it is taken as a local place at the focus


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine, mean Earth radius)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def name_variants(text: str) -> list[str]:
    """The spellings to look up for a mention, most specific first."""
    return list(_name_variants(text))


@lru_cache(maxsize=1 << 14)
def _name_variants(text: str) -> tuple[str, ...]:
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
    return tuple(out)


def candidates(gaz: Gazetteer, surface: Surface) -> list[Candidate]:
    """Exact and alternate-name matches, else fuzzy ones; one per place, with coordinates. None for a
    street's name ("Bourbon Street", "State and Hubbard streets"): not the towns so named, the article's
    place stands for it."""
    if surface.street:
        return []
    best: dict[int, Candidate] = {}
    for name in name_variants(surface.text):
        _keep_best(best, gaz.lookup(name))
    if not best and (surface.from_model or surface.locative):
        key = name_key(surface.text)
        if len(key) >= 6:
            _keep_best(best, (c for c in gaz.fuzzy(surface.text, cutoff=85.0)
                              if fuzz.ratio(key, name_key(c.place.name)) >= FUZZY_MIN_MAIN))
    found = [c for c in best.values() if c.place.lat is not None and c.place.lon is not None]
    if surface.label == DEMONYM:  # only the demonym reading of "Turkish officials"
        return [c for c in found if c.kind == "demonym"]
    demonyms_ok = surface.label == "GOLD"  # a bare demonym is a place only where a gold set says so
    return [c for c in found if demonyms_ok or c.kind != "demonym"]


def _keep_best(best: dict[int, Candidate], found: Iterable[Candidate]) -> None:
    for c in found:
        old = best.get(c.place.id)
        if old is None or c.similarity > old.similarity:
            best[c.place.id] = c


def prior(c: Candidate, surface: Surface) -> float:
    """How likely the candidate is, from itself and the words around the mention."""
    p = c.place
    weight = POP_WEIGHT * (ADMIN_POP_FACTOR if p.feature in ADMIN else 1.0)  # an admin unit's is summed
    score = FEATURE_PRIOR.get(p.feature, 0.0) + weight * math.log10(p.population + 1)
    if surface.admin_hint:
        score += 1.2 if p.feature in ADMIN else -0.8 if p.feature in POPULATED else 0.0
    elif p.feature in ADMIN:
        score -= 0.3
    if surface.facility_hint:
        score += 1.5 if p.feature == "facility" else -0.5
    if surface.definite and len(surface.text.split()) > 1:
        score += 1.0 if p.feature in ("facility", "region", "water") else -0.5 if p.feature in POPULATED else 0.0
    if p.fcode == "PPLC":
        score += CAPITAL_BONUS
    score += WATER_SALIENCE.get(p.fcode, 0.0)
    if c.kind == "demonym":
        score += DEMONYM_BONUS
    if c.kind != "fuzzy" and name_key(c.matched) in (name_key(p.name), main_key(p)):
        # English text uses the main name; alternates are often another language's
        score += MAIN_NAME_BONUS if name_key(c.matched) == name_key(p.name) else MAIN_NAME_BONUS / 2
    if c.kind == "fuzzy":
        score -= 2.0 * (1.0 - c.similarity) + 0.1
    if not surface.from_model and p.feature not in (*POPULATED, *ADMIN, "country", "region"):
        score -= 1.0
    return score


def _namesakes(cs: list[Candidate], ps: list[float]) -> list[float]:
    """A town named after a country or state is rarely what a bare mention of the name means:
    "California" is the state, not California, Pennsylvania, "Oregon" not Oregon, Ohio. Towns that
    share the main name of a country or first-level subdivision among the candidates lose
    NAMESAKE_PENALTY unless they are large themselves (Washington, D.C., New York City), and large
    next to the unit (not Ontario, California beside the province: under NAMESAKE_SHARE of its people)."""
    units: dict[str, int] = {}
    for c in cs:
        if c.place.feature in ("country", "adm1") and c.kind != "fuzzy":
            key = name_key(c.place.name)
            units[key] = max(units.get(key, 0), c.place.population)
    if not units:
        return ps
    return [p - NAMESAKE_PENALTY if c.place.feature in POPULATED and name_key(c.place.name) in units
            and c.place.population < max(FUZZY_MIN_POP, NAMESAKE_SHARE * units[name_key(c.place.name)])
            else p for c, p in zip(cs, ps, strict=True)]


def main_key(p: GazPlace) -> str:
    """The key of a place's main name without a qualifier ("Washington, D.C." -> "washington",
    "New York City" -> "new york")."""
    key = name_key(p.name.split(",")[0])
    if p.feature == "water":
        return key.removesuffix(" ocean").removesuffix(" sea")
    return key.removesuffix(" city") if p.feature in POPULATED else key


Votes = tuple[tuple[str, dict[str, float]], ...]


@dataclass(frozen=True)
class Context:
    """What the first-pass readings of the other names say about the article's geography."""

    picks: list[tuple[str, GazPlace]]
    actor_countries: Counter[str]
    admin_stems: frozenset[str] = frozenset()  # "kursk" when the article says "Kursk Oblast" elsewhere
    votes: Votes = ()  # each mention's soft country vote (see _votes)
    home: tuple[GazPlace, ...] = ()  # the readings of the dateline ("SPRINGFIELD, Ill. (AP) -")
    # what depends only on the mention's key, and each (place, key) bonus: computed once per context
    _per_key: dict[str, _KeyContext] = field(default_factory=dict, compare=False, repr=False)
    _bonuses: dict[tuple[int, str], float] = field(default_factory=dict, compare=False, repr=False)

    def admin_bonus(self, p: GazPlace, others: list[GazPlace]) -> float:
        """Containment, weighed by how much of the article is there: a town or a state gets ADMIN_WEIGHT
        times the share of the other places (states, counties, towns) that lie in its first-level
        subdivision. "Louisville" next to Ohio and Columbus among as many places in four other states is
        still Kentucky's; "Washington" next to Seattle and "Wash." is the state."""
        return ADMIN_WEIGHT * self.unit_share(p, others)

    def unit_share(self, p: GazPlace, others: list[GazPlace]) -> float:
        """The share of ``others`` (and the dateline's place) in ``p``'s first-level subdivision."""
        if p.feature not in (*POPULATED, *ADMIN) or not p.admin1:
            return 0.0
        votes: defaultdict[tuple[str | None, str | None], float] = defaultdict(float)
        for q in others:
            if q.admin1 and q.feature in (*POPULATED, *ADMIN):
                votes[(q.cc2, q.admin1)] += 1.0
        for q in self.home:
            if q.admin1 and q.feature in (*POPULATED, *ADMIN) and q.id != p.id:
                votes[(q.cc2, q.admin1)] += HOME_VOTES
        total = sum(votes.values())
        return votes[(p.cc2, p.admin1)] / total if total > 0 else 0.0

    def shares(self, p: GazPlace, own_key: str, reading: GazPlace) -> tuple[float, float]:
        """What the mentions of other names than ``own_key`` (read as ``reading``) say of ``p``: its
        country's share of their votes, and its first-level subdivision's share of their places."""
        kc = self._key_context(own_key)
        country = kc.countries.get(p.cc3, 0.0) / kc.total if p.cc3 else 0.0
        return country, self.unit_share(p, [q for q in kc.pool if q.id != reading.id])

    def countries(self, own_key: str) -> dict[str, float]:
        """The other mentions' country votes plus the actors': a soft vote per mention when the readings
        are scored, else one vote for each first reading's country."""
        return self._key_context(own_key).countries

    def _key_context(self, own_key: str) -> _KeyContext:
        found = self._per_key.get(own_key)
        if found is None:
            countries = self._countries(own_key)
            pool = [q for key, q in self.picks if key != own_key]
            points = [(q.id, q.lat, q.lon) for q in pool if q.feature not in ("country", "region", "water")
                      and q.lat is not None and q.lon is not None]
            found = self._per_key[own_key] = _KeyContext(countries, max(1.0, sum(countries.values())), pool, points)
        return found

    def _countries(self, own_key: str) -> dict[str, float]:
        out: defaultdict[str, float] = defaultdict(float, self.actor_countries)
        for q in self.home:
            if q.cc3:
                out[q.cc3] += HOME_VOTES
        if self.votes:
            for key, vote in self.votes:
                if key != own_key:
                    for cc, weight in vote.items():
                        out[cc] += weight
        else:
            for key, q in self.picks:
                if key != own_key and q.cc3:
                    out[q.cc3] += 1.0
        return out

    def bonus(self, p: GazPlace, own_key: str) -> float:
        found = self._bonuses.get((p.id, own_key))
        if found is None:
            found = self._bonuses[(p.id, own_key)] = self._bonus(p, own_key)
        return found

    def _bonus(self, p: GazPlace, own_key: str) -> float:
        if own_key in self.admin_stems and p.feature in ADMIN:
            return ADMIN_ECHO_BONUS  # "Ukraine in Kursk" in an article about "Kursk Oblast": the oblast
        kc = self._key_context(own_key)
        share = kc.countries.get(p.cc3, 0.0) / kc.total if p.cc3 else NO_COUNTRY_SHARE
        score = COUNTRY_WEIGHT * share
        score += self.admin_bonus(p, [q for q in kc.pool if q.id != p.id])  # not itself by another name
        if any(q.id == p.id or contains(p, q) for q in self.home):
            score += HOME_BONUS
        if p.lat is not None and p.lon is not None and p.feature != "country" and _near(p.id, p.lat, p.lon, kc.points):
            score += 0.5
        return score


@dataclass(frozen=True)
class _KeyContext:
    """What a context says to the mentions of one name: the country votes of the others (and their
    total), the other mentions' readings, and those of them that count for nearness."""

    countries: dict[str, float]
    total: float
    pool: list[GazPlace]
    points: list[tuple[int, float, float]]


KM_PER_DEGREE = math.radians(EARTH_RADIUS_KM)  # of latitude: no two places are nearer than their latitudes' gap


def _near(pid: int, lat: float, lon: float, points: list[tuple[int, float, float]]) -> bool:
    """Whether a place other than ``pid`` lies within NEAR_KM (a 1 km margin on the latitude pre-check)."""
    return any(qid != pid and abs(qlat - lat) * KM_PER_DEGREE <= NEAR_KM + 1.0
               and distance_km(lat, lon, qlat, qlon) < NEAR_KM for qid, qlat, qlon in points)


def resolve(gaz: Gazetteer, surfaces: list[Surface], actor_countries: Iterable[str] = (),
            text: str = "") -> list[Resolved]:
    """Each surface with its reading; a name the gazetteer lacks gets the article's best containing
    place (``approximate``), and one with no reading at all gets None. With the article's ``text``,
    "Tacoma, Washington" reads as a town in a state and the dateline ("CAIRO -") as its home."""
    cands = [candidates(gaz, s) for s in surfaces]
    priors = [_namesakes(cs, [prior(c, s) for c in cs]) for s, cs in zip(surfaces, cands, strict=True)]
    cands, priors = _containment_pairs(surfaces, cands, priors, text)
    home = dateline(surfaces, text)
    best = {i: cs[max(range(len(cs)), key=ps.__getitem__)].place
            for i, (cs, ps) in enumerate(zip(cands, priors, strict=True)) if cs}
    keys = [_group_key(s) for s in surfaces]
    first = [(keys[i], q) for i, q in best.items()]
    context = Context(first, Counter(c for c in actor_countries if c), _admin_stems(surfaces, cands, priors),
                      home=tuple(best[i] for i in home if i in best))
    cands, priors = _plausible_fuzzy(cands, priors, context)
    cands, priors = _vague_names(surfaces, cands, priors, context)
    cands, priors = _abbreviations(gaz, surfaces, cands, priors, context)
    picked, scored = _score(surfaces, keys, cands, priors, context)
    for _ in range(CONTEXT_ROUNDS):  # the second readings, not the priors alone, make the context
        context = Context([(key, r.place) for key, r in zip(keys, picked, strict=True) if r.place is not None],
                          context.actor_countries, context.admin_stems, _votes(keys, scored),
                          tuple(p for i in home if (p := picked[i].place) is not None))
        picked, scored = _score(surfaces, keys, cands, priors, context)
    homes = [picked[i].place for i in home]
    return fill_unresolved(gaz, _local_names(picked, keys, context, homes), homes)


def _local_names(picked: list[Resolved], keys: list[str], context: Context,
                 home: Iterable[GazPlace | None]) -> list[Resolved]:
    """A small town that nothing else in the article points to, in an article mostly about another
    town, is more likely a local place the gazetteer lacks (or a word that is not a place) than a far
    namesake: "Delft" in a story about Cape Town townships is Cape Town's Delft, not the Dutch town.
    It reads as the article's focus (``approximate`` "local") when the town's country has under
    FOREIGN_SHARE of the other mentions' votes and the focus town's country more than LOCAL_FOCUS_SHARE;
    in a country whose news names a town's state (STATE_STYLE: "Manchester, N.H."), the same holds of
    a town in another state than the focus ("Washington Square" in a New Orleans story is not the
    Pennsylvania village)."""
    home = list(home)
    out = list(picked)
    for i, (r, key) in enumerate(zip(picked, keys, strict=True)):
        p = r.place
        if p is None or r.approximate or p.feature not in ("town", "village") or not p.cc3:
            continue
        focus = focus_place([o for o, k in zip(picked, keys, strict=True) if k != key and o.place is not None
                             and not o.approximate], home)
        if focus is None or focus.feature not in POPULATED or not focus.cc3:
            continue
        (country, unit), (focus_country, focus_unit) = context.shares(p, key, p), context.shares(focus, key, p)
        if focus.cc3 != p.cc3:
            local = country < FOREIGN_SHARE and focus_country > LOCAL_FOCUS_SHARE
        else:
            local = p.cc3 in STATE_STYLE and bool(p.admin1) and focus.admin1 != p.admin1 and unit < FOREIGN_SHARE \
                and focus_unit > LOCAL_FOCUS_SHARE
        if local:
            out[i] = Resolved(r.surface, focus, 0.0, 0.0, approximate="local")
    return out


# After a dateline's place: an optional ", State" or ", Country", an optional "(AP)", then a dash or colon.
_DATELINE_TAIL = re.compile(r"^(?:,[^\n,:()\-\u2013\u2014]{2,30}?)?\s*(?:\([^)\n]{1,30}\)\s*)?[-\u2013\u2014:]")


def dateline(surfaces: list[Surface], text: str) -> list[int]:
    """The surfaces of a news dateline ("CAIRO -", "SPRINGFIELD, Ill. (AP) -", "Muscat:"): the first
    name at the very start of the text when a dash or colon follows it (after an optional state or
    country and news agency), and the state or country after its comma."""
    if not text or not surfaces:
        return []
    first = min(range(len(surfaces)), key=lambda i: surfaces[i].start)
    s = surfaces[first]
    match = _DATELINE_TAIL.match(text[s.end : s.end + 60])
    if text[: s.start].strip() or not match:
        return []
    end = s.end + match.end()
    return [first, *(i for i, t in enumerate(surfaces) if i != first and s.end < t.start < end)]


def contains(outer: GazPlace, inner: GazPlace) -> bool:
    """Whether ``inner`` lies in the country or subdivision ``outer`` (by codes)."""
    if outer.id == inner.id or not outer.cc2 or outer.cc2 != inner.cc2 or inner.feature == "country":
        return False
    if outer.feature == "country":
        return True
    if outer.feature == "adm1":
        return inner.admin1 == outer.admin1 and inner.feature != "adm1"
    if outer.feature == "adm2":
        return inner.admin1 == outer.admin1 and inner.admin2 == outer.admin2 \
            and inner.feature in (*POPULATED, "facility")
    return False


_LIST_AFTER = re.compile(r"^(?:,\s*|,?\s+(?:and|or)\s+)")
_LIST_BEFORE = re.compile(r"(?:,\s*|\s+(?:and|or)\s+)$")


def _in_list(text: str, a: Surface, b: Surface, starts: set[int], ends: set[int]) -> bool:
    """"Washington, New York and Boston": the pair is part of a list of places, not a town and its state."""
    after = _LIST_AFTER.match(text[b.end : b.end + 8])
    if after and b.end + after.end() in starts:
        return True
    before = _LIST_BEFORE.search(text[max(0, a.start - 8) : a.start])
    return before is not None and a.start - len(before.group(0)) in ends


def _containment_pairs(surfaces: list[Surface], cands: list[list[Candidate]], priors: list[list[float]],
                       text: str) -> tuple[list[list[Candidate]], list[list[float]]]:
    """"Tacoma, Washington", "Birmingham, Ala.", "Paris, Texas": a name followed by a comma and the name
    of a state or country is a place in it. Where some reading of the first lies in some reading of the
    second, both keep only such readings; a first name read best as a country or state ("Texas,
    Georgia and Ohio" is a list) is left alone."""
    if not text:
        return cands, priors
    order = sorted(range(len(surfaces)), key=lambda i: surfaces[i].start)
    out_c, out_p = list(cands), list(priors)
    starts = {surfaces[i].start for i in order}
    ends = {surfaces[i].end for i in order}
    for a, b in zip(order, order[1:], strict=False):
        if text[surfaces[a].end : surfaces[b].start] != ", " or _in_list(text, surfaces[a], surfaces[b], starts, ends):
            continue
        inner, outer = cands[a], cands[b]
        if not inner or inner[max(range(len(inner)), key=priors[a].__getitem__)].place.feature in ("country", "adm1"):
            continue
        fits = [(i, j) for i, ci in enumerate(inner) for j, cj in enumerate(outer)
                if cj.place.feature in ("country", "adm1", "adm2") and contains(cj.place, ci.place)]
        if not fits:
            continue
        keep_a, keep_b = sorted({i for i, _ in fits}), sorted({j for _, j in fits})
        out_c[a], out_p[a] = [inner[i] for i in keep_a], [priors[a][i] for i in keep_a]
        out_c[b], out_p[b] = [outer[j] for j in keep_b], [priors[b][j] for j in keep_b]
    return out_c, out_p


def _votes(keys: list[str], scored: list[list[tuple[float, Candidate]]]) -> Votes:
    """Each mention's vote for the article's countries: its readings' softmax probabilities summed per
    country, so "Manchester" (one dominant reading) votes about 1 for Britain and "Kent" (towns in
    several countries at close scores) splits its vote."""
    out = []
    for key, pairs in zip(keys, scored, strict=True):
        if not pairs:
            continue
        top = pairs[0][0]
        weights = [math.exp((value - top) / VOTE_TEMPERATURE) for value, _ in pairs]
        total = sum(weights)
        vote: defaultdict[str, float] = defaultdict(float)
        for w, (_, c) in zip(weights, pairs, strict=True):
            if c.place.cc3:
                vote[c.place.cc3] += w / total
        out.append((key, dict(vote)))
    return tuple(out)


def _score(surfaces: list[Surface], keys: list[str], cands: list[list[Candidate]], priors: list[list[float]],
           context: Context) -> tuple[list[Resolved], list[list[tuple[float, Candidate]]]]:
    totals: dict[str, defaultdict[int, float]] = defaultdict(lambda: defaultdict(float))
    scored: list[list[tuple[float, Candidate]]] = []
    plain = {key for s, key in zip(surfaces, keys, strict=True) if not s.heads_name}
    for key, cs, ps in zip(keys, cands, priors, strict=True):
        # "Cambridge Analytica", "the Venice Commission" (and no plain "Cambridge"): an organisation
        # is named after a well-known place, wherever the article is
        weight = NAME_HEAD_CONTEXT if key not in plain and any(
            c.place.population >= FUZZY_MIN_POP for c in cs) else 1.0
        pairs = sorted(((p + weight * context.bonus(c.place, key), c) for c, p in zip(cs, ps, strict=True)),
                       key=lambda x: -x[0])
        scored.append(pairs)
        for value, c in pairs:
            totals[key][c.place.id] += value
    return [_pick(s, pairs, totals[key]) for s, key, pairs in zip(surfaces, keys, scored, strict=True)], scored


def _admin_stems(surfaces: list[Surface], cands: list[list[Candidate]], priors: list[list[float]]) -> frozenset[str]:
    """Names the article gives with an admin word ("Kursk Oblast", "the region of Kursk") and that read
    as a subdivision; the same bare name elsewhere in it then means the subdivision too."""
    stems = set()
    for s, cs, ps in zip(surfaces, cands, priors, strict=True):
        if s.admin_hint and cs and cs[max(range(len(cs)), key=ps.__getitem__)].place.feature in ADMIN:
            stems.add(name_key(strip_generic(name_variants(s.text)[-1])))
    return frozenset(stems)


def _plausible_fuzzy(cands: list[list[Candidate]], priors: list[list[float]],
                     context: Context) -> tuple[list[list[Candidate]], list[list[float]]]:
    """Drop fuzzy candidates that are neither large places nor in a country the article is about
    ("Korean" is not the French village Correns); unknown names then fall back to the context."""
    countries = {q.cc3 for _, q in context.picks if q.cc3 and not _is_fuzzy_pick(q, cands)} | \
        set(context.actor_countries)
    out_c, out_p = [], []
    for cs, ps in zip(cands, priors, strict=True):
        keep = [i for i, c in enumerate(cs) if c.kind != "fuzzy" or c.place.population >= FUZZY_MIN_POP
                or c.place.cc3 in countries or (not countries and c.place.population >= 5_000)]
        out_c.append([cs[i] for i in keep])
        out_p.append([ps[i] for i in keep])
    return out_c, out_p


# Words that make a name vague when it has no other: "Western", "West Coast", "the Gulf", "South Side".
VAGUE_WORDS = words("coast side gulf coastal region regions hemisphere")


def vague(text: str) -> bool:
    """A name made only of direction and generic words ("Western", "West Coast", "the Gulf")."""
    tokens = [name_key(t) for t in name_variants(text)[0].split()]
    return bool(tokens) and all(t in DIRECTIONS or t in VAGUE_WORDS for t in tokens)


def _vague_names(surfaces: list[Surface], cands: list[list[Candidate]], priors: list[list[float]],
                 context: Context) -> tuple[list[list[Candidate]], list[list[float]]]:
    """A direction word alone or with a generic word names a part of something the article is about
    ("Western" Australia, the US "West Coast"): keep only the readings in the article's countries (and
    seas, and regions across borders in an article about several countries: "the Gulf", "the West"),
    so that it never jumps to Uganda's Western Region or New Zealand's West Coast."""
    out_c, out_p = list(cands), list(priors)
    for i, (s, cs) in enumerate(zip(surfaces, cands, strict=True)):
        if cs and vague(s.text):
            countries = context.countries(_group_key(s))
            home = [j for j, c in enumerate(cs) if c.place.cc3 and countries.get(c.place.cc3, 0.0) > 0]
            # a region across borders only in an article about several countries ("Russia and the West"),
            # and not where a subdivision of theirs has the name ("Western" Australia next to Perth)
            unit = any(cs[j].place.feature in ADMIN for j in home) or sum(v > 0 for v in countries.values()) < 2
            keep = [j for j, c in enumerate(cs) if j in home or (not c.place.cc3 and (
                c.place.feature == "water" or (c.place.feature == "region" and not unit)))]  # "the Gulf", "the West"
            out_c[i] = [cs[j] for j in keep]
            out_p[i] = [priors[i][j] for j in keep]
    return out_c, out_p


INITIALS_SKIP = frozenset({"and", "of", "the", "&"})


def initials(name: str) -> str:
    """"British Columbia" -> "BC", "Trinidad and Tobago" -> "TT", "New South Wales" -> "NSW"."""
    return "".join(w[0] for w in re.split(r"[\s-]+", name) if w and w.lower() not in INITIALS_SKIP).upper()


def _abbreviations(gaz: Gazetteer, surfaces: list[Surface], cands: list[list[Candidate]],
                   priors: list[list[float]], context: Context) -> tuple[list[list[Candidate]], list[list[float]]]:
    """An upper-case abbreviation the gazetteer lacks, or knows only as some village's alternate name
    ("BC", "NSW", "SA", "T&T"), read as the initials of a country or first-level subdivision, but only
    of a country the article is already about: "BC" in an article about Nelson and Castlegar is British
    Columbia, "SA" next to Johannesburg South Africa."""
    countries = Counter(q.cc2 for _, q in context.picks if q.cc2)
    if not countries:
        return cands, priors
    out_c, out_p = list(cands), list(priors)
    for i, (s, cs) in enumerate(zip(surfaces, cands, strict=True)):
        if not s.from_model or not ABBREVIATION.match(s.text) or any(_sure_reading(c) for c in cs):
            continue
        letters = s.text.replace(".", "").replace("&", "")
        found = [Candidate(p, s.text, "abbreviation", 0.9) for cc in countries for p in gaz.units(cc)
                 if initials(p.name) == letters and p.lat is not None]
        if found:
            out_c[i] = found
            out_p[i] = [prior(c, s) + COUNTRY_WEIGHT * countries[c.place.cc2 or ""] / countries.total()
                        for c in found]
    return out_c, out_p


def _sure_reading(c: Candidate) -> bool:
    """A reading of an abbreviation that stands without the article's help: a curated alias ("UAE",
    "Fla.") or a large place; not a village whose alternate names hold the letters ("SA" for Siá)."""
    return c.kind == "alias" or c.place.population >= FUZZY_MIN_POP


def _is_fuzzy_pick(place: GazPlace, cands: list[list[Candidate]]) -> bool:
    return any(c.kind == "fuzzy" and c.place.id == place.id for cs in cands for c in cs)


# First words that name no place on their own ("West" of "West Wing", "Royal" of "Royal Street").
DIRECTIONS = words("north south east west northern southern eastern western central upper lower new old great "
                   "greater royal grand saint st")


# Compass words before a place name that make the whole a part of it ("South Florida", "eastern Ukraine").
COMPASS = words("north south east west northern southern eastern western central northeast northwest southeast "
                "southwest northeastern northwestern southeastern southwestern")


def fill_unresolved(gaz: Gazetteer, picked: list[Resolved],
                    home: Iterable[GazPlace | None] = ()) -> list[Resolved]:
    """Readings for names the gazetteer lacks: a place named inside the name ("Manila Cathedral",
    "University of California"), else the article's focus place, marked ``approximate``."""
    found = [r for r in picked if r.place is not None and not r.approximate]
    if len(found) == len(picked):
        return picked
    focus = focus_place(found, home)
    out = []
    for r in picked:
        if r.place is None and r.surface.label != DEMONYM:
            inner = _inner_place(gaz, r.surface, found)
            place = inner or focus
            if place is not None:
                r = Resolved(r.surface, place, 0.0, 0.0, approximate="inner" if inner else "focus")
        out.append(r)
    return out


def _inner_place(gaz: Gazetteer, surface: Surface, found: list[Resolved]) -> GazPlace | None:
    """A place the article already names, or a country, state or large city, named at the start of
    the name ("Manila Cathedral", "Colorado State University"), after "of" ("University of California")
    or after a compass word ("South Florida", "Western US": a part of the place)."""
    if street_name(surface.text):
        return None  # "Hampton Avenue", "Northumberland Avenue": a street named after a place lies elsewhere
    tokens = surface.text.replace("'s", "").split()
    parts = [" ".join(tokens[:n]) for n in range(len(tokens) - 1, 0, -1)]
    if "of" in tokens:
        parts.insert(0, " ".join(tokens[tokens.index("of") + 1 :]))
    if len(tokens) > 1 and name_key(tokens[0]) in COMPASS and not vague(" ".join(tokens[1:])):
        parts.insert(0, " ".join(tokens[1:]))  # not "Coast" of "West Coast"
    known = {r.place.id: r.place for r in found if r.place is not None}
    # a subdivision's other names ("Federal" of Distrito Federal, "No" of Nord) only in the article's countries
    countries = {p.cc3 for p in known.values()}
    for part in parts:
        if not part or not part[0].isupper():
            continue
        if name_key(part) in DIRECTIONS:
            continue
        matches = [c for c in gaz.lookup(part) if c.place.lat is not None
                   and (c.kind != "demonym" or surface.text.startswith(part))]  # "European Commission"
        cands = [c.place for c in matches]
        inside = [p for p in cands if p.id in known]
        big = [c.place for c in matches if (c.place.feature in ("country", "adm1") and c.kind in ("alias", "demonym")
                                            and (c.place.feature == "country" or c.place.cc3 in countries
                                                 or main_key(c.place) == name_key(part)))
               or ((c.place.feature in ("country", "adm1") or c.place.population >= FUZZY_MIN_POP)
                   and main_key(c.place) == name_key(part))]
        if inside or big:
            return max(inside or big, key=lambda p: p.population)
    return None


def street_name(text: str) -> bool:
    """A name that ends in a street word ("Hampton Avenue", "Bourbon Street")."""
    tokens = text.split()
    return bool(tokens) and name_key(tokens[-1]) in STREET_WORDS


def focus_place(found: list[Resolved], home: Iterable[GazPlace | None] = ()) -> GazPlace | None:
    """The place an article is mostly about: the town of its dateline ("CAIRO -"); else the town or
    city with the most support, counting its own
    mentions, half of each mention of another place in its first-level subdivision and a quarter of
    each other mention in its country (the most populous on a tie); without towns, the most-mentioned
    subdivision, then country. "Liverpool" six times in an article about a Liverpool academy in
    Cairo that names Egypt, Cairo and Egyptians more often is not its focus."""
    places = [r.place for r in found if r.place is not None]
    dateline_towns = [p for p in home if p is not None and p.feature in POPULATED]
    if dateline_towns:
        return dateline_towns[0]
    if not places:
        return None
    counts = Counter(p.id for p in places)
    by_id = {p.id: p for p in places}
    towns = [p for p in by_id.values() if p.feature in POPULATED]
    if not towns:
        rank = {"adm2": 0, "adm1": 0, "country": 1}
        return by_id[min(by_id, key=lambda i: (rank.get(by_id[i].feature, 2), -counts[i], -by_id[i].population))]
    units = Counter((p.cc3, p.admin1) for p in places if p.admin1 and p.feature in (*POPULATED, *ADMIN))
    nations = Counter(p.cc3 or "" for p in places)

    def support(t: GazPlace) -> float:
        own = counts[t.id]
        unit = units[(t.cc3, t.admin1)] - own if t.admin1 else 0
        return float(own + FOCUS_UNIT_SHARE * unit + FOCUS_COUNTRY_SHARE * (nations[t.cc3 or ""] - own - unit))

    return max(towns, key=lambda t: (support(t), t.population))


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
