"""Countries, historical leaders, nationality groups and institutions (articles written for these tests)."""

from __future__ import annotations

from conftest import run_stages

from dateline.knowledge.actors import load_lexicon
from dateline.records import Actor, ArticleRecord


def _record(text: str, published_at: str = "2000-01-01T12:00:00") -> ArticleRecord:
    return run_stages(("actors",), text, published_at=published_at)


def _find(record: ArticleRecord, name: str) -> Actor:
    return next(a for a in record.actors if name in a.name or name in a.aliases)


def test_every_country_is_a_state_actor() -> None:
    record = _record("Peru and Zambia signed a trade accord. Bosnia later joined the talks with Ivory Coast.")
    states = {a.country for a in record.actors if a.kind == "state"}
    assert {"PER", "ZMB", "BIH", "CIV"} <= states
    assert all(a.sector == "GOV" for a in record.actors if a.kind == "state")


def test_historical_leader_gets_country_of_the_publication_date() -> None:
    record = _record("President Yoweri Museveni banned the rally. Askar Akayev said he would resign.")
    assert _find(record, "Museveni").country == "UGA"
    akayev = _find(record, "Akayev")
    assert akayev.country == "KGZ" and akayev.sector == "GOV"
    later = _record("Askar Akayev said he would write a book.", published_at="2009-05-01T00:00:00")
    assert _find(later, "Akayev").sector == "ELI"  # after 2005 he no longer governs


def test_misspelled_leader_still_found() -> None:
    record = _record("President Francois Mitterand welcomed the delegation on Thursday.")
    assert _find(record, "Mitterand").country == "FRA"


def test_figure_role_selection() -> None:
    figure = load_lexicon().figures["askar akayev"]
    assert figure.role_on("1995-06-01") is not None and figure.role_on("1995-06-01").sector == "GOV"  # type: ignore[union-attr]
    assert figure.role_on(None) is not None


def test_unnamed_official_and_national_groups() -> None:
    record = _record("A French minister threatened import curbs. Ivory Coast rebels rejected the plan. "
                     "Russian aircraft struck a village. Vietnamese-led forces shelled the camps.")
    countries = {(a.country, a.sector) for a in record.actors if a.kind == "group"}
    assert {("FRA", "GOV"), ("CIV", "REB"), ("RUS", "MIL"), ("VNM", "MIL")} <= countries


def test_named_national_institution() -> None:
    record = _record("The Latvian Constitutional Court struck down the law on Tuesday.")
    court = _find(record, "Constitutional Court")
    assert court.country == "LVA" and court.sector == "JUD" and court.kind == "organization"


def test_groups_take_the_country_they_live_in() -> None:
    record = _record("Ethnic Albanians in south Serbia demanded autonomy. Seven opposition parties in Nepal "
                     "called a strike. Demonstrators in Baghdad blocked a road.")
    countries = {a.country for a in record.actors if a.kind == "group"}
    assert {"SRB", "NPL", "IRQ"} <= countries


def test_person_of_country_and_igo() -> None:
    record = _record("King Hassan of Morocco met envoys of the Arab League and OPEC.")
    assert _find(record, "Hassan").country == "MAR"
    igos = {a.name for a in record.actors if a.sector == "IGO"}
    assert {"Arab League", "OPEC"} <= igos and all(a.country is None for a in record.actors if a.sector == "IGO")
