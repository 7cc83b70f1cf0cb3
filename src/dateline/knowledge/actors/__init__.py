"""Actor dictionaries: countries and demonyms, titles and agent nouns, institutions, office holders.

Data files live in ``dateline/knowledge/data/actors_*.tsv`` (tab-separated, ``#`` comments).  They
are read once per process on first use (:func:`load_lexicon`) and are immutable afterwards.

- ``actors_countries.tsv``: alpha3, names, demonyms, seats of government (written for the project).
- ``actors_official_names.tsv``: alpha3 and official long names ("Islamic Republic of Iran"), derived from
  the countryinfo package by :mod:`dateline.knowledge.actors.build_data`.
- ``actors_titles.tsv``: curated titles and group nouns with their sector (written for the project).
- ``actors_agents.tsv``: agent nouns and sectors derived from the PETRARCH Phoenix agents dictionary
  (MIT) by :mod:`dateline.knowledge.actors.build_data`.
- ``actors_institutions.tsv``: institutions, armed groups and media with country and sector.
- ``actors_history.tsv.gz``: people with dated country-coded roles (heads of state and government,
  ministers, opposition figures since the 1930s) derived from PETRARCH's Phoenix.Countries.actors.txt
  (MIT) by :mod:`dateline.knowledge.actors.build_data`.
- ``actors_given_names.tsv``: common given names by gender (written for the project), for pronouns.
- ``actors_leaders.tsv``: office holders (CC0 Wikidata lists plus a curated file), built by
  :mod:`dateline.knowledge.actors.build_data`.
"""

from __future__ import annotations

import gzip
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import get_args

from dateline.errors import DataMissing
from dateline.records import ActorKind, normalize_key


@dataclass(frozen=True)
class Title:
    """A role noun: ``spokesman`` (person), ``bloggers`` (persons), ``troops`` (group).

    ``sector`` is None when it comes from the organization ("Kremlin spokesman" is GOV).
    """

    phrase: str
    sector: str | None
    kind: str

    @property
    def plural(self) -> bool:
        return self.kind != "person"


@dataclass(frozen=True)
class Institution:
    name: str
    kind: str
    country: str | None
    sector: str | None


@dataclass(frozen=True)
class Leader:
    name: str
    country: str | None
    title: str
    sector: str | None
    since: str | None
    until: str | None


@dataclass(frozen=True)
class DatedRole:
    """One role of a person: country, sector, and the dates (YYYYMMDD) it holds between, open-ended if None."""

    country: str
    sector: str | None
    since: str | None
    until: str | None

    def holds_on(self, day: str) -> bool:
        return (self.since is None or self.since <= day) and (self.until is None or day <= self.until)


@dataclass(frozen=True)
class Figure:
    """A person of the historical dictionary, with the roles they held."""

    name: str
    roles: tuple[DatedRole, ...]

    def role_on(self, published_at: str | None) -> DatedRole | None:
        """The role in force on the publication date (the narrowest dated one), else the undated one.

        Without a date: the undated default, else the latest role.
        """
        if not self.roles:
            return None
        undated = next((r for r in self.roles if r.since is None and r.until is None), None)
        day = published_at[:10].replace("-", "") if published_at and len(published_at) >= 10 else None
        if day is None:
            return undated or max(self.roles, key=lambda r: r.since or "")
        holding = [r for r in self.roles if (r.since or r.until) and r.holds_on(day)]
        if holding:
            return min(holding, key=lambda r: (r.until or "99999999") + "|" + (r.since or ""))
        if undated is not None:
            return undated
        return min(self.roles, key=lambda r: _distance(r, day))


def _distance(role: DatedRole, day: str) -> int:
    edges = [int(d[:4]) for d in (role.since, role.until) if d]
    return min(abs(int(day[:4]) - e) for e in edges) if edges else 10_000


