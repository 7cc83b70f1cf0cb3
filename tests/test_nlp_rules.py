"""The indexed attribute-ruler matcher gives exactly what spaCy's Matcher gives (it exists only for speed)."""

from __future__ import annotations

from typing import Any

import pytest
from spacy.attrs import IDS
from spacy.lang.en import English
from spacy.tokens import Doc

from dateline import nlp as nlp_module
from dateline.nlp import (
    BulkRuleSetter,
    IndexedRuleMatcher,
    UnsupportedRule,
    load_nlp,
    load_stock_nlp,
    speed_up_attribute_ruler,
    speed_up_rule_setting,
)

# Our own sentences, with the words the English rules single out: contractions, "gonna", "y'all",
# "let's", existential "there", got/gets, runs of whitespace, a stray apostrophe.
TEXTS = [
    "Y'all ain't gonna believe it, the envoy said. Let's go, c'mon!  There are ways; it gets worse.",
    "We got it.  \n\n  Nothin' doin', they gotta wait. Isn't it? There's a deal, and there were talks.",
    "The ministers haven't met since May; they'd said they'd meet in Geneva. Don't you think so?",
    "",
    "   ",
    "Kyiv's drones hit an oil depot near Bryansk overnight, Russia's defence ministry said on Tuesday.",
]
COLUMNS = [IDS[c] for c in ("ORTH", "TAG", "POS", "MORPH", "LEMMA", "DEP", "HEAD", "ENT_IOB", "ENT_TYPE")]


def test_load_nlp_uses_the_index_and_leaves_the_stock_pipeline_alone() -> None:
    tuned, stock = load_nlp("en_core_web_sm"), load_stock_nlp("en_core_web_sm")
    assert tuned is not stock
    assert tuned.pipe_names == stock.pipe_names
    assert isinstance(tuned.get_pipe("attribute_ruler").match, IndexedRuleMatcher)
    assert not isinstance(stock.get_pipe("attribute_ruler").match, IndexedRuleMatcher)


def test_tuned_docs_equal_stock_docs() -> None:
    tuned, stock = load_nlp("en_core_web_sm"), load_stock_nlp("en_core_web_sm")
    for a, b in zip(stock.pipe(TEXTS), tuned.pipe(TEXTS), strict=True):
        assert (a.to_array(COLUMNS) == b.to_array(COLUMNS)).all()
        assert [str(t.morph) for t in a] == [str(t.morph) for t in b]
        assert a.to_json() == b.to_json()


def test_matches_equal_the_matcher_on_parsed_docs() -> None:
    stock = load_stock_nlp("en_core_web_sm")
    ruler = stock.get_pipe("attribute_ruler")
    indexed = IndexedRuleMatcher(ruler.vocab, ruler.patterns)
    with stock.select_pipes(disable=["attribute_ruler", "lemmatizer", "ner"]):
        docs = list(stock.pipe(TEXTS))
    for doc in docs:
        assert indexed(doc) == sorted(set(ruler.match(doc)))
    assert sum(len(indexed(doc)) for doc in docs) > 0


def _ruler(patterns: list[dict[str, Any]]) -> Any:
    nlp = English()
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add_patterns(patterns)
    return nlp, ruler


def _doc(nlp: Any) -> Doc:
    words = ["They", "gon", "na", "see", " ", "it", "Nothin'", "else"]
    return Doc(nlp.vocab, words=words, spaces=[True, False, True, False, False, True, True, False],
               tags=["PRP", "VBG", "TO", "VB", "_SP", "PRP", "NN", "RB"],
               deps=["nsubj", "aux", "aux", "ROOT", "dep", "dobj", "npadvmod", "advmod"],
               heads=[3, 3, 3, 3, 3, 3, 3, 6])


def test_hand_made_rules_of_every_supported_kind() -> None:
    patterns = [
        {"patterns": [[{"TAG": "PRP"}]], "attrs": {"POS": "PRON"}},
        {"patterns": [[{"LOWER": "gon"}, {"LOWER": "na"}]], "attrs": {"LEMMA": "to"}, "index": 1},
        {"patterns": [[{"TAG": {"IN": ["VB", "VBG"]}, "LOWER": {"NOT_IN": ["be"]}}]], "attrs": {"POS": "VERB"}},
        {"patterns": [[{"LOWER": {"REGEX": "^n[ou]thin'?$"}}]], "attrs": {"LEMMA": "nothing"}},
        {"patterns": [[{"IS_SPACE": True}]], "attrs": {"POS": "SPACE"}},
        {"patterns": [[{"DEP": "dobj"}], [{"DEP": "advmod", "TAG": "RB"}]], "attrs": {"MORPH": "Case=Acc"}},
        {"patterns": [[{"TAG": "RB"}, {"LOWER": "more"}]], "attrs": {"LEMMA": "x"}},  # would run off the end
    ]
    nlp, ruler = _ruler(patterns)
    doc = _doc(nlp)
    indexed = IndexedRuleMatcher(nlp.vocab, ruler.patterns)
    assert indexed(doc) == sorted(set(ruler.match(doc)))
    assert len(indexed(doc)) == 9
    assert indexed(Doc(nlp.vocab, words=[])) == []


@pytest.mark.parametrize("pattern", [
    [{"LOWER": "a", "OP": "?"}],
    [{"ORTH": "a"}],
    [{"LOWER": {"FUZZY": "a"}}],
    [{"LOWER": {"IN": ["a"], "NOT_IN": ["b"]}}],
])
def test_unsupported_rules_keep_the_matcher(pattern: list[dict[str, Any]]) -> None:
    nlp, ruler = _ruler([{"patterns": [pattern], "attrs": {"LEMMA": "x"}}])
    with pytest.raises(UnsupportedRule):
        IndexedRuleMatcher(nlp.vocab, ruler.patterns)
    assert speed_up_attribute_ruler(nlp) is False
    assert not isinstance(ruler.match, IndexedRuleMatcher)


