"""Attribution frames from the spaCy parse: a cue, who it belongs to, and what was said.

A frame is found from its cue: a verb of the cue lexicon with a complement clause ("said that
...", "... , he said"), a content object for the verbs that take one ("downplayed the
seriousness of ..."), or the phrase "according to X".  One pass over the tokens; no new spaCy run.
"""

from __future__ import annotations

import weakref
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from typing import Any

import numpy as np
from spacy.attrs import IS_SPACE, LEMMA, LOWER, ORTH, POS
from spacy.parts_of_speech import ADJ, AUX, NOUN, VERB
from spacy.strings import hash_string  # type: ignore[attr-defined]

from dateline.stages.quotes.lexicon import CUE_ADJ, CUE_NOUN, CUE_VERB, PATH_HEAD, Lexicon, load_lexicon
from dateline.stages.tokens import subtree_tokens

Token = Any  # spacy.tokens.Token (spaCy ships no type information)
Doc = Any

_NEEDS_PARTICLE = {"rule": "out"}
_PUNCT_EDGE = " \t\n,;:.-\u2014\u2013"
_OPENING_MARKS = "\"\u201c\u201e\u00ab'"


@dataclass(frozen=True)
class Frame:
    """One attribution: the cue, the speaker's words in the text and the content, as char offsets."""

    cue: tuple[int, int]
    cue_lemma: str
    cue_token: int
    speaker: tuple[int, int] | None
    speaker_head: int | None
    content: tuple[int, int]
    kind: str
    confidence: float
    inherited: bool = False
    relay: int | None = None
    within: str | None = None  # "strong"/"weak": the cue lies in the content of another frame of that prior

    def with_content(self, start: int, end: int, kind: str) -> Frame:
        return replace(self, content=(start, end), kind=kind)


def trim(text: str, start: int, end: int, edge: str = _PUNCT_EDGE) -> tuple[int, int]:
    """``start``/``end`` moved inwards past spaces and edge punctuation."""
    while start < end and (text[start] in edge or text[start].isspace()):
        start += 1
    while end > start and (text[end - 1] in edge or text[end - 1].isspace()):
        end -= 1
    return start, end


def line_bounds(text: str, offset: int) -> tuple[int, int]:
    """Start and end of the line of ``text`` that holds ``offset`` (the end stops at the line break)."""
    start, end = text.rfind("\n", 0, offset) + 1, text.find("\n", offset)
    return start, len(text) if end < 0 else end


def content_on_line(text: str, cue: Token, found: Iterable[Token]) -> tuple[int, int] | None:
    """The trimmed char span of the tokens of ``found`` on the cue's line; None when that is under two characters."""
    lo, hi = line_bounds(text, cue.idx)
    tokens = [t for t in found if lo <= t.idx < hi]
    if not tokens:
        return None
    start, end = trim(text, *token_span(tokens))
    return (start, end) if end - start >= 2 else None


def token_span(tokens: list[Token]) -> tuple[int, int]:
    first, last = min(tokens, key=lambda t: t.i), max(tokens, key=lambda t: t.i)
    return first.idx, last.idx + len(last.text)


def subtree_span(token: Token) -> tuple[int, int]:
    right = token.right_edge
    return token.left_edge.idx, right.idx + len(right.text)


def is_cue(token: Token, lex: Lexicon) -> bool:
    """A speech verb: one that can attribute the quotation next to it."""
    if token.pos_ not in ("VERB", "AUX") or token.lemma_ not in lex.speech:
        return False
    return _particle_ok(token)


def is_naming(token: Token) -> bool:
    """ "the village, which locals call 'the fortress'": a name in use, not a statement."""
    return bool(token.lemma_ == "call" and (token.dep_ == "relcl" or token.tag_ == "VBP"))


def _particle_ok(token: Token) -> bool:
    particle = _NEEDS_PARTICLE.get(token.lemma_)
    return particle is None or any(c.dep_ == "prt" and c.lower_ == particle for c in token.children)


