"""The SQLite store: migrations, exact round trips, idempotent upserts, rollback, reads by id."""

from __future__ import annotations

import dataclasses
import sqlite3
import types
from pathlib import Path
from typing import Any, Literal, Union, get_args, get_origin, get_type_hints

import pytest
from conftest import span as _span
from conftest import store_target
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dateline.errors import StoreError
from dateline.ingest import Skipped, make_article
from dateline.records import (
    Acled,
    Actor,
    ArticleRecord,
    Channel,
    Cue,
    Event,
    Fatalities,
    Place,
    PlaceMention,
    Proposal,
    Quote,
    Role,
    Span,
    Speaker,
    Stance,
    TimeExpr,
    TimeValue,
    from_json,
    stable_id,
    to_json,
)
from dateline.store import open_store
from dateline.store import queries as Q
from dateline.store.base import SkipRecord
from dateline.store.schema import MIGRATIONS
from dateline.store.sqlite import SQLiteStore

TEXT = (
    "JEDDAH, March 11 (Wire) - Ukraine said on Tuesday it was ready to accept a U.S. proposal for an "
    "immediate 30-day ceasefire with Russia, after talks in Jeddah with Secretary of State Marco Rubio. "
    "\"The ball is now in their court,\" Rubio told reporters. Kremlin spokesman Dmitry Peskov said Moscow "
    "would study the plan. Russian strikes on Kharkiv killed two to four people overnight, officials said."
)


def full_record(text: str = TEXT, title: str = "Ukraine backs U.S. ceasefire plan after Jeddah talks",
                url: str | None = "https://example.org/wire/jeddah") -> ArticleRecord:
    """A record written by hand with every layer and every optional shape filled in."""
    article = make_article(text, title=title, url=url, publisher="Wire", authors=["A. Reporter"],
                           published_at="2025-03-11T21:40:00+00:00", published_tz_known=True,
                           source_path="/corpus/jeddah.txt")
    tuesday = TimeValue("2025-03-11", "DATE", "day", _span(text, "Tuesday"), "dct")
    rubio = Actor(stable_id("actor", "Marco Rubio"), "Marco Rubio", "person", "USA", "GOV",
                  [Role("Secretary of State", "State Department", tuesday)], ["Rubio"],
                  [_span(text, "Marco Rubio"), _span(text, "Rubio", 1)], 0.9)
    peskov = Actor(stable_id("actor", "Dmitry Peskov"), "Dmitry Peskov", "person", "RUS", "GOV",
                   [Role("spokesman", "Kremlin", None)], [], [_span(text, "Dmitry Peskov")], 0.8)
    ukraine = Actor(stable_id("actor", "Ukraine"), "Ukraine", "state", "UKR", "GOV", [], [],
                    [_span(text, "Ukraine")], 0.95)
    ceasefire = Proposal(stable_id("proposal", "30-day ceasefire"), "30-day ceasefire", "ceasefire", [rubio.id],
                         ["immediate", "30 days"], [_span(text, "30-day ceasefire")], 0.85)
    quote = Quote(stable_id("quote", article.id, "ball"), "direct", "The ball is now in their court",
                  _span(text, "The ball is now in their court"), Speaker(rubio.id, "Rubio", _span(text, "Rubio", 1)),
                  False, None, Cue("told", "tell", _span(text, "told")), Channel("press_remarks", None),
                  ["Wire"], tuesday, [ceasefire.id], 0.92)
    indirect = Quote(stable_id("quote", article.id, "study"), "indirect", "Moscow would study the plan",
                     _span(text, "Moscow would study the plan"), None, True, "officials", None, None, [], None, [],
                     0.5)
    when = TimeExpr(stable_id("time", article.id, "Tuesday"), "2025-03-11", "DATE", "day", _span(text, "Tuesday"),
                    "dct", 0.9)
    overnight = TimeExpr(stable_id("time", article.id, "overnight"), "2025-03-11", "TIME", None, None, "dct", 0.4)
    jeddah = Place("geonames:105343", "Jeddah", "city", "SAU", "Makkah", 21.54, 39.17, 1,
                   [PlaceMention(_span(text, "JEDDAH"), "location"),
                    PlaceMention(_span(text, "Jeddah", 0), "location")],
                   0.9)
    moscow = Place("geonames:524901", "Moscow", "city", "RUS", None, None, None, 1,
                   [PlaceMention(_span(text, "Moscow"), "actor")], 0.7)
    agree = Event(stable_id("event", article.id, "AGREE"), "AGREE", None, ["future"], "057", None, [ukraine.id],
                  [rubio.id], jeddah.id, tuesday, _span(text, "ready to accept"), None, ceasefire.id, None, 0.8)
    strike = Event(stable_id("event", article.id, "ASSAULT"), "ASSAULT", "aerial", [], "195",
                   Acled("Explosions/Remote violence", "Air/drone strike"), [], [], None, None,
                   _span(text, "Russian strikes on Kharkiv"), None, None, Fatalities(2, 4), 0.7)
    evidence: list[str | Span] = [quote.id, _span(text, "ready to accept")]
    stances = [Stance(ukraine.id, ceasefire.id, "support", [], tuesday, evidence, 0.8),
               Stance(peskov.id, ceasefire.id, "noncommittal", ["study the plan"], None, [], 0.6)]
    return ArticleRecord(article, [rubio, peskov, ukraine], [quote, indirect], [when, overnight], [jeddah, moscow],
                         [agree, strike], [ceasefire], stances)


