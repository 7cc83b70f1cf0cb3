"""Proposals: ceasefires, peace and trade deals, aid, sanctions, security guarantees, territorial terms.

Mentions are noun phrases headed by a proposal word ("a temporary ceasefire", "large scale Banking Sanctions")
or by a generic head whose modifiers name the kind ("the American-Ukrainian plan for a 30-day ceasefire",
"a mineral resources deal").  A definite generic mention with no kind ("the deal") refers to the latest
proposal named just before.  All mentions of one kind in an article are one proposal.  Named past accords
("the Minsk II Accords") are history, not proposals, and are left out.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, replace
from typing import Any

from dateline.records import ArticleRecord, Event, Proposal, Span, stable_id
from dateline.stages.events.args import ActorIndex
from dateline.stages.events.triggers import Token
from dateline.stages.tokens import lower_lemmas, subtree_tokens, words

GENERIC_HEADS = frozenset({"deal", "plan", "proposal", "offer", "agreement", "initiative", "pact", "idea", "accord",
                           "settlement", "treaty", "arrangement", "framework", "truce", "terms"})
DIRECT_KINDS = {"ceasefire": "ceasefire", "cease-fire": "ceasefire", "truce": "ceasefire", "sanction": "sanctions",
                "sanctions": "sanctions", "embargo": "sanctions", "pause": "ceasefire", "tariff": "sanctions",
                "tariffs": "sanctions"}
MODIFIER_KINDS = {"peace": "peace_agreement", "mineral": "trade", "minerals": "trade", "resource": "trade",
                  "resources": "trade", "trade": "trade", "economic": "trade", "security": "security_guarantee",
                  "aid": "aid", "humanitarian": "aid", "military": "aid"}
AID_HEADS = frozenset({"aid", "assistance"})
TERRITORY_VERBS = frozenset({"give", "cede", "concede", "surrender", "swap", "exchange", "trade", "hand"})
TERM_WORDS = ("immediate", "temporary", "unconditional", "comprehensive", "lasting", "permanent", "partial",
              "full", "complete", "final", "limited", "general", "humanitarian", "energy")
LABELS = {"ceasefire": "ceasefire", "peace_agreement": "peace agreement", "aid": "military aid",
          "sanctions": "sanctions", "trade": "minerals deal", "territory": "territorial concessions",
          "security_guarantee": "security guarantees", "other": "proposal"}
DURATION = re.compile(r"\b(\d+|one|two|three|six|seven|ten|thirty|sixty|ninety)[- ](hour|day|week|month|year)s?\b",
                      re.I)
# Every lemma that can head a mention: generic heads, direct kinds and the heads _direct_kind tests.
_HEADS = frozenset({*GENERIC_HEADS, *DIRECT_KINDS, *AID_HEADS, "guarantee", "territory"})
ANAPHOR_WINDOW = 3  # sentences a bare "the deal" may reach back
PROPOSING = frozenset({"AGREE", "REQUEST", "THREATEN"})


@dataclass(frozen=True)
class Mention:
    kind: str
    span: Span
    sent_index: int


def _cease_fire(tok: Token) -> bool:
    return bool(tok.lower_ == "cease" and tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].lower_ == "fire")


def _nominal(tok: Token) -> bool:
    return tok.pos_ in ("NOUN", "PROPN") or _cease_fire(tok) or (tok.lemma_.lower() == "pause" and tok.pos_ == "VERB")


def _modifiers(tok: Token) -> list[Token]:
    return [c for c in tok.children if c.dep_ in ("compound", "amod", "nmod", "poss", "nummod")]


def _direct_kind(tok: Token) -> str | None:
    lemma = tok.lemma_.lower()
    if lemma in DIRECT_KINDS or _cease_fire(tok):
        return DIRECT_KINDS.get(lemma, "ceasefire")
    mods = {m.lemma_.lower() for m in _modifiers(tok)}
    if lemma == "guarantee" and "security" in mods:
        return "security_guarantee"
    if lemma in AID_HEADS and tok.head.lemma_.lower() not in ("for", "of"):
        return "aid"
    if lemma == "territory" and tok.head.lemma_.lower() in TERRITORY_VERBS:
        return "territory"
    return None


def _named(tok: Token) -> bool:
    if _cease_fire(tok):
        return False
    return any(m.pos_ == "PROPN" and m.dep_ == "compound" for m in _modifiers(tok)) or tok.pos_ == "PROPN" and \
        tok.lower_ not in ("ceasefire", "sanctions", "sanction", "accord", "agreement", "deal", "settlement")


def _generic_kind(tok: Token) -> str | None:
    """Kind of a generic head from its modifiers or its "for/of/on" phrase."""
    for mod in _modifiers(tok):
        kind = _direct_kind(mod) or MODIFIER_KINDS.get(mod.lemma_.lower())
        if kind:
            return kind
    for prep in (c for c in tok.children if c.dep_ == "prep" and c.lemma_ in ("for", "of", "on")):
        for obj in (g for g in prep.children if g.dep_ == "pobj"):
            kind = _direct_kind(obj) or MODIFIER_KINDS.get(obj.lemma_.lower())
            if kind:
                return kind
    if tok.lemma_.lower() in ("accord", "settlement"):
        return "peace_agreement"
    if (prep := _detached_prep(tok)) is not None:
        return next((k for obj in prep.children if obj.dep_ == "pobj"
                     for k in [_direct_kind(obj) or MODIFIER_KINDS.get(obj.lemma_.lower())] if k), None)
    return None


def _detached_prep(tok: Token) -> Token | None:
    """The "for/of/on" right after a generic head that the parser hung on the verb instead ("to reply to the
    American-Ukrainian plan for a 30-day ceasefire", where "for" attaches to "reply"): still the head's phrase."""
    nxt = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
    if nxt is None or nxt.dep_ != "prep" or nxt.lemma_ not in ("for", "of", "on") or nxt.head.i == tok.i:
        return None
    return nxt


def _np_span(tok: Token, text: str) -> Span:
    left = min([tok, *(t for m in _modifiers(tok) for t in subtree_tokens(m))], key=lambda t: t.i)
    dets = [c for c in tok.children if c.dep_ == "det" and c.i < tok.i]
    start_tok = min([left, *dets], key=lambda t: t.i)
    end_tok = tok.doc[tok.i + 1] if _cease_fire(tok) else tok
    preps = [c for c in tok.children if c.dep_ == "prep" and c.lemma_ in ("for", "on")]
    if tok.lemma_.lower() in GENERIC_HEADS and (detached := _detached_prep(tok)) is not None:
        preps.append(detached)
    for prep in preps:
        end_tok = max([end_tok, *_phrase_tokens(prep)], key=lambda t: t.i)
    return Span.of(text, start_tok.idx, end_tok.idx + len(end_tok))


def _phrase_tokens(prep: Token) -> list[Token]:
    """A prepositional phrase without the appositions and clauses hung on it ("a 30-day ceasefire, an
    announcement that came as ...")."""
    out, stack = [], [prep]
    while stack:
        tok = stack.pop()
        out.append(tok)
        stack.extend(c for c in tok.children if c.dep_ not in ("appos", "relcl", "acl", "advcl", "punct", "cc", "conj"))
    return out


def _definite(tok: Token) -> bool:
    return any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in tok.children)


