"""Property: whatever bytes the readers get, only Articles or coded Skipped records come out."""

from __future__ import annotations

import gzip
import json
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dateline.ingest import Skipped
from dateline.ingest.sources import read_paths
from dateline.records import Article

CODES = {"E101", "E102", "E103", "E104", "E105", "E106", "E107"}
NAMES = ["a.txt", "a.html", "a.jsonl", "a.txt.gz", "a", "a.json", "a.md"]
LIMIT = 20_000
PAGE = ("<!DOCTYPE html><html><head><title>Talks in Riyadh</title>"
        '<meta property="article:published_time" content="2025-02-18T10:00:00+03:00"></head>'
        "<body><article><h1>Talks in Riyadh</h1><p>Russian and American officials met in Riyadh on "
        "Tuesday to discuss ending the war in Ukraine, the Saudi foreign ministry said.</p>"
        "<p>Sergei Lavrov and Marco Rubio led the delegations.</p></article></body></html>")
STORY = ("Talks in Riyadh\n\nPublished: February 18, 2025 10:00am\n\nRussian and American officials "
         "met in Riyadh on Tuesday to discuss ending the war in Ukraine.\n")
FAST = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def check(data: bytes, name: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder, name)
        path.write_bytes(gzip.compress(data) if name.endswith(".gz") else data)
        items = list(read_paths([path, folder], max_text_bytes=LIMIT))
    assert items, "every input gives at least one item"
    for item in items:
        assert isinstance(item, (Article, Skipped))
        if isinstance(item, Skipped):
            assert item.code in CODES and item.reason and item.path
        else:
            assert item.text.strip() and len(item.text.encode()) <= LIMIT


@FAST
@given(st.binary(max_size=2000), st.sampled_from(NAMES))
def test_random_bytes(data: bytes, name: str) -> None:
    check(data, name)


@FAST
@given(st.integers(min_value=0, max_value=len(PAGE)), st.sampled_from(["a.html", "a", "a.txt.gz"]))
def test_truncated_html(cut: int, name: str) -> None:
    check(PAGE[:cut].encode(), name)


@FAST
@given(st.sampled_from([STORY, PAGE, '{"text": "Envoys met.", "date": "2025-02-18"}\n']),
       st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-32", "cp1252", "latin-1",
                        "koi8-r", "shift_jis", "utf-7"]),
       st.sampled_from(NAMES))
def test_odd_encodings(text: str, encoding: str, name: str) -> None:
    check(text.replace("Riyadh", "Riyadh – «Ар-Рияд»").encode(encoding, errors="replace"), name)


@FAST
@given(st.integers(min_value=1, max_value=60_000), st.sampled_from(["x", "word ", "{", "<p>", "é"]),
       st.sampled_from(NAMES))
def test_huge_lines(size: int, unit: str, name: str) -> None:
    check((STORY + unit * size).encode(), name)


@FAST
@given(st.text(max_size=500), st.sampled_from(NAMES))
def test_random_text(text: str, name: str) -> None:
    check(text.encode("utf-8", errors="surrogatepass"), name)


ANY_TEXT = st.text(st.characters() | st.characters(categories=["Cs"]), max_size=60)  # lone surrogates too
JSON_VALUES = st.recursive(st.none() | st.booleans() | st.integers() | st.floats() | ANY_TEXT,
                           lambda inner: st.lists(inner, max_size=3) | st.dictionaries(ANY_TEXT, inner, max_size=3),
                           max_leaves=8)
KEYS = st.sampled_from(["text", "title", "url", "published_at", "date", "publisher", "source", "id",
                        "authors", "updated_at", "language"])


@FAST
@given(st.lists(st.dictionaries(KEYS, JSON_VALUES | ANY_TEXT, max_size=6), min_size=1, max_size=4))
def test_random_json_records(records: list[dict[str, object]]) -> None:
    check("\n".join(json.dumps(r) for r in records).encode(), "a.jsonl")
