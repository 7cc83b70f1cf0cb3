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


@given(st.lists(st.text(max_size=12), max_size=6))
@settings(max_examples=300)
def test_key_of_joined_words_is_joined_keys(parts: list[str]) -> None:
    """What ``Words.span_key`` relies on: keys of space-joined words are the words' keys joined."""
    assert lookup_key(" ".join(parts)) == " ".join(k for k in map(lookup_key, parts) if k)


def test_word_keys_are_lookup_keys() -> None:
    nlp = load_nlp("en_core_web_sm")
    doc = nlp("Deputy Foreign  Minister Sergei Ryabkov of the Russian Federation, Zürich's mayor,\n\nsaid so.")
    w = words(doc)
    for lo in range(len(doc)):
        assert w.key(lo) == lookup_key(doc[lo].text)
        for hi in range(lo, min(len(doc), lo + 5) + 1):
            assert w.span_key(lo, hi) == lookup_key(" ".join(t.text for t in doc[lo:hi]))
