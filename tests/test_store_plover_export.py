from __future__ import annotations

import io
import json
from pathlib import Path

from api_corpus import build_db, records
from typer.testing import CliRunner

from dateline.cli import app
from dateline.store.plover_export import plover_events, write_plover


def test_every_event_becomes_one_plover_object_with_actor_codes_and_evidence() -> None:
    recs = records()
    out = io.StringIO()
    assert write_plover(recs, out) == sum(len(r.events) for r in recs)
    lines = [json.loads(line) for line in out.getvalue().splitlines()]
    first_record = next(r for r in recs if r.events)
    event = first_record.events[0]
    obj = next(o for o in lines if o["id"] == event.id)
    assert obj["event"] == event.type and obj["article_id"] == first_record.article.id
    assert obj["eventText"] == first_record.article.text[event.evidence.start : event.evidence.end]
    assert event.evidence.text in obj["text"]
    codes = {a["actor_id"]: a["code"] for a in obj["source"]}
    for actor_id in event.source:
        actor = first_record.actor(actor_id)
        assert actor is not None and codes[actor_id] == (actor.country or "")


def test_an_event_without_time_takes_the_publication_day_and_says_so() -> None:
    for record in records():
        for event, obj in zip(record.events, plover_events(record), strict=True):
            assert obj["date_from_text"] is (event.when is not None)
            if event.when is None:
                assert obj["date"] == (record.article.published_at or "")[:10]


def test_cli_exports_plover_jsonl(tmp_path: Path) -> None:
    db = build_db(tmp_path / "c.db")
    result = CliRunner().invoke(app, ["export", "--format", "plover", "--db", str(db)])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    assert rows and all({"event", "source", "target", "eventText", "cameo"} <= set(r) for r in rows)
