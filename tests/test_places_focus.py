"""The article's focus place, where names the gazetteer lacks (a school, a hall) are put."""

from __future__ import annotations

from dateline.knowledge.gazetteer import GazPlace
from dateline.stages.places.resolve import Resolved, focus_place
from dateline.stages.places.toponyms import Surface


def _place(pid: int, name: str, feature: str, cc3: str, admin1: str | None, population: int) -> GazPlace:
    return GazPlace(pid, f"geonames:{pid}", name, "P", "PPL", feature, population, cc3[:2], cc3, admin1,  # type: ignore[arg-type]
                    None, admin1, None, 0.0, 0.0, None)


def _found(*places: GazPlace) -> list[Resolved]:
    return [Resolved(Surface(i, i + 1, p.name, "GPE", False, False, False, 0), p, 1.0, 1.0)
            for i, p in enumerate(places)]


CAIRO = _place(1, "Cairo", "city", "EGY", "11", 7_000_000)
EGYPT = _place(2, "Egypt", "country", "EGY", None, 100_000_000)
HARBOUR = _place(3, "Harbourtown", "city", "GBR", "ENG", 500_000)
VALE = _place(4, "Valeford", "town", "USA", "VA", 20_000)
VIRGINIA = _place(5, "Virginia", "adm1", "USA", "VA", 8_000_000)
PORT = _place(6, "Portcity", "city", "USA", "SC", 150_000)


def test_a_town_in_the_country_the_article_is_about_beats_a_more_mentioned_one_abroad() -> None:
    # a club's city named four times, in an article naming Egypt and Cairo more often
    found = _found(*[HARBOUR] * 4, *[EGYPT] * 4, *[CAIRO] * 3)
    assert focus_place(found) == CAIRO


def test_a_town_in_the_subdivision_the_article_names_beats_a_larger_one_elsewhere() -> None:
    assert focus_place(_found(PORT, VALE, VIRGINIA)) == VALE


def test_without_towns_the_most_mentioned_subdivision() -> None:
    assert focus_place(_found(EGYPT, VIRGINIA, VIRGINIA)) == VIRGINIA
    assert focus_place([]) is None
