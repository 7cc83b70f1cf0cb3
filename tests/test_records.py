from __future__ import annotations

import jsonschema
from hypothesis import given
from hypothesis import strategies as st

from dateline.ingest import make_article
from dateline.records import (
    Actor,
    ArticleRecord,
    Quote,
    Role,
    Span,
    Speaker,
    Stance,
    TimeValue,
    from_json,
    json_schema,
    stable_id,
    to_json,
)


def sample_record() -> ArticleRecord:
    text = "Kremlin spokesman Dmitry Peskov said on Wednesday there was no rush."
    article = make_article(text, title="Kremlin says no rush", published_at="2025-03-12T23:00:00")
    peskov = Actor(
        id=stable_id("actor", "person", "Dmitry Peskov"), name="Dmitry Peskov", kind="person", country="RUS",
        sector="GOV", roles=[Role("spokesman", "Kremlin", None)], aliases=["Peskov"],
        mentions=[Span.of(text, 18, 31)], confidence=0.9,
    )
    when = TimeValue("2025-03-12", "DATE", "day", Span.of(text, 40, 49), "dct")
    quote = Quote(
        id="quote:1", kind="indirect", text="there was no rush", span=Span.of(text, 50, 67),
        speaker=Speaker(peskov.id, "Dmitry Peskov", Span.of(text, 18, 31)), anonymous=False,
        source_description=None, cue=None, channel=None, via=[], said_on=when, about=[], confidence=0.8,
    )
    stance = Stance(peskov.id, "proposal:x", "noncommittal", [], when, ["quote:1", Span.of(text, 50, 67)], 0.7)
    return ArticleRecord(article=article, actors=[peskov], quotes=[quote], stances=[stance])


def test_json_round_trip_is_equal() -> None:
    record = sample_record()
    assert from_json(ArticleRecord, to_json(record)) == record


def test_record_validates_against_generated_schema() -> None:
    jsonschema.validate(to_json(sample_record()), json_schema())


def test_schema_rejects_missing_and_extra_fields() -> None:
    data = to_json(sample_record())
    del data["article"]["title"]
    validator = jsonschema.Draft202012Validator(json_schema())
    assert not validator.is_valid(data)


def test_absent_values_are_null_not_omitted() -> None:
    data = to_json(sample_record())
    assert "url" in data["article"] and data["article"]["url"] is None


@given(st.text(max_size=200), st.text(max_size=50))
def test_article_id_is_stable_and_content_derived(text: str, title: str) -> None:
    a, b = make_article(text, title=title), make_article(text, title=title)
    assert a.id == b.id and a.id.startswith("art:")
    if text:
        assert make_article(text + "x", title=title).id != a.id


@given(st.text(max_size=100), st.integers(0, 120), st.integers(0, 120))
def test_span_of_is_exact_or_rejected(text: str, start: int, end: int) -> None:
    try:
        span = Span.of(text, start, end)
    except ValueError:
        assert not 0 <= start <= end <= len(text)
    else:
        assert span.valid_in(text) and span.text == text[start:end]


def test_from_json_names_the_bad_field() -> None:
    data = to_json(sample_record())
    data["actors"][0]["kind"] = "wizard"
    try:
        from_json(ArticleRecord, data)
    except ValueError as exc:
        assert "actors[0].kind" in str(exc)
    else:
        raise AssertionError("bad kind accepted")
