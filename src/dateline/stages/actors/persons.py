"""Person mentions by name: editorial brackets, PERSON entities, names after a title, known surnames.

The small English model misses or mislabels names ("Lavrov" as ORG, "the Russian Federation Sergei
Lavrov" as one ORG, no entity for "Senior Fellow Tatiana Stanovaya"), so names are also read after a
title from the dictionary, and the surnames of people already found are looked up everywhere.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from dateline.knowledge.actors import Lexicon, lookup_key
from dateline.records import normalize_key
from dateline.stages.actors.model import Doc, PersonMention, RoleInfo, Token, surname_forms, words
from dateline.stages.actors.roles import (
    MEDIA_NOUNS,
    affixed,
    appositions,
    is_capital,
    parse_prefix,
    prefix_start,
    span_text,
    tight_hyphen,
    title_at,
)

_INITIAL = re.compile(r"^[A-Z]\.$")
_NAME_PARTICLES = frozenset({"bin", "al", "von", "der", "van", "de", "la", "da", "dos", "el", "ibn", "abu"})
_POSSESSIVE = ("'s", "’s", "'", "’")
# Dependencies that make a lone surname-like word an actor rather than a place or a thing.
_PLACE_PREPS = frozenset({"in", "near", "into", "inside", "outside", "around", "across", "toward", "towards"})
_PLACE_NOUNS = frozenset({"city", "town", "village", "region", "area", "outskirts", "centre", "center", "province",
                          "district", "east", "west", "north", "south", "suburb", "port"})
_NAME_ENTS = frozenset({"", "PERSON", "ORG", "NORP"})
_ACTOR_DEPS = frozenset({"nsubj", "nsubjpass", "poss", "agent"})


def name_token(tok: Token, lex: Lexicon) -> bool:
    """A word that can be part of a personal name (not a title, country, demonym or institution)."""
    text = tok.text
    if _INITIAL.match(text):
        return True
    if not (text[:1].isupper() and tok.is_alpha) or tok.is_stop:
        return False
    return not (lex.title(text) or lex.country_of(text) or lex.institution(text) or lookup_key(text) in lex.capitals)


def _bracket_mentions(doc: Doc, lex: Lexicon) -> Iterator[PersonMention]:
    """"[Secretary of State Marco] Rubio": title and given name inside, surname after the bracket."""
    for open_tok in (doc[i] for i, text in enumerate(words(doc).texts) if text == "["):
        close = next((t.i for t in doc[open_tok.i + 1 : open_tok.i + 16] if t.text == "]"), None)
        if close is None or close + 1 >= len(doc) or not name_token(doc[close + 1], lex):
            continue
        given = _given_start(doc, open_tok.i, close, lex)
        surname_end = close + 2
        while surname_end < len(doc) and name_token(doc[surname_end], lex) and surname_end - close < 3:
            surname_end += 1
        role = parse_prefix(doc, open_tok.i + 1, given, lex) if given > open_tok.i + 1 else None
        name = " ".join([span_text(doc, given, close), span_text(doc, close + 1, surname_end)])
        start, end = open_tok.idx, doc[surname_end - 1].idx + len(doc[surname_end - 1])
        yield PersonMention(start, end, name, (open_tok.i, surname_end), (role,) if role else (), "bracket")


def _given_start(doc: Doc, open_i: int, close: int, lex: Lexicon) -> int:
    """Where the given name starts inside the bracket: the words after the title ("Marco")."""
    for size in (1, 2):
        given = close - size
        if given <= open_i or not all(name_token(t, lex) for t in doc[given:close]):
            break
        if title_at(doc, open_i + 1, given, lex, ending=True) is not None:
            return given
    return close - 1 if close - 1 > open_i and name_token(doc[close - 1], lex) else close


def _trim(doc: Doc, lo: int, hi: int, lex: Lexicon) -> tuple[int, int]:
    """Drop titles, determiners and possessive endings at the edges of a name entity."""
    while lo < hi and not name_token(doc[lo], lex):
        lo += 1
    while hi > lo and (doc[hi - 1].text in _POSSESSIVE or not (name_token(doc[hi - 1], lex))):
        hi -= 1
    return lo, hi


def _ner_mentions(doc: Doc, lex: Lexicon) -> Iterator[tuple[int, int]]:
    for ent in doc.ents:
        if ent.label_ == "PERSON" and not any(t.text in "[]" for t in ent):
            lo, hi = _trim(doc, ent.start, ent.end, lex)
            if lo < hi:
                yield lo, hi


def _titled_names(doc: Doc, lex: Lexicon) -> Iterator[tuple[int, int]]:
    """Two or three name words right after a title (and an optional "of the <country>")."""
    w = words(doc)
    lower, n = w.lower, len(w.lower)
    for i in range(n):
        if lower[i] not in lex.title_first:
            continue
        found = title_at(doc, i, min(n, i + lex.max_title_words), lex, ending=False)
        if found is None or found[2].phrase in MEDIA_NOUNS:
            continue
        j = _skip_complement(doc, found[1], lex)
        k = j
        while k < n and k - j < 6 and (name_token(doc[k], lex) or tight_hyphen(doc, k) or
                                       (lower[k] in _NAME_PARTICLES and k > j)):
            k += 1
        while k > j and not name_token(doc[k - 1], lex):
            k -= 1
        if 2 <= k - j <= 6 and not (k < n and w.capital[k] and doc[k].is_alpha) \
                and all(t.ent_type_ in _NAME_ENTS for t in doc[j:k]) and lex.institution(w.span(j, k)) is None:
            yield j, k


def _skip_complement(doc: Doc, j: int, lex: Lexicon) -> int:
    """Past "of the Russian Federation" after a title, when it names a country or institution."""
    w = words(doc)  # the token columns: no Token objects
    n = len(w.lower)
    if j >= n or w.lower[j] != "of":
        return j
    k = j + 1 + (j + 1 < n and w.lower[j + 1] == "the")
    for size in (4, 3, 2, 1):
        if k + size <= n and (lex.country_of(phrase := w.span(k, k + size)) or lex.institution(phrase)):
            return k + size
    return j


def _disjoint(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Longest first; a span overlapping a kept one is dropped."""
    kept: list[tuple[int, int]] = []
    for lo, hi in sorted(set(spans), key=lambda s: (s[0] - s[1], s[0])):
        if all(hi <= a or lo >= b for a, b in kept):
            kept.append((lo, hi))
    return sorted(kept)


