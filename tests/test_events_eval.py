"""Event scorers on small hand-made data, the CLI, and quality floors on the dev gold in ../shared."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import shared_path
from typer.testing import CliRunner

from dateline.cli import app
from dateline.eval.events import (
    LabelScores,
    evaluate_case,
    evaluate_plover,
    read_case,
    read_plover,
)
from dateline.stages.events.acled import classify_snippet, load_acled

PLOVER_DEV = ("bench", "event_coding", "plover_gsr", "PLOVER_GSR_CAMEO.dev.json")
CASE_DEV = ("bench", "event_coding", "case2021", "task2", "test_dataset", "case2021_task2.dev.tsv")
STAGES = ["actors", "times", "quotes", "events"]


def test_label_scores() -> None:
    scores = LabelScores()
    for gold, pred in [("A", "A"), ("A", "B"), ("B", "B"), ("C", "(none)")]:
        scores.add(gold, pred)
    rows = scores.per_label()
    assert rows["A"]["precision"] == 1.0 and rows["A"]["recall"] == 0.5
    assert rows["B"]["precision"] == 0.5 and rows["C"]["f1"] == 0.0
    assert abs(scores.macro_f1() - (2 / 3 + 2 / 3 + 0) / 3) < 1e-3
    assert scores.confusion()["A"] == {"A": 1, "B": 1}


def test_read_plover_maps_05_names(tmp_path: Path) -> None:
    records = [{"event": "DOCUMENT", "text": ""},
               {"id": "x1", "event": "DEMAND", "text": "Chile demanded talks.", "mode": "",
                "source": [{"actorText": "Chile", "code": "CHL", "sector": "GOV"}], "target": ""},
               {"id": "x2", "event": "FIGHT", "text": "Japan fought.", "source": [{"code": "JAP"}], "target": []}]
    path = tmp_path / "gold.json"
    path.write_text(json.dumps(records))
    gold = read_plover(path)
    assert [g.type for g in gold] == ["REQUEST", "ASSAULT"]
    assert gold[0].sources == [("CHL", "GOV")] and gold[0].mode is None and gold[1].sources == [("JPN", "")]


def test_read_case(tmp_path: Path) -> None:
    path = tmp_path / "case.tsv"
    path.write_text("id\tEventSnippet\tSubType\n1\tRebels fired mortars at the base.\tART_MISS_ATTACK\n")
    assert [(g.id, g.label) for g in read_case(path)] == [("1", "ART_MISS_ATTACK")]


def test_snippet_classifier_on_written_snippets() -> None:
    assert classify_snippet("A suicide bomber blew himself up at a checkpoint, killing four soldiers.") == "SUIC_BOMB"
    assert classify_snippet("Police fired tear gas to disperse hundreds of protesters in the capital.") \
        == "PROTEST_WITH_INTER"
    assert classify_snippet("Heavy floods swept through the province after days of torrential rain.") \
        == "NATURAL_DISASTER"
    assert load_acled().acled("AIR_STRIKE") is not None and load_acled().acled("DIPLO") is None


def test_cli_skips_missing_gold() -> None:
    result = CliRunner().invoke(app, ["eval", "events", "--plover", "/nonexistent/plover.json"])
    assert result.exit_code == 0 and "skipped" in result.output


def test_plover_dev_floor() -> None:
    report = evaluate_plover(shared_path(*PLOVER_DEV), STAGES).as_dict()
    assert report["records"] == 161
    assert report["type_macro_f1"] >= 0.77  # measured 0.8056


def test_case_dev_floor() -> None:
    scores = evaluate_case(shared_path(*CASE_DEV))
    assert scores.weighted_f1() >= 0.70  # measured 0.7273
