"""Names the default gazetteer knows only as far namesakes: local places read at the article's focus,
streets and organisations not placed in the place they are named after (articles we wrote)."""

from __future__ import annotations

import pytest

from dateline.knowledge.gazetteer import Gazetteer, GazPlace, open_gazetteer
from dateline.stages.places import keep
from dateline.stages.places.resolve import Resolved, resolve
from dateline.stages.places.toponyms import Surface


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return open_gazetteer("")


def read(gaz: Gazetteer, text: str, *names: str) -> list[Resolved]:
    """Gold-style surfaces for each name, at its first occurrence after the previous one, resolved."""
    out, at = [], 0
    for name in names:
        start = text.index(name, at)
        out.append(Surface(start, start + len(name), name, "GOLD", False, False, True, 0))
        at = start + len(name)
    return resolve(gaz, out, text=text)


def where(place: GazPlace | None) -> tuple[str | None, str | None]:
    assert place is not None
    return place.name, place.cc3


def test_small_foreign_namesake_in_a_story_about_one_town_is_a_local_place(gaz: Gazetteer) -> None:
    text = ("Gunfire in Hanover Park kept schools shut on Monday, Cape Town police said. Officers from Cape Town "
            "and Stellenbosch joined patrols, and the Western Cape premier asked South Africa's minister for help.")
    found = read(gaz, text, "Hanover Park", "Cape Town", "Cape Town", "Stellenbosch", "Western Cape", "South Africa")
    assert found[0].approximate == "local" and where(found[0].place) == ("Cape Town", "ZAF")  # not Illinois
    assert not keep(Resolved(Surface(9, 21, "Hanover Park", "GPE", False, False, True, 0),
                             found[0].place, 0.0, 0.0, approximate="local"))  # not a place of its own


def test_a_foreign_town_the_article_points_to_stays(gaz: Gazetteer) -> None:
    text = ("Cape Town officials met in Stellenbosch before flying to Hanover Park, a suburb of Chicago in "
            "Illinois, where the United States hosted the talks.")
    found = read(gaz, text, "Cape Town", "Stellenbosch", "Hanover Park", "Chicago", "Illinois", "United States")
    assert not found[2].approximate and where(found[2].place) == ("Hanover Park", "USA")


def test_village_in_another_state_without_its_state_is_a_local_place(gaz: Gazetteer) -> None:
    text = ("Joggers filled Audubon Park on Sunday as New Orleans warmed up. New Orleans officials said "
            "Louisiana parks would stay open, and Baton Rouge agreed.")
    found = read(gaz, text, "Audubon Park", "New Orleans", "New Orleans", "Louisiana", "Baton Rouge")
    assert found[0].approximate == "local" and where(found[0].place) == ("New Orleans", "USA")


def test_village_named_with_its_state_stays(gaz: Gazetteer) -> None:
    text = ("New Orleans officials said Louisiana parks would stay open, and Baton Rouge agreed; the band then "
            "played Audubon Park, Kentucky, near Louisville.")
    found = read(gaz, text, "New Orleans", "Louisiana", "Baton Rouge", "Audubon Park", "Kentucky", "Louisville")
    assert not found[3].approximate and found[3].place is not None and found[3].place.admin1_name == "Kentucky"


def test_a_street_named_after_a_state_lies_in_the_article_town(gaz: Gazetteer) -> None:
    text = "Shoppers crowded Michigan Avenue in Chicago on Friday, and Chicago police added patrols."
    found = read(gaz, text, "Michigan Avenue", "Chicago", "Chicago")
    assert found[0].approximate == "focus" and where(found[0].place) == ("Chicago", "USA")


def test_a_word_that_is_another_country_subdivision_alias_is_not_its_place(gaz: Gazetteer) -> None:
    # "Federal" is an alias of Brazil's Distrito Federal: not where a Nigerian polytechnic is
    text = "Students at the Federal Polytechnic in Ilorin, Nigeria, went on strike; Ilorin traders joined them."
    found = read(gaz, text, "Federal Polytechnic", "Ilorin", "Nigeria", "Ilorin")
    assert where(found[0].place) == ("Ilorin", "NGA")


def test_a_city_named_after_a_much_larger_state_yields_to_it(gaz: Gazetteer) -> None:
    # Ontario, California (171 k) beside the province of Ontario (14 M) in a story on both countries
    text = ("Truckers from Ontario crossed from Windsor into Detroit, and Michigan police waved them on; "
            "Canada and the United States both praised the crossing.")
    found = read(gaz, text, "Ontario", "Windsor", "Detroit", "Michigan", "Canada", "United States")
    assert found[0].place is not None and found[0].place.feature == "adm1" and found[0].place.cc3 == "CAN"


def test_a_street_the_model_found_is_kept_at_the_article_town(gaz: Gazetteer) -> None:
    text = "Shoppers crowded Michigan Avenue in Chicago on Friday, and Chicago police added patrols."
    found = read(gaz, text, "Michigan Avenue", "Chicago", "Chicago")
    street = Surface(17, 32, "Michigan Avenue", "FAC", False, False, True, 0)
    assert keep(Resolved(street, found[0].place, 0.0, 0.0, approximate="focus"))
    assert not keep(Resolved(Surface(17, 25, "Michigan", "ORG", False, False, True, 0), found[0].place, 0.0, 0.0,
                             approximate="focus"))  # a name spaCy did not call a place, read only as the focus
