"""The PLOVER verb-pattern and noun-trigger lexicons and the CAMEO crosswalk, loaded lazily once.

Data files live in ``dateline/knowledge/data``: ``events_plover_verbs.tsv`` and ``events_plover_nouns.tsv``
(our own) and ``plover_cameo_crosswalk.tsv`` (derived from the OEDA CAMEO2PLOVER-2021 table, CC BY-SA 4.0).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import cached_property, lru_cache
from importlib import resources

from dateline.errors import DataMissing


@dataclass(frozen=True)
class Pattern:
    """One row of the verb lexicon: a trigger (lemma, maybe with a particle) and its PLOVER coding."""

    trigger: str
    type: str
    mode: str | None
    cameo: str | None
    objects: frozenset[str]
    noobj: bool


@dataclass(frozen=True)
class NounTrigger:
    lemma: str
    modifier: str | None
    type: str
    mode: str | None
    cameo: str | None
    standalone: bool


@dataclass(frozen=True)
class Lexicon:
    verbs: dict[str, tuple[Pattern, ...]]
    nouns: dict[str, tuple[NounTrigger, ...]]
    cameo: dict[tuple[str, str], str]

    def cameo_for(self, event_type: str, mode: str | None) -> str | None:
        """The most general CAMEO code the crosswalk gives for a PLOVER type and mode."""
        return self.cameo.get((event_type, mode or "")) or self.cameo.get((event_type, ""))

    @cached_property
    def verb_heads(self) -> frozenset[str]:
        """Every text that a verb key continues after a space ("carry" of "carry out"): a lemma that is neither
        a key nor one of these begins no key (the trigger scan then skips the word)."""
        return frozenset(key[:i] for key in self.verbs for i, c in enumerate(key) if c == " ")


def data_rows(name: str) -> list[list[str]]:
    """Tab-separated rows of a packaged data file, without comments and blank lines."""
    path = resources.files("dateline.knowledge").joinpath("data", name)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise DataMissing(f"packaged lexicon {name} is missing", hint="reinstall dateline") from None
    return [line.rstrip("\n").split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#")]


def _cell(row: list[str], i: int) -> str:
    return row[i].strip() if len(row) > i else ""


def _pattern(row: list[str]) -> Pattern:
    condition = _cell(row, 4)
    objects = frozenset(condition[4:].split("|")) if condition.startswith("obj=") else frozenset()
    return Pattern(row[0], row[1], _cell(row, 2) or None, _cell(row, 3) or None, objects, condition == "noobj")


def _noun(row: list[str]) -> NounTrigger:
    words = row[0].split()
    modifier = words[0] if len(words) > 1 else None
    return NounTrigger(words[-1], modifier, row[1], _cell(row, 2) or None, _cell(row, 3) or None,
                       _cell(row, 4) == "yes")


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    verbs: dict[str, list[Pattern]] = defaultdict(list)
    for row in data_rows("events_plover_verbs.tsv"):
        verbs[row[0]].append(_pattern(row))
    nouns: dict[str, list[NounTrigger]] = defaultdict(list)
    for row in data_rows("events_plover_nouns.tsv"):
        trigger = _noun(row)
        nouns[trigger.lemma].append(trigger)
    for entries in nouns.values():  # entries with a modifier ("hunger strike") are tried first
        entries.sort(key=lambda n: n.modifier is None)
    cameo: dict[tuple[str, str], str] = {}
    for row in data_rows("plover_cameo_crosswalk.tsv"):
        key = (row[1], _cell(row, 2))
        if key not in cameo or len(row[0]) < len(cameo[key]):
            cameo[key] = row[0]
    return Lexicon({k: tuple(v) for k, v in verbs.items()}, {k: tuple(v) for k, v in nouns.items()}, cameo)
