"""Source and target of a trigger, as actor ids from the actors layer (so they carry country and sector)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from dateline.records import Actor, Quote
from dateline.stages.events.triggers import Token, Trigger

TARGET_PREPS = frozenset({"to", "against", "with", "on", "at", "from", "upon", "toward", "towards", "into", "of"})
NOMINAL_SOURCE_PREPS = frozenset({"by"})
NOMINAL_TARGET_PREPS = frozenset({"against", "on", "of", "at"})
CLIMB = frozenset({"xcomp", "conj", "advcl", "acomp", "pcomp", "prep", "pobj", "acl", "dobj"})
PHRASE_CUT = frozenset({"relcl", "acl", "advcl", "appos", "punct", "cc", "parataxis"})


PRONOUN_KINDS = {"he": ("person",), "him": ("person",), "she": ("person",), "her": ("person",),
                 # "Hamas accused ... It called on the mediators": an armed group is an "it" as much as a state
                 "it": ("state", "organization", "armed_group"), "its": ("state", "organization", "armed_group"),
                 "they": ("group", "state", "armed_group", "organization"),
                 "them": ("group", "state", "armed_group", "organization")}
FIRST_PERSON = frozenset({"i", "we", "me", "us"})
COLLECTIVE_FIRST = frozenset({"we", "us", "our", "ours"})
PRONOUN_REACH = 400  # characters back to look for a pronoun's antecedent
MILITARY_SECTORS = frozenset({"MIL", "REB", "COP", "SPY"})


@dataclass(frozen=True)
class ActorIndex:
    """Actor mention spans, for looking up which actor a phrase refers to."""

    spans: list[tuple[int, int, str]]
    actors: tuple[Actor, ...] = ()
    speakers: tuple[tuple[int, int, str], ...] = ()  # quote content spans with their speaker's actor id

    @classmethod
    def of(cls, actors: Iterable[Actor], quotes: Iterable[Quote] = ()) -> ActorIndex:
        listed = tuple(actors)
        speakers = tuple((q.span.start, q.span.end, q.speaker.actor_id) for q in quotes
                         if q.speaker is not None and q.speaker.actor_id)
        return cls(sorted((m.start, m.end, a.id) for a in listed for m in a.mentions), listed, speakers)

    def speaker_at(self, pos: int) -> str | None:
        """The speaker of the quote containing ``pos``: who "I" and "we" are."""
        return next((s[2] for s in self.speakers if s[0] <= pos < s[1]), None)

    def collective_speaker_at(self, pos: int) -> str | None:
        """Who "we" is in a quote: a government official's "we" speaks for the state ("we recognized Ukraine",
        said by Lavrov, is Russia); anyone else's "we" is the speaker."""
        speaker = self.speaker_at(pos)
        actor = next((a for a in self.actors if a.id == speaker), None)
        if actor is None or actor.kind != "person" or actor.sector != "GOV" or not actor.country:
            return speaker
        state = next((a.id for a in self.actors if a.kind == "state" and a.country == actor.country), None)
        return state or speaker

    def in_range(self, start: int, end: int) -> list[tuple[int, int, str]]:
        return [s for s in self.spans if s[0] < end and start < s[1]]

    def kind(self, actor_id: str) -> str | None:
        return next((a.kind for a in self.actors if a.id == actor_id), None)

    def antecedent(self, tok: Token) -> str | None:
        """The nearest earlier actor mention a 3rd-person pronoun can refer to."""
        kinds = PRONOUN_KINDS.get(tok.lower_)
        if kinds is None:
            return None
        before = [s for s in self.spans if tok.idx - PRONOUN_REACH <= s[0] and s[1] <= tok.idx]
        fitting = [s for s in before if self.kind(s[2]) in kinds]
        if not fitting:
            return None
        subjects = [s for s in fitting if _is_subject(tok.doc, s)]
        return (subjects or fitting)[-1][2]  # "Hamas accused Israel of ... It called on": the subject, Hamas

    def by_demonym(self, tok: Token, military: bool) -> str | None:
        """An actor of the country an adjective names ("Russian recapture" -> Russian forces or Russia)."""
        country = _country_of(tok.text)
        if country is None:
            return None
        same = [a for a in self.actors if a.country == country and a.kind in ("state", "group", "armed_group")]
        if military:
            same.sort(key=lambda a: (a.sector not in MILITARY_SECTORS, a.kind != "state"))
        else:
            same.sort(key=lambda a: a.kind != "state")
        return same[0].id if same else None


def _is_subject(doc: Any, mention: tuple[int, int, str]) -> bool:
    span = doc.char_span(mention[0], mention[1], alignment_mode="expand")
    return span is not None and span.root.dep_ in ("nsubj", "nsubjpass")


def _country_of(word: str) -> str | None:
    from dateline.knowledge.actors import load_lexicon as actor_lexicon

    return actor_lexicon().country_of(word)


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


