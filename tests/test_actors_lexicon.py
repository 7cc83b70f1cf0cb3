"""The actor dictionaries: loading, lookups, size, and the build script's parsing of PETRARCH agents."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from dateline.knowledge.actors import load_lexicon
from dateline.knowledge.actors.build_data import agent_rows, official_name_rows


def test_countries_demonyms_and_seats() -> None:
    lex = load_lexicon()
    assert lex.country_of("Russians") == lex.country_of("Russian Federation") == "RUS"
    assert lex.country_of("U.S.") == "USA"
    assert lex.capitals["kyiv"] == "UKR"
    assert lex.adjectives["DEU"] == "German" and lex.names["GBR"] == "United Kingdom"


def test_official_long_names_are_the_countries() -> None:
    lex = load_lexicon()
    assert lex.country_of("Islamic Republic of Iran") == "IRN"
    assert lex.country_of("Syrian Arab Republic") == "SYR"
    assert lex.country_of("People's Republic of China") == "CHN"
    assert lex.country_of("United Kingdom of Great Britain and Northern Ireland") == "GBR"
    assert lex.country_of("Republic of Korea") == "KOR" and lex.country_of("Democratic Republic of the Congo") == "COD"


def test_official_names_file_is_what_the_build_writes() -> None:
    data = resources.files("dateline.knowledge").joinpath("data", "actors_official_names.tsv")
    shipped = [line.split("\t") for line in data.read_text(encoding="utf-8").splitlines() if not line.startswith("#")]
    rows = official_name_rows()
    assert shipped == rows and ["SYR", "Syrian Arab Republic"] in rows
    assert not any("," in name or "(" in name for _, name in rows)  # no index forms ("Iran, Islamic Republic of")


def test_titles_curated_over_derived() -> None:
    lex = load_lexicon()
    spokesman = lex.title("Spokesman")
    assert spokesman is not None and spokesman.sector is None  # the organization decides
    troops = lex.title("troops")
    assert troops is not None and troops.kind == "group" and troops.sector == "MIL"
    bloggers = lex.title("bloggers")
    assert bloggers is not None and bloggers.plural


def test_institutions_and_leaders() -> None:
    lex = load_lexicon()
    kremlin = lex.institution("the Kremlin")
    assert kremlin is not None and (kremlin.country, kremlin.sector) == ("RUS", "GOV")
    ria = lex.institution("RIA Novosti")
    assert ria is not None and ria.kind == "media"
    trump = lex.leader("Donald Trump")
    assert trump is not None and trump.country == "USA"
    assert lex.leader("Sergey Lavrov") == lex.leader("Sergei Lavrov")


def test_data_files_stay_small() -> None:
    data = Path(str(resources.files("dateline.knowledge").joinpath("data")))
    total = sum(p.stat().st_size for p in data.glob("actors_*"))
    assert 0 < total < 1_000_000


def test_agent_lines_parsed(tmp_path: Path) -> None:
    agents = tmp_path / "agents.txt"
    agents.write_text(
        "# comment\n!PERSON! = MAN, WOMAN, PERSON\nSPOKES!PERSON! [~MED]\nREBEL_ARMY [~REB]\n"
        "EDITOR_IN_CHIEF {EDITORS_IN_CHIEF} [~MED]\nMONK [~BUD]\n",
        encoding="utf-8",
    )
    rows = set(agent_rows(agents))
    assert ("spokesman", "MED", "person") in rows and ("spokeswomen", "MED", "persons") in rows
    assert ("rebel army", "REB", "person") in rows and ("rebel armies", "REB", "persons") in rows
    assert ("editors in chief", "MED", "persons") in rows
    assert not any(r[0] == "monk" for r in rows)  # religious sectors are not kept
