"""The ``stances`` stage: where each actor stands on each proposal, with the words that show it.

Evidence comes from three places, strongest first:

* what the actor says (a quote whose speaker holds the position: "we first need the information");
* what the actor does (an event about the proposal: agreeing is support, rejecting is opposition);
* what the article or others say about the actor ("Lavrov insisted that Trump had no desire ...").

Each sentence naming a proposal is read for cues (``knowledge/data/events_stance_cues.tsv``); the holder is
the subject governing the proposal's mention (first person in a quote is its speaker).  Evidence for one
(actor, proposal) is merged into one stance; the most confident reading wins, conditions are pooled.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any

from dateline.config import Config
from dateline.pipeline.registry import StageFn, register
from dateline.records import ArticleRecord, Event, Proposal, Quote, Span, Stance, TimeValue
from dateline.stages.events.args import ActorIndex, actors_of
from dateline.stages.events.lexicon import data_rows
from dateline.stages.events.triggers import Token

FIRST_PERSON = frozenset({"i", "we", "me", "us"})
SPEECH = frozenset({"say", "tell", "state", "insist", "indicate", "add", "write", "claim", "suggest", "argue",
                    "believe", "warn", "announce", "declare", "stress", "note", "report", "quote"})
EVENT_POSITIONS = {"AGREE": "support", "SUPPORT": "support", "REQUEST": "support", "THREATEN": "support",
                   "REJECT": "oppose", "ACCUSE": "oppose"}
CONDITION_REACH = 150  # characters between a proposal mention and the condition that qualifies it
PRIORITY = {"conditional": 3, "oppose": 2, "noncommittal": 1, "support": 0}
CONDITION = re.compile(r"\b(only\b[^.;]{0,40}?\b(?:if|after|when|once)|until|unless|on condition that|provided that|"
                       r"as long as|if)\b[^.;,\u201c\u201d\"]*", re.I)


@dataclass(frozen=True)
class Reading:
    actor_id: str
    proposal_id: str
    position: str
    confidence: float
    evidence: str | Span
    condition: str | None
    as_of: TimeValue | None


@lru_cache(maxsize=1)
def stance_cues() -> tuple[tuple[str, re.Pattern[str]], ...]:
    return tuple((row[0], re.compile(row[1], re.I)) for row in data_rows("events_stance_cues.tsv"))


def cue_position(text: str) -> str | None:
    found = {position for position, pattern in stance_cues() if pattern.search(text)}
    for position in ("oppose", "noncommittal", "support"):
        if position in found:
            return position
    return None


def _read(text: str, mention: Span, offset: int) -> tuple[str | None, str | None]:
    """(position, condition) for a proposal mentioned at ``mention`` in ``text`` (which starts at ``offset``)."""
    for m in CONDITION.finditer(text):
        start, end = m.start() + offset, m.end() + offset
        if start <= mention.start < end:
            return "support", None  # the proposal is the condition the holder sets: they want it
        if abs(start - mention.start) <= CONDITION_REACH:
            return "conditional", m.group(0).strip()
    return cue_position(text), None


# --- holders -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Holder:
    actor_ids: list[str]
    first_person: bool
    via_speech: bool  # the holder was found above a speech verb (reported, not their own sentence)


def holder(tok: Token, index: ActorIndex) -> Holder:
    """The subject governing a mention: climb heads until a subject names an actor (or is I/we)."""
    node, crossed_speech = tok, False
    for _ in range(10):
        subjects = [c for c in node.children if c.dep_ in ("nsubj", "nsubjpass") and c.i != tok.i]
        if subjects:
            if subjects[0].lower_ in FIRST_PERSON:
                return Holder([], True, crossed_speech)
            ids = actors_of(subjects, index)
            if ids:
                return Holder(ids, False, crossed_speech)
        if node.head is node:
            break
        if node.lemma_.lower() in SPEECH and node is not tok:
            crossed_speech = True
        node = node.head
    return Holder([], False, crossed_speech)


# --- readings from sentences, quotes and events -------------------------------------------------------


def _quote_at(quotes: list[Quote], pos: int) -> Quote | None:
    return next((q for q in quotes if q.span.start <= pos < q.span.end), None)


def _time_in(record: ArticleRecord, start: int, end: int) -> TimeValue | None:
    found = [t for t in record.times if t.span is not None and start <= t.span.start < end and t.type == "DATE"]
    return found[0].as_value() if found else None


def _confidence(quote: Quote | None, who: Holder, speaker_ids: list[str], actor_id: str) -> float:
    if quote is not None and (who.first_person or actor_id in speaker_ids):
        return 0.85 if quote.kind == "direct" else 0.75
    if quote is not None:
        return 0.4
    return 0.45 if who.via_speech else 0.6


def mention_readings(doc: Any, record: ArticleRecord, proposal: Proposal, index: ActorIndex) -> list[Reading]:
    out = []
    for mention in proposal.mentions:
        span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if span is None:
            continue
        sent = span.root.sent
        quote = _quote_at(record.quotes, mention.start)
        who = holder(span.root, index)
        speaker_ids = [quote.speaker.actor_id] if quote and quote.speaker and quote.speaker.actor_id else []
        actor_ids = speaker_ids if who.first_person else who.actor_ids
        position, condition = _read(sent.text, mention, sent.start_char)
        if position is None:
            continue
        as_of = (quote.said_on if quote else None) or _time_in(record, sent.start_char, sent.end_char)
        evidence: str | Span = quote.id if quote else Span.of(record.article.text, sent.start_char, sent.end_char)
        for actor_id in actor_ids:
            conf = _confidence(quote, who, speaker_ids, actor_id)
            out.append(Reading(actor_id, proposal.id, position, conf, evidence, condition, as_of))
    return out


def quote_topic_readings(record: ArticleRecord) -> list[Reading]:
    """A speaker's quote with no proposal in it continues the topic of their quote just before."""
    out: list[Reading] = []
    mentions = sorted((m.start, p.id) for p in record.proposals for m in p.mentions)
    last: dict[str, tuple[str, int]] = {}
    for quote in sorted(record.quotes, key=lambda q: q.span.start):
        actor_id = quote.speaker.actor_id if quote.speaker else None
        if actor_id is None:
            continue
        near = [pid for start, pid in mentions if quote.span.start - 300 <= start < quote.span.end]
        if near:
            last[actor_id] = (near[-1], quote.span.end)
            continue
        topic = last.get(actor_id)
        position = cue_position(quote.text)
        if topic and position and quote.span.start - topic[1] < 600:
            conf = 0.8 if quote.kind == "direct" else 0.7
            out.append(Reading(actor_id, topic[0], position, conf, quote.id, None, quote.said_on))
    return out


