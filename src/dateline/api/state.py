"""What the app holds: the store (one connection, used under a lock), the write settings and the
pipeline, loaded on the first POST only."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeVar

from fastapi import Request

from dateline.config import Config
from dateline.store.base import Store

if TYPE_CHECKING:
    from dateline.pipeline.runner import Pipeline

T = TypeVar("T")

# Largest POST body accepted by default (bytes): a long article is ~100 kB.
DEFAULT_MAX_BODY_BYTES = 1_000_000


@dataclass
class ApiState:
    store: Store
    config: Config
    token: str | None
    read_only: bool
    max_body_bytes: int = DEFAULT_MAX_BODY_BYTES
    lock: threading.Lock = field(default_factory=threading.Lock)
    _pipeline: Pipeline | None = None

    def read(self, fn: Callable[..., T], *args: Any) -> T:
        """Run a read with the store to itself (one connection serves every request thread)."""
        with self.lock:
            return fn(self.store, *args)

    def pipeline(self) -> Pipeline:
        from dateline.pipeline.runner import Pipeline

        if self._pipeline is None:
            self._pipeline = Pipeline(self.config)
        return self._pipeline


def get_state(request: Request) -> ApiState:
    state: ApiState = request.app.state.dateline
    return state
