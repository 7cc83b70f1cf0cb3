"""The full gazetteer from GeoNames dumps a user downloads from geonames.org, read as streams.

The folder may hold: ``allCountries.txt`` or country files (``UA.txt``, ``RU.txt``; each also as
``.zip``) and/or ``citiesNNNN`` files in the same 19-column format, ``alternateNamesV2.txt`` (or
``alternateNames.txt``), ``admin1CodesASCII.txt``, ``admin2Codes.txt``, ``hierarchy.txt`` and
``countryInfo.txt``.  Only the place files are required.  Rows are written in batches, so the
12 million rows of allCountries need little memory.
"""

from __future__ import annotations

import io
import re
import time
import zipfile
from collections.abc import Iterator
from itertools import islice
from pathlib import Path

from dateline.errors import DataMissing
from dateline.knowledge.gazetteer.schema import LICENSE, GazetteerWriter, PlaceRow
from dateline.knowledge.gazetteer.variants import admin_variants

# Feature classes kept whole, and the codes kept from the others (most of H, S, T, U, V is noise
# for news: wells, hotels, hills).
KEEP_CLASSES = frozenset("APL")
_KEEP_CODES_TEXT = """AIRP AIRB AIRF PRT NVB MILB INSM PS PSN DAM BDG CSTL PAL BLDG MNMT SQR STDM PRN CMP CMPRF
SEA OCN GULF BAY STRT LK LKS RSV RSVT CHN ISL ISLS PEN CAPE MT MTS PASS PLAT VAL DSRT"""
KEEP_CODES = frozenset(_KEEP_CODES_TEXT.split())
PLACE_FILE = re.compile(r"^(allCountries|cities\d+|[A-Z]{2})\.(txt|zip)$")
ALT_LANGS = frozenset(("", "en", "abbr"))
BATCH = 50_000


def _lines(path: Path) -> Iterator[list[str]]:
    """Tab-separated rows of a dump, from a .txt or the .txt inside a .zip, comments skipped."""
    if path.suffix == ".zip":
        with zipfile.ZipFile(path) as zf:
            inner = next(n for n in zf.namelist() if n.endswith(".txt") and "readme" not in n.lower())
            with zf.open(inner) as raw:
                yield from _split(io.TextIOWrapper(raw, encoding="utf-8"))
    else:
        with path.open(encoding="utf-8") as handle:
            yield from _split(handle)


def _split(handle: io.TextIOBase | io.TextIOWrapper) -> Iterator[list[str]]:
    for line in handle:
        if line.strip() and not line.startswith("#"):
            yield line.rstrip("\n").split("\t")


def _first(folder: Path, *names: str) -> Path | None:
    return next((folder / n for n in names if (folder / n).exists()), None)


def _admin_names(folder: Path, filename: str) -> dict[str, tuple[str, int]]:
    path = _first(folder, filename)
    return {c[0]: (c[1], int(c[3])) for c in _lines(path) if len(c) >= 4 and c[3]} if path else {}


def _countries(folder: Path) -> dict[str, str]:
    path = _first(folder, "countryInfo.txt")
    if path:
        return {c[0]: c[1] for c in _lines(path) if len(c) > 2}
    from dateline.knowledge.gazetteer.registry_build import iso3_by_iso2

    return iso3_by_iso2()


def _parents(folder: Path) -> dict[int, int]:
    path = _first(folder, "hierarchy.txt")
    parents: dict[int, int] = {}
    for c in _lines(path) if path else ():
        if len(c) >= 2 and (len(c) < 3 or c[2] in ("", "ADM")):
            parents.setdefault(int(c[1]), int(c[0]))
    return parents