@pytest.fixture(params=["sqlite", "postgres"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Any:
    """A fresh store of each backend (PostgreSQL tests skip without a server: see conftest.pg_url)."""
    opened = open_store(store_target(request, tmp_path, request.param))
    try:
        yield opened
    finally:
        opened.close()


def test_migrations_are_named_recorded_and_applied_once(tmp_path: Path) -> None:
    db = tmp_path / "m.db"
    first = SQLiteStore(db)
    assert first.applied_migrations() == [m.name for m in MIGRATIONS]
    first.close()
    again = SQLiteStore(db)
    assert again.migrate() == []
    assert again.rows("PRAGMA journal_mode")[0][0] == "wal"
    assert again.rows("PRAGMA foreign_keys")[0][0] == 1
    again.close()


def test_round_trip_is_exact(store: SQLiteStore) -> None:
    record = full_record()
    store.write_batch([record], [])
    back = Q.get_record(store, record.article.id)
    assert back == record
    assert to_json(back) == to_json(record)
    assert from_json(ArticleRecord, to_json(back)) == record


def test_round_trip_of_a_bare_article(store: SQLiteStore) -> None:
    record = ArticleRecord(make_article("Short text.", title=None, language=None))
    store.write_batch([record], [])
    assert Q.get_record(store, record.article.id) == record


def test_writing_twice_changes_no_row_count(store: SQLiteStore) -> None:
    records = [full_record(), full_record(TEXT + " Talks resume on Friday.", title="Second report")]
    skipped = [Skipped("/corpus/bad.bin", "E102", "the file contains NUL bytes")]
    store.write_batch(records, skipped)
    counts = store.table_counts()
    assert counts["articles"] == 2 and counts["actors"] == 3 and counts["actor_mentions"] == 6
    store.write_batch(records, skipped)
    assert store.table_counts() == counts


def test_rewriting_an_article_replaces_its_rows(store: SQLiteStore) -> None:
    record = full_record()
    store.write_batch([record], [])
    fewer = dataclasses.replace(record, quotes=record.quotes[:1], events=[])
    store.write_batch([fewer], [])
    counts = store.table_counts()
    assert (counts["quotes"], counts["events"], counts["event_actors"]) == (1, 0, 0)
    assert Q.get_record(store, record.article.id) == fewer


def test_a_failure_mid_batch_rolls_back_everything(store: SQLiteStore, monkeypatch: pytest.MonkeyPatch) -> None:
    first = full_record()
    store.write_batch([first], [])
    before = store.table_counts()
    changed = dataclasses.replace(first, quotes=[])
    second = full_record(TEXT + " More fighting was reported.", title="Later report")
    backend = type(store)
    real_insert = backend._insert

    def failing_insert(self: Any, row_set: Any) -> None:
        if row_set.table == "events" and self.rows("SELECT 1 FROM articles WHERE id = ?", (second.article.id,)):
            raise _driver_error(self.dialect)("disk I/O error (injected)")
        real_insert(self, row_set)

    monkeypatch.setattr(backend, "_insert", failing_insert)
    with pytest.raises(StoreError, match="rolled back"):
        store.write_batch([changed, second], [Skipped("/x", "E101", "empty")])
    assert store.table_counts() == before
    assert Q.get_record(store, first.article.id) == first
    monkeypatch.undo()
    store.write_batch([second], [])  # the store is usable afterwards
    assert store.table_counts()["articles"] == 2


def test_actors_are_global_with_merged_aliases(store: SQLiteStore) -> None:
    record = full_record()
    rubio = record.actors[0]
    other_text = "Rubio met Saudi officials in Riyadh on Monday."
    other = ArticleRecord(make_article(other_text, title="Riyadh"), actors=[
        dataclasses.replace(rubio, aliases=["Secretary Rubio"], country=None, mentions=[_span(other_text, "Rubio")])])
    store.write_batch([record, other], [])
    view = Q.get_actor(store, rubio.id)
    assert view is not None
    assert view.article_count == 2 and view.mention_count == 3
    assert set(view.aliases) == {"Marco Rubio", "Rubio", "Secretary Rubio"}
    assert view.country == "USA"  # a later article without the country keeps the known one
    assert Q.top_actors(store, 1)[0].id == rubio.id


def test_has_article_compares_the_pipeline_fingerprint(store: SQLiteStore) -> None:
    record = full_record()
    assert not store.has_article(record.article.id)
    store.write_batch([record], [], fingerprint="v1;sm;actors@1")
    assert store.has_article(record.article.id)
    assert store.has_article(record.article.id, "v1;sm;actors@1")
    assert not store.has_article(record.article.id, "v1;sm;actors@2")


def test_any_entity_can_be_read_by_id(store: SQLiteStore) -> None:
    record = full_record()
    store.write_batch([record], [])
    aid = record.article.id
    assert Q.get_entity(store, aid) == record
    place = Q.get_entity(store, "geonames:105343")
    assert isinstance(place, Q.PlaceView) and place.article_ids == [aid]
    proposal = Q.get_entity(store, record.proposals[0].id)
    assert isinstance(proposal, Q.ProposalView) and [s.position for s in proposal.stances] == ["noncommittal",
                                                                                               "support"]
    for item in (record.quotes[1], record.events[1], record.times[0], record.stances[1]):
        found = Q.get_entity(store, item.id)
        assert isinstance(found, Q.Located) and found.record == item and found.article_id == aid
    assert Q.get_entity(store, "actor:0000000000000000") is None


def test_stats_and_search(store: SQLiteStore) -> None:
    record = full_record()
    store.write_batch([record], [SkipRecord("/a.txt", "E303", "stage quotes@1 failed", "quotes@1", "art:1")])
    result = Q.stats(store)
    assert result.events_by_type == {"AGREE": 1, "ASSAULT": 1}
    assert result.skipped_by_code == {"E303": 1}
    assert result.counts["stances"] == 2
    assert Q.search_articles(store, "ceasefire Jeddah") == [(record.article.id, record.article.title)]
    assert Q.search_articles(store, 'Kharkiv" OR "x') == []  # quotes in the query are plain text
    assert Q.skipped_inputs(store)[0].stage == "quotes@1"


def test_iter_records_pages_through_everything(store: SQLiteStore) -> None:
    records = [full_record(TEXT + f" Report {i}.", title=f"Report {i}") for i in range(5)]
    store.write_batch(records, [])
    listed = list(Q.iter_records(store, page_size=2))
    assert sorted(r.article.id for r in listed) == sorted(r.article.id for r in records)


def test_open_store_rejects_what_it_cannot_open(tmp_path: Path) -> None:
    (tmp_path / "dir.db").mkdir()
    with pytest.raises(StoreError):
        open_store(tmp_path / "dir.db")
    with pytest.raises(StoreError, match="PostgreSQL|postgres"):
        open_store("postgresql://localhost/none")


def test_each_bad_line_of_a_file_is_its_own_skipped_row(store: SQLiteStore) -> None:
    skips = [Skipped("/in/feed.jsonl", "E106", "line 3: no text"), Skipped("/in/feed.jsonl", "E106", "line 9: no text")]
    store.write_batch([], skips)
    store.write_batch([], skips)
    assert [s.reason for s in Q.skipped_inputs(store)] == ["line 3: no text", "line 9: no text"]


def _driver_error(dialect: str) -> type[Exception]:
    if dialect == "postgres":
        import psycopg

        return psycopg.OperationalError
    return sqlite3.OperationalError


def _strategy(tp: Any, text: st.SearchStrategy[str]) -> st.SearchStrategy[Any]:
    """Any value of a record type, built from its type hints (spans need not point into the text)."""
    origin = get_origin(tp)
    if origin in (Union, types.UnionType):
        return st.one_of([_strategy(option, text) for option in get_args(tp)])
    if origin is Literal:
        return st.sampled_from(get_args(tp))
    if origin is list:
        return st.lists(_strategy(get_args(tp)[0], text), max_size=3)
    if dataclasses.is_dataclass(tp):
        hints = get_type_hints(tp)
        return st.builds(tp, **{f.name: _strategy(hints[f.name], text) for f in dataclasses.fields(tp)})
    simple: dict[Any, st.SearchStrategy[Any]] = {
        str: text, int: st.integers(-(2**62), 2**62), bool: st.booleans(),
        float: st.floats(0, 1), type(None): st.none(),
    }
    return simple[tp]


# PostgreSQL text cannot hold U+0000 (the store refuses it: see the test below); SQLite can.
_TEXT = {"sqlite": st.text(max_size=12),
         "postgres": st.text(st.characters(codec="utf-8", exclude_characters="\x00"), max_size=12)}

_RECORDS = {dialect: _strategy(ArticleRecord, text) for dialect, text in _TEXT.items()}


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_any_record_round_trips(store: SQLiteStore, data: st.DataObject) -> None:
    record = data.draw(_RECORDS[store.dialect])
    store.write_batch([record], [])
    assert Q.get_record(store, record.article.id) == record
