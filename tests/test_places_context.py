"""Resolution from the article's own words: datelines, "Town, State" pairs, compass parts, and the
curated world features, airports and subdivision points of the default gazetteer (articles we wrote)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dateline.knowledge.gazetteer import Gazetteer, GazPlace, open_gazetteer
from dateline.knowledge.gazetteer.extra import world_features
from dateline.knowledge.gazetteer.variants import airport_names, without_article
from dateline.stages.places.resolve import NEAR_KM, Resolved, _near, dateline, distance_km, focus_place, resolve
from dateline.stages.places.toponyms import Surface


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return open_gazetteer("")


def surfaces(text: str, *names: str) -> list[Surface]:
    """Gold-style surfaces for each name, at its first occurrence after the previous one."""
    out, at = [], 0
    for name in names:
        start = text.index(name, at)
        out.append(Surface(start, start + len(name), name, "GOLD", False, False, True, 0))
        at = start + len(name)
    return out


def near(place: GazPlace | None, lat: float, lon: float, km: float = 161.0) -> bool:
    assert place is not None and place.lat is not None and place.lon is not None
    return distance_km(place.lat, place.lon, lat, lon) <= km


def test_dateline_is_found_with_state_and_agency() -> None:
    text = "SPRINGFIELD, Ill. (AP) - Farmers in Illinois said rain helped."
    found = surfaces(text, "SPRINGFIELD", "Ill.", "Illinois")
    assert dateline(found, text) == [0, 1]
    text = "Crews said on Monday that Halden was quiet - for now."
    assert dateline(surfaces(text, "Halden"), text) == []  # not at the start of the text


def test_town_comma_state_reads_the_town_in_the_state(gaz: Gazetteer) -> None:
    text = "She bakes in Tacoma, Washington, and sells cookies in Portland, Maine."
    read = resolve(gaz, surfaces(text, "Tacoma", "Washington", "Portland", "Maine"), text=text)
    assert read[1].place is not None and read[1].place.feature == "adm1" and read[1].place.admin1 == "WA"
    assert near(read[2].place, 43.66, -70.26, 30)  # Portland, Maine, not Oregon


def test_state_under_its_own_dateline_is_the_state(gaz: Gazetteer) -> None:
    text = ("SEATTLE, Wash. - Volunteers from across Washington drove to Olympia on Monday, and some flew on to "
            "Florida and Texas for the holidays.")
    read = resolve(gaz, surfaces(text, "SEATTLE", "Wash.", "Washington", "Olympia", "Florida", "Texas"), text=text)
    assert read[2].place is not None and read[2].place.feature == "adm1" and read[2].place.admin1 == "WA"


def test_dateline_town_is_the_focus_of_unknown_names() -> None:
    def place(pid: int, name: str, feature: str, cc3: str, lat: float, lon: float) -> GazPlace:
        return GazPlace(pid, f"geonames:{pid}", name, "P", "PPL", feature, 1_000_000, cc3[:2], cc3, "01",  # type: ignore[arg-type]
                        None, None, None, lat, lon, None)

    home = place(1, "Homeport", "city", "EGY", 30.0, 31.2)
    club = place(2, "Clubton", "city", "GBR", 53.4, -3.0)
    found = [Resolved(Surface(i, i + 1, p.name, "GPE", False, False, False, 0), p, 1.0, 1.0)
             for i, p in enumerate([home, *[club] * 6])]
    assert focus_place(found) == club
    assert focus_place(found, [home]) == home


def test_compass_part_of_a_known_place(gaz: Gazetteer) -> None:
    text = "Storms crossed South Florida while farmers in the Western US waited for rain."
    read = resolve(gaz, surfaces(text, "South Florida", "Western US"), text=text)
    assert near(read[0].place, 28.6, -82.4) and read[0].approximate == "inner"
    assert read[1].place is not None and read[1].place.cc3 == "USA"


def test_physical_features_and_former_states(gaz: Gazetteer) -> None:
    text = ("Barges on the Danube and ferries on the Nile were idle, herders in the Sahara moved north, and "
            "miners in Siberia recalled Czechoslovakia and Persia.")
    names = ("Danube", "Nile", "Sahara", "Siberia", "Czechoslovakia", "Persia")
    read = resolve(gaz, surfaces(text, *names), text=text)
    expected = {"Danube": (45.3, 19.0), "Nile": (15.6, 32.5), "Sahara": (23.0, 13.0), "Siberia": (62.0, 100.0),
                "Czechoslovakia": (49.5, 17.0)}
    for r in read[:5]:
        assert near(r.place, *expected[r.surface.text], 50), r
    assert read[5].place is not None and read[5].place.cc3 == "IRN"


def test_world_features_table_is_well_formed() -> None:
    features = world_features()
    assert len(features) > 200
    assert len({f.slug for f in features}) == len(features)
    for f in features:
        assert -90 <= f.lat <= 90 and -180 <= f.lon <= 180, f
        assert f.feature in ("region", "water", "facility")
        assert (f.population == 0) == (f.feature == "water"), f


def test_the_gulf_is_the_sea_not_a_county(gaz: Gazetteer) -> None:
    text = "Tankers left Dubai and Doha as tension in the Gulf rose."
    read = resolve(gaz, surfaces(text, "Dubai", "Doha", "Gulf"), text=text)
    assert read[2].place is not None and read[2].place.feature == "water"


def test_airport_names_without_the_city() -> None:
    names = airport_names("London Heathrow Airport", "London")
    assert "Heathrow Airport" in names and "Heathrow" not in names
    assert "Dulles International Airport" in airport_names("Washington Dulles International Airport", "Washington")
    assert airport_names("Springfield Regional Airport", "Springfield") == [
        "Springfield Regional Airport", "Springfield airport", "Springfield International Airport"]


def test_arabic_article_dropped_in_arab_countries_only(gaz: Gazetteer) -> None:
    assert without_article("Al Qāmishlī", "SY") == "Qāmishlī"
    assert without_article("El Paso", "US") is None
    assert "SYR" in {c.place.cc3 for c in gaz.lookup("Qamishli")}


def test_subdivision_abbreviations_and_reference_points(gaz: Gazetteer) -> None:
    nsw = [c.place for c in gaz.lookup("NSW") if c.place.feature == "adm1"]
    assert nsw and nsw[0].cc3 == "AUS"
    ontario = next(c.place for c in gaz.lookup("Ontario") if c.place.feature == "adm1")
    assert near(ontario, 50.0, -85.0, 100)  # the province's middle, not its southern towns'


@given(st.floats(-89.0, 89.0), st.floats(-179.0, 179.0),
       st.lists(st.tuples(st.integers(0, 3), st.floats(-89.0, 89.0), st.floats(-179.0, 179.0)), max_size=8))
def test_nearness_precheck_agrees_with_the_distance(lat: float, lon: float,
                                                    points: list[tuple[int, float, float]]) -> None:
    """The latitude pre-check skips only places that are surely beyond NEAR_KM (and the place itself)."""
    # points just inside and outside the radius along a meridian, where the pre-check is tightest
    points = [*points, (5, lat + 1.43, lon), (6, lat - 1.45, lon)]
    expected = any(qid != 0 and distance_km(lat, lon, qlat, qlon) < NEAR_KM for qid, qlat, qlon in points)
    assert _near(0, lat, lon, points) == expected


def test_a_name_repeated_in_an_article_reads_the_same_each_time(gaz: Gazetteer) -> None:
    """The per-article context is computed once per name and reused for its every mention."""
    text = "Fighting near Paris, Texas, spread to Dallas. Paris officials said Paris was calm; Dallas too."
    found = surfaces(text, "Paris", "Texas", "Dallas", "Paris", "Paris", "Dallas")
    out = resolve(gaz, found, text=text)
    paris = {r.place.id for r in out if r.surface.text == "Paris" and r.place is not None}
    assert len(paris) == 1
    assert all(r.place is not None and r.place.cc2 == "US" for r in out)
