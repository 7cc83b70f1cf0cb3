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


def airport_names(name: str, city: str) -> list[str]:
    """The names an article uses for an airport: its full name, "<City> airport"."""
    out = [name]
    if city:
        out += [f"{city} airport", f"{city} International Airport"]
    return out
