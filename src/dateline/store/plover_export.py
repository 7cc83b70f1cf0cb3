"""Events as PLOVER JSON: one object per event, in the layout of the PLOVER gold records
(``id``, ``date``, ``source``/``target`` as ``[{actorText, code}]``, ``event``, ``mode``, ``context``,
``eventText``, ``text``), plus what dateline adds: the sector of each actor, CAMEO and ACLED codes,
the place with coordinates, the evidence offsets and the article it came from."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any, TextIO

from dateline import PIPELINE_VERSION
from dateline.records import ArticleRecord, Event, Place, to_json

PLOVER_VERSION = "NGEC-2025 (see dateline.stages.events)"


def plover_events(record: ArticleRecord) -> Iterator[dict[str, Any]]:
    """The record's events as PLOVER JSON objects, in the record's order."""
    places = {p.id: p for p in record.places}
    for event in record.events:
        yield _event_json(record, event, places.get(event.place_id or ""))


def write_plover(records: Iterable[ArticleRecord], out: TextIO) -> int:
    """One PLOVER JSON object per line; the number of events written."""
    count = 0
    for record in records:
        for obj in plover_events(record):
            out.write(json.dumps(obj, ensure_ascii=False) + "\n")
            count += 1
    return count


def _event_json(record: ArticleRecord, event: Event, place: Place | None) -> dict[str, Any]:
    article = record.article
    return {
        "id": event.id,
        "date": event.when.value if event.when else (article.published_at or "")[:10] or None,
        "date_from_text": event.when is not None,
        "source": _actors(record, event.source),
        "target": _actors(record, event.target),
        "event": event.type,
        "mode": event.mode or "",
        "context": ",".join(event.contexts),
        "eventText": event.evidence.text,
        "text": _sentence(article.text, event.evidence.start, event.evidence.end),
        "cameo": event.cameo,
        "acled": to_json(event.acled),
        "location": _place(place),
        "fatalities": to_json(event.fatalities),
        "evidence": to_json(event.evidence),
        "reported_in": event.reported_in,
        "proposal_id": event.proposal_id,
        "confidence": event.confidence,
        "article_id": article.id,
        "url": article.url,
        "publication": article.publisher,
        "published_at": article.published_at,
        "language": article.language,
        "coder": PIPELINE_VERSION,
        "version": PLOVER_VERSION,
    }


def _actors(record: ArticleRecord, actor_ids: list[str]) -> list[dict[str, Any]]:
    found = []
    for actor_id in actor_ids:
        actor = record.actor(actor_id)
        if actor is not None:
            found.append({"actorText": actor.name, "code": actor.country or "", "sector": actor.sector or "",
                          "kind": actor.kind, "actor_id": actor.id})
    return found


def _place(place: Place | None) -> dict[str, Any] | None:
    if place is None:
        return None
    return {"name": place.name, "place_id": place.id, "feature": place.feature, "country": place.country,
            "admin1": place.admin1, "lat": place.lat, "lon": place.lon, "precision": place.precision}


def _sentence(text: str, start: int, end: int) -> str:
    """The sentence-ish stretch around an evidence span (to the nearest full stops or line breaks)."""
    left = max(text.rfind(". ", 0, start), text.rfind("\n", 0, start))
    right_candidates = [i for i in (text.find(". ", end), text.find("\n", end)) if i != -1]
    right = min(right_candidates) + 1 if right_candidates else len(text)
    return text[left + 1 : right].strip()
