"""Response time of every page and API route with N synthetic-but-realistic articles stored.

    .venv/bin/python scripts/bench_web.py [--articles 2000] [--repeat 20] [--db PATH]

Fills an SQLite database with wire-style reports (actors quoted, places, dated events of many
types, stances on a handful of proposals that change over time), serves it with uvicorn on
127.0.0.1 and times each URL with a real HTTP client: the median and the worst of ``--repeat``
requests after one warm-up.  The target is < 300 ms per page.
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from pathlib import Path

import httpx

from dateline.api import create_app
from dateline.api.background import serve_in_background
from dateline.ingest import make_article
from dateline.records import (
    Actor,
    ArticleRecord,
    Cue,
    Event,
    EventType,
    Place,
    PlaceMention,
    Position,
    Proposal,
    Quote,
    Span,
    Speaker,
    Stance,
    TimeExpr,
    TimeValue,
    stable_id,
)
from dateline.store.sqlite import SQLiteStore

PEOPLE = [("Olena Marchenko", "UKR"), ("Pavel Volkov", "RUS"), ("Grace Hollis", "USA"), ("Amir Haddad", "QAT"),
          ("Lina Sørensen", "DNK"), ("Tomasz Wrona", "POL"), ("Hassan Idris", "SDN"), ("Mariam Khalil", "EGY"),
          ("Jean Morel", "FRA"), ("Kenji Arai", "JPN"), ("Sofia Reyes", "MEX"), ("Yusuf Demir", "TUR")]
PLACES = [("Kyiv", 50.45, 30.52, "UKR"), ("Kharkiv", 49.99, 36.23, "UKR"), ("Jeddah", 21.54, 39.17, "SAU"),
          ("Doha", 25.29, 51.53, "QAT"), ("Khartoum", 15.5, 32.56, "SDN"), ("Gaza", 31.5, 34.47, "PSE"),
          ("Geneva", 46.2, 6.14, "CHE"), ("Istanbul", 41.01, 28.98, "TUR"), ("Riyadh", 24.69, 46.72, "SAU"),
          ("Odesa", 46.48, 30.73, "UKR"), ("Cairo", 30.04, 31.24, "EGY"), ("Warsaw", 52.23, 21.01, "POL")]
PROPOSALS = ["30-day ceasefire", "prisoner exchange", "minerals deal", "energy truce", "humanitarian corridor"]
TYPES: list[EventType] = ["CONSULT", "ASSAULT", "AGREE", "REJECT", "ACCUSE", "AID", "THREATEN", "SANCTION"]
POSITIONS: list[Position] = ["support", "oppose", "conditional", "noncommittal"]
WORDS = ("talks", "delegation", "officials", "ceasefire", "front", "shelling", "aid", "convoy", "statement",
         "minister", "negotiators", "border", "agreement", "sanctions", "drones", "overnight")


def _span(text: str, needle: str) -> Span:
    start = text.index(needle)
    return Span.of(text, start, start + len(needle))


def synthetic(i: int, rng: random.Random) -> ArticleRecord:
    (name, country), (other, _) = rng.sample(PEOPLE, 2)
    place, lat, lon, pcountry = rng.choice(PLACES)
    label = rng.choice(PROPOSALS)
    day = f"2025-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    said = " ".join(rng.choice(WORDS) for _ in range(12))
    filler = " ".join(rng.choice(WORDS) for _ in range(rng.randint(150, 400)))
    text = (f"{name} said in {place} on {day} that the {label} must go ahead. \"We insist that {said},\" "
            f"{name} told reporters. {other} met delegates in {place}. {filler}.")
    article = make_article(text, title=f"{name} presses {label} in {place} (report {i})", publisher="Synthetic Wire",
                           published_at=f"{day}T12:00:00+00:00", url=f"https://example.org/synthetic/{i}")
    ids = [stable_id("actor", "person", n) for n in (name, other)]
    actors = [Actor(ids[0], name, "person", country, "GOV", [], [], [_span(text, name)], 0.9),
              Actor(ids[1], other, "person", None, "GOV", [], [], [_span(text, other)], 0.8)]
    when = TimeValue(day, "DATE", "day", _span(text, day), "dct")
    content = f"We insist that {said}"
    quote = Quote(stable_id("quote", article.id, 0), "direct", content, _span(text, content),
                  Speaker(ids[0], name, _span(text, name)), False, None, Cue("told", "tell", _span(text, "told")),
                  None, [], when, [], 0.9)
    pid = stable_id("place", place)
    places = [Place(pid, place, "city", pcountry, None, lat, lon, 1, [PlaceMention(_span(text, place), "location")],
                    0.9)]
    proposal_id = stable_id("proposal", label)
    proposals = [Proposal(proposal_id, label, "ceasefire", [ids[0]], [], [_span(text, label)], 0.8)]
    evidence = _span(text, f"met delegates in {place}")
    events = [Event(stable_id("event", article.id, k), rng.choice(TYPES), None, [], None, None, [ids[0]], [ids[1]],
                    pid, when, evidence, None, proposal_id, None, 0.7) for k in range(2)]
    stance = Stance(ids[0], proposal_id, rng.choice(POSITIONS), [], when, [quote.id], 0.8)
    times = [TimeExpr(stable_id("time", article.id), day, "DATE", "day", _span(text, day), "dct", 0.9)]
    return ArticleRecord(article, actors, [quote], times, places, events, proposals, [stance])


def fill(path: Path, n: int) -> None:
    rng = random.Random(7)
    store = SQLiteStore(path)
    try:
        for start in range(0, n, 200):
            store.write_batch([synthetic(i, rng) for i in range(start, min(n, start + 200))], [])
    finally:
        store.close()


def urls(client: httpx.Client) -> list[str]:
    article = client.get("/api/articles?limit=1").json()["items"][0]["id"]
    actor = client.get("/api/actors?limit=1").json()["items"][0]["id"]
    proposal = client.get("/api/proposals?limit=1").json()["items"][0]["id"]
    place = client.get("/api/places?limit=1").json()["items"][0]["id"]
    event = client.get("/api/events?limit=1").json()["items"][0]["record"]["id"]
    return ["/", "/static/js/app.js", "/static/vendor/countries-110m.json", "/api/stats",
            "/api/events/timeline?grain=day", "/api/places?with_events=true&limit=200", "/api/stories?limit=10",
            "/api/articles?limit=10", "/api/articles?limit=200&offset=1500", "/api/proposals?limit=10",
            f"/api/articles/{article}", f"/api/actors/{actor}", f"/api/proposals/{proposal}", f"/api/places/{place}",
            f"/api/events/{event}", "/api/actors?limit=50", "/api/events?limit=50",
            "/api/events?type=ASSAULT&country=UKR",
            "/api/events?bbox=20,40,40,55&since=2025-03-01&until=2025-06-30", "/api/search?q=ceasefire",
            "/api/search?q=minister%20delegation&kind=quotes"]


def time_url(client: httpx.Client, url: str, repeat: int) -> tuple[float, float]:
    client.get(url).raise_for_status()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        client.get(url).raise_for_status()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), max(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--db", type=Path, default=None, help="keep the filled database here")
    args = parser.parse_args()
    db = args.db or Path(tempfile.mkdtemp(prefix="dateline-bench-")) / "bench.db"
    started = time.perf_counter()
    fill(db, args.articles)
    print(f"filled {db} with {args.articles} articles in {time.perf_counter() - started:.1f} s")
    with serve_in_background(create_app(str(db))) as base, httpx.Client(base_url=base, timeout=30) as client:
        print(f"{'url':<70} {'median ms':>10} {'max ms':>8}")
        worst = 0.0
        for url in urls(client):
            median, most = time_url(client, url, args.repeat)
            worst = max(worst, median)
            print(f"{url[:70]:<70} {median:>10.1f} {most:>8.1f}")
    print(f"slowest median: {worst:.1f} ms (target < 300 ms)")


if __name__ == "__main__":
    main()