def test_a_pipeline_without_a_ruler_is_left_as_it_is() -> None:
    assert speed_up_attribute_ruler(English()) is False


def test_rules_found_by_a_later_token_or_by_a_test_per_value() -> None:
    patterns = [
        {"patterns": [[{"LOWER": {"REGEX": "^y'?$"}}, {"LOWER": "all"}]], "attrs": {"LEMMA": "you"}},  # by "all"
        {"patterns": [[{}, {"TAG": "VB"}]], "attrs": {"LEMMA": "before-verb"}},  # by the second token's tag
        {"patterns": [[{"LOWER": {"NOT_IN": ["it", "they"]}}]], "attrs": {"MORPH": "Foo=Bar"}},  # a test per value
        {"patterns": [[{}]], "attrs": {"LEMMA": "any"}},  # tried everywhere
    ]
    nlp, ruler = _ruler(patterns)
    words = ["all", "y", "all", "They", "see", "it", "y'", "all", "Y'", "ALL"]
    doc = Doc(nlp.vocab, words=words, tags=["DT", "PRP", "DT", "PRP", "VB", "PRP", "PRP", "DT", "PRP", "DT"])
    indexed = IndexedRuleMatcher(nlp.vocab, ruler.patterns)
    assert indexed(doc) == sorted(set(ruler.match(doc)))
    assert [(s, e) for a, _, s, e in indexed(doc) if a == 0] == [(1, 3), (6, 8), (8, 10)]


def _set_both_ways(patterns: list[dict[str, Any]], doc_of: Any) -> tuple[list[Any], list[Any]]:
    """Token attributes after the ruler's own set_annotations and after a BulkRuleSetter's, on equal docs."""
    arrays = []
    for bulk in (False, True):
        nlp, ruler = _ruler(patterns)
        if bulk:
            assert speed_up_rule_setting(nlp) is True
            assert isinstance(ruler.set_annotations, BulkRuleSetter)
        doc = ruler(doc_of(nlp))
        arrays.append([doc.to_array(COLUMNS).tolist(), [str(t.morph) for t in doc], [t.lemma_ for t in doc]])
    return arrays[0], arrays[1]


def test_bulk_setting_equals_the_rulers_own_later_rules_winning() -> None:
    patterns = [
        {"patterns": [[{"TAG": "PRP"}]], "attrs": {"POS": "PRON", "MORPH": "Case=Nom"}},
        {"patterns": [[{"LOWER": "it"}]], "attrs": {"MORPH": "Case=Acc|Number=Sing", "LEMMA": "it"}},
        {"patterns": [[{"LOWER": "gon"}, {"LOWER": "na"}]], "attrs": {"LEMMA": "to", "POS": "PART"}, "index": -1},
        {"patterns": [[{"LOWER": "gon"}, {"LOWER": "na"}]], "attrs": {"LEMMA": "go", "TAG": "VBG"}, "index": 0},
        {"patterns": [[{"TAG": "VB"}]], "attrs": {"POS": "VERB", "DEP": "ROOT"}},
        {"patterns": [[{"TAG": "PRP"}]], "attrs": {"POS": "X"}},  # later: wins over the first rule's POS
    ]
    stock, bulk = _set_both_ways(patterns, _doc)
    assert stock == bulk
    assert bulk[2][:4] == ["", "go", "to", ""]


def test_bulk_setting_leaves_unsupported_attributes_and_bad_indices_to_the_ruler() -> None:
    nlp, ruler = _ruler([{"patterns": [[{"TAG": "PRP"}]], "attrs": {"NORM": "pron"}}])
    assert speed_up_rule_setting(nlp) is False
    assert not isinstance(ruler.set_annotations, BulkRuleSetter)
    assert speed_up_rule_setting(English()) is False
    nlp, ruler = _ruler([{"patterns": [[{"TAG": "PRP"}]], "attrs": {"LEMMA": "x"}, "index": 3}])
    assert speed_up_rule_setting(nlp) is True
    with pytest.raises(ValueError, match="E1001"):
        ruler(_doc(nlp))


def test_a_rule_added_after_bulk_setting_goes_to_the_rulers_own_code() -> None:
    nlp, ruler = _ruler([{"patterns": [[{"TAG": "PRP"}]], "attrs": {"LEMMA": "x"}}])
    assert speed_up_rule_setting(nlp) is True
    ruler.add_patterns([{"patterns": [[{"TAG": "PRP"}]], "attrs": {"LEMMA": "y", "NORM": "n"}}])
    doc = ruler(_doc(nlp))
    assert [(t.lemma_, t.norm_) for t in doc if t.tag_ == "PRP"] == [("y", "n"), ("y", "n")]


def test_a_full_regex_cache_starts_again_with_the_same_matches(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(nlp_module, "REGEX_CACHE_SIZE", 2)
    nlp, ruler = _ruler([{"patterns": [[{"LOWER": {"REGEX": "^n[ou]thin'?$"}}]], "attrs": {"LEMMA": "nothing"}}])
    indexed = IndexedRuleMatcher(nlp.vocab, ruler.patterns)
    doc = _doc(nlp)
    assert indexed(doc) == indexed(doc) == sorted(set(ruler.match(doc)))
    assert [s for _, _, s, _ in indexed(doc)] == [6]
