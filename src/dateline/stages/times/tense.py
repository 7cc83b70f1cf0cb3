"""The direction of a bare weekday, month or season from the spaCy parse of its clause.

The verb that governs the expression (its syntactic head, climbed through nouns and prepositions
until a verb) says whether the clause is about the past or the future:

- **future**: an auxiliary "will" / "'ll" / "shall" / "would" / "going to", a modal "may", "might", "must",
  "should", "can" without a perfect ("may visit Friday"; not "could", the past of "can"), "is to" ("is to
  compete Thursday"); an infinitive ("to meet
  Monday": "agreed to meet", "is scheduled to vote"); a present tense without "have"
  ("meets Monday", "is heard in May", "are meeting Friday": news present for a scheduled event);
  a verb under "scheduled", "expected", "set", "due", "planned"; a bare "-ing" form under such a clause
  ("would leave Monday, with the third departing from August 6");
- **past**: a past tense (Tense=Past: "met", "was heard") or a perfect ("has met", "had met");
- **unknown** (None) when no verb governs it ("Monday's vote", a headline fragment), or the verb is a
  present-tense speech verb ("says Tuesday": the speaking, not a plan).  Then the left-to-right
  cues of :mod:`.anchors` decide.

The Doc is optional everywhere: without one, only the text cues are used.
"""

from __future__ import annotations

from typing import Any

_FUTURE_AUX = frozenset({"will", "'ll", "shall", "wo", "would", "gon"})
_PERFECT_AUX = frozenset({"have", "has", "had", "'ve", "'d"})
# not "could": "could not be reached Wednesday" is the past of "can"
_MODAL_AHEAD = frozenset({"may", "might", "must", "should", "can", "ca"})
# verbs and adjectives that put what they govern ahead: "scheduled to vote", "planned a rally on Saturday",
# "payable Dec. 15", "due to expire Friday"
_SCHEDULE = frozenset({"schedule", "reschedule", "plan", "expect", "due", "payable", "upcoming", "slate", "effective"})
# heads of an infinitive that look ahead even in the past tense ("agreed to meet Monday")
_INTENT = _SCHEDULE | frozenset({"intend", "aim", "hope", "prepare", "agree", "decide", "vow", "promise", "pledge",
                                 "threaten", "set", "seek", "want", "propose", "offer", "call", "urge", "ask"})
_SPEECH = frozenset({"say", "tell", "report", "announce", "write", "add", "state", "claim", "note", "comment"})
_SCHEDULED_EVENT = frozenset({"meet", "vote", "begin", "start", "open", "resume", "return", "travel", "visit",
                              "convene", "gather", "sign", "arrive", "leave", "hold", "face", "decide", "rule"})
_VERBAL = frozenset({"VERB", "AUX"})
_MAX_CLIMB = 4


def governing_verb(doc: Any, start: int, end: int) -> Any | None:
    """The verb token whose clause holds the characters ``start:end`` of ``doc``, or None.

    Climbing stops early at an adjective or participle of schedule ("payable", "due"), which is
    returned in the verb's place.  An expression that modifies a noun ("a June agreement") has none.
    """
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    speech = _speech_before(doc, span.start)
    if speech is not None:
        return speech
    token = span.root
    if token.dep_ in ("compound", "amod", "poss") and token.head.pos_ in ("NOUN", "PROPN"):
        return None
    for _ in range(_MAX_CLIMB):
        if token.head.i == token.i:
            return token if token.pos_ in _VERBAL else None
        token = token.head
        if token.pos_ in _VERBAL or token.lemma_.lower() in _SCHEDULE:
            return token
    return None


def _speech_before(doc: Any, i: int) -> Any | None:
    """"said on Tuesday it would ...", "announced Monday": the speech verb right before the expression (an "on"
    between them at most) is the verb it belongs to, whatever the parser hung it on (it often takes the
    following clause's "would cut" when no "that" separates them)."""
    j = i - 1
    if j >= 0 and doc[j].lower_ == "on":
        j -= 1
    if j < 0 or doc[j].pos_ not in _VERBAL or doc[j].lemma_.lower() not in _SPEECH:
        return None
    return doc[j]


