"""The actors stage's shortcuts give what the slow forms give (they exist only for speed)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from dateline.knowledge.actors import load_lexicon, lookup_key
from dateline.nlp import load_nlp
from dateline.records import normalize_key
from dateline.stages.actors.corefer import quote_regions
from dateline.stages.actors.model import Doc, words
from dateline.stages.actors.roles import title_at


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


def test_words_arrays_are_token_attributes() -> None:
    nlp = load_nlp("en_core_web_sm")
    doc = nlp("Ex-President  Trump's aide said:\n\n\"pro-Russian\" — «Kyiv» (U.S.-backed) forces, ok?  ")
    w = words(doc)
    assert w.texts == [t.text for t in doc]
    assert w.lower == [t.lower_ for t in doc]
    assert w.starts == [t.idx for t in doc]
    assert w.ends == [t.idx + len(t.text) for t in doc]
    assert w.space == [bool(t.whitespace_) for t in doc]
    assert w.text == doc.text
    assert words(nlp("")).texts == []


def _longest_title(doc: Doc, lo: int, hi: int, *, ending: bool) -> tuple[int, int, str] | None:
    """``title_at`` the slow way: every span at the fixed edge, longest first, looked up by its text."""
    lex = load_lexicon()
    for size in range(min(lex.max_title_words, hi - lo), 0, -1):
        a, b = (hi - size, hi) if ending else (lo, lo + size)
        title = lex.title(" ".join(t.text for t in doc[a:b]))
        if title is not None:
            return a, b, title.phrase
    return None


def test_title_at_is_the_longest_title() -> None:
    nlp = load_nlp("en_core_web_sm")
    lex = load_lexicon()
    doc = nlp("The deputy foreign minister met the prime minister and a senior fellow, the former defence "
              "minister of state, the chief  of staff and the U.N. special envoy; the spokesman said.")
    for lo in range(len(doc)):
        for hi in range(lo + 1, min(len(doc), lo + lex.max_title_words) + 1):
            for ending in (False, True):
                slow = _longest_title(doc, lo, hi, ending=ending)
                if (words(doc).lower[hi - 1] not in lex.title_last) if ending else \
                        (words(doc).lower[lo] not in lex.title_first):
                    slow = None
                fast = title_at(doc, lo, hi, lex, ending=ending)
                assert (fast and (fast[0], fast[1], fast[2].phrase)) == slow


def _quote_regions_by_char(text: str) -> list[tuple[int, int]]:
    regions: list[tuple[int, int]] = []
    offset = 0
    for para in text.split("\n"):
        opened, closer = None, ""
        for i, ch in enumerate(para):
            if opened is None and ch in "“«\"":
                opened, closer = i, {"“": "”", "«": "»"}.get(ch, '"')
            elif opened is not None and (ch == closer or (closer == "”" and ch == '"')):
                regions.append((offset + opened, offset + i + 1))
                opened = None
        if opened is not None:
            regions.append((offset + opened, offset + len(para)))
        offset += len(para) + 1
    return regions


@given(st.text(alphabet="ab \n\"“”«»'", max_size=40))
@settings(max_examples=300)
def test_quote_regions_scan_only_quote_marks(text: str) -> None:
    assert quote_regions(text) == _quote_regions_by_char(text)