@dataclass(frozen=True)
class Lexicon:
    """Lookups keyed by :func:`dateline.records.normalize_key` of the words."""

    country_names: dict[str, str] = field(default_factory=dict)
    demonyms: dict[str, str] = field(default_factory=dict)
    capitals: dict[str, str] = field(default_factory=dict)
    adjectives: dict[str, str] = field(default_factory=dict)
    names: dict[str, str] = field(default_factory=dict)
    titles: dict[str, Title] = field(default_factory=dict)
    institutions: dict[str, Institution] = field(default_factory=dict)
    leaders: dict[str, Leader] = field(default_factory=dict)
    leaders_by_surname: dict[str, tuple[Leader, ...]] = field(default_factory=dict)
    figures: dict[str, Figure] = field(default_factory=dict)
    figures_by_first: dict[str, tuple[str, ...]] = field(default_factory=dict)
    given_genders: dict[str, str] = field(default_factory=dict)
    # Prefixes of the first word of every institution key and of every country name or seat of government:
    # a word whose key is not among them cannot open such a name (a cheap test before the n-gram lookups).
    institution_openers: frozenset[str] = frozenset()
    state_openers: frozenset[str] = frozenset()
    title_first: frozenset[str] = frozenset()
    title_last: frozenset[str] = frozenset()
    # Every title key's leading and trailing runs of words ("deputy", "deputy foreign", "foreign minister",
    # "minister"...): a longer span can only be a title if a shorter one at the same edge is such a run.
    title_prefixes: frozenset[str] = frozenset()
    title_suffixes: frozenset[str] = frozenset()
    max_title_words: int = 1
    max_institution_words: int = 1
    max_country_words: int = 1

    def country_of(self, words: str) -> str | None:
        """alpha3 for a country name or demonym ("Russia", "Russian", "Russians"), else None."""
        key = lookup_key(words)
        return self.country_names.get(key) or self.demonyms.get(key)

    def title(self, words: str) -> Title | None:
        return self.titles.get(lookup_key(words))

    def institution(self, words: str) -> Institution | None:
        key = lookup_key(words)
        if key.startswith("the "):
            key = key[4:]
        return self.institutions.get(key)

    def gender_of_given_name(self, name: str) -> str | None:
        """``m`` or ``f`` for a common given name ("Sergei", "Iryna"), else None."""
        return self.given_genders.get(lookup_key(name))

    def leader(self, name: str) -> Leader | None:
        return self.leaders.get(lookup_key(name))


def lookup_key(words: str) -> str:
    """:func:`~dateline.records.normalize_key`, with a fast path for ASCII (no accents to strip, nothing to fold)."""
    if words.isascii():
        return " ".join(words.lower().split())
    return normalize_key(words)


def read_tsv(name: str) -> Iterator[list[str]]:
    """Rows of a packaged data file (``.gz`` decompressed), comments and blank lines skipped, padded fields kept."""
    path = resources.files("dateline.knowledge").joinpath("data", name)
    try:
        text = gzip.decompress(path.read_bytes()).decode("utf-8") if name.endswith(".gz") else \
            path.read_text(encoding="utf-8")
    except OSError as exc:
        raise DataMissing(f"actor dictionary {name} is missing: {exc}",
                          hint="reinstall dateline or run python -m dateline.knowledge.actors.build_data") from exc
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            yield line.rstrip("\n").split("\t")


def _alts(field_text: str) -> list[str]:
    return [a.strip() for a in field_text.split("|") if a.strip()]


def _cell(row: list[str], i: int) -> str:
    return row[i].strip() if i < len(row) else ""


def _countries(lex: Lexicon) -> None:
    for row in read_tsv("actors_countries.tsv"):
        code = row[0]
        lex.names.setdefault(code, _alts(_cell(row, 1))[0])
        lex.adjectives.setdefault(code, (_alts(_cell(row, 2)) or [code])[0])
        for name in _alts(_cell(row, 1)):
            lex.country_names.setdefault(normalize_key(name), code)
        for demonym in _alts(_cell(row, 2)):
            lex.demonyms.setdefault(normalize_key(demonym), code)
        for seat in _alts(_cell(row, 3)):
            lex.capitals.setdefault(normalize_key(seat), code)
    for code, name in read_tsv("actors_official_names.tsv"):
        lex.country_names.setdefault(normalize_key(name), code)


