"""Source and target of a trigger, as actor ids from the actors layer (so they carry country and sector)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from dateline.records import Actor
from dateline.stages.events.triggers import Token, Trigger

TARGET_PREPS = frozenset({"to", "against", "with", "on", "at", "from", "upon", "toward", "towards", "into", "of"})
NOMINAL_SOURCE_PREPS = frozenset({"by"})
NOMINAL_TARGET_PREPS = frozenset({"against", "on", "of", "at"})
CLIMB = frozenset({"xcomp", "conj", "advcl", "acomp", "pcomp", "prep", "pobj"})
PHRASE_CUT = frozenset({"relcl", "acl", "advcl", "appos", "punct", "cc", "parataxis"})


@dataclass(frozen=True)
class ActorIndex:
    """Actor mention spans, for looking up which actor a phrase refers to."""

    spans: list[tuple[int, int, str]]

    @classmethod
    def of(cls, actors: Iterable[Actor]) -> ActorIndex:
        return cls(sorted((m.start, m.end, a.id) for a in actors for m in a.mentions))

    def in_range(self, start: int, end: int) -> list[tuple[int, int, str]]:
        return [s for s in self.spans if s[0] < end and start < s[1]]


def _conj(tok: Token) -> list[Token]:
    return [tok, *[c for c in tok.children if c.dep_ == "conj" and c.pos_ in ("NOUN", "PROPN", "PRON")]]


def _phrase_range(head: Token) -> tuple[int, int]:
    """Character range of a noun phrase without its clauses and non-"of" modifiers."""
    tokens = [head]
    stack = [c for c in head.children if c.dep_ not in PHRASE_CUT and c.dep_ != "conj"
             and not (c.dep_ == "prep" and c.lemma_ != "of")]
    while stack:
        tok = stack.pop()
        tokens.append(tok)
        stack.extend(c for c in tok.children if c.dep_ not in PHRASE_CUT)
    return min(t.idx for t in tokens), max(t.idx + len(t) for t in tokens)


def actors_of(heads: Iterable[Token], index: ActorIndex) -> list[str]:
    """Actor ids for phrase heads: the actor naming the head word, else every actor in the phrase."""
    out: list[str] = []
    for head in heads:
        for tok in _conj(head):
            start, end = _phrase_range(tok)
            found = index.in_range(start, end)
            at_head = [s for s in found if s[0] <= tok.idx < s[1]]
            for _, _, actor_id in at_head or found:
                if actor_id not in out:
                    out.append(actor_id)
    return out


def _subject_heads(tok: Token) -> tuple[list[Token], list[Token]]:
    """(active subjects, passive subjects) of the clause, climbing through xcomp/conj chains."""
    node = tok
    for _ in range(7):
        subj = [c for c in node.children if c.dep_ in ("nsubj", "csubj")]
        passive = [c for c in node.children if c.dep_ == "nsubjpass"]
        if subj or passive or node.dep_ not in CLIMB or node.head is node:
            return subj, passive
        node = node.head
    return [], []


def _pobjs(tok: Token, preps: frozenset[str]) -> list[Token]:
    return [g for c in tok.children if c.dep_ == "prep" and c.lemma_.lower() in preps
            for g in c.children if g.dep_ == "pobj"]


def _agents(tok: Token) -> list[Token]:
    return [g for c in tok.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]


def _objects(tok: Token) -> list[Token]:
    direct = [c for c in tok.children if c.dep_ in ("dobj", "dative", "iobj")]
    owners = [g for d in direct for g in d.children if g.dep_ == "poss"]
    return [*direct, *owners, *_pobjs(tok, TARGET_PREPS)]


def verb_arguments(trig: Trigger) -> tuple[list[Token], list[Token]]:
    tok = trig.token
    active, passive = _subject_heads(tok)
    sources = active + _agents(tok)
    targets = passive + _objects(tok)
    if trig.embedded is not None:
        targets += _objects(trig.embedded)
    return sources, targets


def noun_arguments(trig: Trigger) -> tuple[list[Token], list[Token]]:
    tok = trig.token
    sources = [c for c in tok.children if c.dep_ in ("poss", "amod", "compound") and c.pos_ in ("PROPN", "ADJ")]
    sources += _pobjs(tok, NOMINAL_SOURCE_PREPS)
    return sources, _pobjs(tok, NOMINAL_TARGET_PREPS)


def participants(trig: Trigger, index: ActorIndex) -> tuple[list[str], list[str]]:
    sources, targets = noun_arguments(trig) if trig.nominal else verb_arguments(trig)
    source_ids = actors_of(sources, index)
    target_ids = [a for a in actors_of(targets, index) if a not in source_ids]
    return source_ids, target_ids