def _with_roles(doc: Doc, spans: list[tuple[int, int]], lex: Lexicon) -> list[PersonMention]:
    blocked = {i for lo, hi in spans for i in range(lo, hi)}
    mentions = []
    for lo, hi in spans:
        roles: list[RoleInfo] = []
        start = prefix_start(doc, lo, blocked, lex)
        if start < lo and (role := parse_prefix(doc, start, lo, lex)):
            roles.append(role)
        after = hi + (hi < len(doc) and doc[hi].text in _POSSESSIVE)
        roles.extend(appositions(doc, after, lex))
        if (country := _of_country(doc, hi, lex)) is not None:
            roles.append(RoleInfo(None, None, country, None))
        name = " ".join(span_text(doc, lo, hi).split())
        mentions.append(PersonMention(doc[lo].idx, doc[hi - 1].idx + len(doc[hi - 1]), name, (lo, hi), tuple(roles)))
    return _share_list_roles(doc, mentions)


def _of_country(doc: Doc, hi: int, lex: Lexicon) -> str | None:
    """"King Hassan of Morocco": a country named right after the name with "of"."""
    if hi + 1 >= len(doc) or doc[hi].lower_ != "of":
        return None
    for size in (3, 2, 1):
        end = hi + 1 + size
        if end <= len(doc):
            code = lex.country_names.get(normalize_key(span_text(doc, hi + 1, end)))
            if code and not (end < len(doc) and is_capital(doc[end]) and doc[end].is_alpha):
                return code
    return None


def _share_list_roles(doc: Doc, mentions: list[PersonMention]) -> list[PersonMention]:
    """"bloggers Mario Nawfal, Larry C. Johnson, and Andrew Napolitano": a plural title covers the list."""
    out = list(mentions)
    for k in range(1, len(out)):
        prev, cur = out[k - 1], out[k]
        between = set(words(doc).lower[prev.tokens[1] : cur.tokens[0]])
        shared = [r for r in prev.roles if r.plural]
        if shared and between and between <= {",", "and"} and not cur.roles:
            out[k] = PersonMention(cur.start, cur.end, cur.name, cur.tokens, tuple(shared), cur.source)
    return out


def _at_a_place(doc: Doc, m: PersonMention) -> bool:
    """"in Sumy", "areas of Khan Younis": a name the model took for a person, used as a place."""
    tok = doc[m.tokens[1] - 1]
    prep = tok.head if tok.dep_ == "pobj" else None
    if prep is None or m.roles:
        return False
    return prep.lower_ in _PLACE_PREPS or (prep.lower_ == "of" and prep.head.lemma_.lower() in _PLACE_NOUNS)


def _lone_name_ok(doc: Doc, m: PersonMention, surnames: set[str], lex: Lexicon) -> bool:
    """A one-word name is kept when it is a known surname, has a title, or acts in the sentence."""
    word = m.name
    if word in surnames or m.roles:
        return True
    if lex.leaders_by_surname.get(word.casefold()):
        return True
    return bool(doc[m.tokens[0]].dep_ in _ACTOR_DEPS) and doc[m.tokens[0]].ent_type_ in ("PERSON", "ORG", "")


def person_mentions(doc: Doc, lex: Lexicon) -> list[PersonMention]:
    """Every mention of a person by name, with the roles the words around it give."""
    brackets = list(_bracket_mentions(doc, lex))
    taken = {i for m in brackets for i in range(*m.tokens)}
    spans = [s for s in _disjoint([*_titled_names(doc, lex), *_ner_mentions(doc, lex)])
             if not any(i in taken for i in range(*s))]
    named = _with_roles(doc, spans, lex)
    full = [m for m in [*brackets, *named] if len(m.name.split()) > 1]
    surnames = {form for m in full for form in surname_forms(m.name)}
    named = [m for m in named if not _at_a_place(doc, m)]
    kept = [*brackets, *(m for m in named if len(m.name.split()) > 1 or _lone_name_ok(doc, m, surnames, lex))]
    return sorted([*kept, *_surname_mentions(doc, kept, surnames)], key=lambda m: m.start)


def _surname_mentions(doc: Doc, found: list[PersonMention], surnames: set[str]) -> Iterator[PersonMention]:
    """Known surnames the entity recognizer missed or mislabelled ("Lavrov" tagged ORG)."""
    covered = {i for m in found for i in range(*m.tokens)}
    if not surnames:
        return
    w = words(doc)
    for i, text in enumerate(w.texts):
        if text not in surnames or i in covered or not w.capital[i] or affixed(doc, i):
            continue
        tok = doc[i]
        yield PersonMention(tok.idx, tok.idx + len(tok), tok.text, (tok.i, tok.i + 1), (), "surname")