def _mentions(doc: Any, text: str) -> list[Mention]:
    out: list[Mention] = []
    covered: set[int] = set()
    lemmas, lower = lower_lemmas(doc), words(doc).lower
    for s_index, sent in enumerate(doc.sents):
        for i in range(sent.start, sent.end):
            lemma = lemmas[i]
            if (lemma not in _HEADS and lower[i] != "cease") or i in covered:
                continue
            tok = doc[i]
            if not _nominal(tok) or _named(tok):
                continue  # only these heads (or "cease fire") give a kind below
            generic = lemma in GENERIC_HEADS and lemma != "truce"
            kind = _generic_kind(tok) if generic else _direct_kind(tok)
            if kind is None and generic and _definite(tok) and out and s_index - out[-1].sent_index <= ANAPHOR_WINDOW:
                kind = out[-1].kind
            if kind is None:
                continue
            span = _np_span(tok, text)
            covered.update(t.i for t in doc.char_span(span.start, span.end, alignment_mode="expand") or ())
            out.append(Mention(kind, span, s_index))
    return out


def _terms(mentions: list[Mention]) -> list[str]:
    words = " ".join(m.span.text for m in mentions).lower()
    durations = sorted({f"{m[1]}-{m[2]}".lower() for m in DURATION.finditer(words)})
    return [*(w for w in TERM_WORDS if re.search(rf"\b{w}\b", words)), *durations]


def _event_kinds(events: list[Event], mentions: list[Mention], doc: Any) -> dict[str, str]:
    """event id -> kind of the proposal its clause is about (the nearest named after its trigger)."""
    out = {}
    for event in events:
        inside = [(m.span.start, m.kind) for m in mentions
                  if event.evidence.start <= m.span.start and m.span.end <= event.evidence.end]
        if inside:
            out[event.id] = _nearest(inside, _trigger_pos(event, doc))
    return out


