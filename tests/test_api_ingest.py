"""POST /api/articles: only writable servers, only with the token, under the size limit, all or nothing."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from api_corpus import build_db
from fastapi.testclient import TestClient

from dateline.api import create_app
from dateline.errors import ConfigError

TOKEN = "s3cret-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
ARTICLE = {
    "title": "Envoys meet in Geneva on prisoner exchange",
    "published_at": "2025-04-02T10:00:00+00:00",
    "publisher": "Example Wire",
    "text": ("Negotiators from both sides met in Geneva on Wednesday to discuss a prisoner exchange. "
             "\"We hope to bring everyone home by May,\" the mediator Anna Keller told reporters."),
}


def writable(db: Path, raise_errors: bool = True, **kwargs: Any) -> TestClient:
    return TestClient(create_app(str(db), token=TOKEN, read_only=False, **kwargs),
                      raise_server_exceptions=raise_errors)


def counts(client: TestClient) -> dict[str, int]:
    result: dict[str, int] = client.get("/api/stats").json()["counts"]
    return result


def test_a_writable_app_needs_a_token() -> None:
    with pytest.raises(ConfigError):
        create_app(":memory:", read_only=False)


@pytest.mark.parametrize(("headers", "body", "status", "code"), [
    ({}, ARTICLE, 401, "E603"),
    ({"Authorization": "Bearer wrong"}, ARTICLE, 401, "E603"),
    ({"Authorization": f"Basic {TOKEN}"}, ARTICLE, 401, "E603"),
])
def test_writes_without_the_token_are_refused(tmp_path: Path, headers: dict[str, str], body: Any, status: int,
                                              code: str) -> None:
    with writable(build_db(tmp_path / "w.db")) as client:
        before = counts(client)
        response = client.post("/api/articles", json=body, headers=headers)
        assert response.status_code == status and response.json()["error"]["code"] == code
        assert counts(client) == before


def test_bad_bodies_are_refused_and_change_nothing(tmp_path: Path) -> None:
    with writable(build_db(tmp_path / "w.db"), max_body_bytes=2000) as client:
        before = counts(client)
        cases = [
            ({"content": "x" * 2001, "headers": {**AUTH, "Content-Type": "text/plain"}}, 413, "E605"),
            ({"content": b"<a/>", "headers": {**AUTH, "Content-Type": "image/png"}}, 415, "E606"),
            ({"content": b"{not json", "headers": {**AUTH, "Content-Type": "application/json"}}, 422, "E608"),
            ({"content": b"[1, 2]", "headers": {**AUTH, "Content-Type": "application/json"}}, 422, "E608"),
            ({"json": {"title": "no text"}, "headers": AUTH}, 422, "E608"),
            ({"content": b"\xff\xfe", "headers": {**AUTH, "Content-Type": "text/plain"}}, 422, "E608"),
            ({"content": b"   ", "headers": {**AUTH, "Content-Type": "text/plain"}}, 422, "E608"),
        ]
        for kwargs, status, code in cases:
            response = client.post("/api/articles", **kwargs)
            assert response.status_code == status, response.text
            assert response.json()["error"]["code"] == code
        assert counts(client) == before


def test_a_failed_write_leaves_nothing_behind(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from dateline.store.sqlite import SQLiteStore

    with writable(build_db(tmp_path / "w.db"), raise_errors=False) as client:
        before = counts(client)

        def failing(self: Any, row_set: Any) -> None:
            raise RuntimeError("disk on fire")

        monkeypatch.setattr(SQLiteStore, "_insert", failing)
        response = client.post("/api/articles", json=ARTICLE, headers=AUTH)
        assert response.status_code == 500 and response.json()["error"]["code"] == "E600"
        monkeypatch.undo()
        assert counts(client) == before


def test_an_article_goes_through_the_pipeline_into_the_store(tmp_path: Path) -> None:
    with writable(build_db(tmp_path / "w.db")) as client:
        response = client.post("/api/articles", content=json.dumps(ARTICLE),
                               headers={**AUTH, "Content-Type": "application/json; charset=utf-8"})
        assert response.status_code == 201, response.text
        body = response.json()
        record = client.get(body["url"]).json()
        assert record["article"]["title"] == ARTICLE["title"]
        assert any("bring everyone home" in q["text"] for q in record["quotes"])
        again = client.post("/api/articles", json=ARTICLE, headers=AUTH)
        assert again.status_code == 200 and again.json()["unchanged"] is True
        assert counts(client)["articles"] == 4


def test_an_article_stored_already_is_answered_without_running_the_pipeline(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from dateline.pipeline.runner import Pipeline

    with writable(build_db(tmp_path / "w.db"), raise_errors=False) as client:
        first = client.post("/api/articles", json=ARTICLE, headers=AUTH)
        assert first.status_code == 201, first.text
        record = client.get(first.json()["url"]).json()

        def no_nlp(self: Any, articles: Any) -> Any:
            raise AssertionError("the pipeline ran for an article stored already")

        monkeypatch.setattr(Pipeline, "process", no_nlp)
        again = client.post("/api/articles", content=ARTICLE["text"], headers={**AUTH, "Content-Type": "text/plain"})
        same = client.post("/api/articles", json=ARTICLE, headers=AUTH)
        assert same.status_code == 200, same.text
        assert same.json() == {**first.json(), "stored": False, "unchanged": True}
        assert client.get(first.json()["url"]).json() == record
        assert again.status_code == 500  # the patch bites: without the metadata it is another article, run anew