def frame_complements(token: Token, lex: Lexicon) -> dict[str, float]:
    """The complement kinds that carry content for this verb or noun ({} when it is no cue)."""
    if token.pos_ in ("VERB", "AUX"):
        return lex.complements(token.lemma_) if _particle_ok(token) and not is_naming(token) else {}
    if token.pos_ == "NOUN":
        return lex.complements(token.lemma_.lower(), noun=True)
    if token.pos_ == "ADJ" and token.dep_ == "acomp":  # "Republicans have been critical of Clinton"
        return lex.complements(token.lemma_.lower(), adjective=True)
    return {}


def subject_of(verb: Token) -> Token | None:
    """The grammatical subject of ``verb``, climbing conjoined and participle verbs ("..., saying"); else
    the name that opens the verb's line when the parser ran a headline into it."""
    found = _grammatical_subject(verb)
    return found if found is not None else _line_subject(verb)


_NOMINAL = frozenset(("PROPN", "NOUN", "DET", "ADJ", "NUM", "PUNCT", "PART"))


def _line_subject(verb: Token) -> Token | None:
    """ "Mayor Vows To Rebuild The Bridge\nAnna Holt said she would ...": no subject in the parse (the
    headline ran into the line), but the line holds only a noun phrase before the finite verb; its last
    noun is the subject."""
    if verb.tag_ not in ("VBD", "VBZ", "VBP") or any(c.dep_ in ("nsubjpass", "expl") for c in verb.children):
        return None
    doc = verb.doc
    before = []  # the tokens between the line start and the verb, nearest first
    for token in reversed(doc[max(verb.i - 10, 0) : verb.i]):
        if token.is_space or "\n" in token.whitespace_:
            break
        before.append(token)
    starts_line = bool(before) and (before[-1].i == 0 or doc[before[-1].i - 1].is_space
                                    or "\n" in doc[before[-1].i - 1].whitespace_)
    if not starts_line or any(t.pos_ not in _NOMINAL or t.text in _BREAKS for t in before):
        return None
    return next((t for t in before if t.pos_ in ("PROPN", "NOUN")), None)


def _grammatical_subject(verb: Token) -> Token | None:
    if verb.pos_ == "NOUN":
        return noun_speaker(verb)
    current = verb.head if verb.pos_ == "ADJ" else verb
    for _ in range(4):
        found = _own_subject(current)
        if found is not None:
            return found
        if any(c.dep_ == "nsubjpass" for c in current.children):
            return None
        if current.dep_ in ("relcl", "acl"):
            return _issuer(current.head) or current.head
        if _by_doing(current):
            current = current.head.head
            continue
        if current.dep_ not in ("conj", "advcl", "xcomp") or current.head.i == current.i:
            return None
        if current.dep_ == "advcl" and current.tag_ != "VBG" and not _to_do(current):
            return None
        current = current.head
    return None


_ISSUED = frozenset(("statement", "release", "letter", "tweet", "post", "message", "memo", "email", "note"))


def _issuer(noun: Token) -> Token | None:
    """ "The campaign issued a statement saying ...": who issued the statement speaks."""
    if noun.lemma_.lower() not in _ISSUED or noun.dep_ != "dobj":
        return None
    return _own_subject(noun.head)


def _by_doing(verb: Token) -> bool:
    """ "He began by saying ...", "after praising ...": the verb of the preposition speaks."""
    return bool(verb.dep_ == "pcomp" and verb.tag_ == "VBG" and verb.head.dep_ == "prep"
                and verb.head.head.pos_ in ("VERB", "AUX"))


def _to_do(verb: Token) -> bool:
    """ "went on Twitter to applaud ...": a purpose clause shares its subject with the main verb."""
    return any(c.dep_ == "aux" and c.tag_ == "TO" for c in verb.children)


