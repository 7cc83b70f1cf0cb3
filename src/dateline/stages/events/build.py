"""Turn triggers into Event records: contexts, participants, time, place, quote, fatalities, ACLED, ids."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from dateline.records import ArticleRecord, Event, Fatalities, Span, TimeValue, stable_id
from dateline.stages.events import acled as acled_map
from dateline.stages.events.args import ActorIndex, participants
from dateline.stages.events.attach import (
    event_place,
    event_time,
    evidence_span,
    fatalities,
    is_historical,
    past_marked,
    publication_day,
    publication_time,
    quote_of,
)
from dateline.stages.events.context import analyse, contexts, recode
from dateline.stages.events.lexicon import Lexicon
from dateline.stages.events.triggers import TERRITORY_TRIGGERS, Trigger, sentence_triggers
from dateline.stages.tokens import doc_text

MIN_CONFIDENCE = 0.45  # events below this are not reported (precision over volume)


@dataclass(frozen=True)
class ArticleContext:
    record: ArticleRecord
    index: ActorIndex
    published: date | None
    has_actors: bool


def _paragraph_start(text: str, pos: int) -> int:
    return text.rfind("\n\n", 0, pos) + 1


def _confidence(trig: Trigger, ctx: list[str], source: list[str], target: list[str], has_actors: bool) -> float:
    score = 0.8 if not trig.nominal else 0.7
    penalty = 0.1 if trig.nominal else 0.15
    if has_actors and not source:
        score -= penalty
    if has_actors and not source and not target:
        score -= penalty
    if "hypothetical" in ctx or "negated" in ctx:
        score -= 0.15
    return round(max(score, 0.05), 2)


def _when(ac: ArticleContext, trig: Trigger, evidence: Span, ctx: list[str]) -> TimeValue | None:
    text = ac.record.article.text
    when = event_time(ac.record, trig, evidence, _paragraph_start(text, trig.token.idx))
    if when is None and not ({"future", "hypothetical"} & set(ctx)) and trig.token.tag_ in ("VBD", "VBN", "NN") \
            and not past_marked(trig.token):  # "previously threatened": earlier than the publication day
        when = publication_time(ac.record)
    return when


def build_event(ac: ArticleContext, trig: Trigger, lex: Lexicon) -> Event | None:
    grammar = analyse(trig)
    if grammar.embedded:  # the condition or terms of another event or stance, not an event
        return None
    coded = recode(trig, grammar)
    ctx = contexts(grammar, coded if coded.type != trig.type else None)
    if coded.type == "REJECT" and trig.type == "AGREE":
        ctx = [c for c in ctx if c not in ("negated", "future")]
    text = ac.record.article.text
    evidence = evidence_span(coded, text)
    source, target = participants(coded, ac.index)
    when = _when(ac, coded, evidence, ctx)
    if is_historical(when, ac.published):
        ctx.append("historical")
    confidence = _confidence(coded, ctx, source, target, ac.has_actors)
    if confidence < MIN_CONFIDENCE:
        return None
    sources = [a for a in (ac.record.actor(i) for i in source) if a is not None]
    territorial = coded.type == "ASSAULT" and coded.lemma.split()[0] in TERRITORY_TRIGGERS
    label = acled_map.event_label(coded.type, coded.mode, coded.lemma.split()[0], evidence.text, sources, territorial)
    tail = text[evidence.start:trig.token.sent.end_char]  # "..., killing 5 people" follows the clause
    fatal: Fatalities | None = fatalities(tail) if coded.type == "ASSAULT" else None
    return Event(
        id=stable_id("event", ac.record.article.id, coded.type, evidence.start, evidence.end),
        type=coded.type,  # type: ignore[arg-type]
        mode=coded.mode, contexts=ctx, cameo=coded.cameo or lex.cameo_for(coded.type, coded.mode),
        acled=acled_map.load_acled().acled(label) if label else None,
        source=source, target=target, place_id=event_place(ac.record.places, coded), when=when,
        evidence=evidence, reported_in=quote_of(ac.record.quotes, trig.token.idx), proposal_id=None,
        fatalities=fatal, confidence=confidence,
    )


def _dedupe(events: list[Event]) -> list[Event]:
    """One event per (type, participants, wording): a repeated standfirst does not double an event."""
    seen: set[tuple[Any, ...]] = set()
    out = []
    for event in events:
        key = (event.type, tuple(event.source), tuple(event.target), " ".join(event.evidence.text.lower().split()))
        if key not in seen:
            seen.add(key)
            out.append(event)
    return out


REPORT_REACH = 600  # characters between a narrated statement and the quote of it that follows


def _countries(record: ArticleRecord, ids: list[str]) -> set[str]:
    return {a.country for a in (record.actor(i) for i in ids) if a is not None and a.country}


def _reports(record: ArticleRecord, told: Event, quoted: Event) -> bool:
    """Whether ``quoted`` (an event inside a quote) is the statement that ``told`` (a narrated event just before it)
    reports: same type and negation, the quote's speaker among the narrated sources, compatible targets."""
    if told.reported_in is not None or quoted.reported_in is None or told.type != quoted.type:
        return False
    if not 0 <= quoted.evidence.start - told.evidence.end <= REPORT_REACH:
        return False
    if ("negated" in told.contexts) != ("negated" in quoted.contexts):
        return False
    quote = next((q for q in record.quotes if q.id == quoted.reported_in), None)
    speaker = quote.speaker.actor_id if quote is not None and quote.speaker is not None else None
    if speaker is None or speaker not in told.source or not set(quoted.source) <= set(told.source):
        return False
    a, b = _countries(record, told.target), _countries(record, quoted.target)
    return not (a and b) or bool(a & b)


def _link_reports(record: ArticleRecord, events: list[Event]) -> list[Event]:
    """One PLOVER event for a statement told twice: "Trump previously threatened the Russians with sanctions"
    followed by his post "I am strongly considering ... Sanctions ... on Russia" is one threat.  The narrated event
    is kept, with the quote as ``reported_in`` and what only the quote gives (mode, target, time); the quoted
    duplicate goes."""
    out = list(events)
    for i, told in enumerate(out):
        for quoted in out[i + 1:]:
            if not _reports(record, told, quoted):
                continue
            mode_from_quote = told.mode is None and quoted.mode is not None
            contexts = list(told.contexts)
            if told.when is None and "historical" in quoted.contexts and "historical" not in contexts:
                contexts.append("historical")  # the time comes from the quote, and with it the historical reading
            out[i] = replace(
                told, reported_in=quoted.reported_in, target=told.target or quoted.target,
                mode=quoted.mode if mode_from_quote else told.mode,
                cameo=quoted.cameo if mode_from_quote else told.cameo, when=told.when or quoted.when,
                contexts=contexts, confidence=max(told.confidence, quoted.confidence))
            out.remove(quoted)
            break
    return out


def code_events(doc: Any, record: ArticleRecord, lex: Lexicon, index: ActorIndex) -> list[Event]:
    """The article's events; ``index`` is ``ActorIndex.of(record.actors, record.quotes)``."""
    ac = ArticleContext(record, index, publication_day(record), bool(record.actors))
    events = []
    text = doc_text(doc)
    for sent in doc.sents:
        for trig in sentence_triggers(sent, lex, text):
            event = build_event(ac, trig, lex)
            if event is not None:
                events.append(event)
    return _link_reports(record, _dedupe(events))
