"""Person-name keys that survive transliteration and titles ("Zelensky"/"Zelenskyy",
"Sergei"/"Sergey" Lavrov), and the conservative rule for one person under two actor ids.
Pure functions, no I/O.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz import fuzz

from dateline.records import Actor, normalize_key

# Spelling variants of romanized Slavic, Arabic and other names, applied in order.
_TRANSLIT = (("kh", "h"), ("ph", "f"), ("ck", "k"), ("ey", "ei"), ("iy", "i"), ("yi", "i"), ("y", "i"),
             ("ou", "u"), ("w", "v"))
_TITLES_WORDS = """mr mrs ms dr prof president prime minister foreign defence defense secretary general
sir gen col lt sheikh king queen prince chancellor senator sen rep"""
_TITLES = frozenset(_TITLES_WORDS.split())
_SUFFIXES = frozenset({"jr", "sr", "ii", "iii"})
# Minimum rapidfuzz ratios (0-100) of the transliteration keys.
SURNAME_RATIO = 90
GIVEN_RATIO = 80


def translit(word: str) -> str:
    """A spelling key: accent-free, letters only, common variants folded, doubled letters single."""
    key = re.sub(r"[^a-z]", "", normalize_key(word))
    for old, new in _TRANSLIT:
        key = key.replace(old, new)
    return re.sub(r"(.)\1+", r"\1", key)


@dataclass(frozen=True)
class PersonName:
    given: str | None
    surname: str

    @classmethod
    def parse(cls, name: str) -> PersonName | None:
        tokens = [t for t in re.split(r"[\s.]+", normalize_key(name)) if t]
        tokens = [t for t in tokens if t not in _TITLES and t not in _SUFFIXES]
        if not tokens:
            return None
        surname = translit(tokens[-1])
        given = translit(tokens[0]) if len(tokens) > 1 else None
        return cls(given or None, surname) if surname else None


def same_person_name(first: str, second: str) -> float:
    """A score in (0, 1] when the two names can be one person, else 0.  Conservative: both names need
    a given name (a lone surname could join two people into one group), and surnames and given
    names must match through transliteration (an initial matches its letter)."""
    a, b = PersonName.parse(first), PersonName.parse(second)
    if a is None or b is None or not a.given or not b.given:
        return 0.0
    surname = fuzz.ratio(a.surname, b.surname)
    if surname < SURNAME_RATIO:
        return 0.0
    if len(a.given) == 1 or len(b.given) == 1:  # an initial
        return surname / 100 if a.given[0] == b.given[0] else 0.0
    given = fuzz.ratio(a.given, b.given)
    return (surname + given) / 200 if given >= GIVEN_RATIO else 0.0


def actor_key(actor: Actor) -> str:
    """What stays the same for one actor across articles: a person's country and surname key;
    any other actor's id (states, groups and organizations already have stable ids)."""
    if actor.kind == "person":
        parsed = PersonName.parse(actor.name)
        if parsed is not None:
            return f"person:{actor.country or ''}:{parsed.surname}"
    return actor.id