def noun_speaker(noun: Token) -> Token | None:
    """Whose claim or criticism a cue noun is: the possessor ("Clinton's claim that ..."), or the subject
    of the verb the noun is the object of ("Trump made the claim that ...", "Putin voiced concern about
    ...").  Measured on PolNeAR dev with a refit: the verb's subject took speaker accuracy 0.874 -> 0.878;
    "by X" / "from X" and proper-noun compounds ("the Trump statement") gained nothing and are left out."""
    found = next((c for c in noun.children if c.dep_ == "poss"), None)
    if found is None and noun.dep_ == "dobj" and noun.head.pos_ == "VERB":
        found = _own_subject(noun.head)
    return found


def _own_subject(verb: Token) -> Token | None:
    """The active subject; in the passive, the agent ("was criticized by Clinton"), or the one quoted."""
    children = list(verb.children)  # (spaCy builds a Token per child on each pass)
    agent = next((c for c in children if c.dep_ == "agent"), None)
    if agent is not None:
        return next((c for c in agent.children if c.dep_ == "pobj"), None)
    found = [c for c in children
             if c.dep_ in ("nsubj", "csubj") or (c.dep_ == "nsubjpass" and verb.lemma_ in _QUOTED_PASSIVE)]
    # two subjects is a parse error ("Stronger sanctions, she said"): the one next to the verb is its own
    return min(found, key=lambda c: abs(c.i - verb.i)) if found else None


_QUOTED_PASSIVE = frozenset(("quote", "cite"))
_RIGHT_DEPS = frozenset(("appos", "prep", "conj", "cc", "compound", "case", "poss"))
_RESTRICTIVE_DEPS = frozenset(("relcl", "acl", "amod"))
_BREAKS = frozenset(("\u2013", "\u2014", "--", "(", ")", ":", "|", "\u2015", '"', "\u201c", "\u201d"))


def _restrictive(child: Token) -> bool:
    """ "a poll released last week" (kept), not "Smith, a ..., said" (after a comma)."""
    return child.dep_ in _RESTRICTIVE_DEPS and child.left_edge.i > 0 and child.doc[child.left_edge.i - 1].text != ","


def _relative(child: Token, cue: Token | None) -> bool:
    """ "Smith, who runs the group, said": PolNeAR's source takes a "who" clause in slightly more often
    than not (train: 189 in, 156 out; "which"/"whose" clauses mostly out), unless the cue is inside it or
    the clause reports speech of its own ("Smith, who said last week that ..., added": train 24 in, 53 out)."""
    return (child.dep_ == "relcl" and child.left_edge.lower_ == "who"
            and (cue is None or not child.left_edge.i <= cue.i <= child.right_edge.i)
            and not _reports(child))


def _reports(verb: Token) -> bool:
    """A verb with a complement clause, or a speech verb."""
    return verb.lemma_ in load_lexicon().speech or any(c.dep_ == "ccomp" for c in verb.children)


def speaker_span(text: str, subject: Token, cue: Token | None = None) -> tuple[int, int]:
    """The subject's noun phrase: its left modifiers and right appositions, prepositions and
    conjuncts, without relative or participle clauses, datelines or trailing punctuation."""
    tokens = [subject]
    for child in subject.children:
        if cue is not None and child.left_edge.i <= cue.i <= child.right_edge.i:
            continue  # "a video urging voters to ...": the cue and what it says are not the source
        if (child.i < subject.i or (child.dep_ in _RIGHT_DEPS and (child.pos_ != "NUM" or child.dep_ == "appos"))
                or _restrictive(child) or _relative(child, cue)):
            tokens.extend(subtree_tokens(child))
    tokens.sort(key=lambda t: t.i)
    left = [t for t in tokens if t.i < subject.i and (t.text in _BREAKS or "\n" in t.whitespace_)]
    if left:
        tokens = [t for t in tokens if t.i > left[-1].i]
    if len(tokens) > 1 and tokens[0].lower_ == "even" and tokens[0].dep_ == "advmod":
        tokens = tokens[1:]  # "even his allies": PolNeAR's source leaves the focus word out
    right = [t for t in tokens if t.i > subject.i and (t.text in _BREAKS - {"(", ")"} or "\n" in t.whitespace_)]
    if right:
        tokens = [t for t in tokens if t.i < right[0].i or (t.i == right[0].i and t.text not in _BREAKS)]
    start, end = token_span(tokens)
    start = max(start, text.rfind("\n", start, subject.idx) + 1)
    return trim(text, start, end, " \t\n,;:-\u2014\u2013\"\u201c\u201d")


