"""The gazetteer's SQLite schema, its row type and the writer every builder uses.

One row per place (``places``), every spelling of it in ``names`` under a normalized key
(:func:`name_key`: no accents, apostrophes, hyphens or case), and every distinct key once more in
``keys`` with its first two letters and length, so a misspelling can be matched against a short list.
"""

from __future__ import annotations

import os
import sqlite3
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from dateline.records import Feature

# Bumped whenever the tables, the indexes or what a builder writes change: an index of another format
# is rebuilt (the default one) or refused with a message saying how to rebuild it.
FORMAT_VERSION = "3"
LICENSE = "Contains data from GeoNames (geonames.org), CC BY 4.0"  # the meta table's ``license``

SCHEMA = """
CREATE TABLE places (
  id INTEGER PRIMARY KEY,      -- GeoNames id; negative for places GeoNames does not give
  ref TEXT NOT NULL,           -- geonames:<id>, iata:<code> or dateline:<slug>
  name TEXT NOT NULL,
  ascii TEXT NOT NULL,
  fclass TEXT NOT NULL,        -- GeoNames feature class (A, P, L, S, H, T, V)
  fcode TEXT NOT NULL,         -- GeoNames feature code (PCLI, ADM1, PPLA, AIRP, ...)
  feature TEXT NOT NULL,       -- RECORDS.md feature
  population INTEGER NOT NULL,
  cc2 TEXT, cc3 TEXT,
  admin1 TEXT, admin2 TEXT, admin1_name TEXT, admin2_name TEXT,
  lat REAL, lon REAL,
  parent INTEGER               -- the containing place's id (admin2 -> admin1 -> country)
);
CREATE TABLE names (key TEXT NOT NULL, place INTEGER NOT NULL, name TEXT NOT NULL,
                    kind TEXT NOT NULL, PRIMARY KEY (key, place)) WITHOUT ROWID;
CREATE TABLE keys (key TEXT PRIMARY KEY, head TEXT NOT NULL, len INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE meta (k TEXT PRIMARY KEY, v TEXT NOT NULL);
"""

INDEXES = """
CREATE INDEX names_place ON names (place);
CREATE INDEX keys_head ON keys (head, len);
CREATE INDEX places_feature ON places (feature);
"""

# Feature codes that are administrative or political units, by our feature name.
ADMIN_FEATURES: dict[str, Feature] = {
    "PCLI": "country", "PCLD": "country", "PCLF": "country", "PCLS": "country", "PCLIX": "country",
    "PCL": "country", "TERR": "country", "ADM1": "adm1", "ADM1H": "adm1", "ADM2": "adm2", "ADM2H": "adm2",
    "ADM3": "adm2", "ADMD": "adm2", "PRSH": "adm2",
}


def feature_for(fclass: str, fcode: str, population: int) -> Feature:
    """Our coarse feature name for a GeoNames class/code (towns and villages told apart by size)."""
    if fcode in ADMIN_FEATURES:
        return ADMIN_FEATURES[fcode]
    if fclass == "P":
        if population >= 100_000 or fcode in ("PPLC", "PPLA"):
            return "city"
        return "town" if population >= 5_000 else "village"
    if fclass == "H":
        return "water"
    if fclass == "S":
        return "facility"
    if fclass in ("A", "L", "T"):
        return "region"
    return "other"


@lru_cache(maxsize=1 << 16)
def name_key(text: str) -> str:
    """Lookup key: accent-free, case-folded, apostrophes dropped, hyphens and dots as spaces."""
    if text.isascii():  # nothing to decompose (the common case, and a pure function: cached)
        plain = text.casefold()
    else:
        decomposed = unicodedata.normalize("NFKD", text)
        plain = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    for quote in ("'", "\u2019", "\u2018", "`", "\u02bc", "\u02b9", "\u00b4"):
        plain = plain.replace(quote, "")
    for sep in ("-", "\u2010", "\u2013", ".", ",", "(", ")"):
        plain = plain.replace(sep, " ")
    if plain.startswith("the "):
        plain = plain[4:]
    return " ".join(plain.split())


def is_latin(text: str) -> bool:
    """True when the name is written in Latin letters (the only ones an English article uses)."""
    key = name_key(text)
    return bool(key) and all(c.isascii() or c in "ßæøđłı" for c in key)


@dataclass(frozen=True)
class PlaceRow:
    id: int
    ref: str
    name: str
    fclass: str
    fcode: str
    population: int
    cc2: str | None
    cc3: str | None
    lat: float | None
    lon: float | None
    admin1: str | None = None
    admin2: str | None = None
    admin1_name: str | None = None
    admin2_name: str | None = None
    parent: int | None = None
    feature: Feature | None = None

    def values(self) -> tuple[object, ...]:
        feature = self.feature or feature_for(self.fclass, self.fcode, self.population)
        return (self.id, self.ref, self.name, name_key(self.name), self.fclass, self.fcode, feature,
                self.population, self.cc2, self.cc3, self.admin1, self.admin2, self.admin1_name,
                self.admin2_name, self.lat, self.lon, self.parent)


class GazetteerWriter:
    """Writes a new index at ``path`` (replacing any old one atomically on :meth:`close`)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.tmp = path.with_name(f"{path.name}.{os.getpid()}.building")  # concurrent builds do not collide
        path.parent.mkdir(parents=True, exist_ok=True)
        self.tmp.unlink(missing_ok=True)
        self.db = sqlite3.connect(self.tmp)
        self.db.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;" + SCHEMA)

    def add_places(self, rows: Iterable[PlaceRow], replace: bool = False) -> None:
        verb = "INSERT OR REPLACE" if replace else "INSERT OR IGNORE"
        self.db.executemany(f"{verb} INTO places VALUES ({','.join('?' * 17)})", (r.values() for r in rows))

    def add_names(self, names: Iterable[tuple[int, str, str]]) -> None:
        """(place id, name, kind) triples; names that are not Latin-script or give no key are skipped."""
        rows = ((name_key(n), pid, n, kind) for pid, n, kind in names if is_latin(n))
        self.db.executemany("INSERT OR IGNORE INTO names VALUES (?,?,?,?)", (r for r in rows if r[0]))

    def close(self, meta: dict[str, str]) -> Path:
        self.db.execute("DELETE FROM names WHERE place NOT IN (SELECT id FROM places)")
        self.db.execute("INSERT INTO keys SELECT DISTINCT key, substr(key, 1, 2), length(key) FROM names")
        meta = {**meta, "format_version": FORMAT_VERSION}
        self.db.executemany("INSERT OR REPLACE INTO meta VALUES (?, ?)", sorted(meta.items()))
        self.db.executescript(INDEXES)
        self.db.commit()
        self.db.execute("VACUUM")
        self.db.close()
        self.tmp.replace(self.path)
        return self.path
