"""The web page in a real browser (Debian's chromium via Playwright): overview -> article -> actor -> proposal."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from api_corpus import build_db

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync"]

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="no /usr/bin/chromium: run `make browser` (apt-get "
                                "install chromium) to run the browser tests")


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    from dateline.api import create_app
    from dateline.api.background import serve_in_background

    with serve_in_background(create_app(str(build_db(tmp_path_factory.mktemp("web") / "corpus.db")))) as url:
        yield url


@pytest.fixture(scope="module")
def page(base_url: str) -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        page = context.new_page()
        outside: list[str] = []
        page.on("request", lambda r: outside.append(r.url) if not r.url.startswith(base_url) else None)
        yield page
        browser.close()
        assert outside == [], f"the page loaded from outside the server: {outside}"


def _ready(page: Any) -> None:
    page.wait_for_selector("body[data-ready='1']", timeout=10_000)


def test_click_through_overview_article_actor_proposal(page: Any, base_url: str) -> None:
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(base_url + "/")
    _ready(page)
    assert "3 articles" in page.inner_text("#counts")
    assert page.locator("#timeline rect.bar").count() == 3
    assert page.locator("#map path.country").count() > 100
    assert page.locator("#map circle.place-dot").count() == 2

    page.click("#latest a:has-text('Ukraine backs 30-day ceasefire')")
    page.wait_for_url("**/article/**")
    _ready(page)
    assert page.inner_text("#article-title") == "Ukraine backs 30-day ceasefire after Jeddah talks"
    assert page.locator("#article-text .hl.quote").count() >= 1
    assert page.locator("#article-text .hl.place").count() >= 2
    assert page.locator("#article-map circle.place-dot").count() == 2
    page.locator("#article-text .hl.speaker").first.click()
    panel = page.locator("#record-panel")
    assert "We are ready to stop the guns" in panel.inner_text()
    assert "press_remarks" in panel.inner_text()

    panel.locator("a:has-text('Olena Marchenko')").first.click()
    page.wait_for_url("**/actor/**")
    _ready(page)
    assert page.inner_text("#actor-name") == "Olena Marchenko"
    assert page.locator("#stances td.pos-support").count() == 2
    assert "Our offer stands" in page.inner_text("#quotes")

    page.locator("#stances a:has-text('30-day ceasefire')").first.click()
    page.wait_for_url("**/proposal/**")
    _ready(page)
    assert page.inner_text("#proposal-label") == "30-day ceasefire"
    matrix = page.locator("#matrix")
    assert matrix.locator("td.pos-support").count() == 2
    assert matrix.locator("td.pos-oppose").count() == 1
    assert matrix.locator("td.pos-conditional").count() == 1
    matrix.locator("td.pos-conditional").click()
    evidence = page.inner_text("#evidence-panel")
    assert "A truce is possible if weapons deliveries stop" in evidence and "weapons deliveries stop" in evidence
    assert errors == []


def test_search_page_finds_quotes(page: Any, base_url: str) -> None:
    page.goto(base_url + "/")
    _ready(page)
    page.fill("#search-input", "truce")
    page.press("#search-input", "Enter")
    page.wait_for_url("**/search?q=truce")
    _ready(page)
    assert "A truce is possible" in page.inner_text("#quote-hits")
    assert "Moscow signals conditional openness" in page.inner_text("#article-hits")
