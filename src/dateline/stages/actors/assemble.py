"""Merging mentions into :class:`~dateline.records.Actor` records with stable ids.

People are merged by name (full name, surname, spelling variants such as Zelensky/Zelenskyy); the
canonical name is the longest full form in the article, and the id comes from the office-holder
dictionary's name when the person is in it (so "Sergey" and "Sergei" Lavrov share an id across
articles), else from the canonical name.  States are keyed by country, groups by country and sector,
institutions and media by their canonical name.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import cast

from rapidfuzz import fuzz

from dateline.knowledge.actors import DatedRole, Figure, Leader, Lexicon
from dateline.records import Actor, ActorKind, Role, Span, TimeValue, normalize_key, stable_id
from dateline.stages.actors.model import (
    CollectiveMention,
    PersonCluster,
    PersonMention,
    RefMention,
    RoleInfo,
    surname_forms,
)

_SAME_NAME = 88  # rapidfuzz ratio above which two spellings of a name are one person


@lru_cache(maxsize=65536)
def _similar(a: str, b: str) -> bool:
    return normalize_key(a) == normalize_key(b) or fuzz.ratio(normalize_key(a), normalize_key(b)) >= _SAME_NAME


@lru_cache(maxsize=65536)
def _same_person(full: str, other: str) -> bool:
    a, b = full.split(), other.split()
    if not any(_similar(x, y) for x in surname_forms(full) for y in surname_forms(other)):
        return False
    return len(b) == 1 or len(a) == 1 or _similar(a[0], b[0]) or a[0].rstrip(".") == b[0][:1]


def cluster_people(mentions: Sequence[PersonMention]) -> list[PersonCluster]:
    """Full names first (one cluster each), then surnames attached to the one full name they fit."""
    clusters: list[PersonCluster] = []
    ordered = sorted(mentions, key=lambda m: (-len(m.name.split()), m.start))
    for m in ordered:
        fits = [c for c in clusters if any(_same_person(n, m.name) for n in c.names)]
        if len(fits) == 1:
            fits[0].names.append(m.name)
            fits[0].mentions.append(m)
        elif not fits or len(m.name.split()) > 1:
            clusters.append(PersonCluster(key=normalize_key(m.name), names=[m.name], mentions=[m]))
    return sorted(clusters, key=lambda c: min(x.start for x in c.mentions))


def find_leader(cluster: PersonCluster, lex: Lexicon) -> Leader | None:
    canonical = cluster.canonical
    leader = lex.leader(canonical)
    if leader is not None:
        return leader
    candidates = lex.leaders_by_surname.get(normalize_key(canonical.split()[-1]), ())
    if len(canonical.split()) == 1:
        return candidates[0] if len(candidates) == 1 else None
    fits = [c for c in candidates if _same_person(c.name, canonical)]
    return fits[0] if len(fits) == 1 else None


_SAME_FIGURE = 92  # a slightly misspelled full name ("Francois Mitterand") still finds its dictionary entry


def find_figure(cluster: PersonCluster, lex: Lexicon) -> Figure | None:
    """The historical dictionary's entry for a full name (exact, else one close spelling with the same first name)."""
    names = sorted({n for n in cluster.names if len(n.split()) > 1}, key=lambda n: -len(n))
    for name in names:
        figure = lex.figures.get(normalize_key(name))
        if figure is not None:
            return figure
    for name in names:
        key = normalize_key(name)
        close = {lex.figures[k].name: lex.figures[k] for k in lex.figures_by_first.get(key.split()[0], ())
                 if fuzz.ratio(k, key) >= _SAME_FIGURE}
        if len(close) == 1:
            return next(iter(close.values()))
    return None


def _as_of(published_at: str | None) -> TimeValue | None:
    if not published_at or len(published_at) < 10:
        return None
    return TimeValue(published_at[:10], "DATE", "day", None, "dct")


def _roles(infos: Iterable[RoleInfo], published_at: str | None) -> list[Role]:
    seen: dict[tuple[str, str], Role] = {}
    for r in infos:
        if r.title:
            key = (normalize_key(r.title), normalize_key(r.organization or ""))
            seen.setdefault(key, Role(r.title, r.organization, None if r.past else _as_of(published_at)))
    return list(seen.values())


