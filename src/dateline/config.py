"""Typed, frozen settings.  Defaults in defaults.toml; file < env DATELINE_* < explicit overrides."""

from __future__ import annotations

import dataclasses
import os
import tomllib
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from dateline.errors import ConfigError

# How the spaCy models multiply matrices (see defaults.toml and dateline.nlp.speed_up_gemm).
GEMMS = ("blis", "numpy")
DEFAULT_GEMM = GEMMS[0]


@dataclass(frozen=True)
class Config:
    model: str
    stages: tuple[str, ...]
    batch_size: int
    max_text_bytes: int
    db: str
    gazetteer: str
    processes: int
    gemm: str = DEFAULT_GEMM

    def with_(self, **changes: Any) -> Config:
        """A copy with the non-None ``changes`` applied and checked."""
        merged = {k: v for k, v in changes.items() if v is not None}
        return _build({**dataclasses.asdict(self), **merged}, "override")


def defaults_text() -> str:
    return resources.files("dateline").joinpath("defaults.toml").read_text(encoding="utf-8")


def load_config(path: str | Path | None = None, env: dict[str, str] | None = None) -> Config:
    values: dict[str, Any] = tomllib.loads(defaults_text())
    if path is not None:
        try:
            values.update(tomllib.loads(Path(path).read_text(encoding="utf-8")))
        except (OSError, tomllib.TOMLDecodeError) as exc:
            raise ConfigError(f"cannot read config: {exc}", path=str(path)) from exc
    environ = os.environ if env is None else env
    for name in values:
        key = f"DATELINE_{name.upper()}"
        if key in environ:
            values[name] = _from_env(name, environ[key], values[name])
    return _build(values, str(path) if path else "defaults")


def _from_env(name: str, raw: str, default: Any) -> Any:
    if isinstance(default, list):
        return [s.strip() for s in raw.split(",") if s.strip()]
    if isinstance(default, int):
        try:
            return int(raw)
        except ValueError:
            raise ConfigError(f"DATELINE_{name.upper()}={raw!r} is not an integer") from None
    return raw


def _build(values: dict[str, Any], origin: str) -> Config:
    fields = {f.name: f for f in dataclasses.fields(Config)}
    unknown = set(values) - set(fields)
    if unknown:
        raise ConfigError(f"unknown setting(s) {sorted(unknown)}", path=origin)
    values = {**values, "stages": tuple(values["stages"])}
    for name in ("batch_size", "max_text_bytes"):
        if not isinstance(values[name], int) or values[name] <= 0:
            raise ConfigError(f"{name} must be a positive integer, got {values[name]!r}", path=origin)
    if values.get("gemm", DEFAULT_GEMM) not in GEMMS:
        raise ConfigError(f"gemm must be one of {list(GEMMS)}, got {values['gemm']!r}", path=origin)
    return Config(**values)