def _titles(lex: Lexicon) -> None:
    # curated titles first: they win over the derived agent nouns
    for name in ("actors_titles.tsv", "actors_agents.tsv"):
        for row in read_tsv(name):
            phrase, sector, kind = row[0], _cell(row, 1) or None, _cell(row, 2) or "person"
            lex.titles.setdefault(normalize_key(phrase), Title(phrase, sector, kind))


def _institutions(lex: Lexicon) -> None:
    for row in read_tsv("actors_institutions.tsv"):
        inst = Institution(row[0], _cell(row, 2) or "organization", _cell(row, 3) or None, _cell(row, 4) or None)
        if inst.kind not in get_args(ActorKind):
            raise DataMissing(f"actors_institutions.tsv: {row[0]!r} has unknown kind {inst.kind!r}",
                              hint=f"use one of {get_args(ActorKind)}")
        for name in [row[0], *_alts(_cell(row, 1))]:
            key = normalize_key(name)
            lex.institutions.setdefault(key[4:] if key.startswith("the ") else key, inst)


def _leaders(lex: Lexicon) -> None:
    by_surname: dict[str, list[Leader]] = {}
    for row in read_tsv("actors_leaders.tsv"):
        leader = Leader(row[0], _cell(row, 2) or None, _cell(row, 3), _cell(row, 4) or None,
                        _cell(row, 5) or None, _cell(row, 6) or None)
        for name in [row[0], *_alts(_cell(row, 1))]:
            lex.leaders.setdefault(normalize_key(name), leader)
            by_surname.setdefault(normalize_key(name.split()[-1]), []).append(leader)
    lex.leaders_by_surname.update({k: tuple(dict.fromkeys(v)) for k, v in by_surname.items()})


def _dated_role(code: str) -> DatedRole:
    head, _, dates = code.partition(":")
    since, _, until = dates.partition("-")
    return DatedRole(head[:3], head[3:6] or None, since or None, until or None)


def _figures(lex: Lexicon) -> None:
    by_first: dict[str, list[str]] = {}
    for row in read_tsv("actors_history.tsv.gz"):
        figure = Figure(row[0], tuple(_dated_role(c) for c in _alts(_cell(row, 2))))
        for name in [row[0], *_alts(_cell(row, 1))]:
            key = normalize_key(name)
            if len(key.split()) < 2 or key in lex.figures:
                continue
            lex.figures[key] = figure
            by_first.setdefault(key.split()[0], []).append(key)
    lex.figures_by_first.update({k: tuple(v) for k, v in by_first.items()})


def _openers(keys: Iterable[str]) -> frozenset[str]:
    return frozenset(w[:n] for k in keys if k.split() for w in [k.split()[0]] for n in range(1, len(w) + 1))


def _given_names(lex: Lexicon) -> None:
    for row in read_tsv("actors_given_names.tsv"):
        gender = _cell(row, 1)
        if gender not in ("m", "f"):
            raise DataMissing(f"actors_given_names.tsv: {row[0]!r} has gender {gender!r}", hint="use m or f")
        lex.given_genders.setdefault(normalize_key(row[0]), gender)


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    """All actor dictionaries, read once per process."""
    lex = Lexicon()
    _countries(lex)
    _titles(lex)
    _institutions(lex)
    _leaders(lex)
    _figures(lex)
    _given_names(lex)
    return Lexicon(
        **{f: getattr(lex, f) for f in ("country_names", "demonyms", "capitals", "adjectives", "names", "titles",
                                        "institutions", "leaders", "leaders_by_surname", "figures",
                                        "figures_by_first", "given_genders")},
        institution_openers=_openers(lex.institutions),
        state_openers=_openers([*lex.country_names, *lex.capitals]),
        title_first=frozenset(k.split()[0] for k in lex.titles),
        title_last=frozenset(k.split()[-1] for k in lex.titles),
        title_prefixes=frozenset(" ".join(w[:n]) for w in map(str.split, lex.titles) for n in range(1, len(w) + 1)),
        title_suffixes=frozenset(" ".join(w[n:]) for w in map(str.split, lex.titles) for n in range(len(w))),
        max_title_words=max(len(k.split()) for k in lex.titles),
        max_institution_words=max(len(k.split()) for k in lex.institutions),
        max_country_words=max(len(k.split()) for k in lex.country_names),
    )
