"""The read routes under ``/api/``: thin, each one parameter check and one call into the queries."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Query

from dateline.api.errors import NotFound
from dateline.api.matrix import stance_matrix
from dateline.api.params import (
    ID_PATTERN,
    BBox,
    Country,
    Limit,
    Offset,
    SearchText,
    Since,
    Until,
    date_range,
    parse_bbox,
    record_id,
    search_text,
)
from dateline.api.state import ApiState, get_state
from dateline.records import ActorKind, EventType, ProposalKind, to_json
from dateline.store import api_queries as A
from dateline.store import queries as Q

router = APIRouter(prefix="/api")
State = Annotated[ApiState, Depends(get_state)]
Json = dict[str, Any]

_ERRORS: dict[int | str, dict[str, Any]] = {400: {"description": "A bad parameter (the message names it)"},
                                            404: {"description": "No record with that id"}}


@router.get("/stats", summary="Rows per table and events per type")
def stats(state: State) -> Json:
    result = state.read(Q.stats, 0)  # its top actors are not used: the ones below have aliases merged
    # actors and proposals counted once per canonical id (aliases merged), as the lists show them
    counts = {**result.counts, "actors": state.read(A.count_canonical, "actor"),
              "proposals": state.read(A.count_canonical, "proposal")}
    top = state.read(A.list_actors, A.ActorFilter(), 10, 0).items
    top_actors = [{"id": a["id"], "name": a["name"], "kind": a["kind"], "country": a["country"],
                   "mentions": a["mention_count"], "articles": a["article_count"]} for a in top if a["mention_count"]]
    return {"counts": counts, "events_by_type": result.events_by_type, "top_actors": top_actors, "runs": result.runs}


@router.get("/articles", summary="Articles, newest first", responses=_ERRORS)
def articles(state: State, limit: Limit = 50, offset: Offset = 0, since: Since = None, until: Until = None,
             publisher: Annotated[str | None, Query(max_length=200)] = None) -> Json:
    first, last = date_range(since, until)
    return state.read(A.list_articles, A.ArticleFilter(first, last, publisher), limit, offset).as_dict()


@router.get("/articles/{article_id}", summary="One article's whole record, every layer with its spans",
            responses=_ERRORS)
def article(state: State, article_id: Annotated[str, record_id("An article id (art:...)")]) -> Json:
    found = state.read(Q.get_record, article_id)
    if found is None:
        raise NotFound(f"no article with id {article_id!r}")
    result: Json = to_json(found)
    return result


@router.get("/actors", summary="Actors, most mentioned first", responses=_ERRORS)
def actors(state: State, limit: Limit = 50, offset: Offset = 0,
           name: Annotated[str | None, Query(max_length=200, description="Part of the name")] = None,
           kind: ActorKind | None = None, country: Country = None) -> Json:
    return state.read(A.list_actors, A.ActorFilter(name, kind, country), limit, offset).as_dict()


@router.get("/actors/{actor_id}", summary="One actor: its quotes, stances over time and events", responses=_ERRORS)
def actor(state: State, actor_id: Annotated[str, record_id("An actor id")],
          limit: Annotated[int, Query(ge=1, le=200, description="Quotes and events to include")] = 100) -> Json:
    found = state.read(Q.get_actor, actor_id)
    if found is None:
        raise NotFound(f"no actor with id {actor_id!r}")
    ids = state.read(A.actor_group, actor_id)  # the canonical first: every id merged with this one
    merged = [a for i in ids[1:] if (a := state.read(Q.get_actor, i)) is not None]
    view: Json = to_json(found)
    view["canonical_id"], view["ids"] = ids[0], ids
    view["aliases"] = [n for n in dict.fromkeys([*found.aliases, *(x for a in merged for x in (a.name, *a.aliases))])
                       if n != found.name]
    quotes, quote_total = state.read(A.actor_quotes, actor_id, limit)
    events, event_total = state.read(A.actor_events, actor_id, limit)
    return {"actor": view, "quotes": {"items": quotes, "total": quote_total},
            "stances": state.read(A.actor_stances, actor_id), "events": {"items": events, "total": event_total}}


@router.get("/proposals", summary="Proposals, most reported first", responses=_ERRORS)
def proposals(state: State, limit: Limit = 50, offset: Offset = 0, kind: ProposalKind | None = None) -> Json:
    return state.read(A.list_proposals, kind, limit, offset).as_dict()


@router.get("/proposals/{proposal_id}", summary="One proposal: who stands where, over time", responses=_ERRORS)
def proposal(state: State, proposal_id: Annotated[str, record_id("A proposal id")]) -> Json:
    found = state.read(Q.get_proposal, proposal_id)
    if found is None:
        raise NotFound(f"no proposal with id {proposal_id!r}")
    ids = state.read(A.proposal_group, proposal_id)  # the canonical first: the same proposal in other articles
    stances = state.read(A.proposal_stances, proposal_id)
    actor_ids = [s["record"]["actor_id"] for s in stances] + [s["actor_id"] for s in stances] + found.proposed_by
    names = state.read(A.names_of, "actors", actor_ids)
    view = {k: v for k, v in to_json(found).items() if k != "stances"}
    labels = state.read(A.names_of, "proposals", ids)
    view["canonical_id"], view["ids"] = ids[0], ids
    view["labels"] = sorted(set(labels.values()), key=lambda text: (len(text), text))
    # the matrix has one row per actor, its aliases merged (each stance keeps its own record)
    by_canonical = [{**s, "record": {**s["record"], "actor_id": s["actor_id"]}} for s in stances]
    return {"proposal": view, "stances": stances, "actor_names": names,
            "matrix": stance_matrix(by_canonical, names)}


def event_filter(
    type: EventType | None = None,
    actor: Annotated[str | None, Query(pattern=ID_PATTERN, description="Source or target actor id")] = None,
    country: Country = None,
    place: Annotated[str | None, Query(pattern=ID_PATTERN, description="A place id")] = None,
    bbox: BBox = None, since: Since = None, until: Until = None,
    context: Annotated[str | None, Query(pattern=r"^[a-z_]{1,40}$", description="A PLOVER context")] = None,
) -> A.EventFilter:
    """Filters of the event routes; ``country`` matches the event's place or any of its actors."""
    first, last = date_range(since, until)
    return A.EventFilter(type, actor, country, place, parse_bbox(bbox), first, last, context)


