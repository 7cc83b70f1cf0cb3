"""read_paths: folders, gzip, JSONL, stdin, encodings, and the coded reasons for bad inputs."""

from __future__ import annotations

import gzip
import io
import json
import sys
from pathlib import Path

import pytest
from conftest import shared_path

from dateline.ingest import Skipped
from dateline.ingest.sources import read_paths
from dateline.records import Article

STORY = ("Ceasefire talks resume in Doha\n\nPublished: January 15, 2025 8:00pm\n\n"
         "Qatari mediators said on Wednesday that Israel and Hamas had agreed to a phased ceasefire "
         "in Gaza and the exchange of hostages for Palestinian prisoners.\n\n"
         "Prime Minister Mohammed bin Abdulrahman Al Thani announced the deal in Doha.\n")
LIMIT = 5_000_000


def read(*paths: str | Path, fmt: str | None = None, limit: int = LIMIT) -> list[Article | Skipped]:
    return list(read_paths(list(paths), max_text_bytes=limit, fmt=fmt))


def only_skips(items: list[Article | Skipped]) -> list[tuple[str, str]]:
    return [(Path(s.path).name, s.code) for s in items if isinstance(s, Skipped)]


def test_folder_with_one_corrupt_file(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(STORY, encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.txt").write_text(STORY.replace("Doha", "Cairo"), encoding="utf-8")
    (tmp_path / "broken.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x01")
    (tmp_path / ".hidden.txt").write_text(STORY, encoding="utf-8")
    (tmp_path / "README.md").write_text("# Our corpus\n\nTwo reports we wrote about the Doha talks.\n")
    (tmp_path / "LICENSE").write_text("Reports licensed under CC BY 4.0 by the authors named in them.\n")
    items = read(tmp_path)
    articles = [i for i in items if isinstance(i, Article)]
    assert [Path(a.source_path or "").name for a in articles] == ["a.txt", "b.txt"]
    assert only_skips(items) == [("broken.txt", "E102")]
    skipped = next(i for i in items if isinstance(i, Skipped))
    assert skipped.path == str(tmp_path / "broken.txt") and "NUL" in skipped.reason


def test_documentation_given_by_name_is_read(tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text(STORY, encoding="utf-8")
    [article] = read(tmp_path / "README.md")
    assert isinstance(article, Article) and article.title == "Ceasefire talks resume in Doha"


def test_folder_order_is_deterministic(tmp_path: Path) -> None:
    for name in ("c.txt", "a.txt", "b.txt"):
        (tmp_path / name).write_text(STORY.replace("Doha", name), encoding="utf-8")
    first = [i.id for i in read(tmp_path) if isinstance(i, Article)]
    assert first == [i.id for i in read(tmp_path) if isinstance(i, Article)]
    assert [i.title for i in read(tmp_path) if isinstance(i, Article)] == [
        "Ceasefire talks resume in a.txt", "Ceasefire talks resume in b.txt", "Ceasefire talks resume in c.txt"]


@pytest.mark.parametrize(("name", "data", "code"), [
    ("empty.txt", b"", "E101"),
    ("blank.txt", b"  \n\n\t", "E101"),
    ("nul.txt", b"Kyiv said\x00\x00 something", "E102"),
    ("noise.txt", bytes(range(128, 256)) * 4, "E103"),
    ("bad16.txt", b"\xff\xfe\x00\xd8", "E103"),
    ("report.pdf", b"%PDF-1.7 text", "E105"),
    ("numbers", b"12 34 56 78 90 -- 11 22 33\n", "E105"),
])
def test_bad_files_get_coded_reasons(tmp_path: Path, name: str, data: bytes, code: str) -> None:
    (tmp_path / name).write_bytes(data)
    assert only_skips(read(tmp_path / name)) == [(name, code)]


def test_missing_path_and_unknown_forced_format(tmp_path: Path) -> None:
    assert only_skips(read(tmp_path / "nope.txt")) == [("nope.txt", "E107")]
    (tmp_path / "a.txt").write_text(STORY, encoding="utf-8")
    assert only_skips(read(tmp_path / "a.txt", fmt="docx")) == [("a.txt", "E105")]


def test_too_large(tmp_path: Path) -> None:
    (tmp_path / "big.txt").write_text(STORY + "More words follow here. " * 100, encoding="utf-8")
    assert only_skips(read(tmp_path / "big.txt", limit=1000)) == [("big.txt", "E104")]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "cp1252"])
def test_encodings(tmp_path: Path, encoding: str) -> None:
    text = STORY.replace("Doha", "Doha – “Qatar’s capital”") + "\nPrime minister Aníbal’s café statement.\n"
    (tmp_path / "e.txt").write_bytes(text.encode(encoding))
    [article] = read(tmp_path / "e.txt")
    assert isinstance(article, Article)
    assert article.title == "Ceasefire talks resume in Doha – “Qatar’s capital”"
    assert "Aníbal’s café" in article.text and "\ufeff" not in article.text


def test_gzip_by_magic_bytes_inner_name_decides(tmp_path: Path) -> None:
    (tmp_path / "story.txt.gz").write_bytes(gzip.compress(STORY.encode()))
    (tmp_path / "mystery").write_bytes(gzip.compress(STORY.encode()))
    (tmp_path / "cut.txt.gz").write_bytes(gzip.compress(STORY.encode())[:30])
    items = read(tmp_path)
    assert only_skips(items) == [("cut.txt.gz", "E103")]
    assert [i.title for i in items if isinstance(i, Article)] == ["Ceasefire talks resume in Doha"] * 2


def jsonl_lines() -> list[str]:
    good = {"id": "X1", "source": "AFP", "date": "1997-04-01", "title": "Talks open", "text": "Talks opened."}
    full = {"text": "Envoys met in Geneva.", "url": "https://example.org/a", "published_at":
            "2025-02-01T10:00:00+01:00", "publisher": "Wire", "authors": ["A. Writer"]}
    return [json.dumps(good), "", "{not json", json.dumps([1, 2]), json.dumps({"text": ""}),
            json.dumps({"text": "ok", "title": 7}), json.dumps(full)]


def test_jsonl_bad_lines_are_skipped_with_line_numbers(tmp_path: Path) -> None:
    (tmp_path / "c.jsonl").write_text("\n".join(jsonl_lines()) + "\n", encoding="utf-8")
    items = read(tmp_path / "c.jsonl")
    skips = [i for i in items if isinstance(i, Skipped)]
    assert [(s.code, s.reason.split(":")[0]) for s in skips] == [
        ("E106", "line 3"), ("E106", "line 4"), ("E106", "line 5"), ("E106", "line 6")]
    first, last = [i for i in items if isinstance(i, Article)]
    assert (first.publisher, first.published_at, first.title) == ("AFP", "1997-04-01", "Talks open")
    assert first.source_path and first.source_path.endswith("c.jsonl:1#X1")
    assert (last.url, last.published_at, last.published_tz_known) == (
        "https://example.org/a", "2025-02-01T10:00:00+01:00", True)
    assert last.authors == ["A. Writer"]


def test_jsonl_sniffed_gzipped_and_from_stdin(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data = ("\n".join(jsonl_lines()) + "\n").encode()
    (tmp_path / "corpus").write_bytes(gzip.compress(data))
    assert len([i for i in read(tmp_path / "corpus") if isinstance(i, Article)]) == 2
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    assert len([i for i in read("-") if isinstance(i, Article)]) == 2


def test_jsonl_huge_line_is_skipped_and_reading_goes_on(tmp_path: Path) -> None:
    huge = json.dumps({"text": "word " * 3000})
    (tmp_path / "h.jsonl").write_text(huge + "\n" + json.dumps({"text": "Short."}) + "\n", encoding="utf-8")
    items = read(tmp_path / "h.jsonl", limit=1000)
    assert [type(i).__name__ for i in items] == ["Skipped", "Article"]
    assert isinstance(items[0], Skipped) and items[0].code == "E104"


def test_bench_corpus_first_lines() -> None:
    path = shared_path("bench", "news_corpus_te3silver", "te3silver_articles.jsonl")
    with path.open("rb") as handle:
        head = b"".join(handle.readline() for _ in range(3))
    articles = [i for i in _read_bytes(head) if isinstance(i, Article)]
    assert len(articles) == 3
    assert all(a.publisher and a.published_at and len(a.published_at) == 10 for a in articles)


def _read_bytes(data: bytes) -> list[Article | Skipped]:
    from dateline.ingest.jsonl import read_jsonl

    return list(read_jsonl(io.BytesIO(data), path="mem", max_text_bytes=LIMIT))


def test_seed_through_read_paths() -> None:
    path = shared_path("seed", "000_504594bd216695fb.txt")
    [article] = read(path)
    assert isinstance(article, Article)
    assert article.title == "Kremlin drags its feet on ceasefire deal as armies steamroll Ukraine in Kursk"
    assert (article.published_at, article.published_tz_known) == ("2025-03-12T23:00:00", False)
    assert article.id == next(iter(read(path))).id


def test_jsonl_control_characters_are_dropped(tmp_path: Path) -> None:
    path = tmp_path / "nul.jsonl"
    path.write_text('{"text": "Talks resumed\\u0000 in Riyadh\\u0007 on Monday.\\nA second line.", "title": "T"}\n')
    (article,) = list(read_paths([path], max_text_bytes=10_000))
    assert isinstance(article, Article)
    assert article.text == "Talks resumed in Riyadh on Monday.\nA second line."


def test_jsonl_text_of_control_characters_only_is_a_bad_record(tmp_path: Path) -> None:
    path = tmp_path / "ctl.jsonl"
    path.write_text('{"text": "\\u0000\\u0007 \\u001b"}\n{"text": "Talks resumed in Riyadh."}\n')
    first, second = list(read_paths([path], max_text_bytes=10_000))
    assert isinstance(first, Skipped) and first.code == "E106"
    assert isinstance(second, Article)