def _complement_key(child: Token) -> str:
    return f"prep:{child.lower_}" if child.dep_ == "prep" else child.dep_


def content_tokens(verb: Token, kinds: dict[str, float], speech: bool) -> tuple[list[Token], float]:
    """Tokens of the complement that carries what was said, and the precision of that kind."""
    best = 0.0
    chosen: Token | None = None
    children = list(verb.children)
    subject = next((c for c in reversed(children) if c.i < verb.i and c.dep_ == "nsubj"), None)
    for child in children:
        score = kinds.get(_complement_key(child), 0.0)
        if not score > 0.0 or _other_line(verb, child):
            continue  # (only a kind with a precision above 0 can be chosen below)
        # of two complements of one kind, the one before the subject is a misparse of the clause before
        # ("At the border post - which looks like a fortress - Holt said she ...")
        if score > best or (score == best and chosen is not None and subject is not None
                            and chosen.i < subject.i and child.i > verb.i):
            best, chosen = score, child
    found = _complement(verb, chosen) if chosen is not None else []
    passive = next((c for c in children if c.dep_ == "nsubjpass"), None)
    if not found and passive is not None and kinds.get("dobj", 0.0) > 0 and any(
            c.dep_ == "agent" for c in children):
        return subtree_tokens(passive), kinds["dobj"]
    if speech and (core := _parenthetical_core(verb)) is not None:
        return [t for t in verb.sent if not core[0] <= t.i <= core[1]], kinds.get("ccomp", 0.85)
    if not found and speech and _is_inverted(verb):
        return _inverted_clause(verb), kinds.get("ccomp", 0.85)
    if not found and speech and (before := _unattached_before(verb)):
        return before, kinds.get("ccomp", 0.85)
    return found, best


def _unattached_before(verb: Token) -> list[Token]:
    """ "Stronger sanctions, she said.": the cue ends its sentence after a comma and its subject, and the
    parser left what comes before the comma unattached; that is what was said."""
    subject = next((c for c in reversed(list(verb.lefts)) if c.dep_ == "nsubj"), None)
    if subject is None or verb.dep_ != "ROOT" or subject.left_edge.i - 1 <= verb.sent.start:
        return []
    comma = verb.doc[subject.left_edge.i - 1]
    if comma.text != "," or any(c.dep_ in ("dobj", "ccomp", "xcomp") for c in verb.children):
        return []
    if any(not (t.is_punct or t.is_space or t.head.i == verb.i and t.dep_ in _CORE_DEPS | {"prep", "npadvmod"})
           for t in verb.doc[verb.i + 1 : verb.sent.end]):
        return []
    return [t for t in verb.doc[verb.sent.start : comma.i] if not t.is_space]


def _other_line(verb: Token, child: Token) -> bool:
    """A complement the parser hung on a cue across a line break (the last quotation of the paragraph
    before): never what this cue reports."""
    lo, hi = sorted((verb.i, child.i))
    before = _breaks_before(verb.doc)
    return bool(before[hi] > before[lo])


_BREAKS_BEFORE: weakref.WeakKeyDictionary[Doc, list[int]] = weakref.WeakKeyDictionary()


