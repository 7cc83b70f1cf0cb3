"""Pronouns and titles resolved to people by rules (no coreference model is installable offline).

Pronouns (he, him, his, she, her) are resolved only where the parse makes it safe:

1. within a sentence, when exactly one person is named before the pronoun and both stand on the
   same side of a quotation mark ("Zelensky is saying publicly that he doesn't want ...");
2. across sentences, for a subject or possessive pronoun outside quotation marks ("..." he wrote),
   when the nearest earlier sentence naming people (of the three before) names exactly one, or one as its
   subject.  A sentence in between that names nobody is passed over ("Lavrov met reporters. The talks
   lasted three hours. He said ..."), unless it brings in someone unnamed who could be meant instead
   ("A soldier was wounded.") or holds a pronoun that could not be resolved: then nobody is taken.

Gender: a person's gender comes from a common given name (``actors_given_names.tsv``), a courtesy
title (Mr., Mrs., Ms.), a gendered title ("spokeswoman", "queen"), or an earlier he/she already resolved
to them.  A pronoun never resolves to a person of the other gender; where several people are candidates,
the one person whose gender is known to fit is taken, and nobody when a candidate's gender is unknown.

3. inside quotation marks, "he"/"she" is not the speaker: it is the most recent other person (of a
   fitting gender) named in the attribution before the quote ("Lavrov said of Trump: \"He has his own
   view\"").

Titles ("the spokesman", "the Russian president") resolve to the one person named earlier with
that title (and that country, when the title carries a demonym); "the outlet", "the agency", "the
newspaper", "the broadcaster" to the most recent media actor (:func:`media_refs`).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator, Sequence

from dateline.knowledge.actors import Lexicon
from dateline.records import normalize_key
from dateline.stages.actors.model import CollectiveMention, Doc, PersonCluster, RefMention, Token, words

PRONOUNS = frozenset({"he", "him", "his", "she", "her", "hers", "himself", "herself"})
_PRONOUN_GENDER = {"he": "m", "him": "m", "his": "m", "himself": "m",
                   "she": "f", "her": "f", "hers": "f", "herself": "f"}
_COURTESY = {"mr": "m", "mr.": "m", "sir": "m", "lord": "m", "mrs": "f", "mrs.": "f", "ms": "f", "ms.": "f",
             "miss": "f", "baroness": "f", "dame": "f", "lady": "f"}
_GENDERED_TITLES = {"queen": "f", "princess": "f", "duchess": "f", "king": "m", "prince": "m", "duke": "m",
                    "emir": "m", "sheikh": "m"}
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


_QUOTE_CHARS = re.compile("[\"“”«»]")  # the only characters that open or close a region


def _paragraph_quotes(para: str) -> Iterator[tuple[int, int]]:
    opened: int | None = None
    closer = ""
    for found in _QUOTE_CHARS.finditer(para):
        i, ch = found.start(), found.group()
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

    def __init__(self, doc: Doc, clusters: Sequence[PersonCluster], lex: Lexicon | None = None) -> None:
        self.lex = lex
        self.resolved: set[int] = set()  # pronoun tokens already resolved, in text order
        self.named = sorted((m.start, m.tokens[0], c.key) for c in clusters for m in c.mentions)
        self.spans = sorted((m.start, m.tokens[0], m.tokens[1], c.key) for c in clusters for m in c.mentions)
        self.covered = {i for c in clusters for m in c.mentions for i in range(*m.tokens)}
        self.doc = doc
        self.sents = list(doc.sents)
        self.sent_starts = [s.start for s in self.sents]

    def in_sentence(self, sent: object, before: int | None = None) -> list[tuple[int, int, str]]:
        lo, hi = sent.start, sent.end  # type: ignore[attr-defined]
        return [n for n in self.named if lo <= n[1] < hi and (before is None or n[1] < before)]


def _pick(keys: set[str], gender: str | None, genders: dict[str, str]) -> str | None:
    """The one candidate the pronoun can refer to: the only one (unless its gender is known not to fit),
    else the only one whose gender is known to fit while every other is known not to."""
    fitting = [k for k in keys if genders.get(k) in (None, gender)]
    if len(keys) == 1:
        return fitting[0] if fitting else None
    if gender is None or len(fitting) != 1:
        return None
    return fitting[0] if genders.get(fitting[0]) == gender else None


def _within_sentence(idx: _Index, tok: Token, regions: Sequence[tuple[int, int]], gender: str | None,
                     genders: dict[str, str]) -> str | None:
    earlier = idx.in_sentence(tok.sent, before=tok.i)
    keys = {k for _, _, k in earlier}
    if not keys:
        return None
    side = _inside(regions, tok.idx)
    return _pick(keys, gender, genders) if all(_inside(regions, start) == side for start, _, _ in earlier) else None


def _across_sentences(idx: _Index, tok: Token, regions: Sequence[tuple[int, int]], gender: str | None,
                      genders: dict[str, str]) -> str | None:
    if tok.dep_ not in _SUBJECT_DEPS or _inside(regions, tok.idx) is not None:
        return None
    sents = idx.sents
    pos = bisect_right(idx.sent_starts, tok.i) - 1
    for sent in reversed(sents[max(0, pos - _LOOKBACK_SENTENCES) : pos]):
        named = idx.in_sentence(sent)
        if not named:
            if _other_candidate(idx, sent, gender):
                return None
            continue  # a sentence naming nobody does not break the chain back to the last person named
        keys = {k for _, _, k in named}
        if (picked := _pick(keys, gender, genders)) is not None:
            return picked
        subjects = {k for _, i, k in named if idx.doc[i].head.dep_ in ("nsubj", "nsubjpass")
                    or idx.doc[i].dep_ in ("nsubj", "nsubjpass")}
        if len(subjects) == 1 and len(keys) > 1 and _subject_of_root(idx.doc, named):
            return _pick(subjects, gender, genders)
        return None
    return None


# Singular nouns for people that the title dictionary does not hold as titles ("a man was wounded").
_PERSON_NOUNS = frozenset({"man", "boy", "girl", "child", "person", "witness", "source", "officer", "victim",
                           "driver", "neighbour", "neighbor", "friend", "son", "daughter", "father", "wife",
                           "husband", "brother", "sister"})


def _other_candidate(idx: _Index, sent: object, gender: str | None) -> bool:
    """Someone unnamed the pronoun could refer to in a sentence naming nobody: a singular person noun
    ("the spokesman", "a soldier") or a pronoun of a fitting gender that was left unresolved."""
    for t in sent:  # type: ignore[attr-defined]
        if t.i in idx.covered:
            continue
        if t.lower_ in PRONOUNS:
            if t.i not in idx.resolved and gender in (None, _PRONOUN_GENDER[t.lower_]):
                return True
        elif t.tag_ == "NN" and (t.lower_ in _PERSON_NOUNS or _person_title(idx.lex, t.lower_)):
            return True
    return False


def _person_title(lex: Lexicon | None, word: str) -> bool:
    title = lex.title(word) if lex is not None else None
    return title is not None and not title.plural


_SPEECH_LEMMAS = frozenset({"say", "tell", "add", "state", "declare", "insist", "warn", "note", "write", "ask",
                            "claim", "argue", "stress", "explain", "announce", "comment", "remark", "reply", "respond",
                            "acknowledge", "suggest", "urge", "complain", "describe", "answer", "emphasize", "post"})


def _quoted_other(idx: _Index, tok: Token, regions: Sequence[tuple[int, int]], gender: str | None,
                  genders: dict[str, str]) -> str | None:
    """A pronoun inside a quotation: not the speaker, but the latest other person of a fitting gender named
    in the attribution before the quote (the quote's sentence and the one before).

    Only when one named person is the subject of the speech verbs outside quotes in the quote's sentences
    (and the sentence before), and nobody is named inside the quote before the pronoun."""
    region = _inside(regions, tok.idx)
    if region is None or gender is None:
        return None
    if any(region[0] <= start < tok.idx for start, _, _, _ in idx.spans):
        return None  # "Putin is afraid to tell President Trump that he ...": a name in the quote; no guess
    w = words(idx.doc)
    opening = max(0, bisect_right(w.starts, region[0]) - 1)
    first = bisect_right(idx.sent_starts, opening) - 1
    last = bisect_right(idx.sent_starts, tok.i) - 1
    lo = idx.sents[max(0, first - 1)].start
    verbs = [t for sent in idx.sents[max(0, first - 1) : last + 1] for t in sent
             if t.pos_ == "VERB" and t.lemma_.lower() in _SPEECH_LEMMAS and _inside(regions, t.idx) is None]
    subjects = [c.i for v in verbs for c in v.children if c.dep_ in ("nsubj", "nsubjpass")
                and c.lower_ not in PRONOUNS]  # '..." he added': the speaker named before, if any
    speakers = {key for _, a, b, key in idx.spans for i in subjects if a <= i < b}
    if len(speakers) != 1 or any(not any(a <= i < b for _, a, b, _ in idx.spans) for i in subjects):
        return None  # no named speaker, several, or "officials said": whom to leave out is unknown
    context = [(-_depth(idx.doc, a, b), start, key) for start, a, b, key in idx.spans
               if lo <= a and start < region[0] and _inside(regions, start) is None and key not in speakers]
    fitting = [c for c in context if genders.get(c[2]) in (None, gender)]
    known = [c for c in fitting if genders.get(c[2]) == gender]
    if known:  # the one closest to the main clause ("insisted that Trump had ... while Zelensky ..."), then the latest
        return max(known)[2]
    return fitting[0][2] if len({c[2] for c in fitting}) == 1 else None


def _depth(doc: Doc, a: int, b: int) -> int:
    """How many heads up from the name [a, b) to the root of its sentence."""
    tok = next((t for t in doc[a:b] if not a <= t.head.i < b), doc[a])
    depth = 0
    while tok.head.i != tok.i and depth < 50:
        tok, depth = tok.head, depth + 1
    return depth


def _subject_of_root(doc: Doc, named: list[tuple[int, int, str]]) -> bool:
    return any(doc[i].head.dep_ == "ROOT" or doc[i].head.head.dep_ == "ROOT" for _, i, _ in named)


def person_genders(doc: Doc, clusters: Sequence[PersonCluster], lex: Lexicon) -> dict[str, str]:
    """``m``/``f`` for the people whose given name, courtesy title or title tells; the others are left out."""
    lower = words(doc).lower
    genders: dict[str, str] = {}
    for c in clusters:
        found = {lex.gender_of_given_name(n.split()[0]) for n in c.names if len(n.split()) > 1}
        found |= {_COURTESY.get(lower[m.tokens[0] - 1]) for m in c.mentions if m.tokens[0] > 0}
        for role in c.roles:
            last = normalize_key(role.title or "").split()[-1:] or [""]
            found.add("f" if last[0].endswith("woman") else _GENDERED_TITLES.get(last[0]))
        found.discard(None)
        if len(found) == 1:
            genders[c.key] = str(found.pop())
    return genders


def pronoun_refs(doc: Doc, clusters: Sequence[PersonCluster], lex: Lexicon | None = None) -> Iterator[RefMention]:
    """He/she/his/her... resolved to people in text order (see the module docstring for the rules)."""
    idx = _Index(doc, clusters, lex)
    regions = quote_regions(words(doc).text)
    genders = person_genders(doc, clusters, lex) if lex is not None else {}
    for i, lower in enumerate(words(doc).lower):
        if lower not in PRONOUNS or i in idx.covered:
            continue
        tok = doc[i]
        gender = _PRONOUN_GENDER.get(lower) if lex is not None else None
        key = _within_sentence(idx, tok, regions, gender, genders)
        if key is None and _inside(regions, tok.idx) is not None:
            key = _quoted_other(idx, tok, regions, gender, genders)
        elif key is None and not idx.in_sentence(tok.sent, before=tok.i):
            key = _across_sentences(idx, tok, regions, gender, genders)
        if key is not None:
            idx.resolved.add(i)
            if gender is not None:
                genders.setdefault(key, gender)  # an earlier he/she tells the person's gender
            yield RefMention(tok.idx, tok.idx + len(tok), key, "pronoun")


def title_refs(doc: Doc, clusters: Sequence[PersonCluster], lex: Lexicon) -> Iterator[RefMention]:
    """"the spokesman", "the Russian president": one earlier person with that title (and country)."""
    w = words(doc)  # read from the token columns: no Token objects
    lowers, texts, n = w.lower, w.texts, len(w.texts)
    for i, lower in enumerate(lowers):
        if lower != "the" or i + 2 > n:
            continue
        country = lex.demonyms.get(lowers[i + 1])
        head = i + 1 + (country is not None)
        title = lex.title(texts[head]) if head < n else None
        if title is None or title.plural:
            continue
        if head + 1 < n and (w.capital[head + 1] or lowers[head + 1] in ("of", "'s", "’s")):
            continue
        key = _unique_titled(clusters, normalize_key(texts[head]), country, w.starts[i])
        if key is not None:
            yield RefMention(w.starts[i], w.ends[head], key, "title")


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


# "the outlet", "the agency": nouns that refer back to the most recent media actor.
_MEDIA_REF_NOUNS = frozenset({"outlet", "agency", "newspaper", "broadcaster", "paper", "tabloid", "daily",
                              "channel", "magazine", "network"})


def media_refs(doc: Doc, mentions: Sequence[CollectiveMention]) -> Iterator[CollectiveMention]:
    """"the outlet", "the (news) agency", "the newspaper", "the broadcaster": a mention of the most recent
    media actor named before it.  "the agency" after an institution named "... Agency" refers to nobody."""
    w = words(doc)
    ordered = sorted(mentions, key=lambda m: m.start)
    for i, lower in enumerate(w.lower):
        if lower != "the" or i + 1 >= len(w.lower):
            continue
        head = i + 1 + (w.lower[i + 1] in ("news", "state") and i + 2 < len(w.lower))
        if w.lower[head] not in _MEDIA_REF_NOUNS or (head + 1 < len(w.lower) and w.capital[head + 1]):
            continue  # "the newspaper Kommersant" names the outlet itself
        start, end = w.starts[i], w.ends[head]
        before = [m for m in ordered if m.end <= start]
        if any(m.start < end and start < m.end for m in ordered):
            continue
        media = [m for m in before if m.kind == "media"]
        if w.lower[head] == "agency":  # a news agency, not an outlet of another kind or a government agency
            media = [m for m in before if _agency(m)]
        if media and media[-1].kind == "media" and not media[-1].ref:
            last = media[-1]
            yield CollectiveMention(start, end, last.kind, last.name, last.country, last.sector, last.key, 0.6, True)


_NEWS_AGENCIES = frozenset({
    "ria novosti", "tass", "itar-tass", "interfax", "ukrinform", "unian", "reuters", "associated press", "ap",
    "agence france-presse", "afp", "xinhua", "anadolu", "irna", "kyodo", "yonhap", "ansa", "dpa", "efe",
    "bernama", "antara", "press trust of india", "pti", "fars", "tasnim", "isna", "mena", "sana", "wafa", "kcna",
    "sputnik", "belta", "europa press", "kuna", "wam", "qna", "petra", "bna", "apa", "trend", "ptt",
})


def _agency(m: CollectiveMention) -> bool:
    """A news agency by name, or anything named "... Agency" (which then stops the search: not media)."""
    name = normalize_key(m.name)
    return (m.kind == "media" and name in _NEWS_AGENCIES) or "agency" in name or "agence" in name
