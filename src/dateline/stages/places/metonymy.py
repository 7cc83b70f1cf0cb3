"""Metonymy: a place name that stands for the people who govern it ("Moscow said", "the Kremlin",
"Kyiv's forces") gets role ``actor``; it is still a place mention, but not an event location.

Decided from the dependency parse and the actors layer: the name is the subject of a verb other
than a verb of being or lying, a possessor, a modifier of an agent noun ("Kremlin spokesman"), the
object of a verb of communication or pressure ("told Kyiv"), or it is a seat-of-power building
that is not the object of a locative preposition.
"""

from __future__ import annotations

from typing import Any

from dateline.records import Actor, PlaceRole
from dateline.stages.places.toponyms import DEMONYM, EMBEDDED, SEATS_OF_POWER, Surface, words

STATIVE_VERBS = words("be lie sit border remain become stretch host house neighbour neighbor")
AGENT_NOUNS = words(
    "spokesman spokeswoman spokesperson government officials official ministry minister president army forces "
    "troops military leader leaders leadership authorities delegation diplomats diplomat envoy ambassador "
    "negotiators administration regime navy command parliament foreign defence defense")
ADDRESS_VERBS = words(
    "tell urge warn accuse ask call press criticize criticise blame sanction support help provide give offer "
    "thank threaten pressure persuade convince join back arm fund condemn punish push force allow")
LOCATIVE_OF_SEAT = words("in at inside outside into from near around on")


def role_of(doc: Any, surface: Surface, actors: list[Actor]) -> PlaceRole:
    """``actor`` when the mention stands for a government or its people, else ``location``."""
    root = doc[surface.root]
    if surface.label in (DEMONYM, EMBEDDED):
        return "actor"  # "Turkish officials" (found only before agent nouns), "Manchester" of "Manchester City"
    if surface.text.lower().removeprefix("the ").strip() in SEATS_OF_POWER:
        return "location" if _locative_object(root) else "actor"
    if _agentive(root):
        return "actor"
    if _actor_mention(surface, actors) and root.dep_ in ("nsubj", "poss", "compound", "agent", "dative", "appos"):
        return "actor"
    return "location"


def _locative_object(root: Any) -> bool:
    return bool(root.dep_ == "pobj" and root.head.lower_ in LOCATIVE_OF_SEAT)


def _agentive(root: Any) -> bool:
    dep, head = root.dep_, root.head
    if dep == "nsubj" and head.pos_ in ("VERB", "AUX") and head.lemma_ not in STATIVE_VERBS:
        return True
    if dep == "poss":
        return head.lower_ in AGENT_NOUNS or head.pos_ == "NOUN"
    if dep in ("compound", "amod", "nmod") and head.lower_ in AGENT_NOUNS:
        return True
    if dep == "pobj" and head.lower_ == "by" and head.head.tag_ == "VBN":
        return True
    if dep == "pobj" and head.lower_ in ("with", "against") and head.head.pos_ == "NOUN":
        return True  # "talks with Moscow", "sanctions against Russia"
    return bool(dep in ("dobj", "dative") and head.lemma_ in ADDRESS_VERBS)


def _actor_mention(surface: Surface, actors: list[Actor]) -> bool:
    return any(m.start < surface.end and surface.start < m.end
               for a in actors if a.kind in ("state", "organization", "group") for m in a.mentions)
