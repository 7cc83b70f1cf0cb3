"""Per-document token arrays shared by the stages (spaCy builds a new Token object on each ``doc[i]`` and
rebuilds ``doc.text`` from every token on each read).

:func:`words` gives one :class:`Words` per Doc, built in one C-level pass over the token array and kept in
``doc.user_data`` (so it lives and dies with its Doc and cannot leak to another one).
"""

from __future__ import annotations

import weakref
from collections.abc import Callable
from typing import Any, TypeVar, cast

import numpy as np
from spacy.attrs import HEAD, IDX, IS_PUNCT, LEMMA, LOWER, ORTH, POS, SPACY, TAG

from dateline.knowledge.actors import lookup_key

Doc = Any  # spaCy's Doc is untyped for mypy
T = TypeVar("T")


def per_doc(doc: Doc, key: str, build: Callable[[Doc], T], size: Callable[[T], int]) -> T:
    """``build(doc)`` once per document, kept in ``doc.user_data[key]`` while its ``size`` is the document's
    token count (a retokenized document builds it again)."""
    cached = doc.user_data.get(key)
    if cached is not None and size(cached) == len(doc):
        return cast(T, cached)
    made = doc.user_data[key] = build(doc)
    return made


class Words:
    """Per-document arrays of what the rules read over and over (spaCy builds a new Token on each ``doc[i]``).

    Built once per document (:func:`words`); ``span(lo, hi)`` is ``doc[lo:hi].text``.
    """

    __slots__ = ("text", "texts", "lower", "starts", "ends", "capital", "punct", "space", "keys")

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
        self.punct: list[bool] = [bool(p) for p in punct]  # ``is_punct``
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


# The document last asked for (the rules ask for it many times per token), held by a weak reference: the cache
# neither keeps the Doc alive nor, once the Doc is gone, its Words (the reference's callback drops both).
_last: tuple[weakref.ref[Doc], Words] | None = None


def _forget(ref: weakref.ref[Doc]) -> None:
    """Called when the last document asked for is freed: drop its entry (unless another took its place)."""
    global _last
    last = _last
    if last is not None and last[0] is ref:
        _last = None


def words(doc: Doc) -> Words:
    """The :class:`Words` of ``doc``, kept in ``doc.user_data`` for the stage's helpers."""
    global _last
    last = _last
    if last is not None and len(last[1].texts) == len(doc) and last[0]() is doc:
        return last[1]
    cached = per_doc(doc, _WORDS_KEY, Words, _words_length)
    _last = (weakref.ref(doc, _forget), cached)
    return cached


def _words_length(found: Words) -> int:
    return len(found.texts)


def doc_text(doc: Doc) -> str:
    """``doc.text``, read from the document's cached :class:`Words`."""
    return words(doc).text


_HEADS_KEY = "dateline.stages.heads"


def heads(doc: Doc) -> list[int]:
    """``[t.head.i for t in doc]``, built once per document (kept in ``doc.user_data``)."""
    return per_doc(doc, _HEADS_KEY, _read_heads, len)


def _read_heads(doc: Doc) -> list[int]:
    if not len(doc):
        return []
    # HEAD is the offset to the head, negative ones stored unsigned: read back as signed 64-bit integers
    offsets = doc.to_array([HEAD]).reshape(-1).astype(np.int64)
    return cast(list[int], (offsets + np.arange(len(doc), dtype=np.int64)).tolist())


_EXTENTS_KEY = "dateline.stages.extents"


def extents(doc: Doc) -> tuple[list[int], list[int]]:
    """Each token's first and last subtree token, from the heads, built once per document (kept in
    ``doc.user_data``).  Not spaCy's ``left_edge``/``right_edge``: the parser keeps those as it goes, and
    after a non-projective attachment they can leave part of the subtree out (a PolNeAR sentence: the
    right edge of "suspected" stopped before a dash-appended clause that hangs under it)."""
    return per_doc(doc, _EXTENTS_KEY, _find_extents, _columns_length)


def _find_extents(doc: Doc) -> tuple[list[int], list[int]]:
    head = heads(doc)
    first, last = list(range(len(doc))), list(range(len(doc)))
    for j in range(len(doc)):
        k = j
        while head[k] != k:
            k = head[k]
            if j < first[k]:
                first[k] = j
            if j > last[k]:
                last[k] = j
    return first, last


def subtree_tokens(token: Any) -> list[Any]:
    """The tokens of ``token.subtree`` in text order, each built once (spaCy's recursive generator passes every
    token up through each level above it, and builds each level's children again): they lie within the
    token's :func:`extents`, and a token there belongs when its chain of heads reaches ``token``."""
    doc, top = token.doc, token.i
    head = heads(doc)
    first, last = extents(doc)
    out = []
    for j in range(first[top], last[top] + 1):
        k = j
        while k != top and head[k] != k:
            k = head[k]
        if k == top:
            out.append(doc[j])
    return out


_LEMMAS_KEY = "dateline.stages.lemmas"
_POS_TAGS_KEY = "dateline.stages.pos_tags"


def lower_lemmas(doc: Doc) -> list[str]:
    """``[t.lemma_.lower() for t in doc]``, built once per document (kept in ``doc.user_data``)."""
    return per_doc(doc, _LEMMAS_KEY, _read_lemmas, _columns_length)[0]


def pos_tags(doc: Doc) -> tuple[list[str], list[str]]:
    """``([t.pos_ for t in doc], [t.tag_ for t in doc])``, built once per document (kept in ``doc.user_data``)."""
    return per_doc(doc, _POS_TAGS_KEY, _read_pos_tags, _columns_length)


def _read_lemmas(doc: Doc) -> tuple[list[str], ...]:
    return _string_columns(doc, [LEMMA], lower=True)


def _read_pos_tags(doc: Doc) -> tuple[list[str], list[str]]:
    return cast(tuple[list[str], list[str]], _string_columns(doc, [POS, TAG]))


def _columns_length(columns: tuple[list[Any], ...]) -> int:
    """The token count of per-token columns (the first column's length)."""
    return len(columns[0])


def _string_columns(doc: Doc, attrs: list[int], *, lower: bool = False) -> tuple[list[str], ...]:
    """The strings of ``attrs`` for every token of ``doc`` (lower-cased with ``lower``), one list per attribute,
    read in one ``to_array``; each distinct string is looked up once."""
    strings = doc.vocab.strings
    names: dict[int, str] = {}

    def name(h: int) -> str:
        found = names.get(h)
        if found is None:
            found = names[h] = strings[h].lower() if lower else strings[h]
        return found

    # to_array gives a flat array for one attribute: shaped (tokens, attributes) in every case
    columns = doc.to_array(attrs).reshape(len(doc), len(attrs)).T.tolist() if len(doc) else [[] for _ in attrs]
    return tuple([name(h) for h in column] for column in columns)