def actors_of(heads: Iterable[Token], index: ActorIndex, military: bool = False, strict: bool = False) -> list[str]:
    """Actor ids for phrase heads: the actor naming the head word, else every actor in the phrase; a pronoun
    takes its antecedent and a country adjective the country's actor."""
    out: list[str] = []
    for head in heads:
        for tok in _conj(head):
            start, end = _phrase_range(tok)
            found = index.in_range(start, end)
            at_head = [s[2] for s in found if s[0] <= tok.idx < s[1]]
            ids = at_head or [s[2] for s in found if not strict or index.kind(s[2]) == "person"]
            if not ids and tok.lower_ in FIRST_PERSON:
                speaker = index.collective_speaker_at(tok.idx) if tok.lower_ in COLLECTIVE_FIRST \
                    else index.speaker_at(tok.idx)
                ids = [a for a in [speaker] if a]
            if not ids and tok.pos_ == "PRON":
                ids = [a for a in [index.antecedent(tok)] if a]
            if not ids and tok.pos_ in ("ADJ", "PROPN"):
                ids = [a for a in [index.by_demonym(tok, military)] if a]
            out.extend(i for i in ids if i not in out)
    return out


def _subject_heads(tok: Token) -> tuple[list[Token], list[Token]]:
    """(active subjects, passive subjects) of the clause, climbing through xcomp/conj chains."""
    node = tok
    for _ in range(9):
        children = list(node.children)  # (spaCy builds a Token per child on each pass)
        subj = [c for c in children if c.dep_ in ("nsubj", "csubj")]
        passive = [c for c in children if c.dep_ == "nsubjpass"]
        if subj or passive or node.dep_ not in CLIMB or node.head.i == node.i:
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
    partners = [g for d in direct for g in _pobjs(d, frozenset({"with", "to", "against"}))]
    return [*direct, *owners, *partners, *_pobjs(tok, TARGET_PREPS)]


# Participles that describe their subject's own position when passive in form: "Israel is opposed to ...".
_STATIVE = frozenset({"oppose", "commit", "determine", "prepare", "resolve", "dedicate", "willing"})


def _passive_subject_acts(trig: Trigger, tok: Token, sources: list[Token]) -> bool:
    """With no agent, the passive subject of a stative participle or of a retreat is the one acting
    ("Israel is opposed to", "guerrillas have been demobilized")."""
    if sources:
        return False
    return tok.lemma_.lower() in _STATIVE or trig.type == "RETREAT"


def verb_arguments(trig: Trigger) -> tuple[list[Token], list[Token]]:
    tok = trig.token
    active, passive = _subject_heads(tok)
    sources = active + _agents(tok)
    if passive and _passive_subject_acts(trig, tok, sources):
        sources, passive = passive, []
    targets = passive + _objects(tok)
    if trig.embedded is not None:
        targets += _objects(trig.embedded)
    return sources, targets


def noun_arguments(trig: Trigger) -> tuple[list[Token], list[Token]]:
    tok = trig.token
    sources = [c for c in tok.children if c.dep_ in ("poss", "amod", "compound") and c.pos_ in ("PROPN", "ADJ")]
    sources += _pobjs(tok, NOMINAL_SOURCE_PREPS)
    return sources, _pobjs(tok, NOMINAL_TARGET_PREPS)


def span_participants(trig: Trigger, index: ActorIndex) -> tuple[list[str], list[str]]:
    """Participants of a trigger coded from the text: the actor named nearest before it, and those in its object."""
    assert trig.arg_spans is not None
    (s_start, s_end), (t_start, t_end) = trig.arg_spans
    before = [s[2] for s in index.in_range(s_start, s_end)]
    sources = before[-1:]
    targets = [s[2] for s in index.in_range(t_start, t_end) if s[2] not in sources]
    return sources, list(dict.fromkeys(targets))


def participants(trig: Trigger, index: ActorIndex) -> tuple[list[str], list[str]]:
    if trig.arg_spans is not None:
        return span_participants(trig, index)
    sources, targets = noun_arguments(trig) if trig.nominal else verb_arguments(trig)
    military = trig.type in ("ASSAULT", "MOBILIZE")
    source_ids = actors_of(sources, index, military)
    target_ids = [a for a in actors_of(targets, index, military) if a not in source_ids]
    if not target_ids and source_ids and not trig.nominal and not _plan_object(trig, targets):
        target_ids = _next_actor(trig, index, source_ids)
    return source_ids, target_ids


# Frames whose parsed object may be a plan rather than a party: "agreeing to a ceasefire deal that they would
# present to the Russians" has an object (the deal), so the next actor named is no target.
PROPOSAL_FRAMES = frozenset({"AGREE", "REJECT"})
PLAN_WORDS = frozenset({"ceasefire", "truce", "deal", "plan", "proposal", "offer", "agreement", "accord", "pact",
                        "settlement", "treaty", "initiative", "sanction", "guarantee", "idea", "terms"})
TARGET_REACH = 120  # characters after a verb in which the first other actor named is its target, if none parsed


def _plan_object(trig: Trigger, targets: list[Token]) -> bool:
    return trig.type in PROPOSAL_FRAMES and any(t.lemma_.lower() in PLAN_WORDS for t in targets)


def _next_actor(trig: Trigger, index: ActorIndex, source_ids: list[str]) -> list[str]:
    """With no parsed object, the first other actor named after the verb in its sentence ("demanded Friday
    that the United States ...", "lifted a curfew in Montenegro")."""
    tok = trig.token
    end = min(tok.sent.end_char, tok.idx + TARGET_REACH)
    own = {a.country for a in index.actors if a.id in source_ids and a.country}
    after = [s[2] for s in index.in_range(tok.idx + len(tok), end) if s[2] not in source_ids
             and next((a.country for a in index.actors if a.id == s[2]), None) not in own]  # not one's own side
    return after[:1]
