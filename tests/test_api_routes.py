"""The read API over a hand-built corpus: every route, paging, filters, the error shape."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from api_corpus import CEASEFIRE, JEDDAH, KHARKIV, MARCHENKO, VOLKOV, build_db, record_1
from fastapi.testclient import TestClient

from dateline.api import create_app
from dateline.records import to_json


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_db(tmp_path_factory.mktemp("api") / "corpus.db")


@pytest.fixture(scope="module")
def client(db: Path) -> Iterator[TestClient]:
    with TestClient(create_app(str(db))) as c:
        yield c


def get(client: TestClient, url: str, status: int = 200) -> Any:
    response = client.get(url)
    assert response.status_code == status, response.text
    return response.json()


def test_error_shape_is_pinned(client: TestClient) -> None:
    body = get(client, "/api/articles/art:nope", 404)
    assert body == {"error": {"code": "E602", "message": "no article with id 'art:nope'",
                              "hint": "ids come from the lists (/api/articles, /api/actors, ...) and from records"}}
    for url, status, code in (("/api/articles?limit=201", 400, "E601"), ("/api/nothing", 404, "E602"),
                              ("/api/events?since=2025-13-01", 400, "E601")):
        body = get(client, url, status)
        assert set(body) == {"error"} and set(body["error"]) == {"code", "message", "hint"}
        assert body["error"]["code"] == code
    response = client.delete("/api/articles")
    assert response.status_code == 405 and response.json()["error"]["code"] == "E607"


def test_articles_list_pages_newest_first(client: TestClient) -> None:
    page = get(client, "/api/articles?limit=2")
    assert page["total"] == 3 and page["limit"] == 2 and page["offset"] == 0
    assert [a["publisher"] for a in page["items"]] == ["Other Desk", "Example Wire"]
    rest = get(client, "/api/articles?limit=2&offset=2")
    assert [a["title"] for a in rest["items"]] == ["Ukraine backs 30-day ceasefire after Jeddah talks"]
    assert rest["items"][0]["quote_count"] == 1 and rest["items"][0]["event_count"] == 2
    assert get(client, "/api/articles?since=2025-03-14&until=2025-03-14")["total"] == 1
    assert get(client, "/api/articles?publisher=Other%20Desk")["total"] == 1


def test_one_article_is_its_whole_record_with_spans(client: TestClient) -> None:
    record = record_1()
    body = get(client, f"/api/articles/{record.article.id}")
    assert body == to_json(record)
    quote = body["quotes"][0]
    assert body["article"]["text"][quote["span"]["start"]:quote["span"]["end"]] == quote["text"]


def test_actors_list_and_actor_page(client: TestClient) -> None:
    page = get(client, "/api/actors")
    assert {a["name"] for a in page["items"]} == {"Olena Marchenko", "Pavel Volkov"}
    assert get(client, "/api/actors?name=volk")["items"][0]["id"] == VOLKOV
    assert get(client, "/api/actors?country=UKR")["total"] == 1
    assert get(client, "/api/actors?kind=state")["total"] == 0
    body = get(client, f"/api/actors/{VOLKOV}")
    assert body["actor"]["name"] == "Pavel Volkov" and body["actor"]["article_count"] == 2
    assert [q["record"]["text"] for q in body["quotes"]["items"]] == ["A truce is possible if weapons deliveries stop"]
    assert [s["record"]["position"] for s in body["stances"]] == ["oppose", "conditional"]
    assert {e["record"]["type"] for e in body["events"]["items"]} == {"CONSULT", "REJECT"}


def test_proposal_page_has_the_stance_matrix(client: TestClient) -> None:
    assert get(client, "/api/proposals")["items"][0]["stance_count"] == 4
    assert get(client, "/api/proposals?kind=trade")["total"] == 0
    body = get(client, f"/api/proposals/{CEASEFIRE}")
    matrix = body["matrix"]
    assert [a["name"] for a in matrix["actors"]] == ["Olena Marchenko", "Pavel Volkov"]
    assert matrix["days"] == ["2025-03-11", "2025-03-14", "2025-03-17"]
    cells = {(c["actor_id"], c["day"]): [s["position"] for s in c["stances"]] for c in matrix["cells"]}
    assert cells == {(MARCHENKO, "2025-03-11"): ["support"], (VOLKOV, "2025-03-11"): ["oppose"],
                     (VOLKOV, "2025-03-14"): ["conditional"], (MARCHENKO, "2025-03-17"): ["support"]}
    first = next(c for c in matrix["cells"] if c["actor_id"] == MARCHENKO)["stances"][0]
    assert first["quotes"][0]["text"].startswith("We are ready to stop the guns")


@pytest.mark.parametrize(("query", "types"), [
    ("", {"CONSULT", "REJECT", "ASSAULT"}),
    ("type=ASSAULT", {"ASSAULT"}),
    (f"actor={VOLKOV}", {"CONSULT", "REJECT"}),
    ("country=UKR", {"CONSULT", "REJECT", "ASSAULT"}),
    ("country=SAU", {"CONSULT"}),
    (f"place={JEDDAH}", {"CONSULT"}),
    ("bbox=30,40,40,55", {"ASSAULT"}),
    ("since=2025-03-12", {"ASSAULT"}),
    ("until=2025-03-11", {"CONSULT", "REJECT"}),
    ("context=military", {"ASSAULT"}),
    ("context=negated", set()),
])
def test_event_filters(client: TestClient, query: str, types: set[str]) -> None:
    page = get(client, f"/api/events?{query}")
    assert {e["record"]["type"] for e in page["items"]} == types
    assert page["total"] == len(page["items"])


def test_event_timeline_and_one_event(client: TestClient) -> None:
    items = get(client, "/api/events/timeline?grain=month")["items"]
    assert {(i["period"], i["type"], i["count"]) for i in items} == {
        ("2025-03", "CONSULT", 1), ("2025-03", "REJECT", 1), ("2025-03", "ASSAULT", 1)}
    event_id = get(client, "/api/events?type=ASSAULT")["items"][0]["record"]["id"]
    body = get(client, f"/api/events/{event_id}")
    assert body["reports"][0]["place"]["name"] == "Kharkiv"


def test_places_and_one_place(client: TestClient) -> None:
    page = get(client, "/api/places")
    assert page["total"] == 3
    assert {p["name"] for p in get(client, "/api/places?with_events=true")["items"]} == {"Jeddah", "Kharkiv"}
    assert [p["name"] for p in get(client, "/api/places?bbox=20,45,40,55&country=UKR")["items"]] == ["Kharkiv", "Kyiv"]
    body = get(client, f"/api/places/{KHARKIV}")
    assert body["place"]["lat"] == 49.99 and body["events"]["total"] == 1


def test_stories_are_empty_until_built_then_listed(client: TestClient, tmp_path: Path) -> None:
    assert get(client, "/api/stories") == {"items": [], "total": 0, "limit": 50, "offset": 0}
    db = build_db(tmp_path / "stories.db")
    import sqlite3

    conn = sqlite3.connect(db)
    ids = [row[0] for row in conn.execute("SELECT id FROM articles ORDER BY published_at")]
    conn.execute("CREATE TABLE IF NOT EXISTS stories (story_id TEXT, article_id TEXT, added_at TEXT)")
    conn.executemany("INSERT INTO stories (story_id, article_id, added_at) VALUES ('story:1', ?, '2025-03-20')",
                     [(i,) for i in ids[:2]])
    conn.commit()
    conn.close()
    with TestClient(create_app(str(db))) as other:
        page = get(other, "/api/stories")
    assert page["total"] == 1 and [a["id"] for a in page["items"][0]["articles"]] == ids[:2]


def test_search_articles_and_quotes(client: TestClient) -> None:
    body = get(client, "/api/search?q=weapons%20deliveries")
    assert body["quotes"]["total"] == 1 and body["quotes"]["items"][0]["record"]["speaker"]["actor_id"] == VOLKOV
    assert body["articles"]["items"][0]["title"] == "Moscow signals conditional openness to truce"
    only = get(client, "/api/search?q=ceasefire&kind=articles&limit=1")
    assert set(only) == {"q", "articles"} and only["articles"]["total"] == 3 and len(only["articles"]["items"]) == 1


def test_stats_and_openapi_list_every_route(client: TestClient) -> None:
    assert get(client, "/api/stats")["counts"]["articles"] == 3
    paths = set(get(client, "/openapi.json")["paths"])
    assert {"/api/articles", "/api/articles/{article_id}", "/api/actors", "/api/actors/{actor_id}", "/api/proposals",
            "/api/proposals/{proposal_id}", "/api/events", "/api/events/timeline", "/api/events/{event_id}",
            "/api/places", "/api/places/{place_id}", "/api/stories", "/api/search", "/api/stats"} <= paths


def test_pages_are_served_without_outside_resources(client: TestClient) -> None:
    for url in ("/", "/search?q=x", f"/article/{record_1().article.id}", f"/actor/{VOLKOV}", f"/proposal/{CEASEFIRE}"):
        response = client.get(url)
        assert response.status_code == 200 and "<main" in response.text
        assert "default-src 'self'" in response.headers["content-security-policy"]
        assert "http://" not in response.text and "https://" not in response.text
    assert client.get("/static/vendor/countries-110m.json").status_code == 200


def test_stance_matrix_days_are_in_calendar_order() -> None:
    from dateline.api.matrix import chronological

    days = ["undated", "2025-W10", "2025-03-11", "2024", "2025-05-20", "2025-Q1", "2025-03"]
    assert sorted(days, key=chronological) == ["2024", "2025-Q1", "2025-03", "2025-W10", "2025-03-11",
                                               "2025-05-20", "undated"]
