"""Request parameters shared by the routes: paging, ids, dates, bounding boxes, search text."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import Path, Query

from dateline.api.errors import BadParameter

MAX_LIMIT = 200
MAX_OFFSET = 1_000_000

# Ids are written by dateline (``art:0123...``, ``geonames:123``): letters, digits and ``:._-``.
ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9:._\-]{0,199}$"
COUNTRY_PATTERN = r"^[A-Z]{3}$"

Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description=f"Items per page, 1 to {MAX_LIMIT}.")]
Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET, description="Items to pass over before this page.")]
Since = Annotated[date | None, Query(description="Only from this day on (YYYY-MM-DD).")]
Until = Annotated[date | None, Query(description="Only up to this day (YYYY-MM-DD), inclusive.")]
Country = Annotated[str | None, Query(pattern=COUNTRY_PATTERN, description="ISO 3166-1 alpha-3, e.g. UKR.")]
BBox = Annotated[str | None, Query(max_length=200, description="min_lon,min_lat,max_lon,max_lat in degrees.")]
SearchText = Annotated[str, Query(min_length=1, max_length=200, description="Words to find (all of them).")]


def record_id(description: str) -> object:
    return Path(pattern=ID_PATTERN, description=description)


def day(value: date | None) -> str | None:
    return value.isoformat() if value is not None else None


def date_range(since: date | None, until: date | None) -> tuple[str | None, str | None]:
    """The range as ISO days; a range that ends before it starts is a bad ``until``."""
    if since is not None and until is not None and until < since:
        raise BadParameter("until", f"{until.isoformat()} is before since={since.isoformat()}")
    return day(since), day(until)


def parse_bbox(text: str | None) -> tuple[float, float, float, float] | None:
    """``min_lon,min_lat,max_lon,max_lat`` as four floats, each in range, mins below maxes."""
    if text is None:
        return None
    parts = text.split(",")
    if len(parts) != 4:
        raise BadParameter("bbox", "give four numbers: min_lon,min_lat,max_lon,max_lat")
    try:
        west, south, east, north = (float(p) for p in parts)
    except ValueError:
        raise BadParameter("bbox", f"{text!r} holds something that is not a number") from None
    if not (-180 <= west <= east <= 180):
        raise BadParameter("bbox", "longitudes must be within -180..180 with min_lon <= max_lon")
    if not (-90 <= south <= north <= 90):
        raise BadParameter("bbox", "latitudes must be within -90..90 with min_lat <= max_lat")
    return west, south, east, north


def search_text(text: str) -> str:
    """The search words; control characters and empty queries are refused."""
    if any(ord(c) < 32 or 0xD800 <= ord(c) <= 0xDFFF for c in text):
        raise BadParameter("q", "control characters are not allowed")
    if not text.split():
        raise BadParameter("q", "give at least one word")
    return " ".join(text.split())
