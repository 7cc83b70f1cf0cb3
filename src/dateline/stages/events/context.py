"""Grammatical contexts of a trigger: negated, hypothetical, future (intent); and the PLOVER re-coding they imply.

PLOVER codes an *expressed intent* to cooperate as AGREE ("will visit", "is ready to contribute troops") and an
intent to use force or pressure as THREATEN ("would tighten the blockade"); "must X" in reported speech is a
REQUEST; a refusal ("would not accept") is REJECT.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from dateline.stages.events.triggers import Token, Trigger

SPEECH_VERBS = frozenset({
    "say", "tell", "announce", "declare", "state", "add", "insist", "confirm", "report", "warn", "write", "claim",
    "indicate", "suggest", "signal", "reiterate", "stress", "note", "argue", "believe", "think", "hope", "expect",
    "quote", "promise", "pledge", "vow", "agree", "decide", "threaten",
})
INTENT_HEADS = frozenset({"ready", "willing", "prepared", "plan", "intend", "aim", "hope", "want", "seek", "try"})
CONDITION_MARKS = frozenset({"if", "unless", "whether", "until"})
NON_FACTIVE = frozenset({"guarantee", "promise", "hope", "demand", "threat", "plan", "idea", "proposal", "desire",
                         "assurance", "claim", "allegation", "suggestion", "warning", "fear", "risk", "possibility",
                         "condition", "insistence", "expectation", "wish"})
# Nouns whose content clause is the terms of someone's demand ("guarantees that they will destroy Russia"): what
# the clause describes is asked for or promised, not reported as happening, so it is no event of its own.
DIRECTIVE_NOUNS = frozenset({"guarantee", "assurance", "promise", "pledge", "demand", "condition", "insistence",
                             "ultimatum", "request", "commitment", "precondition"})
SPECULATIVE = frozenset({"poise", "appear", "seem", "likely", "expect", "unlikely", "possible"})
ACCEPTING = frozenset({"agree", "accept", "consent", "commit"})
COOPERATIVE = frozenset({"SUPPORT", "CONSULT", "AID", "COOPERATE", "CONCEDE", "RETREAT"})
HOSTILE = frozenset({"ASSAULT", "COERCE", "SANCTION"})
THREAT_MODES = {"ASSAULT": "violence", "COERCE": "restrict", "SANCTION": "relations", "MOBILIZE": "violence"}
# Words above an infinitive that deny the intent it states: "is unwilling / reluctant to accept", "declined to sign".
NEGATIVE_HEADS = frozenset({"unwilling", "reluctant", "loath", "loth", "refuse", "decline"})
# Nouns of intent whose infinitive (or "of" + gerund) is the intended act: "no desire to offer", "no intention of
# signing".  Their negation sits on the noun ("no plans to"), or on the verb that has it ("does not have any").
INTENT_NOUNS = frozenset({"desire", "intention", "intent", "plan", "wish", "willingness", "readiness", "interest",
                          "appetite", "inclination"})


@dataclass(frozen=True)
class Grammar:
    negated: bool
    hypothetical: bool
    future: bool
    must: bool
    asserted: bool = True  # False in a content clause of a noun ("guarantees that they will ...")
    purpose: bool = False  # an infinitive of purpose ("travelled to attack the rear")
    embedded: bool = False  # inside a condition ("if they refused ...") or the terms of a demand or guarantee


def _aux(tok: Token) -> set[str]:
    return {c.lower_ for c in tok.children if c.dep_ in ("aux", "auxpass")}


def _clause_chain(tok: Token) -> list[Token]:
    """The token and the heads whose clause it belongs to (up through complements and conjuncts)."""
    chain = [tok]
    node = tok
    while node.dep_ in ("xcomp", "conj", "pcomp", "prep", "pobj", "acomp") and node.head.i != node.i:
        node = node.head
        chain.append(node)
    return chain


def _reported(chain: list[Token]) -> bool:
    top = chain[-1]
    return top.dep_ in ("ccomp", "parataxis") and top.head.lemma_.lower() in SPEECH_VERBS


def _past_main(tok: Token) -> bool:
    """Whether the clause a purpose infinitive hangs on is narrated in the past ("saw personnel travel ... to
    attack", "had been in Washington to sign"): its nearest finite governor is past tense with no future modal."""
    node = tok.head
    for _ in range(6):
        auxes = _aux(node)
        if auxes & {"will", "'ll", "shall", "wo", "would", "could", "might", "may"}:
            return False
        if node.tag_ in ("VBD",) or any(c.dep_ in ("aux", "auxpass") and c.tag_ == "VBD" for c in node.children):
            return True
        if node.tag_ in ("VBZ", "VBP", "MD") or node.head.i == node.i:
            return False
        node = node.head
    return False


def _realised_until(clause: Token) -> bool:
    """ "shelled the town until the rebels withdrew": an "until" clause told in the past is a fact, no condition."""
    return clause.tag_ in ("VBD", "VBN") and any(m.dep_ == "mark" and m.lower_ == "until" for m in clause.children)


def _condition_clause(node: Token) -> bool:
    """An adverbial clause that states a condition: "if"/"unless", or "until" of an unrealised state ("until
    Americans give him guarantees"); "until the troops withdrew", told in the past, is a fact."""
    if node.dep_ != "advcl":
        return False
    marks = {c.lower_ for c in node.children if c.dep_ == "mark"}
    return bool(marks & {"if", "unless"}) or ("until" in marks and not _realised_until(node))


def _directive_content(node: Token) -> bool:
    """A finite content clause of a demand/guarantee noun ("guarantees that they will destroy Russia")."""
    return node.dep_ in ("acl", "ccomp") and node.head.lemma_.lower() in DIRECTIVE_NOUNS \
        and node.head.pos_ == "NOUN" and any(c.dep_ in ("nsubj", "nsubjpass", "mark") for c in node.children)


def embedded(tok: Token) -> bool:
    """Whether the trigger sits in the condition or the terms of another statement: "threatened sanctions *if they
    refused* to come to the table", "wants no ceasefire *until the Americans guarantee that they will destroy
    Russia*".  Such a clause belongs to the event or stance that governs it; it is no event itself.  A reported
    possibility ("Putin may demand ...") is not embedded: it stays, as a hypothetical event."""
    node = tok
    for _ in range(40):
        if _condition_clause(node) or _directive_content(node):
            return True
        head = node.head
        if head.i == node.i:  # the root (spaCy makes a new Token each time, so ``is`` would never stop here)
            return False
        node = head
    return False


def _intent_noun(chain: list[Token]) -> Token | None:
    """The noun of intent whose act the clause is: "desire" in "no desire to *offer*", "intention" in "no intention
    of *signing*" (the chain climbs "of" + gerund up to the noun; an infinitive hangs on it as ``acl``)."""
    top = chain[-1]
    noun = top.head if top.dep_ == "acl" and top.head.i != top.i else top if len(chain) > 1 else None
    if noun is not None and noun.pos_ == "NOUN" and noun.lemma_.lower() in INTENT_NOUNS:
        return noun
    return None


def _negated(chain: list[Token]) -> bool:
    """Whether the clause is denied: a negation on its verb or a verb it complements ("would not accept", "is not
    willing to accept"), a head that denies the intent ("is unwilling / reluctant to"), or a denied noun of intent
    ("has no desire to offer", "no plans to withdraw", "does not have any intention to sign", "never had the wish")."""
    if any(c.dep_ == "neg" for t in chain for c in t.children):
        return True
    if any(t.lemma_.lower() in NEGATIVE_HEADS for t in chain[1:]):
        return True
    noun = _intent_noun(chain)
    if noun is None:
        return False
    if any(c.dep_ in ("det", "neg") and c.lower_ in ("no", "never") for c in noun.children):
        return True
    return noun.dep_ in ("dobj", "attr", "nsubj", "nsubjpass") and noun.head.i != noun.i \
        and any(c.dep_ == "neg" for c in noun.head.children)


def analyse(trig: Trigger) -> Grammar:
    chain = _clause_chain(trig.token)
    auxes = set().union(*(_aux(t) for t in chain))
    negated = _negated(chain)
    conditional = any(c.dep_ == "mark" and c.lower_ in CONDITION_MARKS for t in chain for c in t.children) \
        or chain[-1].dep_ == "advcl" and any(c.lower_ in CONDITION_MARKS for c in chain[-1].children)
    conditional = conditional or (trig.type not in ("THREATEN", "REQUEST") and any(
        c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in CONDITION_MARKS for m in c.children)
        and not _realised_until(c) for t in chain for c in t.children))
    reported = _reported(chain)
    top = chain[-1]  # a finite content clause of a non-factive noun ("guarantees that they will ...")
    asserted = not (top.dep_ == "acl" and top.head.lemma_.lower() in NON_FACTIVE
                    and any(c.dep_ in ("nsubj", "mark") for c in top.children))
    speculative = any(t.lemma_.lower() in SPECULATIVE for t in chain[1:])
    conditional = conditional or not asserted
    modal = bool(auxes & {"could", "might", "may"}) or ("would" in auxes and not reported)
    future = bool(auxes & {"will", "'ll", "shall", "wo"}) or ("would" in auxes and reported) \
        or any(t.lemma_.lower() in INTENT_HEADS for t in chain[1:])
    purpose = trig.token.dep_ == "advcl" and "to" in _aux(trig.token) and not any(
        c.dep_ in ("nsubj", "nsubjpass") for c in trig.token.children)  # "was in Washington to sign a deal"
    # "travelled ... to attack the rear, which triggered a rout": a purpose told in the past is not a future event
    intended = purpose and not _past_main(trig.token)
    must = bool(auxes & {"must", "should"}) and reported
    hypothetical = conditional or speculative or (modal and not future)
    return Grammar(negated, hypothetical, (future or intended) and not conditional, must, asserted, purpose,
                   embedded(trig.token))


def recode(trig: Trigger, g: Grammar) -> Trigger:
    """Apply PLOVER's intent, demand and refusal readings to a trigger."""
    if g.must and trig.type not in ("REQUEST", "THREATEN", "REJECT"):
        return replace(trig, type="REQUEST", mode=None, cameo="10")
    if g.negated and trig.type == "AGREE" and trig.lemma.split()[0] in ACCEPTING:
        return replace(trig, type="REJECT", mode=None, cameo="12")
    if (g.future or g.purpose) and not g.negated and trig.type in COOPERATIVE and trig.mode != "resign":
        return replace(trig, type="AGREE", mode=None, cameo="03")
    if ((g.future and not g.purpose) or g.hypothetical) and g.asserted and not g.negated and trig.type in HOSTILE:
        return replace(trig, type="THREATEN", mode=THREAT_MODES.get(trig.type), cameo="13")
    return trig


def contexts(g: Grammar, trig: Trigger | None = None) -> list[str]:
    out = []
    if g.negated:
        out.append("negated")
    if g.hypothetical and not (trig is not None and trig.type == "THREATEN"):
        out.append("hypothetical")  # a threat is conditional by nature: "would halt talks if ..." is asserted
    if g.future:
        out.append("future")
    return out
