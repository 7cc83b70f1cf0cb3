"""dateline bench: raw spaCy vs the pipeline on texts from the demo corpus."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from conftest import first_texts
from typer.testing import CliRunner

from dateline.bench import (
    MODES,
    RUNNER_SHARE,
    SPACY_SHARE,
    BenchReport,
    StageTimer,
    TimedNlp,
    round_order,
    run_bench,
)
from dateline.cli import app
from dateline.config import load_config
from dateline.errors import DataMissing, MissingInput, PipelineError
from dateline.records import ArticleRecord


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> BenchReport:
    folder = first_texts(tmp_path_factory.mktemp("bench"), 5)
    config = load_config().with_(stages=["times"])
    return run_bench(folder, config, repeat=2, warmup=2, isolate=False)


def test_report_counts_the_same_texts_in_both_modes(report: BenchReport) -> None:
    assert report.articles == 5 and report.skipped == 0
    assert report.raw.articles == report.pipeline.articles == 5
    assert report.raw.words == report.pipeline.words == report.words > 1500
    assert report.raw.failures == report.pipeline.failures == 0


def test_report_rates_and_ratio(report: BenchReport) -> None:
    for mode in (report.raw, report.pipeline):
        assert mode.seconds > 0 and len(mode.runs) == 2 and mode.seconds == min(mode.runs)
        assert mode.articles_per_s == pytest.approx(5 / mode.seconds)
        assert mode.words_per_s > mode.articles_per_s
        assert mode.peak_rss_mb >= mode.start_rss_mb > 0
        assert mode.cpu_seconds > 0 and mode.articles_per_cpu_s == pytest.approx(5 / mode.cpu_seconds)
    assert report.ratio == pytest.approx(report.pipeline.articles_per_s / report.raw.articles_per_s)
    assert 0 < report.ratio < 10 and 0 < report.cpu_ratio < 10


def test_stage_shares_cover_the_pipeline_time(report: BenchReport) -> None:
    assert set(report.pipeline.stage_seconds) == {"times", SPACY_SHARE}
    assert report.raw.stage_seconds == {}
    shares = report.stage_shares
    assert set(shares) == {"times", SPACY_SHARE, RUNNER_SHARE}
    assert 0 < shares["times"] < 1 and 0 < shares[SPACY_SHARE] < 1
    assert sum(shares.values()) == pytest.approx(1.0)


def test_report_json_has_the_fields_machines_read(report: BenchReport) -> None:
    data = json.loads(json.dumps(report.to_dict()))
    assert data["stages"] == ["times"] and data["model"] == "en_core_web_sm"
    assert data["isolated"] is False and data["articles"] == 5
    for mode in ("raw", "pipeline"):
        assert {"articles_per_s", "words_per_s", "peak_rss_mb", "rss_growth_mb", "seconds", "runs"} <= set(data[mode])
    assert data["ratio"] > 0 and data["cpu_ratio"] > 0 and data["target_ratio"] == 0.6
    assert set(data["stage_shares"]) == {"times", SPACY_SHARE, RUNNER_SHARE}


def test_stage_timer_adds_each_call_and_resets() -> None:
    timer = StageTimer()

    def slow(doc: object, record: ArticleRecord) -> ArticleRecord:
        time.sleep(0.01)
        return record

    wrapped = timer.wrap("slow", slow)
    record = object()
    assert wrapped(None, record) is record  # type: ignore[arg-type]
    wrapped(None, record)  # type: ignore[arg-type]
    assert timer.seconds["slow"] >= 0.02
    timer.reset()
    assert timer.seconds == {"slow": 0.0}


def test_isolated_run_measures_each_mode_in_its_own_process(tmp_path: Path) -> None:
    folder = first_texts(tmp_path, 2)
    result = run_bench(folder, load_config().with_(stages=[]), repeat=1, warmup=1, isolate=True)
    assert result.isolated and result.articles == 2
    # each child loaded spaCy itself, so each mode's peak includes a model (tens of MiB at least)
    assert result.raw.peak_rss_mb > 50 and result.pipeline.peak_rss_mb > 50
    assert set(result.pipeline.stage_seconds) == {SPACY_SHARE} and result.ratio > 0


class SlowNlp:
    """A test double for spaCy's Language: pipe takes 10 ms a text."""

    lang = "xx"

    def pipe(self, texts: list[str], batch_size: int = 1) -> object:
        for text in texts:
            time.sleep(0.01)
            yield text.upper()


def test_timed_nlp_charges_the_time_inside_pipe_only() -> None:
    timer = StageTimer()
    nlp = TimedNlp(SlowNlp(), timer)
    docs = []
    for doc in nlp.pipe(["a", "b", "c"], batch_size=2):
        time.sleep(0.1)  # the stages' time, not spaCy's
        docs.append(doc)
    assert docs == ["A", "B", "C"] and nlp.lang == "xx"
    assert 0.03 <= timer.seconds[SPACY_SHARE] < 0.2  # well under the 0.3 s spent outside pipe


def test_rounds_alternate_which_mode_goes_first() -> None:
    assert round_order(0) == MODES and round_order(1) == MODES[::-1] and round_order(2) == MODES
    assert sorted(round_order(1)) == sorted(MODES)


def test_a_failing_worker_is_a_coded_error(tmp_path: Path) -> None:
    folder = first_texts(tmp_path, 1)
    config = load_config().with_(stages=[], model="no_such_spacy_pipeline")
    with pytest.raises(PipelineError, match="no_such_spacy_pipeline"):
        run_bench(folder, config, repeat=1, warmup=1, isolate=True)


def test_missing_or_empty_input_is_a_coded_error(tmp_path: Path) -> None:
    config = load_config()
    with pytest.raises(MissingInput):
        run_bench(tmp_path / "nope.jsonl", config, isolate=False)
    with pytest.raises(DataMissing):
        run_bench(tmp_path, config, isolate=False)


def test_cli_skips_cleanly_when_the_path_is_missing(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["bench", str(tmp_path / "absent.jsonl")])
    assert result.exit_code == 2
    assert "does not exist" in result.output


def test_cli_json_output(tmp_path: Path) -> None:
    folder = first_texts(tmp_path, 2)
    result = CliRunner(env={"DATELINE_STAGES": "times"}).invoke(
        app, ["bench", str(folder), "--in-process", "--repeat", "1", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["articles"] == 2 and data["stages"] == ["times"] and data["ratio"] > 0
    assert "round 1/1: raw" in result.stderr  # progress goes to stderr, the report alone to stdout


def test_cli_table_output(tmp_path: Path) -> None:
    folder = first_texts(tmp_path, 1)
    result = CliRunner(env={"DATELINE_STAGES": "times"}).invoke(app, ["bench", str(folder), "--in-process"])
    assert result.exit_code == 0, result.output
    assert "ratio pipeline/raw" in result.output and "times" in result.output
