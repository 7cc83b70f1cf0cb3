from __future__ import annotations

import re

import pytest

from dateline.config import Config, defaults_text, load_config
from dateline.errors import ConfigError, PipelineError, StageMissing
from dateline.pipeline import registry


def test_every_setting_has_a_comment_in_defaults() -> None:
    lines = defaults_text().splitlines()
    for i, line in enumerate(lines):
        if re.match(r"^[a-z_]+\s*=", line):
            assert lines[i - 1].startswith("#"), f"setting without a comment: {line}"


def test_defaults_load_and_match_dataclass() -> None:
    config = load_config()
    assert isinstance(config, Config) and config.batch_size > 0 and config.stages


def test_environment_overrides_file(tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "c.toml"
    path.write_text('batch_size = 4\nstages = ["actors"]\n')
    config = load_config(path, env={"DATELINE_BATCH_SIZE": "8"})
    assert config.batch_size == 8 and config.stages == ("actors",)


def test_bad_settings_are_coded_errors(tmp_path) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ConfigError, match="E201"):
        load_config(env={"DATELINE_BATCH_SIZE": "many"})
    path = tmp_path / "c.toml"
    path.write_text("colour = 'blue'\n")
    with pytest.raises(ConfigError, match="colour"):
        load_config(path)
    with pytest.raises(ConfigError, match="batch_size"):
        load_config().with_(batch_size=0)


def test_plan_refuses_a_stage_whose_requirement_is_missing() -> None:
    registry.register("needs_nothing_there", version="0", requires=("doc", "ghost_layer"), produces=("x",))(
        lambda config: (lambda doc, record: record)
    )
    with pytest.raises(StageMissing, match="ghost_layer"):
        registry.plan(["needs_nothing_there"])


def test_unknown_stage_is_a_clear_error() -> None:
    with pytest.raises(PipelineError, match="unknown stage 'no_such_stage'"):
        registry.plan(["no_such_stage"])
