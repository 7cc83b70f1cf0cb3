"""Quotation-mark regions: every mark style, unbalanced marks, paragraphs; span arithmetic properties."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from dateline.stages.quotes.marks import DOUBLE_MARKS, find_regions, paragraphs


def contents(text: str) -> list[str]:
    return [text[r.start : r.end] for r in find_regions(text)]


def test_straight_and_curly_marks_mixed_in_one_quote() -> None:
    text = '"We are not in a hurry,\u201d the spokesman said. \u201cFirst we need details."'
    assert contents(text) == ["We are not in a hurry,", "First we need details."]


def test_two_apostrophes_make_a_double_mark_but_a_possessive_does_not() -> None:
    text = "''We will win,'' he said. ''The voters' choice is ours.''"
    assert contents(text) == ["We will win,", "The voters' choice is ours."]
    region = find_regions(text)[0]
    assert (region.mark_start, region.mark_end) == (0, 16)


def test_guillemets_and_low_marks() -> None:
    assert contents("Il a dit \u00abnon\u00bb et \u201ejamais\u201c.") == ["non", "jamais"]


def test_closing_mark_used_as_opener() -> None:
    text = "\u201dThe talks failed.\u201d \u2015 a delegate"
    assert contents(text) == ["The talks failed."]


def test_unbalanced_quote_ends_at_paragraph_and_is_marked_open() -> None:
    text = "\u201cWe will continue the fight\nThe next paragraph is not quoted."
    regions = find_regions(text)
    assert [text[r.start : r.end] for r in regions] == ["We will continue the fight"]
    assert regions[0].open_end
    assert regions[0].paragraph == 0


def test_single_marks_inside_double_stay_part_of_the_quote() -> None:
    text = "\u201cRussia is \u2018pounding\u2019 Ukraine,\u201d he wrote."
    assert contents(text) == ["Russia is \u2018pounding\u2019 Ukraine,"]


def test_apostrophes_are_not_quotes() -> None:
    assert contents("Putin's envoy didn't attend the talks in Riyadh.") == []


def test_paragraph_offsets() -> None:
    text = "One.\n\nTwo two.\n"
    assert [text[a:b] for a, b in paragraphs(text)] == ["One.", "Two two."]


_alphabet = st.sampled_from(list("ab ,.\n'") + sorted(DOUBLE_MARKS))


@given(st.text(alphabet=_alphabet, max_size=80))
def test_regions_are_ordered_in_bounds_and_within_a_paragraph(text: str) -> None:
    regions = find_regions(text)
    last_end = -1
    for r in regions:
        assert 0 <= r.mark_start < r.start < r.end <= len(text)
        assert r.mark_start >= last_end
        assert "\n" not in text[r.mark_start : r.end]
        assert text[r.mark_start] in DOUBLE_MARKS or text[r.mark_start : r.mark_start + 2] == "''"
        assert not text[r.start].isspace() and not text[r.end - 1].isspace()
        last_end = r.end


@given(st.lists(st.text(alphabet="abc de", min_size=1, max_size=12).filter(str.strip), min_size=1, max_size=4))
def test_balanced_quotes_are_found_exactly(words: list[str]) -> None:
    text = " and ".join(f"\u201c{w.strip()}\u201d" for w in words)
    assert contents(text) == [w.strip() for w in words]
