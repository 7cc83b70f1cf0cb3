"""Hostile input gets a 4xx naming the parameter, and changes nothing in the database."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from api_corpus import build_db
from fastapi.testclient import TestClient

from dateline.api import create_app

SQLISH = "x' OR '1'='1"
HOSTILE = [
    ("/api/articles?limit=1000000000000000000000000", "limit"),
    ("/api/articles?limit=-1", "limit"),
    ("/api/articles?limit=abc", "limit"),
    ("/api/articles?offset=-5", "offset"),
    ("/api/articles?offset=99999999999", "offset"),
    ("/api/articles?since=yesterday", "since"),
    ("/api/articles?since=2025-02-30", "since"),
    ("/api/events?since=2025-03-20&until=2025-03-01", "until"),
    ("/api/events?type=DROP%20TABLE%20events", "type"),
    ("/api/events?country=UKR'%3B--", "country"),
    ("/api/events?actor=" + SQLISH, "actor"),
    ("/api/events?bbox=0,0,1", "bbox"),
    ("/api/events?bbox=a,b,c,d", "bbox"),
    ("/api/events?bbox=10,0,5,1", "bbox"),
    ("/api/events?bbox=0,-91,1,1", "bbox"),
    ("/api/events?context=%25", "context"),
    ("/api/events/timeline?grain=week", "grain"),
    ("/api/actors?kind=person'--", "kind"),
    ("/api/places?with_events=maybe", "with_events"),
    ("/api/search", "q"),
    ("/api/search?q=", "q"),
    ("/api/search?q=%00abc", "q"),
    ("/api/search?q=" + "a" * 201, "q"),
    ("/api/search?q=x&kind=users", "kind"),
    ("/api/articles/" + "a" * 300, "article_id"),
    ("/api/events?place=geonames:1'--", "place"),
    ("/api/actors/%27%20OR%201%3D1%20--", "actor_id"),
]


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_db(tmp_path_factory.mktemp("hostile") / "corpus.db")


@pytest.mark.parametrize(("url", "parameter"), HOSTILE)
def test_bad_parameters_get_a_400_naming_them(db: Path, url: str, parameter: str) -> None:
    with TestClient(create_app(str(db))) as client:
        response = client.get(url)
    assert response.status_code == 400, response.text
    assert response.json()["error"]["message"].startswith(f"{parameter}:")


def test_hostile_requests_change_nothing(db: Path) -> None:
    before = _digest(db)
    with TestClient(create_app(str(db))) as client:
        counts = client.get("/api/stats").json()["counts"]
        for url, _ in HOSTILE:
            assert 400 <= client.get(url).status_code < 500
        for url in ("/api/search?q=" + SQLISH, "/api/search?q=%22)%20OR%20*%20--", "/api/search?q=NEAR(a%20b)",
                    "/api/actors?name=%25%27%3B%20DELETE%20FROM%20actors%3B--"):
            response = client.get(url)
            assert response.status_code == 200 and response.json().get("articles", {"total": 0})["total"] == 0
        for path in ("/static/../../../etc/passwd", "/static/%2e%2e/%2e%2e/etc/passwd", "/article/../../etc/passwd",
                     "/api/articles/..%2F..%2Fetc%2Fpasswd", "/api/articles/%2e%2e"):
            assert client.get(path).status_code in (400, 404)
        assert client.post("/api/articles", content="text").status_code == 403
        assert client.put("/api/articles/x").status_code == 405
        assert client.get("/api/stats").json()["counts"] == counts
    assert _digest(db) == before


def test_a_read_only_app_cannot_write_even_through_the_store(db: Path) -> None:
    app = create_app(str(db))
    store = app.state.dateline.store
    with pytest.raises(Exception, match="readonly|read-only|query_only"):
        store.write_batch([], [__import__("dateline.store.base", fromlist=["SkipRecord"]).SkipRecord("p", "E1", "r")])
