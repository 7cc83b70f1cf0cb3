"""The ``stances`` stage: where each actor stands on each proposal, with the words that show it.

Evidence comes from three places, strongest first:

* what the actor says (a quote whose speaker holds the position: "we first need the information");
* what the actor does (an event about the proposal: agreeing is support, rejecting is opposition);
* what the article or others report of the actor's own words or acts ("Lavrov said Zelensky is saying he
  doesn't want any ceasefire ...", at low confidence).  Another speaker's view of the actor's mind ("Lavrov
  insisted that Trump had no desire to provide ... guarantees", "Putin won't give a hard yes", says an analyst)
  is that speaker's characterisation, not the actor's stance, and gives none.

Each sentence naming a proposal is read for cues (``knowledge/data/events_stance_cues.tsv``; a cue denied just
before it, "would never accept", "is not willing to", turns support into opposition and drops others); the holder is
the subject governing the proposal's mention (first person in a quote is its speaker).  Evidence for one
(actor, proposal) is merged into one stance; the most confident reading wins, conditions are pooled.

The stage also updates the ``quotes`` layer: each quote's ``about`` lists the proposals it names (in its words
or its attribution clause) or is stance evidence for, and the events reported in it (``events/about.py``).
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
from dateline.stages.events.about import with_about
from dateline.stages.events.args import FIRST_PERSON, ActorIndex, actors_of
from dateline.stages.events.lexicon import data_rows
from dateline.stages.events.triggers import Token

SPEECH = frozenset({"say", "tell", "state", "insist", "indicate", "add", "write", "claim", "suggest", "argue",
                    "believe", "warn", "announce", "declare", "stress", "note", "report", "quote"})
EVENT_POSITIONS = {"AGREE": "support", "SUPPORT": "support", "REQUEST": "support", "THREATEN": "support",
                   "REJECT": "oppose", "ACCUSE": "oppose"}
ATTRIBUTION_REACH = 120  # characters after a quote where its attribution may name the topic ("told ... about X")
TOPIC_REACH = 300  # characters before a quote in which a named proposal is its topic
CONDITION_REACH = 150  # characters between a proposal mention and the condition that qualifies it
PRIORITY = {"conditional": 3, "oppose": 2, "noncommittal": 1, "support": 0}
# What a condition naming the proposal asks for: that it come about (the holder wants it).
REALIZED = re.compile(r"\b(reach\w*|agreed|signed|sign|conclud\w*|achiev\w*|accepted|implement\w*|declared|"
                      r"in place|take[sn]? effect|took effect|agree[sd]?|establish\w*)\b", re.I)
# A reservation after support: "we support it, but ...", "correct in principle; however ...".
RESERVATION = re.compile(r"\b(?:but|however|though|although)\b[^.;]*?\b(?:question|issue|condition|concern|detail|"
                         r"discuss|clarif|settle|first|guarantee|must|need|only|depend|monitor|term)\w*[^.;]*", re.I)
ACCUSING = frozenset({"accuse", "blame", "charge", "criticize", "criticise", "condemn", "denounce", "fault"})
# Verbs that state or take a position: in someone else's words, "X rejected / announced / demanded ..." reports
# X's stance; "X has no desire to", "X won't give a yes" only characterises X (see :func:`states_position`).
POSITION_VERBS = SPEECH | frozenset({
    "agree", "accept", "reject", "refuse", "oppose", "support", "back", "endorse", "welcome", "demand", "propose",
    "call", "dismiss", "rule", "deny", "decline", "approve", "sign", "threaten", "promise", "pledge", "offer", "vow",
    "request", "urge", "ask", "veto", "vote", "commit", "recommit", "respond", "reply", "answer"})
INVERSE = {"oppose": "support", "support": "oppose"}
_CLAUSE = r"\b[^.;,\u201c\u201d\"]*"
CONDITION = re.compile(r"\bonly\b[^.;]{0,40}?\b(?P<only>(?:if|after|when|once)" + _CLAUSE + ")|"
                       r"\b(?P<plain>(?:until|unless|on condition that|provided that|as long as|if)" + _CLAUSE + ")",
                       re.I)


@dataclass(frozen=True)
class Reading:
    actor_id: str
    proposal_id: str
    position: str
    confidence: float
    evidence: str | Span
    condition: str | None
    as_of: TimeValue | None
    own: bool = True  # False: someone else's words about the actor ("Putin won't give a hard yes", says an analyst)


@lru_cache(maxsize=1)
def stance_cues() -> tuple[tuple[str, re.Pattern[str]], ...]:
    return tuple((row[0], re.compile(row[1], re.I)) for row in data_rows("events_stance_cues.tsv"))


# A negation governing the cue just before it: "would never accept", "is not willing to", "no longer supports",
# "has not yet agreed", "won't back a", "is unwilling to accept", "has no intention to sign"; only auxiliaries and
# a few adverbs may stand between them ("not only support ...", "never hid its support" are no denial of the cue).
NEGATED_BEFORE = re.compile(r"(?:\b(?:not|never|no longer|cannot|(?:unwilling|reluctant|loath|refus\w*|declin\w*|"
                            r"no (?:desire|intention|plans?|wish)) to)|n[’']t)\s+(?:(?:be|been|being|have|ever|really|"
                            r"fully|(?P<yet>yet)|even|necessarily|immediately|simply|just|quite|entirely|formally|"
                            r"publicly|officially|now|currently|still|at all)\s+)*$", re.I)
NEGATION_WINDOW = 60  # characters before a cue searched for its negation


def cue_matches(text: str) -> list[tuple[str, re.Match[str]]]:
    """Every stance cue in ``text`` with the position it states there.  A denied support cue opposes ("would never
    accept a truce"), or is noncommittal if denied only so far ("has not yet agreed to"); other denied cues state
    nothing ("did not reject the plan" is no support, only no rejection)."""
    out: list[tuple[str, re.Match[str]]] = []
    for position, pattern in stance_cues():
        for m in pattern.finditer(text):
            denied = NEGATED_BEFORE.search(text, max(0, m.start() - NEGATION_WINDOW), m.start())
            if denied is None:
                out.append((position, m))
            elif position == "support":
                out.append(("noncommittal" if denied.group("yet") else "oppose", m))
    return out


def cue_position(text: str) -> str | None:
    return _strongest({position for position, _ in cue_matches(text)})


def _strongest(found: set[str]) -> str | None:
    for position in ("noncommittal", "oppose", "conditional", "support"):
        if position in found:
            return position
    return None


def _read(text: str, mention: Span, offset: int) -> tuple[str | None, str | None]:
    """(position, condition) for a proposal mentioned at ``mention`` in ``text`` (which starts at ``offset``).

    A condition naming the proposal is read by what it asks of it.  If it asks for the proposal to come about
    ("sanctions ... until a Cease Fire ... is reached", "only if a truce is signed"), the holder presses for it:
    support, with the pressure kept as its condition.  If it asks something more of the proposal ("agree only if
    the ceasefire led to a lasting peace"), the holder's acceptance is qualified: conditional.  A supportive cue
    followed by a reservation ("we support it, but there are issues") is conditional too.
    """
    for m in CONDITION.finditer(text):
        group = "only" if m.group("only") else "plain"
        start, end = m.start(group) + offset, m.end(group) + offset
        if start <= mention.start < end:
            asked = text[start - offset:mention.start - offset] + " " + text[mention.end - offset:end - offset]
            if REALIZED.search(asked):
                return "support", m.group(0).strip()  # the proposal is the condition the holder sets: they want it
            return "conditional", m.group(0).strip()
        if abs(start - mention.start) <= CONDITION_REACH:
            return "conditional", m.group(0).strip()
    # the proposal's own name is no cue about it: "sign the agreement" does not agree
    lo, hi = mention.start - offset, mention.end - offset
    cues = [(p, m) for p, m in cue_matches(text) if m.end() <= lo or m.start() >= hi]
    position = _strongest({p for p, _ in cues})
    if position == "support" and (but := RESERVATION.search(text)) and but.start() > _first_support(cues, text):
        return "conditional", but.group(0).strip()
    if position == "conditional":
        return position, _cue_clause(cues, text, "conditional")
    return position, None


def _first_support(cues: list[tuple[str, re.Match[str]]], text: str) -> int:
    found = [m.start() for position, m in cues if position == "support"]
    return min(found) if found else len(text)


def _cue_clause(cues: list[tuple[str, re.Match[str]]], text: str, position: str) -> str | None:
    """The clause around the first cue of ``position``: the words stating a reservation."""
    for cue_pos, m in cues:
        if cue_pos == position:
            start = max(text.rfind(c, 0, m.start()) for c in ",;\u201c\"") + 1
            stop = min((i for i in (text.find(c, m.end()) for c in ".;\u201d\"") if i >= 0), default=len(text))
            return text[start:stop].strip() or None
    return None


# --- holders -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Holder:
    actor_ids: list[str]
    first_person: bool
    via_speech: bool  # the holder was found above a speech verb (reported, not their own sentence)
    accusers: tuple[str, ...] = ()  # "Z accused X of preparing to reject it": X holds it, Z holds the inverse
    obliged: bool = False  # crossed "X must/has to/needs to ...": X is told to, the one saying so holds it
    stated: bool = True  # the holder states or takes the position (False: "X has no desire to ...", a view of X)


def _conditional_clause(tok: Token) -> bool:
    return tok.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in ("if", "until", "unless", "once", "when")
                                       for c in tok.children)


def _accused(node: Token, index: ActorIndex) -> tuple[list[str], tuple[str, ...]] | None:
    """At "accused X of ...", (X, the accusers): the position below is what X is said to hold."""
    if node.lemma_.lower() not in ACCUSING:
        return None
    accused = actors_of([c for c in node.children if c.dep_ == "dobj"], index, strict=True)
    accusers = actors_of([c for c in node.children if c.dep_ == "nsubj"], index, strict=True)
    return (accused, tuple(accusers)) if accused else None


OBLIGING = frozenset({"have", "need", "ought"})


def _obliges(node: Token, below: Token) -> bool:
    """ "X has to / needs to / must <below>": X's subject is told to do it, not stating a position."""
    return (node.lemma_.lower() in OBLIGING and below.dep_ == "xcomp") or \
        any(c.dep_ == "aux" and c.lower_ in ("must", "should") for c in node.children)


def holder(tok: Token, index: ActorIndex) -> Holder:
    """The subject governing a mention: climb heads until a subject names an actor (or is I/we).

    The subject of an obligation ("the Russians are going to have to ... pause it", said Rubio) is passed over:
    the position is the obliging speaker's, found further up or, inside a quote, its speaker."""
    node, below, crossed_speech, obliged = tok, tok, False, False
    if tok.dep_ in ("nsubj", "nsubjpass") and tok.head.dep_ not in ("ccomp", "xcomp") \
            and not _conditional_clause(tok.head):
        return Holder([], False, False)  # "a ceasefire would bring ..." states no one's position
    for _ in range(10):
        if node.i != tok.i and node.dep_ == "pcomp" and (found := _accused(node.head.head, index)):
            return Holder(found[0], False, True, found[1])
        subjects = [c for c in node.children if c.dep_ in ("nsubj", "nsubjpass") and c.i != tok.i]
        if _conditional_clause(node):
            subjects = []  # "sanctions if Moscow did not agree to a ceasefire": the one setting it holds it
        if node.i != tok.i and _obliges(node, below):
            obliged = True
        if obliged and subjects and subjects[0].lower_ not in FIRST_PERSON:
            subjects = []
        if subjects:
            if subjects[0].lower_ in FIRST_PERSON:
                return Holder([], True, crossed_speech)
            ids = actors_of(subjects, index, strict=True)
            if ids:
                return Holder(ids, False, crossed_speech, stated=states_position(node, ids, index))
        if node.dep_ == "acl" and (ids := actors_of([node.head], index, strict=True)):
            return Holder(ids, False, crossed_speech)  # "with Putin stating that ..."
        if node.head.i == node.i:
            break
        if node.lemma_.lower() in SPEECH and node.i != tok.i:
            crossed_speech = True
        node, below = node.head, node
    return Holder([], obliged, crossed_speech, obliged=obliged)  # an obligation in a quote: its speaker's


def states_position(node: Token, ids: list[str], index: ActorIndex) -> bool:
    """Whether the clause at ``node`` reports its subject ``ids`` stating or taking a position: its verb is one of
    :data:`POSITION_VERBS` ("Trump rejected the plan"), or it hangs below such a verb of the same subject
    ("Zelensky is saying that he doesn't want ..."), not a view of their mind ("Trump had no desire to ...")."""
    if node.lemma_.lower() in POSITION_VERBS:
        return True
    for _ in range(10):
        if node.head.i == node.i:
            return False
        node = node.head
        subjects = [c for c in node.children if c.dep_ in ("nsubj", "nsubjpass")]
        if node.lemma_.lower() in POSITION_VERBS and set(actors_of(subjects, index, strict=True)) & set(ids):
            return True
    return False


# --- readings from sentences, quotes and events -------------------------------------------------------


def _quote_at(quotes: list[Quote], pos: int) -> Quote | None:
    return next((q for q in quotes if q.span.start <= pos < q.span.end), None)


def _time_in(record: ArticleRecord, start: int, end: int) -> TimeValue | None:
    found = [t for t in record.times if t.span is not None and start <= t.span.start < end and t.type == "DATE"]
    return found[0].as_value() if found else None


def _confidence(record: ArticleRecord, quote: Quote | None, who: Holder, speaker_ids: list[str],
                actor_id: str) -> float:
    own = 0.85 if quote is not None and quote.kind == "direct" else 0.75
    if quote is not None and (who.first_person or actor_id in speaker_ids):
        return own
    if quote is not None:
        return own - 0.1 if _same_country(record, actor_id, speaker_ids) else 0.4
    return 0.45 if who.via_speech else 0.6


def _paragraph_part(text: str, start: int, end: int, pos: int) -> tuple[int, int]:
    """The part of a sentence inside the paragraph holding ``pos`` (a headline glued to a paragraph is cut)."""
    before = text.rfind("\n\n", start, pos)
    after = text.find("\n\n", pos, end)
    return (before + 2 if before >= 0 else start), (after if after >= 0 else end)


def _same_country(record: ArticleRecord, actor_id: str, others: list[str]) -> bool:
    actor = record.actor(actor_id)
    countries = {a.country for a in (record.actor(i) for i in others) if a is not None and a.country}
    return actor is not None and actor.country in countries


def _spokesman(record: ArticleRecord, speaker_ids: list[str], who: Holder) -> list[str]:
    """A speaker stating their own country's position ("Moscow is in no rush", says Peskov) holds it too."""
    countries = {a.country for a in (record.actor(i) for i in who.actor_ids) if a is not None and a.country}
    return [i for i in speaker_ids if i not in who.actor_ids and (a := record.actor(i)) and a.country in countries]


def _holders(record: ArticleRecord, proposal: Proposal, quote: Quote | None, who: Holder,
             position: str) -> tuple[list[str], list[str]]:
    """(holder actor ids, speaker ids) for a reading of a sentence or quote."""
    speaker_ids = [quote.speaker.actor_id] if quote and quote.speaker and quote.speaker.actor_id else []
    actor_ids = speaker_ids if who.first_person else who.actor_ids + _spokesman(record, speaker_ids, who)
    if position == "support" and quote is not None:  # an official backing their own side's proposal
        actor_ids += [i for i in speaker_ids if i not in actor_ids and _same_country(record, i, proposal.proposed_by)]
    return actor_ids, speaker_ids


def _mention_readings(doc: Any, record: ArticleRecord, proposal: Proposal, mention: Span,
                      index: ActorIndex) -> list[Reading]:
    span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    if span is None:
        return []
    sent = span.root.sent
    start, end = _paragraph_part(record.article.text, sent.start_char, sent.end_char, mention.start)
    position, condition = _read(record.article.text[start:end], mention, start)
    if position is None:
        return []
    quote = _quote_at(record.quotes, mention.start)
    who = holder(span.root, index)
    actor_ids, speaker_ids = _holders(record, proposal, quote, who, position)
    as_of = (quote.said_on if quote else None) or _time_in(record, start, end)
    evidence: str | Span = quote.id if quote else Span.of(record.article.text, start, end)
    out: list[Reading] = []
    for a in actor_ids:
        own = who.first_person or not _other_reported(record, a, speaker_ids)
        if who.stated or own:  # someone else's view of the actor's mind is no stance of the actor's
            out.append(Reading(a, proposal.id, position, _confidence(record, quote, who, speaker_ids, a), evidence,
                               condition, as_of, own=own))
    if position in INVERSE:  # accusing someone of rejecting a plan is standing for it
        out += [Reading(a, proposal.id, INVERSE[position], 0.6, evidence, None, as_of)
                for a in who.accusers if a not in actor_ids]
    return out


def mention_readings(doc: Any, record: ArticleRecord, proposal: Proposal, index: ActorIndex) -> list[Reading]:
    return [r for m in proposal.mentions for r in _mention_readings(doc, record, proposal, m, index)]


def quote_topic_readings(doc: Any, record: ArticleRecord, index: ActorIndex) -> list[Reading]:
    """A quote naming no proposal is about the one named just before it, or its speaker's last topic."""
    out: list[Reading] = []
    mentions = sorted((m.start, m.end, p.id) for p in record.proposals for m in p.mentions)
    last: dict[str, tuple[str, int]] = {}
    for quote in sorted(record.quotes, key=lambda q: q.span.start):
        actor_id = quote.speaker.actor_id if quote.speaker else None
        if actor_id is None:
            continue
        inside = [pid for start, _, pid in mentions if quote.span.start <= start < quote.span.end]
        after = [pid for start, _, pid in mentions if quote.span.end <= start < quote.span.end + ATTRIBUTION_REACH]
        before = [pid for start, end, pid in mentions
                  if quote.span.start - TOPIC_REACH <= start and end <= quote.span.start]
        candidates = inside or after[:1] or before
        topic: str | None = candidates[-1] if candidates else None
        if topic is None and actor_id in last and quote.span.start - last[actor_id][1] < 2 * TOPIC_REACH:
            topic = last[actor_id][0]
        if topic is None:
            continue
        last[actor_id] = (topic, quote.span.end)
        position = cue_position(quote.text)
        if position and not inside:
            for holder_id, conf in _quote_holders(doc, record, quote, index, actor_id):
                out.append(Reading(holder_id, topic, position, conf, quote.id, None, quote.said_on,
                                   own=not _other_reported(record, holder_id, [actor_id])))
    return out


def _quote_holders(doc: Any, record: ArticleRecord, quote: Quote, index: ActorIndex,
                   speaker: str) -> list[tuple[str, float]]:
    """Who a quote's words position: its speaker, unless its subject is a third party ("Putin won't ...")."""
    own = 0.8 if quote.kind == "direct" else 0.7
    subject = _cue_subject(doc, quote)
    if subject is None or subject.lower_ in FIRST_PERSON or subject.pos_ == "PRON":
        return [(speaker, own)]  # "it would allow Ukraine to regroup": a pronoun here is the plan, not a party
    third = [i for i in actors_of([subject], index, strict=True) if i != speaker]
    if not third:
        return [(speaker, own)]
    if _same_country(record, third[0], [speaker]):
        return [(speaker, own), (third[0], own - 0.1)]
    return [(third[0], 0.4)] if states_position(subject.head, third, index) else []


def _cue_subject(doc: Any, quote: Quote) -> Token | None:
    """The subject of the clause holding the quote's first stance cue ("First, *we* need to get that
    information" after "Rubio and Waltz said ..."): whose position the cue states."""
    cues = [m.start() for _, m in cue_matches(quote.text)]
    if not cues:
        return None
    at = doc.char_span(quote.span.start + min(cues), quote.span.start + min(cues) + 1, alignment_mode="expand")
    node = at[0] if at is not None and len(at) else None
    if node is None:
        return None
    for _ in range(12):  # the top clause of the cue's sentence inside the quote ("it would allow Ukraine to ...")
        head = node.head
        if head.i == node.i or not quote.span.start <= head.idx < quote.span.end or head.sent.start != node.sent.start:
            break
        node = head
    subjects = [c for c in node.children if c.dep_ in ("nsubj", "nsubjpass")]
    return subjects[0] if subjects and quote.span.start <= subjects[0].idx < quote.span.end else None


def event_readings(record: ArticleRecord, event: Event) -> list[Reading]:
    position = EVENT_POSITIONS.get(event.type)
    if position is None or event.proposal_id is None or {"hypothetical", "negated"} & set(event.contexts):
        return []
    if event.type == "ACCUSE" and event.target:
        return []  # "accused Putin of preparing to reject the proposal" criticises Putin, not the proposal
    quote = next((q for q in record.quotes if q.id == event.reported_in), None)
    speaker = quote.speaker.actor_id if quote and quote.speaker else None
    holders = event.source + (event.target if event.type == "AGREE" else [])
    evidence: str | Span = event.evidence if quote is None else quote.id
    return [Reading(a, event.proposal_id, position, 0.7 if quote is None or speaker == a else 0.4, evidence, None,
                    event.when, own=not _other_reported(record, a, [speaker] if speaker else [])) for a in holders]


def _other_reported(record: ArticleRecord, actor_id: str, speaker_ids: list[str]) -> bool:
    """Whether a reading comes from someone else's words about the actor: a quote by a speaker who is neither
    the actor nor from the actor's side (an analyst on Putin; not a spokesman on his own government)."""
    return bool(speaker_ids) and actor_id not in speaker_ids and not _same_country(record, actor_id, speaker_ids)


# --- merging --------------------------------------------------------------------------------------------


def _months(value: str) -> int | None:
    m = re.match(r"(\d{4})(?:-(\d{2}))?", value)
    return int(m.group(1)) * 12 + int(m.group(2) or 12) - 1 if m else None


def is_past(as_of: TimeValue | None, published: str | None) -> bool:
    """A reading dated in an earlier year, or two months or more before publication: a former position."""
    if as_of is None or not published:
        return False
    then, now = _months(as_of.value), _months(published)
    if then is None or now is None:
        return False
    return as_of.value[:4] < published[:4] or now - then >= 2


def _best(group: list[Reading], published: str | None) -> Reading:
    """The current position: recent readings win over former ones, then confidence; a support that the same
    actor qualifies elsewhere ("we certainly support it" ... "only if") is conditional."""
    best = max(group, key=lambda r: (not is_past(r.as_of, published), r.confidence, PRIORITY[r.position]))
    if best.position == "support":
        qualified = [r for r in group if r.position == "conditional" and r.confidence >= 0.5
                     and is_past(r.as_of, published) == is_past(best.as_of, published)]
        if qualified:
            return max(qualified, key=lambda r: r.confidence)
    return best


def merge(readings: list[Reading], published: str | None = None) -> list[Stance]:
    groups: dict[tuple[str, str], list[Reading]] = defaultdict(list)
    for r in readings:
        groups[(r.actor_id, r.proposal_id)].append(r)
    stances = []
    for (actor_id, proposal_id), group in groups.items():
        if any(r.own for r in group):  # others' words about an actor never outweigh or pad the actor's own
            group = [r for r in group if r.own]
        best = _best(group, published)
        agreeing = [r for r in group if r.position == best.position
                    or (best.position == "conditional" and r.position == "support")]
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
    index = ActorIndex.of(record.actors, record.quotes)
    readings: list[Reading] = []
    for proposal in record.proposals:
        readings += mention_readings(doc, record, proposal, index)
    readings += quote_topic_readings(doc, record, index)
    for event in record.events:
        readings += event_readings(record, event)
    published = record.article.published_at[:10] if record.article.published_at else None
    return merge([replace(r, actor_id=_side(record, r.actor_id)) for r in readings], published)


def _side(record: ArticleRecord, actor_id: str) -> str:
    """A people named by its demonym ("the Russians themselves ruled out ...") stands for its state's side
    when the article names that state: one stance for Russia, not one for "Russia" and one for "the Russians"."""
    actor = record.actor(actor_id)
    if actor is None or actor.kind != "group" or actor.sector or not actor.country:
        return actor_id
    state = next((a for a in record.actors if a.kind == "state" and a.country == actor.country), None)
    return state.id if state is not None else actor_id


VERSION = "3"  # 2: a speaker's view of someone else is no stance of theirs
# 3: "never", "not", "no longer", "unwilling to" before a cue deny it (support becomes opposition); the
# proposal's own name ("the agreement") is no cue about it


@register("stances", version=VERSION, requires=("events", "proposals"), produces=("stances",))
def make_stances(config: Config) -> StageFn:
    stance_cues()

    def stances(doc: Any, record: ArticleRecord) -> ArticleRecord:
        found = find_stances(doc, record)
        return replace(record, stances=found, quotes=with_about(doc, record, found))

    return stances
