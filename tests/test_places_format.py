from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from dateline.errors import DataMissing
from dateline.knowledge.gazetteer import Gazetteer, open_gazetteer


def _old_index(path: Path) -> Path:
    db = sqlite3.connect(path)
    db.execute("CREATE TABLE meta (k TEXT PRIMARY KEY, v TEXT NOT NULL)")
    db.execute("INSERT INTO meta VALUES ('source', 'registry')")
    db.commit()
    db.close()
    return path


def test_an_index_of_another_format_is_refused_with_the_rebuild_command(tmp_path: Path) -> None:
    path = _old_index(tmp_path / "old.sqlite")
    with pytest.raises(DataMissing, match="format unknown") as caught:
        Gazetteer(path)
    assert "gazetteer build" in str(caught.value)


def test_a_configured_stale_index_is_not_rebuilt_silently(tmp_path: Path) -> None:
    path = _old_index(tmp_path / "old.sqlite")
    with pytest.raises(DataMissing):
        open_gazetteer(str(path))