def event_readings(record: ArticleRecord, event: Event) -> list[Reading]:
    position = EVENT_POSITIONS.get(event.type)
    if position is None or event.proposal_id is None or {"hypothetical", "negated"} & set(event.contexts):
        return []
    quote = next((q for q in record.quotes if q.id == event.reported_in), None)
    speaker = quote.speaker.actor_id if quote and quote.speaker else None
    holders = event.source + (event.target if event.type == "AGREE" else [])
    evidence: str | Span = event.evidence if quote is None else quote.id
    return [Reading(a, event.proposal_id, position, 0.7 if quote is None or speaker == a else 0.4, evidence, None,
                    event.when) for a in holders]


# --- merging --------------------------------------------------------------------------------------------


def merge(readings: list[Reading]) -> list[Stance]:
    groups: dict[tuple[str, str], list[Reading]] = defaultdict(list)
    for r in readings:
        groups[(r.actor_id, r.proposal_id)].append(r)
    stances = []
    for (actor_id, proposal_id), group in groups.items():
        best = max(group, key=lambda r: (r.confidence, PRIORITY[r.position]))
        agreeing = [r for r in group if r.position == best.position]
        evidence: list[str | Span] = []
        for r in agreeing:
            if r.evidence not in evidence:
                evidence.append(r.evidence)
        conditions = sorted({r.condition for r in agreeing if r.condition})
        confidence = round(min(0.95, best.confidence + 0.05 * (len(agreeing) - 1)), 2)
        as_of = next((r.as_of for r in agreeing if r.as_of), None)
        stances.append(Stance(actor_id, proposal_id, best.position, conditions, as_of,  # type: ignore[arg-type]
                              evidence, confidence))
    return stances


def find_stances(doc: Any, record: ArticleRecord) -> list[Stance]:
    index = ActorIndex.of(record.actors)
    readings: list[Reading] = []
    for proposal in record.proposals:
        readings += mention_readings(doc, record, proposal, index)
    readings += quote_topic_readings(record)
    for event in record.events:
        readings += event_readings(record, event)
    return merge(readings)


@register("stances", version="1", requires=("events", "proposals"), produces=("stances",))
def make_stances(config: Config) -> StageFn:
    stance_cues()

    def stances(doc: Any, record: ArticleRecord) -> ArticleRecord:
        return replace(record, stances=find_stances(doc, record))

    return stances
