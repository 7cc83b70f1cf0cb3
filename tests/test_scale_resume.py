"""Incremental and resumable ingest: `dateline ingest -` SIGKILLed after its first batches are committed,
then run again, ends with exactly the rows of a clean run (SQLite and PostgreSQL)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from conftest import store_target

from dateline.store import open_store
from dateline.store.base import Store

DATELINE = str(Path(sys.executable).with_name("dateline"))
ARTICLES = 30
PLACES = ("Kyiv", "Kharkiv", "Odesa", "Geneva", "Riyadh", "Istanbul")
WAIT_S = 60.0


def _lines() -> list[bytes]:
    """Short generated wire reports, one JSON object per line."""
    return [json.dumps({"id": f"r{i}", "title": f"Talks, day {i}", "published_at": f"2025-03-{1 + i % 28:02d}",
                        "text": f"Foreign Minister Andrii Sybiha met envoy Steve Witkoff in {PLACES[i % 6]} on "
                                f"day {i} of the talks. They discussed prisoner exchange number {i}."}).encode() + b"\n"
            for i in range(ARTICLES)]


def _config(tmp_path: Path) -> Path:
    path = tmp_path / "small.toml"
    path.write_text('stages = ["actors"]\nbatch_size = 2\n', encoding="utf-8")
    return path


def _ingest(db: str, config: Path, stdin: Any) -> subprocess.Popen[bytes]:
    return subprocess.Popen([DATELINE, "ingest", "-", "--db", db, "--config", str(config)], stdin=stdin,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env={**os.environ, "NO_COLOR": "1"})


def _finish(db: str, config: Path) -> str:
    proc = _ingest(db, config, subprocess.PIPE)
    out, err = proc.communicate(b"".join(_lines()), timeout=WAIT_S)
    assert proc.returncode == 0, err.decode()
    return out.decode()


def _articles_stored(store: Store) -> int:
    return int(store.rows("SELECT COUNT(*) FROM articles")[0][0])


def _kill_after_commits(db: str, config: Path, store: Store, committed: int) -> int:
    """Feed the first lines, SIGKILL once ``committed`` articles are stored; the count at the kill."""
    proc = _ingest(db, config, subprocess.PIPE)
    assert proc.stdin is not None
    proc.stdin.write(b"".join(_lines()[:12]))
    proc.stdin.flush()
    deadline = time.monotonic() + WAIT_S
    while _articles_stored(store) < committed and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=WAIT_S)
    assert proc.returncode == -signal.SIGKILL
    proc.stdin.close()
    for stream in (proc.stdout, proc.stderr):
        if stream is not None:
            stream.close()
    return _articles_stored(store)


@pytest.fixture(scope="module")
def clean_counts(tmp_path_factory: pytest.TempPathFactory) -> dict[str, int]:
    folder = tmp_path_factory.mktemp("clean")
    db = str(folder / "clean.db")
    _finish(db, _config(folder))
    store = open_store(db)
    try:
        return store.table_counts()
    finally:
        store.close()


@pytest.mark.parametrize("kind", ["sqlite", "postgres"])
def test_a_killed_run_resumes_with_nothing_lost_or_doubled(kind: str, clean_counts: dict[str, int],
                                                           request: pytest.FixtureRequest, tmp_path: Path) -> None:
    db = store_target(request, tmp_path, kind)
    config = _config(tmp_path)
    store = open_store(db)  # created and migrated before the run, so polling it races nothing
    try:
        at_kill = _kill_after_commits(db, config, store, committed=4)
        assert 4 <= at_kill < ARTICLES
        summary = _finish(db, config)
        assert f"{ARTICLES - at_kill} stored, {at_kill} unchanged, 0 skipped" in summary
        assert store.table_counts() == clean_counts
        assert clean_counts["articles"] == ARTICLES and clean_counts["actor_mentions"] >= 2 * ARTICLES
        statuses = [s for (s,) in store.rows("SELECT status FROM runs ORDER BY started_at, status")]
        assert sorted(statuses) == ["ok", "running"]  # the killed run never finished; the rerun did
        assert f"0 stored, {ARTICLES} unchanged, 0 skipped" in _finish(db, config)  # a third run adds nothing
        assert store.table_counts() == clean_counts
    finally:
        store.close()
