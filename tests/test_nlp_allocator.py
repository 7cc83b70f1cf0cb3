"""keep_freed_memory: glibc keeps freed heap for the next batch, unless the user set its variables."""

from __future__ import annotations

import sys

import pytest

from dateline.nlp import keep_freed_memory


@pytest.mark.skipif(sys.platform != "linux", reason="glibc's mallopt")
def test_glibc_is_told_to_keep_freed_memory(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("MALLOC_TRIM_THRESHOLD_", raising=False)
    monkeypatch.delenv("MALLOC_MMAP_THRESHOLD_", raising=False)
    assert keep_freed_memory.__wrapped__() is True


@pytest.mark.parametrize("variable", ["MALLOC_TRIM_THRESHOLD_", "MALLOC_MMAP_THRESHOLD_"])
def test_the_users_malloc_settings_stand(monkeypatch: pytest.MonkeyPatch, variable: str) -> None:
    monkeypatch.setenv(variable, "65536")
    assert keep_freed_memory.__wrapped__() is False
