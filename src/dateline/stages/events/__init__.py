"""The ``events`` stage: PLOVER events (with CAMEO and ACLED types) and the proposals they are about.

Codebook pinned: the PLOVER structured codebook used by the POLECAT/NGEC coder
(ahalterman/NGEC-2025 @ a3909e2aa02969ccaaa915a9626a5316e1cac0f8, ``PLOVER_structured_codebook_updated.csv``):
16 event types with its mode names (e.g. ASSAULT/aerial, COERCE/arrest, RETREAT/ceasefire).  CAMEO codes come
from the lexicon row or, failing that, the CAMEO2PLOVER-2021 crosswalk (PLOVER manual draft 0.8).

Uses whatever earlier layers are present: actors (source/target ids), times (event time), places (event
place), quotes (``reported_in``).  With an empty layer the matching field is empty, never wrong.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from dateline.config import Config
from dateline.pipeline.registry import StageFn, register
from dateline.records import ArticleRecord
from dateline.stages.events.args import ActorIndex
from dateline.stages.events.build import code_events
from dateline.stages.events.lexicon import load_lexicon
from dateline.stages.events.proposals import find_proposals

VERSION = "3"  # 2: conditions and demanded terms are not events; narrated threat + its quote merged
# 3: a denied intent ("no desire to offer", "is unwilling to accept", "declined to endorse") is negated


@register("events", version=VERSION, requires=("article", "doc"), produces=("events", "proposals"))
def make_events(config: Config) -> StageFn:
    lex = load_lexicon()

    def events(doc: Any, record: ArticleRecord) -> ArticleRecord:
        index = ActorIndex.of(record.actors, record.quotes)  # once per article, for the events and their proposals
        proposals, events = find_proposals(doc, record, code_events(doc, record, lex, index), index)
        return replace(record, events=events, proposals=proposals)

    return events
