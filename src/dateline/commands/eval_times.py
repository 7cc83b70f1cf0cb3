"""``dateline eval times``: the times layer against TimeML gold (TempEval-3 Task A measures)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import typer

from dateline.errors import DatelineError


def _nlp(model: str | None) -> Any:
    from dateline.config import load_config
    from dateline.nlp import load_nlp

    return load_nlp(model or load_config().model)


def register(app: typer.Typer, eval_app: typer.Typer) -> None:
    @eval_app.command("times")
    def eval_times(
        timeml: Path = typer.Option(..., "--timeml", help="A .tml file or a folder of them (searched recursively), "
                                    "e.g. ../shared/bench/tempeval3/TBAQ-cleaned."),
        as_json: bool = typer.Option(False, "--json", help="Print the measures as JSON."),
        limit: int | None = typer.Option(None, "--limit", help="Score only the first N documents (sorted by path)."),
        errors: int = typer.Option(0, "--errors", help="Also list up to N missed, spurious and wrong-value cases."),
        parse: bool = typer.Option(True, "--parse/--no-parse",
                                   help="Parse each document with the configured spaCy model first and give the "
                                        "layer the Doc, as the pipeline does (the tense of the governing verb "
                                        "then directs weekdays and months); --no-parse reads plain text only."),
        model: str | None = typer.Option(None, help="spaCy pipeline for --parse (default: config `model`)."),
    ) -> None:
        """Strict/relaxed span P/R/F1, type accuracy and value F1 of TIMEX3, overall and per type, and the wrong
        values counted by kind (gold digits left unknown, part of day, unpadded week, a week apart, other).

        Each document's creation time (DCT) is its publication time.  A missing path is skipped with
        a message (exit 0), so scripts can run this where the gold data is absent.
        """
        from dateline.eval.timeml import evaluate_timeml, format_table

        try:
            score = evaluate_timeml(timeml, limit, _nlp(model) if parse else None)
        except DatelineError as exc:
            typer.echo(f"skipped: {exc}", err=True)
            raise typer.Exit(0) from None
        if as_json:
            typer.echo(json.dumps(score.as_dict(), indent=2))
        else:
            typer.echo(format_table(score))
        for doc, kind, text, gold, pred, _ in score.errors[:errors]:
            typer.echo(f"{kind:8} {doc:28} {text!r:32} gold={gold:24} pred={pred}", err=True)
