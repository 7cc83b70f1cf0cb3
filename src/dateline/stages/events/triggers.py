"""Find PLOVER event triggers in a parsed sentence: verbs, light verb + event noun, and event nouns.

A trigger is a token with its coding.  Embedded triggers ("threatened to *shell* the towns") are folded
into the trigger that governs them, which keeps the frame (THREATEN) and takes its mode from the action.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Any

from dateline.stages.events.lexicon import Lexicon, NounTrigger, Pattern
from dateline.stages.tokens import lower_lemmas, pos_tags

Token = Any  # spacy.tokens.Token (spaCy ships no type information)

LIGHT_VERBS = frozenset({
    "launch", "carry", "conduct", "stage", "hold", "begin", "start", "organize", "organise", "issue", "declare",
    "mount", "make", "announce", "go", "give", "open", "order", "impose", "reach", "sign", "unleash",
    "continue", "resume", "step", "join",
})
OBJECT_DEPS = frozenset({"dobj", "attr", "oprd", "xcomp", "ccomp", "dative", "acomp", "advmod", "npadvmod", "prt"})
FRAMES = frozenset({"AGREE", "REJECT", "THREATEN", "REQUEST", "ACCUSE"})
TERRITORY_TRIGGERS = frozenset({"recapture", "retake", "regain", "liberate", "capture", "seize", "overrun", "drive",
                                "take"})


@dataclass(frozen=True)
class Trigger:
    token: Token
    type: str
    mode: str | None
    cameo: str | None
    lemma: str
    nominal: bool = False
    embedded: Token | None = None  # the action a frame trigger governs ("shell" under "threatened")
    arg_spans: tuple[tuple[int, int], tuple[int, int]] | None = None  # (source, target) character ranges


def argument_lemmas(tok: Token) -> set[str]:
    """Lemmas (and texts) of the words heading a verb's objects, complements and prepositional objects."""
    out: set[str] = set()
    for child in tok.children:
        if child.dep_ in OBJECT_DEPS or child.dep_ == "prep":
            out.update(_words(child))
            for grand in child.children:
                if grand.dep_ in ("pobj", "pcomp", "compound", "conj", "amod", "prep"):
                    out.update(_words(grand))
    return out


def _words(tok: Token) -> set[str]:
    return {tok.lemma_.lower(), tok.text.lower()}


def _verb_keys(tok: Token) -> list[str]:
    lemma = tok.lemma_.lower()
    children = list(tok.children)  # (spaCy builds a Token per child on each pass)
    keys = [f"{lemma} {c.text.lower()}" for c in children if c.dep_ == "prt"]
    keys += [f"{lemma} {c.lemma_.lower()}" for c in children if c.dep_ in ("prep", "dobj")]
    return [*keys, lemma]


def _matches(pattern: Pattern, tok: Token, args: set[str]) -> bool:
    if pattern.noobj and any(c.dep_ == "dobj" for c in tok.children):
        return False
    return not pattern.objects or bool(pattern.objects & args)


def match_verb(tok: Token, lex: Lexicon) -> Trigger | None:
    keyed = [(key, patterns) for key in _verb_keys(tok) if (patterns := lex.verbs.get(key))]
    if not keyed:
        return None
    args = argument_lemmas(tok)
    for key, patterns in keyed:
        for pattern in patterns:
            if _matches(pattern, tok, args):
                return Trigger(tok, pattern.type, pattern.mode, pattern.cameo, key)
    return None


def match_noun(tok: Token, lex: Lexicon) -> NounTrigger | None:
    entries = lex.nouns.get(tok.lemma_.lower())
    if not entries:
        return None
    modifiers = {c.lemma_.lower() for c in tok.children if c.dep_ in ("compound", "amod", "nmod")}
    for entry in entries:
        if entry.modifier is None or entry.modifier in modifiers:
            return entry
    return None


def light_verb_trigger(tok: Token, lex: Lexicon) -> Trigger | None:
    """``launched an airstrike``, ``staged a rally``, ``declared a ceasefire``: code the noun."""
    if tok.lemma_.lower() not in LIGHT_VERBS:
        return None
    for child in tok.children:
        nouns = [child] if child.dep_ in ("dobj", "attr") else [g for g in child.children if g.dep_ == "pobj"] \
            if child.dep_ == "prep" and child.lemma_ in ("on", "into", "to") else []
        for noun in nouns:
            entry = match_noun(noun, lex)
            if entry is not None:
                return Trigger(tok, entry.type, entry.mode, entry.cameo, f"{tok.lemma_.lower()} {entry.lemma}")
    return None


def standalone_noun_trigger(tok: Token, lex: Lexicon) -> Trigger | None:
    """``the recapture of Sudzha``, ``an airstrike on the village``: an event noun with an argument."""
    if tok.pos_ not in ("NOUN", "PROPN") or tok.dep_ in ("compound", "dobj", "attr"):
        return None
    entry = match_noun(tok, lex)
    if entry is None or not entry.standalone:
        return None
    has_argument = any(c.dep_ == "prep" and c.lemma_ in ("of", "by", "on", "against", "in", "at", "near")
                       for c in tok.children) or any(c.dep_ == "poss" for c in tok.children)
    if not has_argument:
        return None
    return Trigger(tok, entry.type, entry.mode, entry.cameo, entry.lemma, nominal=True)


