"""The stages' per-document token arrays (dateline.stages.tokens) and the time tagger's windowed scan: both are
speed-ups only, so they must give exactly what spaCy's Token objects and a whole-text ``finditer`` give."""

from __future__ import annotations

import re
from typing import Any

import pytest

from dateline.stages.times import anchors, tagger
from dateline.stages.tokens import doc_text, heads, lower_lemmas, pos_tags, subtree_tokens, words

_ARTICLE = (
    "KYIV, March 3 (Wire) - Ukraine's foreign minister said on Tuesday that the 30-day ceasefire proposal, "
    "which Washington backed,  would be discussed again.\n\n\"We won't cease fire first,\" a Russian official "
    "told reporters in Moscow. The U.S.-brokered talks   resume next week in Jeddah , officials said."
)


def test_arrays_equal_token_attributes(nlp: Any) -> None:
    doc = nlp(_ARTICLE)
    w = words(doc)
    assert doc_text(doc) == doc.text == _ARTICLE
    assert w.texts == [t.text for t in doc]
    assert w.lower == [t.lower_ for t in doc]
    assert w.starts == [t.idx for t in doc]
    assert w.punct == [t.is_punct for t in doc]
    assert w.capital == [t.text[:1].isupper() and not t.is_punct for t in doc]
    assert heads(doc) == [t.head.i for t in doc]
    assert [[t.i for t in subtree_tokens(tok)] for tok in doc] == [sorted(t.i for t in tok.subtree) for tok in doc]
    assert [w.span(s.start, s.end) for s in doc.sents] == [s.text for s in doc.sents]
    assert lower_lemmas(doc) == [t.lemma_.lower() for t in doc]
    assert pos_tags(doc) == ([t.pos_ for t in doc], [t.tag_ for t in doc])


def test_arrays_are_kept_per_document(nlp: Any) -> None:
    first, second = nlp("Talks resumed in Geneva."), nlp("Fighting went on near Kherson overnight, officials said.")
    assert words(first) is words(first) and lower_lemmas(first) is lower_lemmas(first)
    assert pos_tags(first) is pos_tags(first)
    assert doc_text(second) == second.text and doc_text(first) == first.text  # never another document's
    assert len(lower_lemmas(second)) == len(second) and len(pos_tags(first)[0]) == len(first)
    empty = nlp("")
    assert doc_text(empty) == "" and lower_lemmas(empty) == [] and pos_tags(empty) == ([], [])
    assert heads(empty) == [] and heads(first) is heads(first)


def test_subtree_skips_words_between_the_edges_that_hang_elsewhere(nlp: Any) -> None:
    """A non-projective tree: "b" hangs on "d", and "c" (the root) lies between "d"'s edges without
    belonging to its subtree."""
    from spacy.tokens import Doc

    doc = Doc(nlp.vocab, words=["a", "b", "c", "d"], heads=[2, 3, 2, 2], deps=["dep", "dep", "ROOT", "dep"])
    d = doc[3]
    assert (d.left_edge.i, d.right_edge.i) == (1, 3)
    assert [t.i for t in subtree_tokens(d)] == sorted(t.i for t in d.subtree) == [1, 3]
    assert [t.i for t in subtree_tokens(doc[2])] == [0, 1, 2, 3]



def test_subtree_reaches_past_a_stale_right_edge(nlp: Any) -> None:
    """"f" hangs on "d", which hangs on "e" to its right: spaCy leaves the root's right edge at "e", but
    "f" is in the root's subtree (a parser-made sentence in PolNeAR had the same, and lost a clause)."""
    from spacy.tokens import Doc

    doc = Doc(nlp.vocab, words=list("abcdef"), heads=[0, 0, 0, 4, 0, 3], deps=["ROOT", *["dep"] * 5])
    assert doc[0].right_edge.i == 4 and 5 in {t.i for t in doc[0].subtree}
    assert [t.i for t in subtree_tokens(doc[0])] == sorted(t.i for t in doc[0].subtree) == [0, 1, 2, 3, 4, 5]
    assert [[t.i for t in subtree_tokens(tok)] for tok in doc] == [sorted(t.i for t in tok.subtree) for tok in doc]

