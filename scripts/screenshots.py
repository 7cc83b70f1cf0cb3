"""Screenshots of each page (overview, article, actor, proposal, search) into docs/screenshots/.

    .venv/bin/python scripts/screenshots.py --db demo.db [--out docs/screenshots]

Serves the database on 127.0.0.1 (a free port) and drives Debian's chromium with Playwright.
The article shown is the search's best hit for ``--article-query`` (default: ceasefire).
"""

from __future__ import annotations

import argparse
from pathlib import Path
from urllib.parse import quote

import httpx
from playwright.sync_api import Page, sync_playwright

from dateline.api import create_app
from dateline.api.background import serve_in_background

ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync"]


def pages(base: str, article_query: str) -> dict[str, str]:
    with httpx.Client(base_url=base) as client:
        hits = client.get(f"/api/search?q={quote(article_query)}&kind=articles&limit=1").json()["articles"]["items"]
        article = hits[0]["id"] if hits else client.get("/api/articles?limit=1").json()["items"][0]["id"]
        record = client.get(f"/api/articles/{article}").json()
        speakers = [q["speaker"]["actor_id"] for q in record["quotes"] if q["speaker"] and q["speaker"]["actor_id"]]
        actor = speakers[0] if speakers else client.get("/api/actors?limit=1").json()["items"][0]["id"]
        proposals = [p["id"] for p in record["proposals"]] or [
            p["id"] for p in client.get("/api/proposals?limit=1").json()["items"]]
    shots = {"overview": "/", "article": f"/article/{article}", "actor": f"/actor/{actor}",
             "search": f"/search?q={quote(article_query)}"}
    if proposals:
        shots["proposal"] = f"/proposal/{proposals[0]}"
    return shots


def shoot(page: Page, url: str, out: Path) -> None:
    page.goto(url)
    page.wait_for_selector("body[data-ready='1']", timeout=15_000)
    if "/article/" in url and page.locator("#article-text .hl.speaker").count():
        page.locator("#article-text .hl.speaker").first.click()
    if "/proposal/" in url and page.locator("#matrix td.pos").count():
        page.locator("#matrix td.pos").first.click()
    page.screenshot(path=str(out))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--out", type=Path, default=Path("docs/screenshots"))
    parser.add_argument("--article-query", default="ceasefire")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    with serve_in_background(create_app(str(args.db))) as base, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        page = browser.new_page(viewport={"width": 1000, "height": 680})
        for name, path in pages(base, args.article_query).items():
            shoot(page, base + path, args.out / f"{name}.png")
            print(args.out / f"{name}.png")
        browser.close()


if __name__ == "__main__":
    main()
