"""``dateline eval events``: event coding against PLOVER gold records and CASE-2021 task 2 snippets."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import typer

from dateline.errors import DatelineError


def _plover(path: Path, stages: list[str] | None, limit: int | None) -> dict[str, Any]:
    from dateline.config import load_config
    from dateline.eval.events import evaluate_plover, stages_through_events

    names = stages or stages_through_events(load_config().stages)
    result = evaluate_plover(path, names, limit).as_dict()
    result["stages"] = names
    return result


def _case(path: Path, limit: int | None) -> dict[str, Any]:
    from dateline.eval.events import case_report, evaluate_case

    return case_report(evaluate_case(path, limit))


def _print(title: str, result: dict[str, Any]) -> None:
    from dateline.eval.events import format_confusion, format_table

    headline = {k: v for k, v in result.items() if k not in ("per_type", "confusion")}
    typer.echo(format_table(title, headline, result["per_type"]))
    typer.echo(format_confusion(result["confusion"]))


def register(app: typer.Typer, eval_app: typer.Typer) -> None:
    @eval_app.command("events")
    def eval_events(
        plover: Path | None = typer.Option(None, "--plover", help="PLOVER gold records (JSON array), e.g. ../shared/"
                                           "bench/event_coding/plover_gsr/PLOVER_GSR_CAMEO.dev.json."),
        case: Path | None = typer.Option(None, "--case", help="CASE-2021 task 2 TSV (id, EventSnippet, SubType)."),
        stages: str | None = typer.Option(None, "--stages", help="Comma-separated stages for --plover "
                                          "(default: the configured stages up to events)."),
        limit: int | None = typer.Option(None, "--limit", help="Score only the first N records of each set."),
        as_json: bool = typer.Option(False, "--json", help="Print the measures as JSON."),
    ) -> None:
        """Per-type P/R/F1 and a confusion table: PLOVER type/mode/actor countries, CASE fine-grained types.

        A missing path is skipped with a message (exit 0), so scripts can run this where the gold is absent.
        """
        if plover is None and case is None:
            raise typer.BadParameter("give --plover FILE and/or --case FILE")
        results: dict[str, Any] = {}
        for name, path in (("plover", plover), ("case", case)):
            if path is None:
                continue
            try:
                names = [s.strip() for s in stages.split(",")] if stages else None
                results[name] = _plover(path, names, limit) if name == "plover" else _case(path, limit)
            except DatelineError as exc:
                typer.echo(f"skipped {name}: {exc}", err=True)
        if as_json:
            typer.echo(json.dumps(results, indent=2))
            return
        for name, result in results.items():
            _print(f"{name}:", result)