class _Rows:
    """Turns 19-column GeoNames rows into PlaceRows and names, with admin names and parents."""

    def __init__(self, folder: Path) -> None:
        self.admin1 = _admin_names(folder, "admin1CodesASCII.txt")
        self.admin2 = _admin_names(folder, "admin2Codes.txt")
        self.iso3 = _countries(folder)
        self.parents = _parents(folder)

    def convert(self, c: list[str]) -> tuple[PlaceRow, list[tuple[int, str, str]]] | None:
        if len(c) < 15 or not (c[6] in KEEP_CLASSES or c[7] in KEEP_CODES):
            return None
        gid, cc, a1, a2 = int(c[0]), c[8], c[10], c[11]
        a1_name = self.admin1.get(f"{cc}.{a1}", ("", 0))
        a2_name = self.admin2.get(f"{cc}.{a1}.{a2}", ("", 0))
        parent = self.parents.get(gid) or (a2_name[1] if a2_name[1] != gid else 0) or \
            (a1_name[1] if a1_name[1] != gid else 0) or None
        row = PlaceRow(gid, f"geonames:{gid}", c[1], c[6], c[7], int(c[14] or 0), cc or None,
                       self.iso3.get(cc), float(c[4]), float(c[5]), admin1=a1 or None, admin2=a2 or None,
                       admin1_name=a1_name[0] or None, admin2_name=a2_name[0] or None, parent=parent)
        names = [(gid, n, "alt") for n in {c[1], c[2], *c[3].split(",")} if n]
        if c[7].startswith("ADM"):
            names += [(gid, v, "alias") for v in admin_variants(c[1], "", [c[2]], 1 if c[7] == "ADM1" else 2)]
        return row, names


def _place_files(folder: Path) -> list[Path]:
    files = sorted(p for p in folder.iterdir() if PLACE_FILE.match(p.name))
    full = [p for p in files if p.name.startswith("allCountries")]
    return full or files


def _write_places(writer: GazetteerWriter, files: list[Path], rows: _Rows) -> int:
    count = 0
    for path in files:
        stream = (r for r in map(rows.convert, _lines(path)) if r is not None)
        while batch := list(islice(stream, BATCH)):
            writer.add_places((r for r, _ in batch), replace=True)
            writer.add_names(n for _, names in batch for n in names)
            count += len(batch)
    return count


def _write_alternates(writer: GazetteerWriter, folder: Path) -> int:
    path = _first(folder, "alternateNamesV2.txt", "alternateNamesV2.zip", "alternateNames.txt", "alternateNames.zip")
    if path is None:
        return 0
    stream = ((int(c[1]), c[3], "alt") for c in _lines(path)
              if len(c) >= 4 and c[2] in ALT_LANGS and not (len(c) > 7 and c[7] == "1"))
    count = 0
    while batch := list(islice(stream, BATCH)):
        writer.add_names(batch)
        count += len(batch)
    return count


def build_geonames(folder: Path, path: Path, with_registry: bool = True) -> dict[str, str]:
    """Build the index at ``path`` from the dumps in ``folder`` (over the registry data by default)."""
    if not folder.is_dir():
        raise DataMissing("GeoNames folder not found", path=str(folder),
                          hint="download allCountries.zip or country files from geonames.org into it")
    files = _place_files(folder)
    if not files:
        raise DataMissing("no GeoNames place file (allCountries, XX or citiesNNNN .txt/.zip) in the folder",
                          path=str(folder), hint="download allCountries.zip or e.g. UA.zip from geonames.org")
    started = time.perf_counter()
    writer = GazetteerWriter(path)
    if with_registry:
        from dateline.knowledge.gazetteer.registry_build import write_registry

        write_registry(writer)
    places = _write_places(writer, files, _Rows(folder))
    alternates = _write_alternates(writer, folder)
    meta = {"source": "geonames" + ("+registry" if with_registry else ""), "places_from_dumps": str(places),
            "alternate_names": str(alternates), "files": ",".join(p.name for p in files),
            "built_seconds": f"{time.perf_counter() - started:.1f}", "license": LICENSE}
    writer.close(meta)
    return meta
