"""The gazetteer: keys, spelling variants, the GeoNames dump builder (tiny files and the real
reference extract), the default registry build and lookup speed."""

from __future__ import annotations

import time
import zipfile
from pathlib import Path

import pytest
from conftest import shared_path
from hypothesis import given
from hypothesis import strategies as st

from dateline.errors import DataMissing
from dateline.knowledge.gazetteer import Gazetteer, open_gazetteer
from dateline.knowledge.gazetteer.geonames_build import build_geonames
from dateline.knowledge.gazetteer.schema import feature_for, name_key
from dateline.knowledge.gazetteer.variants import admin_variants, strip_generic


@given(st.text(max_size=40))
def test_name_key_is_idempotent_and_plain(text: str) -> None:
    key = name_key(text)
    assert name_key(key) == key
    assert "'" not in key and "-" not in key and key == key.strip()


@given(st.text(alphabet=st.characters(max_codepoint=127), max_size=40))
def test_name_key_ascii_shortcut_gives_the_unicode_paths_key(text: str) -> None:
    """ASCII text skips the NFKD pass; a lone combining accent sends it down that pass, and is dropped."""
    assert name_key(text) == name_key("\u0301" + text)


def test_name_key_drops_accents_apostrophes_and_hyphens() -> None:
    assert name_key("Debal’tsevo") == name_key("Debaltsevo") == "debaltsevo"
    assert name_key("Ilovays'k") == "ilovaysk"
    assert name_key("Nagorno-Karabakh") == "nagorno karabakh"
    assert name_key("the Donbas") == "donbas"


def test_admin_variants_give_english_forms() -> None:
    assert "Kursk Oblast" in admin_variants("Kurskaya oblast'", "Administrative region", [])
    assert "Kherson Oblast" in admin_variants("Khersonska oblast", "Region", [])
    assert strip_generic("Kursk Oblast") == "Kursk"
    assert strip_generic("Kyiv") == "Kyiv"


def test_feature_for_sizes_and_codes() -> None:
    assert feature_for("A", "PCLI", 0) == "country"
    assert feature_for("A", "ADM1", 0) == "adm1"
    assert feature_for("P", "PPL", 250_000) == "city"
    assert feature_for("P", "PPL", 6_000) == "town"
    assert feature_for("P", "PPL", 300) == "village"
    assert feature_for("S", "AIRP", 0) == "facility"


def _row(gid: int, name: str, alts: str, lat: float, lon: float, fclass: str, fcode: str,
         cc: str, a1: str, a2: str, pop: int) -> str:
    cols = [str(gid), name, name, alts, str(lat), str(lon), fclass, fcode, cc, "", a1, a2, "", "",
            str(pop), "", "150", "Europe/Kyiv", "2024-01-01"]
    return "\t".join(cols) + "\n"


@pytest.fixture()
def tiny_dump(tmp_path: Path) -> Path:
    folder = tmp_path / "geonames"
    folder.mkdir()
    rows = (_row(709716, "Donetsk Oblast", "Donetska oblast", 48.0, 37.75, "A", "ADM1", "UA", "05", "", 4_000_000)
            + _row(710229, "Debaltseve", "Debal'tsevo,Debaltsevo", 48.33592, 38.40261, "P", "PPL", "UA", "05",
                   "", 24_209)
            + _row(999001, "Some Hill", "", 48.1, 38.1, "T", "HLL", "UA", "05", "", 0))
    with zipfile.ZipFile(folder / "UA.zip", "w") as zf:
        zf.writestr("UA.txt", rows)
    (folder / "admin1CodesASCII.txt").write_text("UA.05\tDonetsk Oblast\tDonetsk Oblast\t709716\n", encoding="utf-8")
    (folder / "alternateNamesV2.txt").write_text(
        "1\t710229\ten\tDebaltsevo-Town\t\t\t\t\t\t\n2\t710229\tru\tДебальцево\t\t\t\t\t\t\n"
        "3\t710229\ten\tOld Debaltseve\t\t\t\t1\t\t\n", encoding="utf-8")
    (folder / "hierarchy.txt").write_text("709716\t710229\tADM\n", encoding="utf-8")
    (folder / "countryInfo.txt").write_text("#ISO\tISO3\nUA\tUKR\tx\n", encoding="utf-8")
    return folder


def test_geonames_build_from_tiny_dump(tiny_dump: Path, tmp_path: Path) -> None:
    meta = build_geonames(tiny_dump, tmp_path / "g.sqlite", with_registry=False)
    assert meta["places_from_dumps"] == "2"  # the hill is not a kept feature
    gaz = Gazetteer(tmp_path / "g.sqlite")
    (hit,) = gaz.lookup("Debal’tsevo")
    place = hit.place
    assert (place.ref, place.cc3, place.admin1_name, place.parent) == ("geonames:710229", "UKR", "Donetsk Oblast",
                                                                        709716)
    assert gaz.lookup("Debaltsevo Town")  # English alternate name, hyphen folded
    assert not gaz.lookup("Дебальцево")  # non-Latin spellings are not indexed
    assert not gaz.lookup("Old Debaltseve")  # historic names are skipped
    assert gaz.lookup("Donetsk")[0].place.feature == "adm1"  # "Oblast" stripped as a variant
    assert [c.place.name for c in gaz.fuzzy("Debalsteve")] == ["Debaltseve"]


def test_geonames_build_without_place_files(tmp_path: Path) -> None:
    with pytest.raises(DataMissing):
        build_geonames(tmp_path, tmp_path / "g.sqlite", with_registry=False)
    with pytest.raises(DataMissing):
        Gazetteer(tmp_path / "absent.sqlite")


def test_geonames_build_on_reference_extract(tmp_path: Path) -> None:
    ref = shared_path("reference", "gazetteer")
    folder = tmp_path / "dump"
    folder.mkdir()
    for name in ("cities15000.zip", "admin1CodesASCII.txt", "admin2Codes.txt", "countryInfo.txt"):
        (folder / name).symlink_to(ref / name)
    meta = build_geonames(folder, tmp_path / "g.sqlite", with_registry=False)
    assert int(meta["places_from_dumps"]) > 30_000
    kursk = max(Gazetteer(tmp_path / "g.sqlite").lookup("Kursk"), key=lambda c: c.place.population).place
    assert (kursk.cc3, kursk.admin1_name) == ("RUS", "Kursk Oblast")


@pytest.fixture(scope="module")
def default_gazetteer() -> Gazetteer:
    return open_gazetteer("")


@pytest.mark.parametrize(("name", "country"), [
    ("Kursk Oblast", "RUS"), ("Sudzha", "RUS"), ("Jeddah", "SAU"), ("Kherson Oblast", "UKR"), ("Crimea", "UKR"),
    ("Donetsk airport", "UKR"), ("Donbas", "UKR"), ("US", "USA"), ("Kremlin", "RUS")])
def test_default_build_knows_conflict_places(default_gazetteer: Gazetteer, name: str, country: str) -> None:
    assert country in {c.place.cc3 for c in default_gazetteer.lookup(name)}


def test_default_lookup_is_under_a_millisecond(default_gazetteer: Gazetteer) -> None:
    names = ["Kharkiv", "Mariupol", "Springfield", "Nowhere-at-all", "Paris", "Rafah", "Goma", "Aleppo"]
    started = time.perf_counter()
    for i in range(800):
        default_gazetteer._exact.clear()  # measure the SQLite query, not the per-article cache
        default_gazetteer.lookup(names[i % len(names)])
    assert (time.perf_counter() - started) / 800 < 0.001