Events = Annotated[A.EventFilter, Depends(event_filter)]


@router.get("/events", summary="Event mentions, newest first, filtered", responses=_ERRORS)
def events(state: State, filters: Events, limit: Limit = 50, offset: Offset = 0) -> Json:
    return state.read(A.list_events, filters, limit, offset).as_dict()


@router.get("/events/timeline", summary="Event counts per type and day, month or year", responses=_ERRORS)
def timeline(state: State, filters: Events, grain: Literal["day", "month", "year"] = "day") -> Json:
    return {"grain": grain, "items": state.read(A.event_timeline, filters, grain)}


@router.get("/events/{event_id}", summary="One event: every article's report of it", responses=_ERRORS)
def event(state: State, event_id: Annotated[str, record_id("An event id")]) -> Json:
    reports = state.read(A.event_reports, event_id)
    if not reports:
        raise NotFound(f"no event with id {event_id!r}")
    return {"id": event_id, "reports": reports}


@router.get("/places", summary="Places, most eventful first", responses=_ERRORS)
def places(state: State, limit: Limit = 50, offset: Offset = 0, country: Country = None, bbox: BBox = None,
           with_events: bool = False) -> Json:
    flt = A.PlaceFilter(country, parse_bbox(bbox), with_events)
    return state.read(A.list_places, flt, limit, offset).as_dict()


@router.get("/places/{place_id}", summary="One place and the events there", responses=_ERRORS)
def place(state: State, place_id: Annotated[str, record_id("A place id (geonames:...)")],
          limit: Annotated[int, Query(ge=1, le=200)] = 100) -> Json:
    found = state.read(Q.get_place, place_id)
    if found is None:
        raise NotFound(f"no place with id {place_id!r}")
    page = state.read(A.list_events, A.EventFilter(place=place_id), limit, 0)
    return {"place": to_json(found), "events": {"items": page.items, "total": page.total}}


@router.get("/stories", summary="Stories: articles about the same happening", responses=_ERRORS)
def stories(state: State, limit: Limit = 50, offset: Offset = 0) -> Json:
    return state.read(A.list_stories, limit, offset).as_dict()


@router.get("/search", summary="Full-text search over articles and quotes", responses=_ERRORS)
def search(state: State, q: SearchText, limit: Limit = 20, offset: Offset = 0,
           kind: Literal["all", "articles", "quotes"] = "all") -> Json:
    words = search_text(q)
    result: Json = {"q": words}
    if kind in ("all", "articles"):
        result["articles"] = state.read(A.search_articles_page, words, limit, offset).as_dict()
    if kind in ("all", "quotes"):
        result["quotes"] = state.read(A.search_quotes_page, words, limit, offset).as_dict()
    return result
