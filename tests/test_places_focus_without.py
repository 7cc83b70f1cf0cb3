"""The article's focus less one name's mentions, counted once per article (``_FocusWithout``), is what
``focus_place`` gives on the mentions left, ties and all (places made up for these tests)."""

from __future__ import annotations

import random

from dateline.knowledge.gazetteer import GazPlace
from dateline.stages.places.resolve import Resolved, _FocusWithout, focus_place
from dateline.stages.places.toponyms import Surface


def _place(i: int, feature: str, cc3: str, admin1: str | None, population: int) -> GazPlace:
    return GazPlace(i, f"ref{i}", f"Place{i}", "P", "PPL", feature, population,  # type: ignore[arg-type]
                    cc3[:2], cc3, admin1, None, None, None, 0.0, 0.0, None)


PLACES = [
    _place(1, "town", "AAA", "01", 500), _place(2, "town", "AAA", "01", 500), _place(3, "village", "AAA", "02", 500),
    _place(4, "city", "BBB", "01", 9000), _place(5, "adm1", "AAA", "01", 0), _place(6, "country", "AAA", None, 0),
    _place(7, "adm1", "BBB", "03", 0), _place(8, "water", "", None, 0),
]


def _mention(place: GazPlace | None, approximate: str = "") -> Resolved:
    return Resolved(Surface(0, 1, "x", "GPE", False, False, True, 0), place, 1.0, 1.0, approximate)


def _expected(picked: list[Resolved], keys: list[str], key: str, home: list[GazPlace | None]) -> GazPlace | None:
    return focus_place([o for o, k in zip(picked, keys, strict=True)
                        if k != key and o.place is not None and not o.approximate], home)


def test_matches_focus_place_on_random_articles_with_ties() -> None:
    rng = random.Random(7)
    for _ in range(400):
        n = rng.randint(0, 14)
        pool = rng.sample(PLACES, rng.randint(1, len(PLACES)))
        picked = [_mention(rng.choice([*pool, None]), rng.choice(["", "", "", "focus"])) for _ in range(n)]
        keys = [rng.choice("abcde") for _ in range(n)]  # a name may read as different places, a place have two names
        home: list[GazPlace | None] = [rng.choice(PLACES)] if rng.random() < 0.1 else []
        foci = _FocusWithout(picked, keys, home)
        for key in [*"abcdef", *keys]:
            assert foci.without(key) == _expected(picked, keys, key, home), (picked, keys, key)


def test_a_tie_goes_to_the_place_first_mentioned_outside_the_name() -> None:
    one, two = PLACES[0], PLACES[1]  # same country, state and population
    picked = [_mention(one), _mention(two), _mention(one)]
    keys = ["a", "b", "b"]
    foci = _FocusWithout(picked, keys, [])
    assert foci.without("a") == two == _expected(picked, keys, "a", [])  # a tie: "one" is next named after "two"
    assert foci.without("b") == one == _expected(picked, keys, "b", [])
    assert foci.without("z") == one == _expected(picked, keys, "z", [])  # twice against once


def test_the_dateline_town_is_the_focus_whatever_the_name() -> None:
    town = PLACES[3]
    foci = _FocusWithout([_mention(PLACES[0])], ["a"], [None, town])
    assert foci.without("a") == town and foci.without("b") == town