def _breaks_before(doc: Doc) -> list[int]:
    """For each token index i (and len(doc)), how many tokens before i hold a line break: a whitespace
    token with a newline in it (a token's own trailing whitespace is a space or nothing)."""
    found = _BREAKS_BEFORE.get(doc)
    if found is None:
        found = [0] * (len(doc) + 1)
        for i in np.flatnonzero(doc.to_array(IS_SPACE)).tolist():
            if "\n" in doc[i].text:
                found[i + 1] = 1
        for i in range(len(doc)):
            found[i + 1] += found[i]
        _BREAKS_BEFORE[doc] = found
    return found


def _complement(verb: Token, child: Token) -> list[Token]:
    """The complement's tokens; a preposition's object without the preposition ("talked about X" -> X),
    but an object before the preposition or infinitive takes both in, as PolNeAR does ("accused Clinton
    of lying", "described him as a fraud", "urged him to run"; on train content exact F1 0.501 -> 0.514)."""
    if child.dep_ in ("prep", "xcomp"):
        obj = next((c for c in verb.children if c.dep_ == "dobj" and c.i < child.i), None)
        if obj is not None:
            edge = obj.right_edge.i
            return [*subtree_tokens(obj), *(t for t in subtree_tokens(child) if t.i > edge)]
    if child.dep_ == "prep":
        return [t for c in child.children for t in subtree_tokens(c)]
    return subtree_tokens(child)  # (the callers read the tokens in any order: content_on_line, token_span)


_PAREN_EDGE = frozenset((",", "\u2014", "--"))
_CORE_DEPS = frozenset(("aux", "neg", "advmod", "npadvmod", "punct"))


def _parenthetical_core(verb: Token) -> tuple[int, int] | None:
    """ "The museum, Mr. Obama said, would make ...": the cue and its subject set off by commas inside
    the sentence it reports; the (first, last) token index of that aside, commas included."""
    subject = next((c for c in verb.children if c.dep_ == "nsubj" and c.i < verb.i), None)
    if subject is None or any(c.dep_ in ("ccomp", "dobj", "mark") and c.i < verb.i for c in verb.children):
        return None
    doc, sent = verb.doc, verb.sent
    left = subject.left_edge.i
    right = verb.i
    while right + 1 < sent.end and doc[right + 1].head.i == verb.i and doc[right + 1].dep_ in _CORE_DEPS - {"punct"}:
        right += 1
    if left - 1 <= sent.start + 1 or right + 2 >= sent.end - 1:
        return None
    if doc[left - 1].text not in _PAREN_EDGE or doc[right + 1].text not in _PAREN_EDGE:
        return None
    if any(t.text in _PAREN_EDGE or t.dep_ == "relcl" for t in doc[left:right + 1]):
        return None
    return left - 1, right + 1


def _is_inverted(verb: Token) -> bool:
    """ "..., he said": the cue hangs off the clause before it, after a comma or quote mark."""
    if verb.head.i >= verb.i or verb.dep_ not in ("parataxis", "ccomp"):
        return False
    if any(c.dep_ in ("mark", "aux") for c in verb.children):
        return False
    left = verb.left_edge.i
    return left > 0 and verb.doc[left - 1].text in (",", "\u201d", '"', "\u2014", "--")


def _inverted_clause(verb: Token) -> list[Token]:
    """ "The talks failed, he said" / "This campaign, he says, is different": the clause around the cue."""
    inner = {t.i for t in subtree_tokens(verb)}
    return [t for t in subtree_tokens(verb.head) if t.i not in inner]  # (read in any order: content_on_line)


def _citing(token: Token) -> bool:
    """ "..., citing X, ..." / "..., quoting X, ...": a participle clause on the verb it hangs off."""
    return bool(token.lemma_ in ("cite", "quote") and token.tag_ == "VBG" and token.dep_ == "advcl")