def _affiliation(roles: Sequence[RoleInfo], leader: Leader | None,
                 held: DatedRole | None = None) -> tuple[str | None, str | None]:
    current = [r for r in roles if not r.past] or list(roles)
    country = next((r.country for r in current if r.country), None) or (leader.country if leader else None)
    with_org = [r.sector for r in current if r.sector and r.org_sector]
    sector = next(iter(with_org), None) or next((r.sector for r in current if r.sector), None)
    sector = sector or (leader.sector if leader else None)
    if held is not None and (country is None or country == held.country):
        return held.country, sector or held.sector
    return country, sector


def _spans(text: str, ranges: Iterable[tuple[int, int]]) -> list[Span]:
    return [Span.of(text, a, b) for a, b in sorted(set(ranges))]


def person_actor(cluster: PersonCluster, lex: Lexicon, text: str, published_at: str | None) -> Actor:
    leader = find_leader(cluster, lex)
    canonical = cluster.canonical
    if len(canonical.split()) == 1 and leader is not None:
        canonical = leader.name
    figure = find_figure(cluster, lex) if leader is None else None
    held = figure.role_on(published_at) if figure is not None else None
    country, sector = _affiliation(cluster.roles, leader, held)
    aliases = sorted({n for n in cluster.names if n != canonical})
    ranges = [(m.start, m.end) for m in cluster.mentions] + [(r.start, r.end) for r in cluster.refs]
    full = len(cluster.canonical.split()) > 1
    return Actor(
        id=stable_id("actor", "person", leader.name if leader else figure.name if figure else canonical),
        name=canonical, kind="person", country=country, sector=sector,
        roles=_roles(cluster.roles, published_at), aliases=aliases, mentions=_spans(text, ranges),
        confidence=0.9 if full else (0.75 if leader else 0.6),
    )


def attach_refs(clusters: Sequence[PersonCluster], refs: Iterable[RefMention]) -> None:
    by_key = {c.key: c for c in clusters}
    taken = {(m.start, m.end) for c in clusters for m in c.mentions}
    for ref in refs:
        if (ref.start, ref.end) not in taken and ref.person_key in by_key:
            by_key[ref.person_key].refs.append(ref)
            taken.add((ref.start, ref.end))


def role_organizations(clusters: Sequence[PersonCluster], text: str, lex: Lexicon) -> list[CollectiveMention]:
    """Organizations named in roles ("at Bild-Zeitung", "Carnegie Russia Eurasia Center") as actors."""
    out = []
    for role in (r for c in clusters for r in c.roles):
        if role.organization and role.org_span:
            kind = role.org_kind or "organization"
            name = text[role.org_span[0] : role.org_span[1]]
            known = lex.institution(name)
            name = known.name if known else name
            out.append(CollectiveMention(role.org_span[0], role.org_span[1], kind, name, role.country,
                                         role.org_sector, (kind, name), 0.7))
    return out


def collective_actors(mentions: Sequence[CollectiveMention], text: str) -> list[Actor]:
    grouped: dict[tuple[str | None, ...], list[CollectiveMention]] = {}
    for m in sorted(mentions, key=lambda m: m.start):
        key = _merge_key(m, grouped)
        grouped.setdefault(key, []).append(m)
    return [_collective(key, ms, text) for key, ms in grouped.items()]


def _merge_key(m: CollectiveMention, grouped: dict[tuple[str | None, ...], list[CollectiveMention]]) -> tuple[
        str | None, ...]:
    """Role organizations merge with a dictionary institution of the same name."""
    for key, ms in grouped.items():
        if key[0] in ("organization", "media", "armed_group") and normalize_key(ms[0].name) == normalize_key(m.name):
            return key
    return m.key


def _collective(key: tuple[str | None, ...], ms: list[CollectiveMention], text: str) -> Actor:
    best = max(ms, key=lambda m: m.confidence)
    country = best.country or next((m.country for m in ms if m.country), None)
    sector = best.sector or next((m.sector for m in ms if m.sector), None)
    surfaces = sorted({text[m.start : m.end] for m in ms if not m.ref} - {best.name})
    return Actor(
        id=stable_id("actor", *(k or "" for k in key)), name=best.name, kind=cast(ActorKind, best.kind),
        country=country, sector=sector, roles=[], aliases=surfaces,
        mentions=_spans(text, [(m.start, m.end) for m in ms]), confidence=best.confidence,
    )