def _proposers(events: list[Event], kinds: dict[str, str], kind: str) -> list[str]:
    out: list[str] = []
    for event in (e for e in events if kinds.get(e.id) == kind):
        if event.type in PROPOSING and not {"negated", "historical", "hypothetical"} & set(event.contexts):
            ids = event.source + (event.target if event.type == "AGREE" else [])
            out.extend(i for i in ids if i not in out)
    return out


def _dedupe(ids: list[str]) -> list[str]:
    return list(dict.fromkeys(ids))


def _named_parties(doc: Any, mentions: list[Mention], index: ActorIndex) -> list[str]:
    """Actors named in a proposal's own words: "the American-Ukrainian plan", "Washington's proposal"."""
    out: list[str] = []
    for mention in mentions:
        span = doc.char_span(mention.span.start, mention.span.end, alignment_mode="expand")
        for tok in (t for t in span or () if t.i < span.root.i and t.pos_ in ("ADJ", "PROPN")):
            found = [s[2] for s in index.in_range(tok.idx, tok.idx + len(tok))] or \
                [a for a in [index.by_demonym(tok, military=False)] if a]
            out.extend(i for i in found if i not in out)
    return out


def _parties(record: ArticleRecord, actor_ids: list[str]) -> list[str]:
    actors = [record.actor(i) for i in actor_ids]
    return sorted({a.country or a.id for a in actors if a is not None})


def _proposal(record: ArticleRecord, kind: str, mentions: list[Mention], proposed_by: list[str]) -> Proposal:
    terms = _terms(mentions)
    key_term = next((t for t in terms if DURATION.search(t.replace("-", " "))), "")
    label = " ".join([*(t for t in terms if t in ("immediate", "temporary") or t == key_term), LABELS[kind]])
    confidence = round(min(0.5 + 0.1 * len(mentions), 0.9), 2)
    return Proposal(id=stable_id("proposal", kind, ",".join(_parties(record, proposed_by)), key_term),
                    label=label, kind=kind,  # type: ignore[arg-type]
                    proposed_by=proposed_by, terms=terms, mentions=[m.span for m in mentions],
                    confidence=confidence)


def find_proposals(doc: Any, record: ArticleRecord, events: list[Event],
                   index: ActorIndex) -> tuple[list[Proposal], list[Event]]:
    """The article's proposals, and its events with ``proposal_id`` set where their clause is about one
    (``index``: the article's actors, as the events were coded with)."""
    mentions = _mentions(doc, record.article.text)
    by_kind: dict[str, list[Mention]] = defaultdict(list)
    for mention in mentions:
        by_kind[mention.kind].append(mention)
    kinds = _event_kinds(events, mentions, doc)
    proposals = {kind: _proposal(record, kind, ms, _dedupe(_proposers(events, kinds, kind)
                                                           + _named_parties(doc, ms, index)))
                 for kind, ms in by_kind.items()}
    linked = [_linked(record, e, proposals[kinds[e.id]]) if e.id in kinds else e for e in events]
    return list(proposals.values()), linked


def _linked(record: ArticleRecord, event: Event, proposal: Proposal) -> Event:
    """An event tied to its proposal.  A rejection of a proposal is aimed at those who proposed it or, when the
    article names no proposer, at a party named in the rejection's own clause ("refused a demand from the US");
    never at someone named further on (Sobolev "saying it would allow Ukraine to regroup" does not make Ukraine
    the target of his rejection)."""
    if event.type != "REJECT" or "historical" in event.contexts:
        return replace(event, proposal_id=proposal.id)
    target = [i for i in proposal.proposed_by if i not in event.source]
    if not proposal.proposed_by:
        target = [i for i in event.target if _named_within(record, i, event.evidence)]
    return replace(event, proposal_id=proposal.id, target=target)


def _named_within(record: ArticleRecord, actor_id: str, span: Span) -> bool:
    actor = record.actor(actor_id)
    return actor is not None and any(span.start <= m.start and m.end <= span.end for m in actor.mentions)


def _trigger_pos(event: Event, doc: Any) -> int:
    """Where the event's trigger sits: the root of its evidence clause."""
    span = doc.char_span(event.evidence.start, event.evidence.end, alignment_mode="expand")
    return int(span.root.idx) if span is not None else event.evidence.start


def _nearest(inside: list[tuple[int, str]], pos: int) -> str:
    """The proposal named first after the trigger (its object), else the last one before it."""
    after = [m for m in inside if m[0] >= pos]
    return min(after)[1] if after else max(inside)[1]