def sentence_triggers(sent: Any, lex: Lexicon, text: str | None = None) -> list[Trigger]:
    """The triggers of one sentence; ``text`` (the doc's text, if the caller has it) saves rebuilding the
    sentence's text from its tokens."""
    found: list[Trigger] = []
    doc = sent.doc
    pos, tag = pos_tags(doc)
    # A word whose lemma begins no verb key, is no light verb and no event noun cannot trigger: such words
    # are skipped from the lemma column, without building their Token.
    lemmas, verbs, heads, nouns = lower_lemmas(doc), lex.verbs, lex.verb_heads, lex.nouns
    for i in range(sent.start, sent.end):
        trig = None
        if pos[i] in ("VERB", "AUX") or tag[i].startswith("VB"):
            lemma = lemmas[i]
            if lemma in verbs or lemma in heads or lemma in LIGHT_VERBS:
                tok = doc[i]
                trig = match_verb(tok, lex) or light_verb_trigger(tok, lex)
        elif pos[i] in ("NOUN", "PROPN") and lemmas[i] in nouns:
            trig = standalone_noun_trigger(doc[i], lex)
        if trig is not None:
            found.append(trig)
    found += expulsion_triggers(sent, found, text)
    return drop_covered_nouns(fold_embedded(found))


# "X drove Y out of Z", "X pushed Y back": the parser often misreads the object's participle ("drove battered
# troops out of ...") as the main verb; the word pattern is unambiguous, so it is coded from the text.
EXPULSION = re.compile(r"\b(?P<verb>drove|drives|driven|driving|pushed|pushes|pushing|forced|forces|forcing|"
                       r"expelled|expels|ousted|ousts)\s+(?P<object>(?:[\w'’-]+\s+){0,5}?[\w'’-]+)\s+"
                       r"(?:out of|back from|back)\b", re.I)


def expulsion_triggers(sent: Any, found: list[Trigger], text: str | None = None) -> list[Trigger]:
    """Territorial ASSAULT triggers the parse missed ("Russian armies drove battered Ukrainian troops out of")."""
    taken = {t.token.i for t in found}
    out: list[Trigger] = []
    sent_text = sent.text if text is None else text[sent.start_char:sent.end_char]
    for m in EXPULSION.finditer(sent_text):
        start = sent.start_char + m.start("verb")
        verb = next((t for t in sent if t.idx == start), None)
        if verb is None or verb.i in taken:
            continue
        obj = (sent.start_char + m.start("object"), sent.start_char + m.end("object"))
        out.append(Trigger(verb, "ASSAULT", None, "190", "drive", arg_spans=((sent.start_char, start), obj)))
    return out


def drop_covered_nouns(found: list[Trigger]) -> list[Trigger]:
    """An event noun inside a verb event's subject or object ("a drone attack ... killed") is that event."""
    if not any(t.nominal for t in found):
        return found  # no event noun to drop (the phrases below are not walked)
    covered = {(v.type, tok.i) for v in found if not v.nominal for arg in v.token.children
               if arg.dep_ in ("nsubj", "nsubjpass", "dobj", "attr") for tok in _phrase(arg)}
    return [t for t in found if not t.nominal or (t.type, t.token.i) not in covered]


def _phrase(head: Token) -> list[Token]:
    """A noun phrase's tokens without its relative and adverbial clauses."""
    out, stack = [], [head]
    while stack:
        tok = stack.pop()
        out.append(tok)
        stack.extend(c for c in tok.children if c.dep_ not in ("relcl", "acl", "advcl", "appos"))
    return out


def _governor(tok: Token, by_token: dict[int, Trigger]) -> Trigger | None:
    """The frame trigger this token's clause complements: "threatened to *shell*", "accused X of *attacking*"."""
    for _ in range(3):  # through plain verbs between them: "accused X of *preparing* to reject"
        head = tok.head
        if tok.dep_ == "pcomp" and head.dep_ == "prep":
            head = head.head
        elif tok.dep_ not in ("xcomp", "ccomp"):
            return None
        gov = by_token.get(head.i)
        if gov is not None:
            return gov if gov.type in FRAMES and head.i != tok.i else None
        if head.i == tok.i or head.pos_ not in ("VERB", "AUX"):
            return None
        tok = head
    return None


FRAME_MODES = {
    "THREATEN": {"ASSAULT": "violence", "SANCTION": "restrict", "COERCE": "restrict", "PROTEST": "restrict",
                 "MOBILIZE": "violence"},
    "REQUEST": {"RETREAT": "yield", "CONCEDE": "yield", "AID": "assist", "COOPERATE": "assist", "CONSULT": "meet",
                "SUPPORT": "assist"},
    "REJECT": {"RETREAT": "yield", "CONCEDE": "yield", "AID": "assist", "COOPERATE": "assist", "CONSULT": "meet",
               "AGREE": "meet"},
}


def fold_embedded(found: list[Trigger]) -> list[Trigger]:
    by_token = {t.token.i: t for t in found}
    kept: list[Trigger] = []
    for trig in found:
        gov = _governor(trig.token, by_token)
        if gov is None:
            kept.append(trig)
            continue
        mode = gov.mode or FRAME_MODES.get(gov.type, {}).get(trig.type)
        by_token[gov.token.i] = replace(gov, mode=mode, embedded=gov.embedded or trig.token)
    return [by_token[t.token.i] for t in kept]