def _is_relay(token: Token, lex: Lexicon) -> bool:
    """ "Bloomberg, citing a person close to the Kremlin, reported ...": part of the report's frame.  Citing
    a thing, not a source, is an attribution of its own ("he said, citing low growth": train 20 of 21)."""
    return bool(_citing(token) and frame_complements(token.head, lex) and _cites_source(token, lex))


_SOURCE_ENTS = frozenset(("PERSON", "ORG", "NORP", "GPE"))


def _cites_source(cite: Token, lex: Lexicon) -> bool:
    """The object of "citing"/"quoting" is someone: a named person or body, or a source noun ("officials")."""
    obj = next((c for c in cite.children if c.dep_ == "dobj"), None)
    return obj is not None and (obj.ent_type_ in _SOURCE_ENTS or obj.lemma_.lower() in lex.anonymous_heads
                                or lex.is_media_name(obj.text))


def colon_frame(doc: Doc, text: str, colon: Token) -> Frame | None:
    """A line opening "Lavrov: Ukraine must ..." (headline style), or a transcript's turn opening a quoted
    paragraph ("\u201cSMITH: Well, ..."): the name said the rest of the line."""
    line_start, line_end = line_bounds(text, colon.idx)
    before = [t for t in doc[max(colon.i - 8, 0) : colon.i] if t.idx >= line_start]
    while before and before[0].text in _OPENING_MARKS:
        before = before[1:]
    opening = text[line_start : before[0].idx] if before else ""
    turn = bool(opening.strip())  # a transcript's turn: the name in capitals, whatever the tagger makes of it
    if (not before or opening.strip(_OPENING_MARKS + " ") or len(before) > 7 or colon.i + 1 >= len(doc)
            or (turn and not all(t.is_upper or t.is_punct for t in before))):
        return None
    if not turn and (any(t.pos_ in ("VERB", "AUX", "PRON", "NUM") for t in before)
                     or before[-1].pos_ not in ("PROPN", "NOUN")):
        return None
    start, end = trim(text, colon.idx + 1, line_end)
    if len(text[start:end].split()) < 3:
        return None
    head = max(before, key=lambda t: (t.pos_ == "PROPN", t.i))
    return Frame(cue=(colon.idx, colon.idx + 1), cue_lemma=":", cue_token=colon.i,
                 speaker=(before[0].idx, before[-1].idx + len(before[-1].text)), speaker_head=head.i,
                 content=(start, end), kind="direct" if turn else "indirect", confidence=0.6)


_COLON, _ACCORDING = hash_string(":"), hash_string("according")
_POS_FLAGS = np.zeros(max(VERB, AUX, NOUN, ADJ) + 1, dtype=np.uint64)
_POS_FLAGS[[VERB, AUX]] = CUE_VERB | PATH_HEAD
_POS_FLAGS[NOUN] = CUE_NOUN | PATH_HEAD
_POS_FLAGS[ADJ] = CUE_ADJ | PATH_HEAD


def candidates(doc: Doc, lex: Lexicon) -> tuple[list[int], list[int]]:
    """Indices of the words that may start a frame (a colon, "according", a word whose lemma and part of
    speech the cue tables know) and of those that may head a path pattern, in text order: array work over
    the parse, each distinct lemma looked up once, so the article's other words never become spaCy tokens."""
    if len(doc) == 0:
        return [], []
    table = doc.to_array([ORTH, LOWER, LEMMA, POS])
    lemmas, inverse = np.unique(table[:, 2], return_inverse=True)
    strings = doc.vocab.strings
    by_lemma = np.array(lex.lemmas_flags(lemmas.tolist(), strings), dtype=np.uint64)
    pos = table[:, 3]
    allowed = np.where(pos < len(_POS_FLAGS), _POS_FLAGS[np.minimum(pos, len(_POS_FLAGS) - 1)], 0)
    flags = by_lemma[inverse.reshape(-1)] & allowed
    cue = (table[:, 0] == _COLON) | (table[:, 1] == _ACCORDING) | ((flags & (CUE_VERB | CUE_NOUN | CUE_ADJ)) != 0)
    return np.flatnonzero(cue).tolist(), np.flatnonzero(flags & PATH_HEAD).tolist()


