"""A proposal's stance matrix: actors by day, each cell the stances held then, with their evidence."""

from __future__ import annotations

from typing import Any


def stance_matrix(stances: list[dict[str, Any]], names: dict[str, str]) -> dict[str, Any]:
    """Rows: actors in order of first stance; columns: days in order; a cell keeps every stance of
    that actor on that day (conflicting reports stay side by side)."""
    cells: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for item in stances:
        record = item["record"]
        key = (record["actor_id"], item["day"] or "undated")
        cells.setdefault(key, []).append(_entry(item))
    actors = list(dict.fromkeys(actor for actor, _ in cells))
    days = sorted({day for _, day in cells})
    return {
        "actors": [{"id": a, "name": names.get(a, a)} for a in actors],
        "days": days,
        "cells": [{"actor_id": a, "day": d, "stances": entries} for (a, d), entries in cells.items()],
    }


def _entry(item: dict[str, Any]) -> dict[str, Any]:
    record = item["record"]
    spans = [e for e in record["evidence"] if isinstance(e, dict)]
    return {"position": record["position"], "conditions": record["conditions"], "confidence": record["confidence"],
            "article_id": item["article_id"], "article_title": item["article_title"],
            "quotes": item.get("evidence_quotes", []), "spans": spans}
