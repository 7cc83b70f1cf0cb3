"""Given-span readings of names that are not the town they spell: a place heading an organisation's
name, the geopolitical West, streets named like towns."""

from __future__ import annotations

import pytest

from dateline.eval.geo import GoldArticle, GoldToponym, resolve_gold_spans
from dateline.knowledge.gazetteer import Gazetteer, open_gazetteer
from dateline.nlp import load_nlp


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return open_gazetteer("")


def errors(gaz: Gazetteer, text: str, names: list[tuple[str, float, float]]) -> list[float]:
    """Each named span's error in km (the first occurrence of each name, or the next one after it)."""
    gold, pos = [], 0
    for name, lat, lon in names:
        start = text.index(name, pos if name in text[pos:] else 0)
        gold.append(GoldToponym(start, start + len(name), name, lat, lon))
        pos = start + len(name)
    return resolve_gold_spans(load_nlp("en_core_web_sm")(text), GoldArticle("t", text, gold), gaz)


def test_a_place_heading_an_organisation_name_is_the_well_known_one(gaz: Gazetteer) -> None:
    text = "Lawmakers in Massachusetts and Ohio questioned how Cambridge Analytica obtained the data of voters."
    errs = errors(gaz, text, [("Massachusetts", 42.3, -71.8), ("Ohio", 40.4, -82.7), ("Cambridge", 52.2, 0.12)])
    assert errs[2] <= 161.0, errs  # the English city, though the article is about the US


def test_a_place_also_named_on_its_own_keeps_the_article_context(gaz: Gazetteer) -> None:
    text = "Fans of Portland Timbers gathered in Portland, Oregon, on Saturday before the game in Seattle."
    errs = errors(gaz, text, [("Portland", 45.52, -122.68), ("Portland", 45.52, -122.68),
                              ("Oregon", 44.0, -120.5), ("Seattle", 47.61, -122.33)])
    assert errs[0] <= 161.0 and errs[1] <= 161.0, errs


def test_the_west_is_the_geopolitical_west(gaz: Gazetteer) -> None:
    text = "Moscow accused the West of hypocrisy, and Western diplomats in Vienna rejected the claim."
    errs = errors(gaz, text, [("Moscow", 55.75, 37.62), ("West", 50.2, 7.4), ("Western", 50.2, 7.4),
                              ("Vienna", 48.21, 16.37)])
    assert all(e <= 161.0 for e in errs), errs


def test_streets_named_like_towns_are_in_the_article_city(gaz: Gazetteer) -> None:
    text = ("Police in New Orleans said the man was hurt near Bourbon and Dauphine streets late on Friday, "
            "a block from Chartres Street.")
    errs = errors(gaz, text, [("New Orleans", 29.95, -90.07), ("Bourbon", 29.96, -90.07),
                              ("Dauphine", 29.96, -90.07), ("Chartres", 29.96, -90.06)])
    assert all(e <= 161.0 for e in errs), errs

