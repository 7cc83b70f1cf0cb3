"""The ``dateline`` command: thin typer commands over importable functions.

Each group of commands lives in a module of ``dateline.commands`` with a ``register(app, eval_app)``
function; heavy imports happen inside the commands, so ``dateline --help`` stays fast.
"""

from __future__ import annotations

import importlib

import typer

app = typer.Typer(
    name="dateline",
    help="Conflict and diplomacy news -> sourced, structured records (quotes, actors, times, places, events).",
    no_args_is_help=True,
    add_completion=False,
)
eval_app = typer.Typer(help="Score a layer against a gold set in ../shared/bench (never needs the network).",
                       no_args_is_help=True)
app.add_typer(eval_app, name="eval")

COMMAND_MODULES = (
    "dateline.commands.core",
    "dateline.commands.bench",
    "dateline.commands.store",
    "dateline.commands.places",
    "dateline.commands.eval_times",
    "dateline.commands.eval_quotes",
    "dateline.commands.eval_events",
    "dateline.commands.serve",
    "dateline.commands.stories",
)

for _name in COMMAND_MODULES:
    importlib.import_module(_name).register(app, eval_app)


def main() -> None:
    app()
