"""The whole pipeline on the seed article: the record validates, every span points at its words, ids are stable."""

from __future__ import annotations

import dataclasses
from typing import Any

import jsonschema
import pytest
from conftest import shared_path

from dateline.commands.core import extract_records
from dateline.config import load_config
from dateline.records import ArticleRecord, Span, json_schema, to_json

SEED = ("seed", "000_504594bd216695fb.txt")


@pytest.fixture(scope="module")
def seed_records() -> tuple[ArticleRecord, ArticleRecord]:
    path = shared_path(*SEED)
    first, second = (list(extract_records([path], load_config())) for _ in range(2))
    assert len(first) == 1 and isinstance(first[0], ArticleRecord), first
    assert isinstance(second[0], ArticleRecord)
    return first[0], second[0]


def _spans(obj: Any) -> list[Span]:
    if isinstance(obj, Span):
        return [obj]
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return [s for f in dataclasses.fields(obj) for s in _spans(getattr(obj, f.name))]
    if isinstance(obj, list):
        return [s for item in obj for s in _spans(item)]
    return []


def test_seed_record_validates_against_the_schema(seed_records: tuple[ArticleRecord, ArticleRecord]) -> None:
    jsonschema.validate(to_json(seed_records[0]), json_schema())


def test_every_span_is_exact_evidence(seed_records: tuple[ArticleRecord, ArticleRecord]) -> None:
    record = seed_records[0]
    text = record.article.text
    layers = [record.actors, record.quotes, record.times, record.places, record.events, record.proposals,
              record.stances]
    spans = [s for layer in layers for s in _spans(layer)]
    assert len(spans) > 100
    bad = [s for s in spans if not s.valid_in(text)]
    assert not bad, bad[:5]


def test_two_runs_give_identical_records(seed_records: tuple[ArticleRecord, ArticleRecord]) -> None:
    first, second = seed_records
    assert to_json(first) == to_json(second)


def test_every_layer_is_filled_and_confidences_are_probabilities(
        seed_records: tuple[ArticleRecord, ArticleRecord]) -> None:
    record = seed_records[0]
    for name in ("actors", "quotes", "times", "places", "events", "proposals", "stances"):
        items = getattr(record, name)
        assert items, f"no {name} on the seed"
        assert all(0.0 <= item.confidence <= 1.0 for item in items), name
    assert record.article.published_at == "2025-03-12T23:00:00" and not record.article.published_tz_known