def parse_future(doc: Any, start: int, end: int, deadline: bool = False) -> bool | None:
    """True when the governing clause looks ahead, False when it reports the past, None when unclear.

    ``deadline``: the expression follows "by" / "until" / "before"; then only a past perfect
    ("had filed reports by Wednesday") keeps it in the past ("has given them until Tuesday",
    "postponed any action until Tuesday morning" look ahead), or a simple past right under "before"
    ("the blast happened shortly before midnight on Sunday": no deadline, a time before the event).
    """
    verb = governing_verb(doc, start, end)
    if verb is None:
        return True if deadline else None
    if verb.lemma_.lower() in _SCHEDULE and verb.idx < start:
        # "has scheduled a news conference Thursday" (but "On Friday, it planned to ..."); a past perfect
        # plan was overtaken by what the story reports ("had been scheduled to expire Friday"), and so was one
        # the story calls off ("the vote, originally planned for Sunday, was postponed")
        return not (_past_perfect(verb) or _called_off(verb))
    found = _verb_future(verb, 2)
    if found is None and verb.tag_ == "VBG" and not any(c.dep_ in ("aux", "auxpass") for c in verb.children):
        found = _gerund_clause(verb)
    if deadline:
        if found is False and _finite(verb).tag_ == "VBD" and _before(doc, start):
            return False
        return not any(c.lower_ in ("had", "'d") and c.dep_ == "aux" for c in verb.children)
    return found


def _before(doc: Any, start: int) -> bool:
    """The word right before the character ``start`` is "before"."""
    span = doc.char_span(start, start + 1, alignment_mode="expand")
    return span is not None and span.start > 0 and doc[span.start - 1].lower_ == "before"


def _gerund_clause(verb: Any) -> bool | None:
    """A bare "-ing" form has no tense of its own: "flights would leave on Monday, with the third departing from
    August 6" looks ahead with the clause it hangs on (through a preposition, or the noun it describes: "agree to a
    ceasefire starting on Monday").  A past clause says
    nothing: "talks were adjourned to allow for a meeting beginning Thursday" may still look ahead."""
    if verb.lower_ in _PREPOSITION_LIKE:  # "following the death Thursday": a preposition, not a verb of its own
        return None
    head = verb.head
    if head.pos_ == "ADP" and head.head.i != head.i:
        head = head.head
    if head.pos_ in ("NOUN", "PROPN"):  # "agree to a 30-day ceasefire starting on Monday": the noun's clause
        above = head.head.head if head.head.pos_ == "ADP" else head.head
        if above.pos_ in _VERBAL and above.i != head.i:
            head = above
    if head.i == verb.i or head.pos_ not in _VERBAL:
        return None
    return True if _verb_future(head, 1) else None


def _finite(verb: Any) -> Any:
    auxes = sorted((c for c in verb.children if c.dep_ in ("aux", "auxpass") and c.lower_ != "to"), key=lambda t: t.i)
    return auxes[0] if auxes else verb


def _verb_future(verb: Any, depth: int) -> bool | None:
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    words = {a.lower_ for a in auxes}
    if words & _FUTURE_AUX or "going" in words:
        return True
    if words & _PERFECT_AUX:
        return False
    if words & _MODAL_AHEAD:  # "may visit Kyiv on Friday", "must leave by Monday" (but "may have left": a perfect)
        return True
    if "to" in words:
        return _infinitive(verb, depth)
    finite = _finite(verb)
    if finite.tag_ == "VBD":  # past, unless the past of a future ("would wait to see whether it began on Monday")
        return bool(depth) and any(c.dep_ == "mark" and c.lower_ in ("whether", "if") for c in verb.children) \
            and verb.head.i != verb.i and _ahead_clause(verb.head)
    if finite.tag_ in ("VBZ", "VBP"):
        # news present for what is scheduled ("meets Monday", "is heard in May"); not a bare copula
        # ("are worth half that now"), a verb whose past looks the same, nor the speaking ("says Tuesday")
        # a main verb tagged VBP is often a past the tagger missed ("forces retook", "stocks hurt"):
        # only verbs of scheduled events count then ("ministers meet Friday")
        # a speech verb with an object is a scheduled act, not the speaking ("reports results in May")
        speaking = verb.lemma_ in _SPEECH and not any(c.dep_ == "dobj" and c.pos_ == "NOUN" for c in verb.children)
        takes_place = verb.lemma_ == "take" and any(c.dep_ == "dobj" and c.lower_ == "place" for c in verb.children)
        unclear = speaking or (verb.lemma_ == "be" and not auxes) or \
            (finite is verb and finite.tag_ == "VBP" and verb.lower_ not in _SCHEDULED_EVENT and not takes_place)
        return None if unclear else True
    if verb.tag_ == "VBN" and verb.dep_ == "acl" and not auxes and verb.lemma_.lower() not in _INTENT:
        return False  # "the summit held on January 9", "a decision announced Monday": what was done
    return None


