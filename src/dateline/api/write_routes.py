"""``POST /api/articles``: one article in (text, HTML or a JSON object), processed and stored in one
transaction.  Only on a server started writable, only with the bearer token, only under the size limit."""

from __future__ import annotations

import hmac
import json
import threading
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import JSONResponse

from dateline.api.errors import (
    ArticleRejected,
    PayloadTooLarge,
    ReadOnly,
    Unauthorized,
    UnsupportedMedia,
)
from dateline.api.state import ApiState, get_state
from dateline.errors import InputError
from dateline.records import Article

router = APIRouter(prefix="/api")
_PIPELINE_LOCK = threading.Lock()

_BODY_DOC: dict[str, Any] = {
    "required": True,
    "content": {
        "application/json": {"schema": {"type": "object", "required": ["text"], "properties": {
            "text": {"type": "string"}, "title": {"type": "string"}, "url": {"type": "string"},
            "publisher": {"type": "string"}, "published_at": {"type": "string"},
            "authors": {"type": "array", "items": {"type": "string"}}}}},
        "text/plain": {"schema": {"type": "string"}},
        "text/html": {"schema": {"type": "string"}},
    },
}
_RESPONSES: dict[int | str, dict[str, Any]] = {
    401: {"description": "No or wrong bearer token"}, 403: {"description": "The server is read-only"},
    413: {"description": "Body over the size limit"}, 415: {"description": "Not text, HTML or JSON"},
    422: {"description": "The article cannot be read or processed"},
}


def _authorized(request: Request, state: ApiState) -> None:
    if state.read_only or not state.token:
        raise ReadOnly("this server is read-only: POST /api/articles is off")
    given = request.headers.get("authorization", "")
    scheme, _, token = given.partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(token.strip().encode(), state.token.encode()):
        raise Unauthorized("a valid bearer token is needed to add articles")


async def _body(request: Request, limit: int) -> bytes:
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise PayloadTooLarge(f"{declared} bytes, over the limit of {limit}")
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise PayloadTooLarge(f"more than the limit of {limit} bytes")
        chunks.append(chunk)
    return b"".join(chunks)


def _article(body: bytes, media: str, max_text_bytes: int) -> Article:
    from dateline.ingest.html import read_html
    from dateline.ingest.jsonl import article_from_object
    from dateline.ingest.text import read_text

    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        raise ArticleRejected("the body is not UTF-8") from None
    try:
        if media == "application/json":
            return article_from_object(_object(text), where="POST /api/articles", max_text_bytes=max_text_bytes)
        if not text.strip():
            raise ArticleRejected("the body is empty")
        article = read_html(text, path="POST") if media == "text/html" else read_text(text, path="POST")
    except InputError as exc:
        raise ArticleRejected(f"{exc.message} [{exc.code}]") from None
    return article


def _object(text: str) -> dict[str, Any]:
    try:
        obj = json.loads(text)
    except (json.JSONDecodeError, RecursionError):
        raise ArticleRejected("the body is not valid JSON") from None
    if not isinstance(obj, dict):
        raise ArticleRejected(f"the body is a JSON {type(obj).__name__}, not an object")
    return obj


def _media(request: Request) -> str:
    media = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if media not in ("application/json", "text/plain", "text/html"):
        raise UnsupportedMedia(f"Content-Type {media or '(none)'!r} is not accepted")
    return media


def _store(state: ApiState, article: Article) -> dict[str, Any]:
    """Write the article's record (or its skip) in one transaction, processing it outside the store lock.

    An article already stored by this pipeline (same content, so the same id, and same fingerprint) is answered
    from the store: nothing is run, the run log counts it unchanged."""
    from dateline.store.base import run_stamp

    stages, stamp = run_stamp(state.config)
    with state.lock:
        stored = state.store.has_article(article.id, stamp)
        if stored:
            return _ingest(state, article, [], stamp, stages)
    with _PIPELINE_LOCK:
        results = list(state.pipeline().process([article]))
    with state.lock:
        return _ingest(state, article, results, stamp, stages)


def _ingest(state: ApiState, article: Article, results: list[Any], stamp: str, stages: list[str]) -> dict[str, Any]:
    """One ingest run of the article, with its results computed already (none: it is stored and unchanged)."""
    from dateline.store.loader import ingest

    summary = ingest([article], state.store, lambda todo: results if todo else [], batch_size=1,
                     fingerprint=stamp, model=state.config.model, stages=stages)
    if summary.skipped:
        raise ArticleRejected(summary.skipped[0].reason)
    return {"article_id": article.id, "stored": summary.stored == 1, "unchanged": summary.unchanged == 1,
            "url": f"/api/articles/{article.id}"}


@router.post("/articles", summary="Add one article (needs the bearer token; the server must be writable)",
             status_code=201, openapi_extra={"requestBody": _BODY_DOC}, responses=_RESPONSES)
async def add_article(request: Request, state: Annotated[ApiState, Depends(get_state)]) -> JSONResponse:
    from starlette.concurrency import run_in_threadpool

    _authorized(request, state)
    media = _media(request)
    body = await _body(request, state.max_body_bytes)
    article = _article(body, media, state.config.max_text_bytes)
    result = await run_in_threadpool(_store, state, article)
    return JSONResponse(result, status_code=201 if result["stored"] else 200)
