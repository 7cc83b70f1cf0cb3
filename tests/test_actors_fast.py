"""The actors stage's shortcuts give what the slow forms give (they exist only for speed)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from dateline.knowledge.actors import load_lexicon, lookup_key
from dateline.nlp import load_nlp
from dateline.records import normalize_key
from dateline.stages.actors.model import words


@given(st.text(max_size=40))
@settings(max_examples=300)
def test_lookup_key_is_normalize_key(text: str) -> None:
    assert lookup_key(text) == normalize_key(text)


def test_words_slices_are_span_texts() -> None:
    nlp = load_nlp("en_core_web_sm")
    doc = nlp("Kremlin spokesman Dmitry Peskov said:  \"No rush.\"\n\nThe Bild-Zeitung  editor, Julian Röpcke, agreed.")
    w = words(doc)
    assert w.text == doc.text
    for lo in range(len(doc)):
        for hi in range(lo, min(len(doc), lo + 6) + 1):
            assert w.span(lo, hi) == doc[lo:hi].text
    assert w.capital == [t.text[:1].isupper() and not t.is_punct for t in doc]


def test_openers_admit_every_name() -> None:
    lex = load_lexicon()
    for key in lex.institutions:
        assert key.split()[0] in lex.institution_openers
    for key in [*lex.country_names, *lex.capitals]:
        assert key.split()[0] in lex.state_openers