def _ahead_clause(verb: Any) -> bool:
    """The clause of ``verb`` looks ahead, itself or through the infinitive it is in ("would wait to see")."""
    for _ in range(3):
        words = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
        if words & _FUTURE_AUX:
            return True
        if "to" not in words or verb.head.i == verb.i:
            return False
        verb = verb.head
    return False


def _infinitive(verb: Any, depth: int) -> bool | None:
    """"to meet Monday": ahead under an intention ("agreed to", "an agreement to") or a clause that is
    ahead; a purpose clause ("staged celebrations to mark the entry on Friday") follows its verb."""
    head = verb.head
    if head.i == verb.i or depth == 0:
        return None
    if head.lemma_ == "be" and head.tag_ in ("VBZ", "VBP") and verb.dep_ == "xcomp":
        return True  # "is to compete on Thursday": what is arranged
    if head.lemma_.lower() in _INTENT or head.pos_ in ("NOUN", "PROPN"):
        return not _past_perfect(head)
    if head.pos_ not in _VERBAL:
        return None
    return _verb_future(head, depth - 1)


def past_plan(doc: Any, start: int, end: int) -> bool:
    """The expression is the time of a plan made in the past: an infinitive under a past-tense intention ("was
    set to be signed on February 28", "agreed to meet Monday") or under a noun of a past clause ("had thwarted
    his bid to win on October 1").  That plan looks ahead of its making, not of the
    writing, so a date a few months back may still be the one meant."""
    verb = governing_verb(doc, start, end)
    if verb is None:
        return False
    infinitive = next((c for c in verb.children if c.dep_ == "aux" and c.lower_ == "to"), None)
    if infinitive is None and verb.dep_ == "xcomp":  # "to be signed": "signed" under "be" under "set"
        infinitive = next((c for c in verb.head.children if c.dep_ == "aux" and c.lower_ == "to"), None)
        verb = verb.head if infinitive is not None else verb
    if infinitive is None or verb.head.i == verb.i:
        return False
    head = verb.head
    if head.pos_ in ("NOUN", "PROPN"):  # "had thwarted his bid to win on October 1": the noun's own verb
        head = head.head
        if head.pos_ not in _VERBAL:
            return False
        return _finite(head).tag_ == "VBD" or _past_perfect(head)
    return head.lemma_.lower() in _INTENT and _finite(head).tag_ == "VBD"


_PREPOSITION_LIKE = frozenset({"following", "including", "according", "regarding", "concerning", "pending", "barring",
                               "excluding", "considering", "during"})


# verbs that undo a plan ("was postponed", "has been cancelled", "was called off", "were put off")
_UNDO = frozenset({"postpone", "cancel", "delay", "scrap", "suspend", "defer", "abandon", "shelve", "drop"})
_UNDO_PARTICLE = {"call": "off", "put": "off", "push": "back"}
_ONCE = frozenset({"originally", "initially", "previously"})


def _called_off(plan: Any) -> bool:
    """A plan the story reports as called off: "the meeting, scheduled for Friday, was cancelled", "a service
    planned for Saturday was called off"; or a plan that the story says was the original one ("as previously
    planned", "originally set for Sunday") in a past clause."""
    once = any(c.lower_ in _ONCE for c in plan.children)
    if plan.dep_ not in ("acl", "amod") or plan.head.pos_ not in ("NOUN", "PROPN"):
        return False
    clause = plan.head.head
    if clause.i == plan.head.i or clause.pos_ not in _VERBAL:
        return False
    lemma = clause.lemma_.lower()
    undone = lemma in _UNDO or any(c.dep_ == "prt" and c.lower_ == _UNDO_PARTICLE.get(lemma) for c in clause.children)
    past = _verb_future(clause, 1) is False
    return past and (undone or once)


def _past_perfect(verb: Any) -> bool:
    """"had been scheduled", "had planned", "'d agreed", "had been due" (the adjective under its copula)."""
    tokens = (verb, verb.head) if verb.dep_ == "acomp" else (verb,)
    return any(c.lower_ in ("had", "'d") and c.dep_ in ("aux", "auxpass") for t in tokens for c in t.children)
