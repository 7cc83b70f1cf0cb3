"""The page's addresses: each serves the one HTML shell; ``static/app.js`` renders by path."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path
from fastapi.responses import FileResponse

from dateline.api.params import ID_PATTERN
from dateline.web import STATIC_DIR

router = APIRouter(include_in_schema=False)
PageId = Annotated[str, Path(pattern=ID_PATTERN)]


def _shell() -> FileResponse:
    return FileResponse(STATIC_DIR / "index.html", media_type="text/html")


@router.get("/")
def overview() -> FileResponse:
    return _shell()


@router.get("/search")
def search() -> FileResponse:
    return _shell()


@router.get("/article/{article_id}")
def article(article_id: PageId) -> FileResponse:
    return _shell()


@router.get("/actor/{actor_id}")
def actor(actor_id: PageId) -> FileResponse:
    return _shell()


@router.get("/proposal/{proposal_id}")
def proposal(proposal_id: PageId) -> FileResponse:
    return _shell()
