"""dateline bench at scale: each engine against raw spaCy with as many processes, memory, store figures.

One run of every engine (2 workers) on three short demo reports with one cheap stage, through the CLI.
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path
from typing import Any

import pytest
from conftest import first_texts
from typer.testing import CliRunner

from dateline.bench_scale import (
    TARGET_LOCAL,
    TARGET_PARALLEL,
    CpuUse,
    MemoryReport,
    Plan,
    Run,
    Sampler,
    ScaleReport,
    _Curve,
    cpu_between,
    limited,
    plans,
    tree_cpu_s,
    tree_rss_mb,
)
from dateline.cli import app
from dateline.commands.bench import print_memory, print_scale
from dateline.ingest import Skipped, make_article

ENV = {"DATELINE_STAGES": "times"}


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return first_texts(tmp_path_factory.mktemp("scale"), 3)


@pytest.fixture(scope="module")
def report(folder: Path) -> dict[str, Any]:
    result = CliRunner(env=ENV).invoke(app, ["bench", str(folder), "--engines", "local,processes,dask",
                                             "--workers", "2", "--store", "--repeat", "1", "--json"])
    assert result.exit_code == 0, result.output
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def test_every_engine_runs_beside_its_raw_spacy_baseline(report: dict[str, Any]) -> None:
    labels = [r["label"] for r in report["runs"]]
    assert labels == ["raw x1", "local", "raw x2", "processes x2", "dask x2"]
    assert report["articles"] == 3 and report["stages"] == ["times"] and report["workers"] == 2
    for run in report["runs"]:
        assert run["articles"] == 3 and run["failures"] == 0 and run["seconds"] > 0 and run["cpu_seconds"] > 0
        assert run["articles_per_s"] == pytest.approx(3 / run["seconds"], rel=1e-2)
        assert run["startup_seconds"] > 0 and len(run["runs"]) == 1
        assert 0 <= run["system_cpu_seconds"] <= run["cpu_seconds"]
        assert 0 <= run["driver_cpu_seconds"] <= run["cpu_seconds"]
    assert len(report["load_before"]) == len(report["load_after"]) == 3 and report["cpus"] >= 1


def test_ratios_compare_like_with_like(report: dict[str, Any]) -> None:
    runs = {r["label"]: r for r in report["runs"]}
    ratios = report["ratios"]
    assert set(ratios) == {"local", "processes x2", "dask x2"}
    assert ratios["local"]["target"] == TARGET_LOCAL and ratios["dask x2"]["target"] == TARGET_PARALLEL
    for label, base in (("local", "raw x1"), ("processes x2", "raw x2"), ("dask x2", "raw x2")):
        expected = runs[label]["articles_per_s"] / runs[base]["articles_per_s"]
        assert ratios[label]["ratio"] == pytest.approx(expected, rel=2e-2)
        assert ratios[label]["cpu_ratio"] > 0
    for label in ("processes x2", "dask x2"):
        assert ratios[label]["scaling"] == pytest.approx(ratios[label]["ratio"] / ratios["local"]["ratio"], rel=1e-2)
        assert ratios[label]["cpu_scaling"] > 0


def test_memory_is_the_whole_process_tree(report: dict[str, Any]) -> None:
    runs = {r["label"]: r for r in report["runs"]}
    for run in runs.values():
        assert run["peak_rss_mb"] >= run["driver_peak_rss_mb"] > 0
    # workers each hold a model, so the tree outweighs the driver; the sampler (every 0.1 s) may miss a
    # short-lived worker's peak on a busy machine, so one parallel run showing the workers is enough here
    gaps = [runs[label]["peak_rss_mb"] - runs[label]["driver_peak_rss_mb"]
            for label in ("raw x2", "processes x2", "dask x2")]
    assert max(gaps) > 50, gaps


def test_store_figures(report: dict[str, Any]) -> None:
    for run in report["runs"]:
        if run["mode"] == "raw":
            assert run["db_bytes"] is None and run["driver_share"] == 0
        else:
            assert run["db_bytes"] > run["empty_db_bytes"] > 0 and 0 < run["driver_share"] < 1
            assert 0 < run["engine_seconds"] < run["seconds"]
    assert report["db_bytes_per_1000"] > 0
    assert report["stories"]["articles"] == 3 and report["stories"]["per_1000_s"] > 0


def test_memory_only_streams_and_reports_peak_rss(folder: Path) -> None:
    result = CliRunner(env={**ENV, "DATELINE_BATCH_SIZE": "1"}).invoke(
        app, ["bench", str(folder), "--memory-only", "--limit", "2", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["inputs"] == 2 and data["engine"] == "local" and data["workers"] == 1
    assert [done for done, _, _ in data["curve"]] == [1, 2]
    assert all(peak > rss - 2 > 0 for _, rss, peak in data["curve"])  # ru_maxrss lags RSS by a page or so
    assert data["peak_rss_mb"] >= data["driver_peak_rss_mb"] > 0 and data["growth"] > 0
    assert data["db_bytes"] > 0


def test_the_text_reports(capsys: pytest.CaptureFixture[str]) -> None:
    def run(label: str, mode: str, engine: str, workers: int, seconds: float) -> Run:
        return Run(label, mode, engine, workers, 10, seconds, (seconds,), seconds, 1.0, 0, 200.0, 500.0,
                   engine_seconds=seconds / 2, db_bytes=None if mode == "raw" else 3000, empty_db_bytes=1000,
                   system_cpu_seconds=0.125 * seconds, driver_cpu_seconds=0.375 * seconds)

    runs = (run("raw x1", "raw", "raw", 1, 1.0), run("local", "pipeline", "local", 1, 2.0))
    scale = ScaleReport("x", "m", ("times",), 32, 10, 1000, 2, 1, 2, (1.0, 1.0, 1.0), (2.0, 2.0, 2.0), runs,
                        stories={"per_1000_s": 1.5, "cpu_per_1000_s": 1.0})
    assert scale.ratios() == {"local": {"ratio": 0.5, "cpu_ratio": 0.5, "target": TARGET_LOCAL}}
    assert scale.db_bytes_per_1000() == 200_000
    print_scale(scale)
    memory = MemoryReport("x", "local", 1, ("times",), 40, 3.0, 5000, 300.0, (1.0, 1.0, 1.0), (1.0, 1.0, 1.0),
                          curve=((10, 300.0, 305.0), (20, 310.0, 320.0), (40, 330.0, 331.0)), peak_rss_mb=331.0)
    assert memory.growth == pytest.approx(1.1)
    print_memory(memory)
    out = capsys.readouterr().out
    assert "local / raw spaCy, same processes: 0.500 (below 0.7)" in out and "200,000 bytes per 1,000" in out
    assert "story clustering: 1.50 s per 1,000 articles" in out and "load average before (1.0, 1.0, 1.0)" in out
    assert "peak RSS (driver + workers, sampled): 331 MiB" in out and "end / first quarter: 1.100" in out
    assert "40: 330 (331)" in out
    # the CPU split of each run (of the CPU seconds, the kernel's and the driver's) is in the table too
    rows = [line for line in out.splitlines() if line.lstrip("│┃ ").startswith("local ")]
    assert any("0.25" in row and "0.75" in row for row in rows) and "driver s" in out


def test_unknown_engine_is_a_clean_error(folder: Path) -> None:
    result = CliRunner(env=ENV).invoke(app, ["bench", str(folder), "--engines", "spark"])
    assert result.exit_code == 2 and "unknown engine" in result.output


def test_plans_measure_each_baseline_once() -> None:
    assert plans(["local", "processes", "dask"], 3) == [
        Plan("raw", "raw", 1), Plan("pipeline", "local", 1), Plan("raw", "raw", 3),
        Plan("pipeline", "processes", 3), Plan("pipeline", "dask", 3)]
    assert [p.label for p in plans(["dask"], 2)] == ["raw x2", "dask x2"]


def test_tree_helpers_on_this_process() -> None:
    before = tree_cpu_s(os.getpid())
    started = time.process_time()
    while time.process_time() - started < 0.05:  # CPU times tick in 10 ms steps: use a few
        sum(i * i for i in range(10_000))
    after = tree_cpu_s(os.getpid())
    me = os.getpid()  # only this process: children of earlier tests may come and go (and pids be reused)
    assert cpu_between({me: before[me]}, {me: after[me]}) > 0
    assert cpu_between({1: 5.0}, {1: 7.0, 2: 1.0}) == pytest.approx(3.0)
    # the split: in all, in the kernel, the root process's share (a child that started meanwhile counts whole)
    use = CpuUse.between(1, {1: (4.0, 1.0)}, {1: (5.0, 2.0), 2: (0.5, 0.25)})
    assert (use.total, use.system, use.root) == pytest.approx((2.75, 1.25, 2.0))
    assert tree_rss_mb(os.getpid()) > 10 and tree_rss_mb(2**22 + 12345) == 0
    with Sampler(os.getpid(), every=0.01) as sampler:
        pass
    assert sampler.peak_mb > 10


def test_limited_counts_articles_only_and_stays_lazy() -> None:
    skip = Skipped(path="x", code="E100", reason="empty")
    items = [skip, make_article("One."), skip, make_article("Two."), make_article("Three.")]
    assert list(limited(iter(items), 2)) == items[:4]
    assert list(limited(iter(items), None)) == items


def test_curve_is_thinned_but_keeps_the_end() -> None:
    curve = _Curve(os.getpid())
    for _ in range(45):
        curve.add(10)
    points = curve.thinned()
    assert len(points) <= 24 and points[0][0] == 10 and points[-1][0] == 450
