"""ACLED event and sub-event types: a cue-weighted classifier over text, constrained by the PLOVER coding.

The same classifier labels a whole snippet (CASE-2021 task 2, ``dateline eval events --case``) and refines an
event's ACLED type from its evidence clause.  Cues are in ``knowledge/data/events_acled_rules.tsv``.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from dateline.records import Acled, Actor
from dateline.stages.events.lexicon import data_rows

VIOLENT = frozenset({"AIR_STRIKE", "ART_MISS_ATTACK", "SUIC_BOMB", "REM_EXPLOS", "GRENADE", "CHEM_WEAP",
                     "ARMED_CLASH", "ATTACK", "GOV_REGAINS_TERIT", "NON_STATE_ACTOR_OVERTAKES_TER", "ABDUCT_DISSAP",
                     "SEX_VIOL", "MOB_VIOL", "PROPERTY_DISTRUCT"})
PROTESTS = frozenset({"PEACE_PROTEST", "PROTEST_WITH_INTER", "FORCE_AGAINST_PROTEST", "VIOL_DEMONSTR", "MOB_VIOL"})
ALLOWED = {"ASSAULT": VIOLENT, "PROTEST": PROTESTS}
FIXED: dict[tuple[str, str | None], str] = {
    ("COERCE", "arrest"): "ARREST", ("COERCE", "seize"): "NON_VIOL_TERRIT_TRANSFER",
    ("RETREAT", "ceasefire"): "AGREEMENT", ("RETREAT", "withdraw"): "NON_VIOL_TERRIT_TRANSFER",
    ("RETREAT", "disarm"): "AGREEMENT", ("MOBILIZE", "troops"): "CHANGE_TO_GROUP_ACT"}
PLOVER_HINTS = {"AGREE": "AGREEMENT", "SUPPORT": "DIPLO", "CONSULT": "DIPLO", "SANCTION": "DIPLO",
                "REQUEST": "DIPLO", "REJECT": "DIPLO", "THREATEN": "DIPLO", "COERCE": "ARREST"}
HINT_WEIGHT = 1.0  # a PLOVER event found in a snippet counts as a weak cue for its ACLED-side label
RETAKE = frozenset({"recapture", "retake", "regain", "liberate", "drive"})
NON_STATE_SECTORS = frozenset({"REB", "INS", "UAF", "SEP", "MIL_NS"})


@dataclass(frozen=True)
class Rule:
    label: str
    weight: float
    pattern: re.Pattern[str]
    also: re.Pattern[str] | None


@dataclass(frozen=True)
class AcledTable:
    rules: tuple[Rule, ...]
    types: dict[str, tuple[str, str]]  # label -> (event type, sub-event type), ACLED labels only

    def acled(self, label: str) -> Acled | None:
        pair = self.types.get(label)
        return Acled(pair[0], pair[1]) if pair else None


@lru_cache(maxsize=1)
def load_acled() -> AcledTable:
    rules, types = [], {}
    for row in data_rows("events_acled_rules.tsv"):
        also = re.compile(row[5], re.I) if len(row) > 5 and row[5].strip() else None
        rules.append(Rule(row[0], float(row[3]), re.compile(row[4], re.I), also))
        if row[1] != "-":
            types[row[0]] = (row[1], row[2])
    return AcledTable(tuple(rules), types)


def scores(text: str, table: AcledTable | None = None) -> dict[str, float]:
    table = table or load_acled()
    out: dict[str, float] = defaultdict(float)
    for rule in table.rules:
        hits = len(rule.pattern.findall(text))
        if hits and (rule.also is None or rule.also.search(text)):
            out[rule.label] += rule.weight * (1 + 0.25 * min(hits - 1, 4))
    return dict(out)


def classify_snippet(text: str, plover_types: Iterable[str] = ()) -> str:
    """The best CASE-2021 label for a snippet; PLOVER events found in it add their hint."""
    found = scores(text)
    for event_type in plover_types:
        hint = PLOVER_HINTS.get(event_type)
        if hint:
            found[hint] = found.get(hint, 0.0) + HINT_WEIGHT
    if not found:
        return "OTHER"
    return max(found.items(), key=lambda kv: kv[1])[0]


def _non_state(actors: list[Actor]) -> bool:
    return any(a.kind == "armed_group" or (a.sector or "") in NON_STATE_SECTORS for a in actors)


def _territory(trigger_lemma: str, sources: list[Actor]) -> str:
    if _non_state(sources):
        return "NON_STATE_ACTOR_OVERTAKES_TER"
    return "GOV_REGAINS_TERIT" if trigger_lemma in RETAKE else "ARMED_CLASH"


def event_label(event_type: str, mode: str | None, trigger_lemma: str, text: str,
                sources: list[Actor], territorial: bool) -> str | None:
    """The ACLED label of a coded event, or None where ACLED has no category for it."""
    if (event_type, mode) in FIXED:
        return FIXED[(event_type, mode)]
    if event_type == "AGREE" and re.search(r"ceasefire|cease-fire|truce|peace", text, re.I):
        return "AGREEMENT"
    allowed = ALLOWED.get(event_type)
    if allowed is None:
        return None
    if territorial:
        return _territory(trigger_lemma, sources)
    found = {k: v for k, v in scores(text).items() if k in allowed}
    if found:
        return max(found.items(), key=lambda kv: kv[1])[0]
    return "ARMED_CLASH" if event_type == "ASSAULT" else "PEACE_PROTEST"
