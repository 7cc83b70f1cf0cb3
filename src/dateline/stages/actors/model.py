"""Typed intermediate results of the actors stage (mentions before they are merged into actors)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from dateline.stages.tokens import Words as Words
from dateline.stages.tokens import words as words

# spaCy's Doc/Token/Span are untyped for mypy; these aliases say what is meant.
Doc = Any
Token = Any

# Sectors an organization gives the people who work for it (media organization -> journalist).
PERSON_SECTOR_OF_ORG = {"MED": "JRN"}

# Words that put a title in the past: the role is kept, without an as-of date.
PAST_MODIFIERS = frozenset({"former", "ex", "late", "then", "onetime", "erstwhile"})


_ARTICLE_PREFIX = re.compile(r"^(?:al|el|ad|as|ash|ar|an|at|az)[-‐](?=\w)", re.IGNORECASE)


def surname_forms(name: str) -> frozenset[str]:
    """The last word of a name, with and without an Arabic article ("al-Burhan", "Burhan")."""
    return _surname_forms(name.split()[-1])


@lru_cache(maxsize=65536)
def _surname_forms(last: str) -> frozenset[str]:
    return frozenset({last, _ARTICLE_PREFIX.sub("", last)})


@dataclass(frozen=True)
class RoleInfo:
    """One role read from the text: "Kremlin spokesman", ", senior editor ... at Bild-Zeitung"."""

    title: str | None
    organization: str | None
    country: str | None
    sector: str | None
    plural: bool = False
    past: bool = False
    org_kind: str | None = None
    org_sector: str | None = None
    org_span: tuple[int, int] | None = None


@dataclass(frozen=True)
class PersonMention:
    """A mention of a person by name; ``start``/``end`` are character offsets into the text."""

    start: int
    end: int
    name: str
    tokens: tuple[int, int]
    roles: tuple[RoleInfo, ...] = ()
    source: str = "name"


@dataclass(frozen=True)
class CollectiveMention:
    """A state, institution, media outlet or group mention, already keyed for merging."""

    start: int
    end: int
    kind: str
    name: str
    country: str | None
    sector: str | None
    key: tuple[str | None, ...]
    confidence: float = 0.85
    ref: bool = False  # "the outlet": a reference back to a named actor, not a name (no alias)


@dataclass(frozen=True)
class RefMention:
    """A pronoun or title ("the spokesman") resolved to a person by canonical-name key."""

    start: int
    end: int
    person_key: str
    source: str


@dataclass
class PersonCluster:
    """Mentions of one person gathered while assembling (local to one article)."""

    key: str
    names: list[str] = field(default_factory=list)
    mentions: list[PersonMention] = field(default_factory=list)
    refs: list[RefMention] = field(default_factory=list)

    @property
    def canonical(self) -> str:
        return max(self.names, key=lambda n: (len(n.split()), len(n)))

    @property
    def roles(self) -> list[RoleInfo]:
        return [r for m in self.mentions for r in m.roles]
