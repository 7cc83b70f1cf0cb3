"""gazetteer build / lookup, and eval places: thin commands over dateline.knowledge.gazetteer and
dateline.eval.geo."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

import typer

from dateline.commands.core import settings
from dateline.errors import DatelineError


def _fail(exc: DatelineError) -> typer.Exit:
    typer.echo(str(exc), err=True)
    return typer.Exit(2)


def register(app: typer.Typer, eval_app: typer.Typer) -> None:
    gazetteer_app = typer.Typer(help="Build and query the offline gazetteer (GeoNames data, CC BY 4.0).",
                                no_args_is_help=True)
    app.add_typer(gazetteer_app, name="gazetteer")

    @gazetteer_app.command("build")
    def build(
        default: bool = typer.Option(False, "--default", help="Build from the installed registry packages."),
        geonames: Path | None = typer.Option(
            None, "--geonames",
            help="A folder of GeoNames dumps (allCountries/XX .txt/.zip, alternateNamesV2, admin codes, hierarchy)."),
        no_registry: bool = typer.Option(False, "--no-registry", help="With --geonames: skip the registry data."),
        out: Path | None = typer.Option(None, "--out", help="Index path (default: config `gazetteer`)."),
        config_file: Path | None = typer.Option(None, "--config"),
    ) -> None:
        """Write the SQLite gazetteer index (replacing the old one when done)."""
        from dateline.knowledge.gazetteer import resolve_path
        from dateline.knowledge.gazetteer.geonames_build import build_geonames
        from dateline.knowledge.gazetteer.registry_build import build_default

        if default == (geonames is not None):
            raise typer.BadParameter("give exactly one of --default or --geonames DIR")
        path = out or resolve_path(settings(config_file).gazetteer)
        try:
            meta = build_default(path) if default else build_geonames(geonames or Path(), path,
                                                                       with_registry=not no_registry)
        except DatelineError as exc:
            raise _fail(exc) from None
        typer.echo(f"gazetteer written to {path}: {json.dumps(meta)}")

    @gazetteer_app.command("lookup")
    def lookup(
        name: str = typer.Argument(..., help="A place name, any spelling."),
        fuzzy: bool = typer.Option(True, help="Try near spellings when nothing matches exactly."),
        limit: int = typer.Option(10, help="Most candidates to show."),
        config_file: Path | None = typer.Option(None, "--config"),
    ) -> None:
        """Candidates for NAME, most populous first, with the lookup time."""
        from dateline.knowledge.gazetteer import open_gazetteer

        try:
            gaz = open_gazetteer(settings(config_file).gazetteer)
        except DatelineError as exc:
            raise _fail(exc) from None
        started = time.perf_counter()
        found = gaz.lookup(name) or (gaz.fuzzy(name) if fuzzy else [])
        ms = (time.perf_counter() - started) * 1000
        for c in sorted(found, key=lambda c: -c.place.population)[:limit]:
            p = c.place
            typer.echo(f"{p.ref:22} {p.name:32} {p.feature:9} {p.cc3 or '-':4} {p.admin1_name or '-':28} "
                       f"{p.lat:.4f},{p.lon:.4f} pop {p.population:,} via {c.kind} {c.matched!r}"
                       if p.lat is not None and p.lon is not None else f"{p.ref:22} {p.name} (no coordinates)")
        typer.echo(f"{len(found)} candidate(s) in {ms:.2f} ms", err=True)
        raise typer.Exit(0 if found else 1)

    @eval_app.command("places")
    def eval_places(
        gwn: Path | None = typer.Option(None, "--gwn", help="GeoWebNews XML (GWN.xml)."),
        geovirus: Path | None = typer.Option(None, "--geovirus", help="GeoVirus XML."),
        limit: int = typer.Option(0, help="Score only the first N articles (0: all)."),
        as_json: bool = typer.Option(False, "--json", help="Print the scores as JSON."),
        model: str | None = typer.Option(None, help="spaCy pipeline (default: config `model`)."),
        config_file: Path | None = typer.Option(None, "--config"),
    ) -> None:
        """Toponym P/R/F1 and acc@161 km / mean error / AUC, end to end and given the gold spans."""
        if (gwn is None) == (geovirus is None):
            raise typer.BadParameter("give one of --gwn FILE or --geovirus FILE")
        try:
            report = run_eval(gwn or geovirus or Path(), settings(config_file, model=model), limit)
        except DatelineError as exc:
            raise _fail(exc) from None
        typer.echo(json.dumps(report, indent=2) if as_json else format_report(report))


def run_eval(path: Path, config: Any, limit: int = 0) -> dict[str, Any]:
    """Run the actors and places stages over the gold articles and score them."""
    from dateline.eval.geo import evaluate, read_gold
    from dateline.ingest import make_article
    from dateline.knowledge.gazetteer import open_gazetteer
    from dateline.pipeline.runner import Pipeline
    from dateline.records import ArticleRecord

    articles = read_gold(path)
    articles = articles[:limit] if limit else articles
    pipeline = Pipeline(config.with_(stages=["actors", "places"]))
    gazetteer = open_gazetteer(config.gazetteer)

    def geoparse(text: str) -> tuple[Any, list[Any]]:
        doc = pipeline.nlp(text)
        record = ArticleRecord(article=make_article(text))
        for _spec, stage in pipeline.stages:
            record = stage(doc, record)
        return doc, record.places

    started = time.perf_counter()
    report = evaluate(articles, geoparse, gazetteer)
    return {"gold": str(path), **report, "seconds": round(time.perf_counter() - started, 1)}


def format_report(report: dict[str, Any]) -> str:
    lines = [f"{report['gold']}: {report['articles']} articles, {report['gold_toponyms']} gold toponyms "
             f"with coordinates, {report['seconds']} s"]
    for name in ("end_to_end", "end_to_end_overlap", "end_to_end_no_adjectival", "given_gold_spans"):
        row = report[name]
        lines.append(f"{name:25} " + "  ".join(f"{k}={v}" for k, v in row.items()))
    return "\n".join(lines)
