"""``dateline eval quotes``: the quotes layer against PolNeAR (source, cue and content spans)."""

from __future__ import annotations

import json
from pathlib import Path

import typer

from dateline.errors import DatelineError


def register(app: typer.Typer, eval_app: typer.Typer) -> None:
    @eval_app.command("quotes")
    def eval_quotes(
        polnear: Path = typer.Option(..., "--polnear", help="The PolNeAR folder (with dev/), e.g. "
                                     "../shared/bench/polnear, or one compartment folder (text/, attributions/)."),
        compartment: str = typer.Option("dev", "--compartment", help="dev, train, test or annotator-training."),
        limit: int | None = typer.Option(None, "--limit", help="Score only the first N documents (name order)."),
        as_json: bool = typer.Option(False, "--json", help="Print the measures as JSON."),
        model: str | None = typer.Option(None, help="spaCy pipeline to use (default: config `model`)."),
        fit: Path | None = typer.Option(None, "--fit", help="Instead of scoring: rebuild the [frames], [paths] and "
                                        "[rerank] tables from the TRAIN compartment and write a complete cue file "
                                        "here (copy it over knowledge/data/quotes_cues.toml to ship it)."),
    ) -> None:
        """Exact and overlap P/R/F1 of source, cue and content spans, and speaker accuracy.

        A missing path is skipped with a message (exit 0), so scripts can run this where the gold
        data is absent.  With --fit, the learned tables are rebuilt from train instead (a few minutes).
        """
        if fit is not None:
            _fit(polnear, fit, model, limit)
            return
        from dateline.eval.polnear import compartment_dir, evaluate_polnear, format_table, quote_extractor

        try:
            compartment_dir(polnear, compartment)
            score = evaluate_polnear(polnear, quote_extractor(model), compartment, limit)
        except DatelineError as exc:
            typer.echo(f"skipped: {exc}", err=True)
            raise typer.Exit(0) from None
        typer.echo(json.dumps(score.as_dict(), indent=2) if as_json else format_table(score))


def _fit(polnear: Path, out: Path, model: str | None, limit: int | None) -> None:
    from dateline.config import load_config
    from dateline.eval.polnear import compartment_dir
    from dateline.eval.polnear_fit import fit_quote_tables, parse_compartment, write_cue_file
    from dateline.nlp import load_nlp

    try:
        compartment_dir(polnear, "train")
        nlp = load_nlp(model or load_config().model)
        parsed = parse_compartment(polnear, nlp, "train", limit)
    except DatelineError as exc:
        typer.echo(f"skipped: {exc}", err=True)
        raise typer.Exit(0) from None
    typer.echo(f"parsed {len(parsed)} train documents", err=True)
    tables = fit_quote_tables(parsed, log=lambda line: typer.echo(line, err=True))
    write_cue_file(tables, out)
    typer.echo(f"wrote {out}: {len(tables.frames)} cue lemmas, {len(tables.paths)} paths, "
               f"{len(tables.rerank)} rerank weights")
