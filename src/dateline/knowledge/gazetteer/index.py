"""Reading the gazetteer: exact, alternate and fuzzy name lookups, parents, by id."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

from rapidfuzz import fuzz, process

from dateline.errors import DataMissing
from dateline.knowledge.gazetteer.schema import FORMAT_VERSION, name_key
from dateline.records import Feature

_COLUMNS = ("id, ref, name, fclass, fcode, feature, population, cc2, cc3, admin1, admin2, "
            "admin1_name, admin2_name, lat, lon, parent")
_P_COLUMNS = ", ".join(f"p.{c.strip()}" for c in _COLUMNS.split(","))


@dataclass(frozen=True)
class GazPlace:
    id: int
    ref: str
    name: str
    fclass: str
    fcode: str
    feature: Feature
    population: int
    cc2: str | None
    cc3: str | None
    admin1: str | None
    admin2: str | None
    admin1_name: str | None
    admin2_name: str | None
    lat: float | None
    lon: float | None
    parent: int | None


@dataclass(frozen=True)
class Candidate:
    place: GazPlace
    matched: str      # the spelling in the gazetteer that matched
    kind: str         # name | alt | alias | fuzzy
    similarity: float  # 1.0 for an exact key match, the fuzzy ratio / 100 otherwise


class Gazetteer:
    """A read-only SQLite gazetteer; one per worker (the stage factory opens it once)."""

    def __init__(self, path: Path) -> None:
        if not path.exists():
            raise DataMissing("the gazetteer index is missing", path=str(path),
                              hint="build it with `dateline gazetteer build --default`")
        self.path = path
        self.db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
        if (found := self.format_version()) != FORMAT_VERSION:
            self.db.close()
            raise DataMissing(f"the gazetteer index has format {found or 'unknown'}, this dateline reads "
                              f"{FORMAT_VERSION}", path=str(path),
                              hint="rebuild it: `dateline gazetteer build --default` (or with --geonames DIR)")
        self._exact: dict[str, list[Candidate]] = {}
        self._fuzzy: dict[tuple[str, int], list[Candidate]] = {}
        self._units: dict[str, list[GazPlace]] | None = None

    def format_version(self) -> str | None:
        try:
            row = self.db.execute("SELECT v FROM meta WHERE k = 'format_version'").fetchone()
        except sqlite3.DatabaseError:
            return None
        return str(row[0]) if row else None

    def meta(self) -> dict[str, str]:
        return {str(k): str(v) for k, v in self.db.execute("SELECT k, v FROM meta")}

    def get(self, place_id: int) -> GazPlace | None:
        row = self.db.execute(f"SELECT {_COLUMNS} FROM places WHERE id = ?", (place_id,)).fetchone()
        return GazPlace(*row) if row else None

    def lookup(self, name: str) -> list[Candidate]:
        """Every place with a spelling whose key equals ``name``'s key."""
        key = name_key(name)
        if key not in self._exact:
            rows = self.db.execute(
                f"SELECT n.name, n.kind, {_P_COLUMNS} FROM names n "
                "JOIN places p ON p.id = n.place WHERE n.key = ?", (key,)).fetchall()
            self._exact[key] = [Candidate(GazPlace(*r[2:]), r[0], r[1], 1.0) for r in rows]
        return self._exact[key]

    def fuzzy(self, name: str, cutoff: float = 84.0, limit: int = 5) -> list[Candidate]:
        """Places whose spelling is close to ``name`` (same first two letters, length within 2)."""
        key = name_key(name)
        if len(key) < 5:
            return []
        cache_key = (key, int(cutoff))
        if cache_key not in self._fuzzy:
            self._fuzzy[cache_key] = self._fuzzy_uncached(key, cutoff, limit)
        return self._fuzzy[cache_key]

    def _fuzzy_uncached(self, key: str, cutoff: float, limit: int) -> list[Candidate]:
        near = [r[0] for r in self.db.execute(
            "SELECT key FROM keys WHERE head = ? AND len BETWEEN ? AND ?", (key[:2], len(key) - 2, len(key) + 2))]
        hits = process.extract(key, near, scorer=fuzz.ratio, score_cutoff=cutoff, limit=limit)
        out: dict[int, Candidate] = {}
        for matched, score, _ in hits:  # best first: the first spelling of a place is its best
            for c in self.lookup(matched):
                out.setdefault(c.place.id, Candidate(c.place, c.matched, "fuzzy", score / 100.0))
        return list(out.values())

    def units(self, cc2: str) -> list[GazPlace]:
        """The country ``cc2`` and its first-level subdivisions (read once, a few thousand rows)."""
        if self._units is None:
            self._units = {}
            for row in self.db.execute(f"SELECT {_COLUMNS} FROM places WHERE feature IN ('country', 'adm1')"):
                place = GazPlace(*row)
                if place.cc2:
                    self._units.setdefault(place.cc2, []).append(place)
        return self._units.get(cc2, [])

    def close(self) -> None:
        self.db.close()
