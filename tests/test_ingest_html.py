"""The HTML reader: trafilatura body and metadata, dates with their zone, furniture and repeats."""

from __future__ import annotations

from pathlib import Path

import pytest

from dateline.errors import EmptyInput
from dateline.ingest import Skipped
from dateline.ingest.html import page_dates, read_html
from dateline.ingest.sources import read_paths
from dateline.records import Article

LEDE = "The Sudanese Armed Forces said on Friday they had taken the Republican Palace from the Rapid Support Forces."
BODY = [
    "Army spokesman Nabil Abdallah said troops had seized the palace compound in central Khartoum after "
    "days of fighting, and that RSF fighters had fled toward the south of the city.",
    "The Rapid Support Forces, led by Mohamed Hamdan Dagalo, had held the palace since the war began in "
    "April 2023. The group did not immediately comment on the army's claim.",
    "The United Nations says the conflict has displaced more than 12 million people and created the "
    "world's largest humanitarian crisis.",
]


def page(head_extra: str = "") -> str:
    paragraphs = "\n".join(f"<p>{p}</p>" for p in [LEDE, *BODY])
    return f"""<!DOCTYPE html><html lang="en"><head>
<title>Sudan's army retakes presidential palace in Khartoum | Nile Wire</title>
<meta property="og:title" content="Sudan's army retakes presidential palace in Khartoum">
<meta property="og:site_name" content="Nile Wire">
<meta name="author" content="Amira Hassan">
<meta name="description" content="{LEDE}">
{head_extra}
</head><body>
<nav><a href="/">Home</a> | <a href="/world">World</a> | <a href="/africa">Africa</a></nav>
<article><h1>Sudan's army retakes presidential palace in Khartoum</h1>
<p class="byline">By Amira Hassan</p>
{paragraphs}
</article>
<aside><p>Sign up for our newsletter to get the Nile Wire briefing every morning.</p></aside>
<footer><p>&copy; 2025 Nile Wire. All rights reserved.</p></footer>
</body></html>"""


ZONED = ('<meta property="article:published_time" content="2025-03-21T09:30:00+02:00">'
         '<meta property="article:modified_time" content="2025-03-21T14:05:00+02:00">')


def test_metadata_and_zoned_dates() -> None:
    article = read_html(page(ZONED), path="p.html")
    assert article.title == "Sudan's army retakes presidential palace in Khartoum"
    assert article.publisher == "Nile Wire"
    assert article.authors == ["Amira Hassan"]
    assert (article.published_at, article.published_tz_known) == ("2025-03-21T09:30:00+02:00", True)
    assert article.updated_at == "2025-03-21T14:05:00+02:00"


def test_body_without_furniture_or_repeats() -> None:
    article = read_html(page(ZONED), path="p.html")
    assert article.subtitle == LEDE
    assert article.text == "\n\n".join(BODY)


def test_json_ld_and_htmldate_fallback() -> None:
    ld = ('<script type="application/ld+json">{"@type": "NewsArticle", '
          '"datePublished": "2025-03-21T07:30:00Z"}</script>')
    published, updated = page_dates(page(ld))
    assert published is not None and published.value == "2025-03-21T07:30:00+00:00" and published.tz_known
    assert updated is None
    dated = page('<meta name="date" content="March 21, 2025">')
    stamp, _ = page_dates(dated)
    assert stamp is not None and (stamp.value, stamp.tz_known) == ("2025-03-21", False)


def test_page_without_text_is_empty_input() -> None:
    with pytest.raises(EmptyInput):
        read_html("<html><head><title>x</title></head><body><nav>Home</nav></body></html>", path="e.html")


def test_sniffed_without_extension(tmp_path: Path) -> None:
    (tmp_path / "saved_page").write_text(page(ZONED), encoding="utf-8")
    [article] = list(read_paths([tmp_path / "saved_page"], max_text_bytes=5_000_000))
    assert isinstance(article, Article) and article.publisher == "Nile Wire"


def test_markup_that_breaks_the_extractor_is_a_coded_skip(tmp_path: Path) -> None:
    (tmp_path / "broken.html").write_text("<svg><p><html>", encoding="utf-8")
    [item] = list(read_paths([tmp_path / "broken.html"], max_text_bytes=5_000_000))
    assert isinstance(item, Skipped) and item.code == "E106"
    assert item.path == str(tmp_path / "broken.html")