_TEXTS = (
    "Talks resumed on Tuesday, three days after the ceasefire of Oct. 7, 2023 collapsed; two weeks ago, too.",
    "Sales rose in the third quarter of fiscal 1998 from the year-earlier period; the quarter ended Sept. 30.",
    "At 10:30 p.m. on 2024-05-06T11:30, 12 days later, the winter of 2022 and the late 1990s were recalled.",
    "Every day, twice a week, the 90-day deadline and the past several months, now and in the near future.",
    "No time words at all here, only a market, a sept, a decision and a junta." * 3,
    "1234567890 days ago and 1999-2000 and 0.5 years, year-end, the year's end, this morning, at noon.",
    "Three wee\u212as ago the \u017fummit ended; \u0130n the winter, tonight and yesterday, Christmas Day.",
    "About 3.14159265358979 years ago, 1.5 days later, a 12.000000000001-day truce; nearly 1234567.89 hours ago.",
    "Some 0." + "0" * 120 + "1 years ago and the past 2.25 months, the full fiscal whole entire full year ended.",
)


@pytest.mark.parametrize("text", _TEXTS)
def test_windowed_scan_finds_what_finditer_finds(text: str) -> None:
    folded = tagger.fold(text)
    for name, pattern in tagger._compiled():
        whole = [(m.span(), m.groupdict()) for m in pattern.finditer(text)]
        windowed = [(m.span(), m.groupdict()) for m in tagger._finditer(name, pattern, text, folded)]
        assert windowed == whole, name


def test_most_rules_are_scanned_in_windows() -> None:
    reaches = tagger._reaches()
    assert len(reaches) >= len(tagger._RULES) // 2
    assert all(0 < width <= reach for width, reach in reaches.values())
    assert "duration" not in reaches  # "\d{1,3}(?:\.\d+)?" has no upper bound in general ...
    # ... but in a given text "\d+" can take at most the longest run of digits there: windowed with that cap
    assert tagger._text_reach("duration", "in 2.5 years") == tagger._capped_reach("duration", 1)
    assert tagger._text_reach("ago", "1.25 years ago") == tagger._capped_reach("ago", 2)
    assert tagger._text_reach("duration", "0." + "0" * 300 + "1 days") is None  # too wide: scanned whole
    assert tagger._text_reach("theunit", "the full year") is None  # a repeat of words: scanned whole


_OLD_CLAUSE_END = re.compile(
    r"(?<!\b[A-Z])(?<!\bMr)(?<!\bMs)(?<!\bDr)(?<!\bSt)(?<!\bJr)(?<!\bCo)(?<!\bMrs)(?<!\bInc)(?<!\bCorp)(?<!\bGov)"
    r"(?<!\bSen)(?<!\bRep)(?<!\bGen)(?<!\bLt)(?<!\bCol)[.;:!?\"\u201c\u201d]")


@pytest.mark.parametrize("text", [
    _ARTICLE,
    "Mr. Smith and Mrs. Jones met Gen. Lee; Corp. profits rose: J. Doe said \u201cyes.\u201d St.Louis? Co.! Inc.",
    "MMr. xMr. A.B.C. Lt.: Col.; Rep.\"Sen.\u201d Gov.? Dr.! Ms: .;: end.",
])
def test_clause_end_stop_first_matches_lookbehind_first(text: str) -> None:
    # the times anchors' clause stop, rewritten to put the stop character first (speed): the same matches
    assert [m.span() for m in anchors._CLAUSE_END.finditer(text)] == \
        [m.span() for m in _OLD_CLAUSE_END.finditer(text)]
    for start in range(len(text)):  # and on every window that future_cue cuts
        window = text[start:]
        assert [m.span() for m in anchors._CLAUSE_END.finditer(window)] == \
            [m.span() for m in _OLD_CLAUSE_END.finditer(window)]
