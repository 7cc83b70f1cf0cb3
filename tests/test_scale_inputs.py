"""Inputs at scale: WARC files (plain and gzipped per record) through the usual read_paths."""

from __future__ import annotations

from io import BytesIO
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from dateline.ingest import Skipped
from dateline.ingest.sources import read_paths
from dateline.records import Article

PAGE = """<!doctype html><html lang="en"><head><title>Envoys meet in Geneva</title>
<meta property="article:published_time" content="2025-03-14T08:30:00+01:00"></head><body>
<nav>Home | World | Europe</nav><article><h1>Envoys meet in Geneva</h1>
<p>GENEVA (Wire) - Envoys from both sides met in Geneva on Friday for a second round of talks on a
prisoner exchange, officials said, and agreed to meet again within two weeks.</p>
<p>The talks were hosted by the Swiss foreign ministry, which said the atmosphere had been constructive
and that both delegations had presented lists of names for the first exchange.</p>
</article><footer>Support our journalism</footer></body></html>"""


def _response(writer: WARCWriter, uri: str, body: bytes, status: str = "200 OK",
              kind: str = "text/html; charset=utf-8") -> None:
    headers = StatusAndHeaders(status, [("Content-Type", kind)], protocol="HTTP/1.1")
    writer.write_record(writer.create_warc_record(uri, "response", payload=BytesIO(body), length=len(body),
                                                  http_headers=headers))


def _warc(path: Path, gzip: bool) -> Path:
    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=gzip)
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "dateline tests"}))
        request = b"GET /geneva HTTP/1.1\r\n\r\n"
        writer.write_record(writer.create_warc_record("https://news.example/geneva", "request",
                                                      payload=BytesIO(request), length=len(request)))
        _response(writer, "https://news.example/geneva", PAGE.encode())
        _response(writer, "https://news.example/gone", b"", status="404 Not Found")
        _response(writer, "https://news.example/map.png", b"\x89PNG\r\n", kind="image/png")
    return path


@pytest.mark.parametrize(("name", "gzip"), [("crawl.warc", False), ("crawl.warc.gz", True), ("crawl.bin", False)])
def test_html_responses_become_articles_and_other_responses_skips(tmp_path: Path, name: str, gzip: bool) -> None:
    items = list(read_paths([_warc(tmp_path / name, gzip)], max_text_bytes=100_000))
    articles = [i for i in items if isinstance(i, Article)]
    skipped = [i for i in items if isinstance(i, Skipped)]
    assert len(articles) == 1 and len(skipped) == 2
    article = articles[0]
    assert article.title == "Envoys meet in Geneva" and article.url == "https://news.example/geneva"
    assert article.text.startswith("GENEVA (Wire)") and "Support our journalism" not in article.text
    assert article.source_path == f"{tmp_path / name}#https://news.example/geneva"
    assert [(s.code, s.path.rsplit("#", 1)[1]) for s in skipped] == [
        ("E105", "https://news.example/gone"), ("E105", "https://news.example/map.png")]
    assert "404" in skipped[0].reason and "image/png" in skipped[1].reason


def test_a_corrupt_warc_is_one_skip(tmp_path: Path) -> None:
    path = tmp_path / "broken.warc"
    path.write_bytes(b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 99999\r\n\r\n<html>cut")
    items = list(read_paths([path], max_text_bytes=100_000))
    assert len(items) == 1 and isinstance(items[0], Skipped) and items[0].path.startswith(str(path))