def frames_from_cues(doc: Doc, text: str, lex: Lexicon, cues: list[int] | None = None) -> Iterator[Frame]:
    """A frame for every cue verb with a content complement, every "according to X" and every
    headline-style "Name: ..." line; ``cues``: the doc's :func:`candidates`, when already at hand."""
    for i in candidates(doc, lex)[0] if cues is None else cues:
        token = doc[i]
        if token.text == ":":
            frame = colon_frame(doc, text, token)
            if frame is not None:
                yield frame
            continue
        if token.lower_ == "according" and token.i + 1 < len(doc) and doc[token.i + 1].lower_ == "to":
            frame = according_frame(doc, text, token, lex)
        elif _is_relay(token, lex):
            continue
        elif frame_complements(token, lex) or is_cue(token, lex):
            frame = verb_frame(text, token, lex)
        else:
            continue
        if frame is not None:
            yield frame


def verb_frame(text: str, verb: Token, lex: Lexicon) -> Frame | None:
    found, precision = content_tokens(verb, frame_complements(verb, lex), is_cue(verb, lex))
    content = content_on_line(text, verb, found)
    if content is None:
        return None
    subject = subject_of(verb)
    cited = cited_source(verb, lex)
    relay = None
    if cited is not None:
        subject, relay = cited, subject.i if subject is not None else None
    speaker = speaker_span(text, subject, verb) if subject is not None else None
    confidence = precision - (0.0 if subject is not None else 0.25)
    return Frame(cue=(verb.idx, verb.idx + len(verb.text)), cue_lemma=verb.lemma_, cue_token=verb.i,
                 speaker=speaker, speaker_head=subject.i if subject is not None else None,
                 content=content, kind="indirect", confidence=round(confidence, 3), relay=relay)


def cited_source(verb: Token, lex: Lexicon) -> Token | None:
    """ "Bloomberg, citing an unnamed person, reported ...": the person is the source."""
    citing = next((c for c in verb.children if _citing(c)), None)
    if citing is None or not _cites_source(citing, lex):
        return None
    return next((c for c in citing.children if c.dep_ == "dobj"), None)


def according_object(doc: Doc, according: Token) -> Token | None:
    to = doc[according.i + 1]
    return next((c for c in to.children if c.dep_ == "pobj"), None)


def according_frame(doc: Doc, text: str, according: Token, lex: Lexicon) -> Frame | None:
    """ "According to X, Y" / "Y, according to X": X said Y, unless Y already has its own cue."""
    source = according_object(doc, according)
    if source is None or is_cue(according.head, lex):
        return None
    sent = according.sent
    phrase = (according.i, (source.right_edge.i))
    before = (sent.start, phrase[0])
    after = (phrase[1] + 1, sent.end)
    lo, hi = max((before, after), key=lambda r: r[1] - r[0])
    speaker = speaker_span(text, source, according)
    if hi - lo < 3 and according.i == sent.start:
        # "According to X, the plan smells of panic": the parser hung the clause on X; it starts after X's comma
        comma = next((t for t in doc[source.i + 1 : sent.end] if t.text == ","), None)
        if comma is None:
            return None
        lo, hi = comma.i + 1, sent.end
        speaker = trim(text, speaker[0], min(speaker[1], comma.idx))
    if hi - lo < 3:
        return None
    start, end = trim(text, doc[lo].idx, doc[hi - 1].idx + len(doc[hi - 1].text))
    cue_end = doc[according.i + 1].idx + 2
    return Frame(cue=(according.idx, cue_end), cue_lemma="according to", cue_token=according.i,
                 speaker=speaker, speaker_head=source.i, content=(start, end),
                 kind="indirect", confidence=lex.speech_confidence)
