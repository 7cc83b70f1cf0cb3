"""Pronouns and titles resolved to people by rules (no coreference model is installable offline).

Pronouns (he, him, his, she, her) are resolved only where the parse makes it safe:

1. within a sentence, when exactly one person is named before the pronoun and both stand on the
   same side of a quotation mark ("Zelensky is saying publicly that he doesn't want ...");
2. across sentences, for a subject or possessive pronoun outside quotation marks ("..." he wrote),
   when the nearest earlier sentence naming people names exactly one, or one as its subject.

Titles ("the spokesman", "the Russian president") resolve to the one person named earlier with
that title (and that country, when the title carries a demonym).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator, Sequence

from dateline.knowledge.actors import Lexicon
from dateline.records import normalize_key
from dateline.stages.actors.model import Doc, PersonCluster, RefMention, Token, words
from dateline.stages.actors.roles import is_capital

PRONOUNS = frozenset({"he", "him", "his", "she", "her", "hers", "himself", "herself"})
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "poss"})
_OPEN_QUOTES = {"“": "”", "«": "»"}
_LOOKBACK_SENTENCES = 3
# "the Russian leader": the head of state or government named earlier with that country.
_LEADER_TITLES = frozenset({"president", "prime minister", "premier", "chancellor", "king", "supreme leader", "leader"})


def quote_regions(text: str) -> list[tuple[int, int]]:
    """Character ranges inside quotation marks: curly pairs, and straight quotes paired per paragraph."""
    regions: list[tuple[int, int]] = []
    offset = 0
    for para in text.split("\n"):
        regions.extend((offset + a, offset + b) for a, b in _paragraph_quotes(para))
        offset += len(para) + 1
    return regions


def _paragraph_quotes(para: str) -> Iterator[tuple[int, int]]:
    opened: int | None = None
    closer = ""
    for i, ch in enumerate(para):
        if opened is None and (ch in _OPEN_QUOTES or ch == '"'):
            opened, closer = i, _OPEN_QUOTES.get(ch, '"')
        elif opened is not None and (ch == closer or (closer == "”" and ch == '"')):
            yield opened, i + 1
            opened = None
    if opened is not None:
        yield opened, len(para)


def _inside(regions: Sequence[tuple[int, int]], offset: int) -> tuple[int, int] | None:
    return next((r for r in regions if r[0] <= offset < r[1]), None)


class _Index:
    """Where each person is named: (char start, token index, cluster key), in text order."""

    def __init__(self, doc: Doc, clusters: Sequence[PersonCluster]) -> None:
        self.named = sorted((m.start, m.tokens[0], c.key) for c in clusters for m in c.mentions)
        self.covered = {i for c in clusters for m in c.mentions for i in range(*m.tokens)}
        self.doc = doc
        self.sents = list(doc.sents)
        self.sent_starts = [s.start for s in self.sents]

    def in_sentence(self, sent: object, before: int | None = None) -> list[tuple[int, int, str]]:
        lo, hi = sent.start, sent.end  # type: ignore[attr-defined]
        return [n for n in self.named if lo <= n[1] < hi and (before is None or n[1] < before)]


def _within_sentence(idx: _Index, tok: Token, regions: Sequence[tuple[int, int]]) -> str | None:
    earlier = idx.in_sentence(tok.sent, before=tok.i)
    keys = {k for _, _, k in earlier}
    if len(keys) != 1:
        return None
    side = _inside(regions, tok.idx)
    return keys.pop() if all(_inside(regions, start) == side for start, _, _ in earlier) else None


def _across_sentences(idx: _Index, tok: Token, regions: Sequence[tuple[int, int]]) -> str | None:
    if tok.dep_ not in _SUBJECT_DEPS or _inside(regions, tok.idx) is not None:
        return None
    sents = idx.sents
    pos = bisect_right(idx.sent_starts, tok.i) - 1
    for sent in reversed(sents[max(0, pos - _LOOKBACK_SENTENCES) : pos]):
        named = idx.in_sentence(sent)
        keys = {k for _, _, k in named}
        if len(keys) == 1:
            return keys.pop()
        subjects = {k for _, i, k in named if idx.doc[i].head.dep_ in ("nsubj", "nsubjpass")
                    or idx.doc[i].dep_ in ("nsubj", "nsubjpass")}
        return subjects.pop() if len(subjects) == 1 and len(keys) > 1 and _subject_of_root(idx.doc, named) else None
    return None


def _subject_of_root(doc: Doc, named: list[tuple[int, int, str]]) -> bool:
    return any(doc[i].head.dep_ == "ROOT" or doc[i].head.head.dep_ == "ROOT" for _, i, _ in named)


def pronoun_refs(doc: Doc, clusters: Sequence[PersonCluster]) -> Iterator[RefMention]:
    idx = _Index(doc, clusters)
    regions = quote_regions(words(doc).text)
    for i, lower in enumerate(words(doc).lower):
        if lower not in PRONOUNS or i in idx.covered:
            continue
        tok = doc[i]
        key = _within_sentence(idx, tok, regions)
        if key is None and not idx.in_sentence(tok.sent, before=tok.i):
            key = _across_sentences(idx, tok, regions)
        if key is not None:
            yield RefMention(tok.idx, tok.idx + len(tok), key, "pronoun")


def title_refs(doc: Doc, clusters: Sequence[PersonCluster], lex: Lexicon) -> Iterator[RefMention]:
    """"the spokesman", "the Russian president": one earlier person with that title (and country)."""
    for i, lower in enumerate(words(doc).lower):
        if lower != "the" or i + 2 > len(doc):
            continue
        tok = doc[i]
        country = lex.demonyms.get(doc[tok.i + 1].lower_)
        head = tok.i + 1 + (country is not None)
        title = lex.title(doc[head].text) if head < len(doc) else None
        if title is None or title.plural:
            continue
        if head + 1 < len(doc) and (is_capital(doc[head + 1]) or doc[head + 1].lower_ in ("of", "'s", "’s")):
            continue
        key = _unique_titled(clusters, normalize_key(doc[head].text), country, tok.idx)
        if key is not None:
            yield RefMention(tok.idx, doc[head].idx + len(doc[head]), key, "title")


def _unique_titled(clusters: Sequence[PersonCluster], word: str, country: str | None, before: int) -> str | None:
    """The one person named before ``before`` whose title ends in ``word`` (or who leads ``country``)."""
    keys = {c.key for c in clusters
            for role in c.roles
            if role.title and _title_fits(normalize_key(role.title), word, country)
            and (country is None or role.country == country)
            and min(m.start for m in c.mentions) < before}
    return keys.pop() if len(keys) == 1 else None


def _title_fits(title: str, word: str, country: str | None) -> bool:
    if title.split()[-1] == word:
        return True
    return word == "leader" and country is not None and title in _LEADER_TITLES
