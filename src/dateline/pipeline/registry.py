"""Stages registered by versioned name, with what they require and produce.

A stage module ``dateline.stages.<name>`` registers itself on import::

    @register("times", version="1", requires=("doc",), produces=("times",))
    def make_times(config: Config) -> StageFn: ...

The factory is called once per worker (it may load a model or a gazetteer) and returns a function
``(doc, record) -> record`` that adds its layer and holds no global state.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from dateline.config import Config
from dateline.errors import PipelineError, StageMissing
from dateline.records import ArticleRecord

StageFn = Callable[[Any, ArticleRecord], ArticleRecord]
Factory = Callable[[Config], StageFn]

# Layers every article has before any stage runs.
BASE_LAYERS = ("article", "doc")


@dataclass(frozen=True)
class StageSpec:
    name: str
    version: str
    requires: tuple[str, ...]
    produces: tuple[str, ...]
    factory: Factory

    @property
    def versioned_name(self) -> str:
        return f"{self.name}@{self.version}"


_REGISTRY: dict[str, StageSpec] = {}


def register(
    name: str, *, version: str, requires: Sequence[str], produces: Sequence[str]
) -> Callable[[Factory], Factory]:
    def wrap(factory: Factory) -> Factory:
        _REGISTRY[name] = StageSpec(name, version, tuple(requires), tuple(produces), factory)
        return factory

    return wrap


def get_stage(name: str) -> StageSpec:
    if name not in _REGISTRY:
        try:
            importlib.import_module(f"dateline.stages.{name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"dateline.stages.{name}":
                raise
            raise PipelineError(f"unknown stage {name!r}", hint="see `dateline stages`") from None
    if name not in _REGISTRY:
        raise PipelineError(f"module dateline.stages.{name} registers no stage {name!r}")
    return _REGISTRY[name]


def plan(names: Sequence[str]) -> list[StageSpec]:
    """The stages in order, after checking each one's requirements are met by those before it."""
    have = set(BASE_LAYERS)
    specs = []
    for name in names:
        spec = get_stage(name)
        missing = [layer for layer in spec.requires if layer not in have]
        if missing:
            raise StageMissing(f"stage {spec.versioned_name} requires {missing}, which no earlier stage produces")
        have.update(spec.produces)
        specs.append(spec)
    return specs
