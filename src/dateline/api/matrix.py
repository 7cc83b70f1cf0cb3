"""A proposal's stance matrix: actors by day, each cell the stances held then, with their evidence."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

_TIMEX = re.compile(r"^(\d{4})(?:-(?:(\d{2})(?:-(\d{2}))?|W(\d{2})|Q([1-4])))?")


def stance_matrix(stances: list[dict[str, Any]], names: dict[str, str]) -> dict[str, Any]:
    """Rows: actors in order of first stance; columns: days in order; a cell keeps every stance of
    that actor on that day (conflicting reports stay side by side)."""
    cells: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for item in stances:
        record = item["record"]
        key = (record["actor_id"], item["day"] or "undated")
        cells.setdefault(key, []).append(_entry(item))
    actors = list(dict.fromkeys(actor for actor, _ in cells))
    days = sorted({day for _, day in cells}, key=chronological)
    return {
        "actors": [{"id": a, "name": names.get(a, a)} for a in actors],
        "days": days,
        "cells": [{"actor_id": a, "day": d, "stances": entries} for (a, d), entries in cells.items()],
    }


def chronological(value: str) -> tuple[dt.date, int, str]:
    """Sort key for TIMEX3 day values: by the first day they cover ("2025-W10" is 2025-03-03), coarser
    first on the same day; values with no date ("undated", PAST_REF) last."""
    found = _TIMEX.match(value)
    if found is None:
        return dt.date.max, 0, value
    year, month, day, week, quarter = found.groups()
    try:
        if week:
            start = dt.date.fromisocalendar(int(year), int(week), 1)
        else:
            first_month = int(month) if month else (3 * int(quarter) - 2 if quarter else 1)
            start = dt.date(int(year), first_month, int(day) if day else 1)
    except ValueError:
        return dt.date.max, 0, value
    return start, len(value), value


def _entry(item: dict[str, Any]) -> dict[str, Any]:
    record = item["record"]
    spans = [e for e in record["evidence"] if isinstance(e, dict)]
    return {"position": record["position"], "conditions": record["conditions"], "confidence": record["confidence"],
            "article_id": item["article_id"], "article_title": item["article_title"],
            "quotes": item.get("evidence_quotes", []), "spans": spans}
