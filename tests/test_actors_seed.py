"""Every named person in the seed article is an actor with the role, organization and country it gives.

The seed is read from ../shared by path (skipped when absent); its body is cut out here with the
plain rules of the text format (after the ``Updated:`` line, without the two trailing furniture lines).
"""

from __future__ import annotations

import pytest
from conftest import run_stages, shared_path

from dateline.records import Actor, ArticleRecord

# name -> (a role title, its organization, country, sector)
EXPECTED: dict[str, tuple[str, str | None, str | None, str]] = {
    "Dmitry Peskov": ("spokesman", "Kremlin", "RUS", "GOV"),
    "Volodymyr Zelensky": ("President", None, "UKR", "GOV"),
    "Donald Trump": ("President", None, "USA", "GOV"),
    "Marco Rubio": ("Secretary of State", None, "USA", "GOV"),
    "Mike Waltz": ("National Security Advisor", None, "USA", "GOV"),
    "Viktor Sobolev": ("Deputy", "State Duma", "RUS", "LEG"),
    "Julian Ropcke": ("senior editor for security policy", "Bild-Zeitung", "DEU", "JRN"),
    "Vladimir Putin": ("President", None, "RUS", "GOV"),
    "Sergei Lavrov": ("Minister of Foreign Affairs", "Russian Federation", "RUS", "GOV"),
    "Mario Nawfal": ("blogger", None, None, "JRN"),
    "Larry C. Johnson": ("blogger", None, None, "JRN"),
    "Andrew Napolitano": ("blogger", None, None, "JRN"),
    "Tatiana Stanovaya": ("Senior Fellow", "Carnegie Russia Eurasia Center", None, "EDU"),
}


def _seed_body() -> str:
    lines = shared_path("seed", "000_504594bd216695fb.txt").read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("Updated:")) + 1
    body = list(lines[start:])
    while body and not body[-1].strip():
        body.pop()
    return "\n".join(body[:-1]).rstrip().rsplit("\n", 1)[0].strip()


@pytest.fixture(scope="module")
def seed() -> ArticleRecord:
    return run_stages(("actors",), _seed_body())


def _person(record: ArticleRecord, name: str) -> Actor:
    found = [a for a in record.actors if a.kind == "person" and a.name == name]
    assert len(found) == 1, sorted(a.name for a in record.actors if a.kind == "person")
    return found[0]


def test_body_cut_without_furniture(seed: ArticleRecord) -> None:
    assert seed.article.text.startswith("Kremlin spokesman")
    assert "Support" not in seed.article.text.splitlines()[-1]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_named_person_has_role_organization_country(seed: ArticleRecord, name: str) -> None:
    title, organization, country, sector = EXPECTED[name]
    person = _person(seed, name)
    assert (title, organization) in {(r.title, r.organization) for r in person.roles}
    assert (person.country, person.sector) == (country, sector)
    assert all(m.valid_in(seed.article.text) for m in person.mentions)


def test_no_other_people(seed: ArticleRecord) -> None:
    assert {a.name for a in seed.actors if a.kind == "person"} == set(EXPECTED)


def test_he_wrote_is_ropcke(seed: ArticleRecord) -> None:
    text = seed.article.text
    at = text.index("he wrote on X")
    ropcke = _person(seed, "Julian Ropcke")
    assert any(m.start == at and m.text == "he" for m in ropcke.mentions)


def test_surnames_and_brackets_merge(seed: ArticleRecord) -> None:
    rubio = _person(seed, "Marco Rubio")
    texts = [m.text for m in rubio.mentions]
    assert texts[0].startswith("[Secretary of State Marco]") and "Rubio" in texts
    assert sum(m.text == "Lavrov" for m in _person(seed, "Sergei Lavrov").mentions) >= 3
    assert sum(m.text == "Trump" for m in _person(seed, "Donald Trump").mentions) == 3


def test_states_institutions_and_groups(seed: ArticleRecord) -> None:
    kinds = {(a.kind, a.name, a.country, a.sector) for a in seed.actors}
    assert ("organization", "Kremlin", "RUS", "GOV") in kinds
    assert ("organization", "State Department", "USA", "GOV") in kinds
    assert ("organization", "State Duma", "RUS", "LEG") in kinds
    assert ("media", "RIA Novosti", "RUS", "MED") in kinds
    assert ("media", "Bild-Zeitung", "DEU", "MED") in kinds
    assert ("group", "Russian forces", "RUS", "MIL") in kinds
    assert ("group", "American officials", "USA", "GOV") in kinds
    russia = next(a for a in seed.actors if a.kind == "state" and a.country == "RUS")
    assert "Moscow" in {m.text for m in russia.mentions}
    assert not any(a.kind == "state" and a.country == "DEU" for a in seed.actors)
