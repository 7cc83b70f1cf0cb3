"""The embedded demo corpus: it reads cleanly, covers the contract, and runs through the pipeline."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from dateline.config import load_config
from dateline.ingest.sources import read_paths
from dateline.records import Article, ArticleRecord, Span

CORPUS = Path(__file__).resolve().parents[1] / "examples" / "corpus"
ARTICLE_FILES = sorted(p for p in CORPUS.iterdir() if p.suffix in (".txt", ".html", ".jsonl"))


@pytest.fixture(scope="module")
def articles() -> list[Article]:
    items = list(read_paths(ARTICLE_FILES, max_text_bytes=5_000_000))
    skipped = [i for i in items if not isinstance(i, Article)]
    assert not skipped, skipped
    return [i for i in items if isinstance(i, Article)]


def test_corpus_has_the_promised_files() -> None:
    suffixes = [p.suffix for p in ARTICLE_FILES]
    assert suffixes.count(".txt") >= 18 and suffixes.count(".html") == 2 and suffixes.count(".jsonl") == 1
    readme = (CORPUS / "README.md").read_text(encoding="utf-8")
    assert "CC0" in readme and "original texts" in readme


def test_every_article_reads_with_title_date_and_a_short_body(articles: list[Article]) -> None:
    assert len(articles) == len(ARTICLE_FILES) - 1 + 3  # the JSONL file holds three
    for article in articles:
        words = len(article.text.split())
        assert article.title and article.published_at, article.source_path
        assert 180 <= words <= 450, (article.source_path, words)
        assert "Published:" not in article.text and article.title not in article.text
    zones = {a.published_tz_known for a in articles}
    assert zones == {True, False}, "the corpus mixes stamps with and without a time zone"


def test_html_pages_lose_their_furniture(articles: list[Article]) -> None:
    pages = [a for a in articles if (a.source_path or "").endswith(".html")]
    assert len(pages) == 2
    for page in pages:
        assert page.authors and page.publisher and page.published_tz_known
        for furniture in ("Sign in", "Subscribe", "Newsletters", "Most read", "Cookies", "Privacy", "©"):
            assert furniture not in page.text, (page.source_path, furniture)


# What the corpus promises to exercise, as surface patterns in the article bodies.
COVERAGE = {
    "direct quote": r"\"[^\"]{20,}\"\s*,?\s*(?:he|she|[A-Z]\w+) (?:said|wrote|told)",
    "mixed quote": r"(?:wrote|said)\b[^\".]{0,40} that [^\".]{5,}\"[^\"]+\"",
    "anonymous source": r"(?:person|official|diplomat) (?:familiar with|who asked not to be named|"
                        r"speaking on condition of anonymity|, who)",
    "pronoun speaker": r"\b(?:he|she) said\b",
    "social media": r"on (?:X|Telegram|Truth Social)\b",
    "relay": r"(?:according to (?:Reuters|the state news agency)|told (?:NBC News|CNN|Fox News))",
    "interview or briefing": r"(?:interview|news conference|told reporters|on (?:Russian|national|state) television)",
    "weekday": r"\bon (?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b",
    "relative time": r"\b(?:last week|last year|last month|days later)\b",
    "explicit past date": r"\bin September 2014\b",
    "since": r"\bsince 2014\b",
    "duration": r"\b30-day\b",
    "oblast or region": r"\b(?:Kursk Oblast|Sumy region|North Darfur)\b",
    "metonymy": r"\b(?:Moscow|Kyiv|the Kremlin|Washington) (?:said|has said|dismissed|rejected)\b",
    "fatalities": r"\bkill(?:ed|ing) at least \d+",
    "conditional": r"\bonly if\b",
    "threat": r"\bthreat(?:en|ened)\b",
    "sanction": r"\bsanction(?:s|ed)\b",
    "retreat": r"\b(?:pulling back|withdr[ae]w|pull(?:ed)? out)\b",
    "protest": r"\bprotest(?:ed)?\b",
    "mobilize": r"\bcalled up\b",
    "aid": r"\b(?:humanitarian aid|security assistance|military aid)\b",
}


@pytest.mark.parametrize("feature", sorted(COVERAGE))
def test_corpus_covers(feature: str, articles: list[Article]) -> None:
    pattern = re.compile(COVERAGE[feature])
    assert any(pattern.search(a.text) for a in articles), feature


def spans_in(value: object) -> Iterator[Span]:
    """Every Span nested anywhere in a record."""
    if isinstance(value, Span):
        yield value
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for f in dataclasses.fields(value):
            yield from spans_in(getattr(value, f.name))
    elif isinstance(value, list | tuple):
        for item in value:
            yield from spans_in(item)


def test_corpus_runs_through_the_configured_pipeline(articles: list[Article]) -> None:
    from dateline.pipeline.runner import Pipeline

    pipeline = Pipeline(load_config())
    records = list(pipeline.process(articles))
    failures = [r for r in records if not isinstance(r, ArticleRecord)]
    assert not failures, failures
    produced = {layer for spec in pipeline.specs for layer in spec.produces}
    for record in records:
        assert isinstance(record, ArticleRecord)
        bad = [s for s in spans_in(record) if not s.valid_in(record.article.text)]
        assert not bad, (record.article.source_path, bad[:3])
    for layer in sorted(produced & {f.name for f in dataclasses.fields(ArticleRecord)}):
        assert any(getattr(r, layer) for r in records), f"no {layer} found anywhere in the demo corpus"
