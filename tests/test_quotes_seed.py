"""The seed article: every direct quote with its speaker, cue, channel and relay; the indirect statements;
no scare quote reported as speech.  Read from ../shared by path (skipped when absent)."""

from __future__ import annotations

import pytest
from conftest import run_stages, shared_path
from test_quotes_stage import find, speaker_name

from dateline.records import ArticleRecord

STAGES = ("actors", "times", "quotes")


def _seed_body() -> str:
    lines = shared_path("seed", "000_504594bd216695fb.txt").read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("Updated:")) + 1
    body = list(lines[start:])
    while body and not body[-1].strip():
        body.pop()
    return "\n".join(body[:-2]).strip()


@pytest.fixture(scope="module")
def seed() -> ArticleRecord:
    return run_stages(STAGES, _seed_body(), published_at="2025-03-12T23:00:00")


# words of the quote -> (kind, speaker actor, cue lemma, channel kind, channel name, via)
DIRECT = {
    "getting a little ahead of yourself": ("direct", "Dmitry Peskov", "tell", "press_remarks", None, ["RIA Novosti"]),
    "First, we need to get that information": ("direct", "Dmitry Peskov", "tell", "press_remarks", None, None),
    "absolutely unacceptable": ("mixed", "Viktor Sobolev", "call", None, None, []),
    "regroup and rearm": ("mixed", "Viktor Sobolev", "say", None, None, []),
    "Amazed to see people thinking": ("direct", "Julian Ropcke", "write", "social_media", "X", []),
    "After signing Minsk 1": ("direct", "Julian Ropcke", "write", "social_media", "X", []),
    "It's not serious": ("direct", "Sergei Lavrov", "tell", "broadcast", "Russia Today webcast", []),
    "He has his own view of the situation": ("direct", "Sergei Lavrov", "say", "interview", None, []),
    "this declaration was saying no NATO": ("direct", "Sergei Lavrov", "say", "interview", None, []),
    "The most important thing": ("direct", "Marco Rubio", "tell", "press_remarks", None, []),
    "no military solution": ("direct", "Marco Rubio", "tell", "press_remarks", None, []),
    "strongly considering large scale Banking Sanctions": ("direct", "Donald Trump", "write", "social_media",
                                                          "Truth Social", []),
    "Putin won’t give a hard": ("direct", "Tatiana Stanovaya", "tell", "interview", None, ["Bloomberg News"]),
    "still be a temporary one": ("direct", "Tatiana Stanovaya", "tell", "interview", None, ["Bloomberg News"]),
}


@pytest.mark.parametrize("words", list(DIRECT))
def test_direct_and_partial_quotes(seed: ArticleRecord, words: str) -> None:
    kind, speaker, lemma, channel, name, via = DIRECT[words]
    quote = find(seed.quotes, words)
    assert quote.kind == kind
    assert speaker_name(seed, quote) == speaker
    assert quote.cue is not None and quote.cue.lemma == lemma
    assert (quote.channel.kind if quote.channel else None) == channel
    assert (quote.channel.name if quote.channel else None) == name
    if via is not None:
        assert quote.via == via
    assert not quote.text.startswith(("\u201c", '"')) and not quote.text.endswith(("\u201d", '"'))


INDIRECT = {
    "Moscow was in no rush to reply": ("Dmitry Peskov", "indicate"),
    "he would not accept a temporary agreement": ("Vladimir Putin", "state"),
    "Trump had no desire to provide Ukraine with security guarantees": ("Sergei Lavrov", "insist"),
    "the Ukrainians would likely have to give up some territory": ("Marco Rubio", "suggest"),
}


@pytest.mark.parametrize("words", list(INDIRECT))
def test_indirect_statements(seed: ArticleRecord, words: str) -> None:
    speaker, lemma = INDIRECT[words]
    quote = find(seed.quotes, words)
    assert quote.kind == "indirect"
    assert speaker_name(seed, quote) == speaker
    assert quote.cue is not None and quote.cue.lemma == lemma


def test_the_bloomberg_report_cites_an_anonymous_source(seed: ArticleRecord) -> None:
    quote = find(seed.quotes, "may demand an end to arms shipments")
    assert quote.cue is not None and quote.cue.lemma == "report"
    assert quote.via == ["Bloomberg News"]
    assert quote.anonymous
    assert quote.source_description == "an unnamed person close to the Kremlin"


def test_said_on_uses_the_attached_time(seed: ArticleRecord) -> None:
    rubio = find(seed.quotes, "The most important thing")
    assert rubio.said_on is not None and rubio.said_on.value == "2025-03-11"
    trump = find(seed.quotes, "strongly considering large scale Banking Sanctions")
    assert trump.said_on is not None and trump.said_on.span is not None
    assert trump.said_on.span.text == "last week"
    lavrov = find(seed.quotes, "He has his own view of the situation")
    assert lavrov.said_on is not None and lavrov.said_on.anchor == "dct"


def test_scare_quotes_and_nested_words_are_not_speech(seed: ArticleRecord) -> None:
    texts = [q.text.strip(" ,.") for q in seed.quotes]
    assert "oblast" not in texts
    assert "pounding" not in texts
    assert not any(q.text.startswith("close to the Kremlin") for q in seed.quotes)
    trump = find(seed.quotes, "pounding")
    assert "Based on the fact" in trump.text
