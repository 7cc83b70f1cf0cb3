"""Typed intermediate results of the actors stage (mentions before they are merged into actors)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from spacy.attrs import IDX, IS_PUNCT, LOWER, ORTH, SPACY

from dateline.knowledge.actors import lookup_key

# spaCy's Doc/Token/Span are untyped for mypy; these aliases say what is meant.
Doc = Any
Token = Any

# Sectors an organization gives the people who work for it (media organization -> journalist).
PERSON_SECTOR_OF_ORG = {"MED": "JRN"}

# Words that put a title in the past: the role is kept, without an as-of date.
PAST_MODIFIERS = frozenset({"former", "ex", "late", "then", "onetime", "erstwhile"})


_ARTICLE_PREFIX = re.compile(r"^(?:al|el|ad|as|ash|ar|an|at|az)[-‐](?=\w)", re.IGNORECASE)


class Words:
    """Per-document arrays of what the rules read over and over (spaCy builds a new Token on each ``doc[i]``).

    Built once per document (:func:`words`); ``span(lo, hi)`` is ``doc[lo:hi].text``.
    """

    __slots__ = ("text", "texts", "lower", "starts", "ends", "capital", "space", "keys")

    def __init__(self, doc: Doc) -> None:
        # One C-level pass over the token array (no Token objects): ORTH and LOWER are string-store hashes;
        # a token's trailing whitespace is at most one space (SPACY), so the text is rebuilt exactly.
        strings = doc.vocab.strings
        orth, lower, starts, space, punct = doc.to_array([ORTH, LOWER, IDX, SPACY, IS_PUNCT]).T.tolist() \
            if len(doc) else ([], [], [], [], [])
        self.texts: list[str] = [strings[h] for h in orth]
        self.lower: list[str] = [strings[h] for h in lower]
        self.starts: list[int] = starts
        self.ends: list[int] = [start + len(text) for start, text in zip(starts, self.texts, strict=True)]
        self.capital: list[bool] = [text[:1].isupper() and not p for text, p in zip(self.texts, punct, strict=True)]
        self.space: list[bool] = [bool(s) for s in space]  # a space follows the token (``whitespace_``)
        self.text: str = "".join([t + " " if s else t for t, s in zip(self.texts, space, strict=True)])  # doc.text
        self.keys: list[str | None] = [None] * len(self.texts)  # lookup_key of each token, filled on demand

    def key(self, i: int) -> str:
        """``lookup_key`` of token ``i``'s text, computed once."""
        key = self.keys[i]
        if key is None:
            key = self.keys[i] = lookup_key(self.texts[i])
        return key

    def span_key(self, lo: int, hi: int) -> str:
        """``lookup_key(" ".join(texts[lo:hi]))`` from the tokens' keys: the key of a space-joined text is its
        parts' keys joined by spaces (empty ones, of whitespace tokens, dropped)."""
        return " ".join(k for k in map(self.key, range(lo, hi)) if k)

    def span(self, lo: int, hi: int) -> str:
        return self.text[self.starts[lo] : self.ends[hi - 1]] if lo < hi else ""

    def may_open(self, i: int, openers: frozenset[str]) -> bool:
        """Whether a name looked up from token ``i`` on can start with this word (see ``Lexicon.*_openers``)."""
        text = self.texts[i]
        key = self.key(i)
        return not key or " " in key or key in openers or text.casefold() in openers


_WORDS_KEY = "dateline.actors.words"


_last: tuple[Doc, Words] | None = None  # the document last asked for: the rules ask for it many times per token


def words(doc: Doc) -> Words:
    """The :class:`Words` of ``doc``, kept in ``doc.user_data`` for the stage's helpers."""
    global _last
    last = _last
    if last is not None and last[0] is doc and len(last[1].texts) == len(doc):
        return last[1]
    cached = doc.user_data.get(_WORDS_KEY)
    if not isinstance(cached, Words) or len(cached.texts) != len(doc):
        cached = Words(doc)
        doc.user_data[_WORDS_KEY] = cached
    _last = (doc, cached)
    return cached


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
