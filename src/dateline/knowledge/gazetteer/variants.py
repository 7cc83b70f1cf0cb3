"""Extra spellings the registries lack: English forms of subdivision names and airport phrasings."""

from __future__ import annotations

import re

# Generic words for a first/second-order division, as they follow a name in English news.
GENERIC = ("oblast", "region", "province", "governorate", "state", "krai", "kray", "district", "raion",
           "rayon", "county", "prefecture", "department", "republic", "okrug", "autonomous okrug",
           "municipality", "voivodeship", "canton", "emirate", "territory", "division")

# Slavic adjectival endings of region names ("Kurskaya oblast'", "Donetska oblast").
_ADJECTIVE = re.compile(r"^(.+?)(s'?k)(?:aya|aia|aja|a|yi|iy|ij|e)$", re.IGNORECASE)
_GENERIC_TAIL = re.compile(r"\s+(?:" + "|".join(GENERIC) + r")'?$", re.IGNORECASE)


REGION_KINDS = ("", "region", "administrative region", "oblast")


def strip_generic(name: str) -> str:
    """"Kursk Oblast" -> "Kursk"; a name without a generic word comes back unchanged."""
    return _GENERIC_TAIL.sub("", name).strip()


def admin_variants(name: str, kind: str, aliases: list[str], level: int = 1) -> list[str]:
    """English spellings of a subdivision: "Kurskaya oblast'" -> "Kursk Oblast", "Kursk Region", "Kursk"."""
    stems = set()
    for text in (name, *aliases):
        if not text.isascii():
            continue
        stem = strip_generic(text)
        if stem != text or kind:
            stems.add(stem)
        adjective = _ADJECTIVE.match(stem) if stem != text else None
        if adjective:  # Kursk+aya, Donetsk+a, Kherson+ska: keep both readings
            stems.add(adjective.group(1) + adjective.group(2).replace("'", ""))
            if len(adjective.group(1)) >= 4:
                stems.add(adjective.group(1))
    out = []
    for stem in sorted(stems):
        if not stem or stem == name:
            continue
        out.append(stem)
        tails = {"Oblast", "Region"} if level == 1 and kind.lower() in REGION_KINDS else set()
        if kind:
            tails.add(kind.title())
        out += [f"{stem} {t}" for t in sorted(tails)]
    return out


AIRPORT_TAIL = re.compile(r"\s+(?:International\s+)?Airport$")
AIRPORT_GENERIC = frozenset((
    "international", "regional", "municipal", "county", "national", "city", "metropolitan", "domestic", "new", "old",
    "state", "executive", "memorial", "downtown", "island", "north", "south", "east", "west", "central", "capital",
    "metro", "valley", "industrial", "harbour", "airstrip", "airfield", "airpark", "aerodrome", "skypark", "glider"))


def airport_names(name: str, city: str) -> list[str]:
    """The names an article uses for an airport: its full name, "<City> airport", and its own name
    without the city ("London Heathrow Airport" -> "Heathrow Airport", "Heathrow International Airport";
    not "Heathrow" alone, which would be one more namesake of every town an airport is named after)."""
    out = [name]
    if city:
        out += [f"{city} airport", f"{city} International Airport"]
    own = AIRPORT_TAIL.sub("", name)
    if city and own.startswith(city + " "):
        own = own[len(city) + 1 :]
    words = own.split()
    if own != name and words and not all(w.lower() in AIRPORT_GENERIC for w in words) \
            and not any(w.lower() in ("airport", "air", "base", "field") for w in words) and own != city:
        out += [f"{own} Airport", f"{own} International Airport"]
    return list(dict.fromkeys(out))


# The Arabic article in the names of places in Arabic-speaking countries ("Al Qamishli", "Ar Raqqah",
# "Ash Shaykh", "El Arish"): news often drops it ("Qamishli", "Raqqa").
ARABIC_ARTICLE = re.compile(r"^(?:Al|El|Ar|As|Ash|At|Ath|Az|Ad|Adh|An)[ -](?=\w{3})", re.IGNORECASE)
ARABIC_COUNTRIES = frozenset(("DZ", "BH", "KM", "DJ", "EG", "IQ", "JO", "KW", "LB", "LY", "MR", "MA", "OM", "PS",
                              "QA", "SA", "SO", "SD", "SY", "TN", "AE", "YE", "EH"))


def without_article(name: str, cc2: str | None) -> str | None:
    """"Al Qāmishlī" -> "Qāmishlī" for a place in an Arabic-speaking country; None when there is none."""
    if cc2 not in ARABIC_COUNTRIES:
        return None
    stripped = ARABIC_ARTICLE.sub("", name, count=1)
    return stripped if stripped != name else None
