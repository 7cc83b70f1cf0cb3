"""The README's CLI reference stays true: every `dateline ...` command it names exists, with the options it shows."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from dateline.cli import app

README = Path(__file__).resolve().parents[1] / "README.md"
SUBGROUPS = {"eval", "gazetteer", "stories"}


def _commands() -> list[tuple[list[str], list[str]]]:
    """(command words, --options) for each `dateline ...` in the README's code and tables."""
    found = []
    for line in re.findall(r"`(dateline [^`]+)`", README.read_text(encoding="utf-8")):
        words = line.split()[1:]
        if not words or words[0].isupper():  # a placeholder such as `dateline COMMAND --help`
            continue
        command = [words[0]]
        if words[0] in SUBGROUPS and len(words) > 1 and re.fullmatch(r"[a-z]+", words[1]):
            command.append(words[1])
        options = sorted({w.split("=")[0] for w in re.findall(r"--[a-z][a-z-]*", line)})
        found.append((command, options))
    return found


@pytest.mark.parametrize(("command", "options"), _commands(), ids=lambda v: " ".join(v) if isinstance(v, list) else v)
def test_readme_command_exists_with_its_options(command: list[str], options: list[str]) -> None:
    result = CliRunner().invoke(app, [*command, "--help"], env={"COLUMNS": "200", "NO_COLOR": "1"})
    assert result.exit_code == 0, f"`dateline {' '.join(command)}` from the README: {result.output}"
    for option in options:
        assert option in result.output, f"`dateline {' '.join(command)}` has no {option}"


def test_readme_names_the_two_commands_first() -> None:
    text = README.read_text(encoding="utf-8")
    assert text.index("make demo") < text.index("## A short tour") and "make test" in text
