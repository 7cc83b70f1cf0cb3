"""The pipeline child process that Dask workers hand their batches to: same records as in-process,
errors raised in the caller with their own type, a coded error when the child dies, one thread."""

from __future__ import annotations

import operator
import pickle
from collections.abc import Iterator

import psutil
import pytest

from dateline.config import load_config
from dateline.errors import DatelineError, EngineError, InputError
from dateline.ingest import make_article
from dateline.pipeline.child import PipelineProcess
from dateline.pipeline.engines import run_articles
from dateline.pipeline.runner import Pipeline

CONFIG = load_config().with_(stages=["actors", "times"], batch_size=4)
ARTICLES = [
    make_article("Foreign Minister Andrii Sybiha met Chinese envoy Li Hui in Kyiv on Monday.",
                 title="Envoy in Kyiv", published_at="2025-03-12T09:00:00"),
    make_article("Kremlin spokesman Dmitry Peskov said last week that no date had been set for a summit.",
                 title="No summit date", published_at="2025-03-14T10:30:00"),
]


@pytest.fixture(scope="module")
def child() -> Iterator[PipelineProcess]:
    process = PipelineProcess(CONFIG)
    try:
        yield process
    finally:
        process.close()


def test_the_child_gives_the_records_of_an_in_process_pipeline(child: PipelineProcess) -> None:
    here = run_articles(Pipeline(CONFIG), ARTICLES)
    there = pickle.loads(child.call(run_articles, ARTICLES))
    assert there == here
    assert [r.times for r in there] == [r.times for r in here] and any(r.times for r in there)


def test_the_child_runs_in_one_thread(child: PipelineProcess) -> None:
    child.call(run_articles, ARTICLES)
    assert psutil.Process(child.process.pid).num_threads() == 1


def test_an_error_in_the_task_is_raised_in_the_caller_with_its_type(child: PipelineProcess) -> None:
    with pytest.raises(TypeError, match="unsupported operand"):
        child.call(operator.truediv, 0)  # Pipeline / 0
    assert pickle.loads(child.call(run_articles, ARTICLES[:1]))  # and the child goes on serving


def test_a_child_that_cannot_start_raises_the_pipelines_own_error() -> None:
    with pytest.raises(DatelineError, match="no-such-spacy-model"):
        PipelineProcess(CONFIG.with_(model="no-such-spacy-model"))


def test_a_dead_child_is_a_coded_error() -> None:
    process = PipelineProcess(CONFIG.with_(stages=["actors"]))
    try:
        process.process.kill()
        process.process.wait()
        with pytest.raises(EngineError, match="died"):
            process.call(run_articles, ARTICLES)
    finally:
        process.close()


def test_coded_errors_pickle_as_they_were() -> None:
    error = EngineError("a pool worker died", path="/data/in.jsonl", hint="try fewer --workers")
    copy = pickle.loads(pickle.dumps(error))
    assert (type(copy), str(copy), copy.path, copy.hint) == (EngineError, str(error), error.path, error.hint)
    assert str(pickle.loads(pickle.dumps(InputError("empty")))) == "[E100] empty"


def test_the_child_exits_when_its_worker_closes_the_socket() -> None:
    process = PipelineProcess(CONFIG.with_(stages=["actors"]))
    process.close()
    assert process.process.returncode == 0


def test_the_dask_plugin_starts_a_child_per_worker_thread_and_stops_them() -> None:
    from types import SimpleNamespace

    from dateline.pipeline.engines import _pipeline_plugin

    plugin = _pipeline_plugin(CONFIG.with_(stages=["actors"]))
    worker = SimpleNamespace(state=SimpleNamespace(nthreads=2))
    plugin.setup(worker)
    children = list(plugin.started)
    try:
        assert len({c.process.pid for c in children}) == 2
        assert all(pickle.loads(c.call(run_articles, ARTICLES[:1])) for c in children)
    finally:
        plugin.teardown(worker)
    assert [c.process.returncode for c in children] == [0, 0]


def test_children_started_together_each_report_their_start_up_error() -> None:
    children = [PipelineProcess(CONFIG.with_(model="no-such-spacy-model"), wait=False) for _ in range(2)]
    for child in children:
        with pytest.raises(DatelineError, match="no-such-spacy-model"):
            child.wait_ready()
