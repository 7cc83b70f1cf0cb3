"""The bulk lemmatizer gives exactly the lemmas spaCy's own lemmatizer gives (it exists only for speed)."""

from __future__ import annotations

import itertools
import pickle
from typing import Any

import pytest
from spacy.attrs import IDS
from spacy.lang.en import English
from spacy.lookups import Lookups
from spacy.pipeline import Lemmatizer
from spacy.tokens import Doc

from dateline import nlp as nlp_module
from dateline.nlp import BulkLemmas, load_nlp, load_stock_nlp, speed_up_lemmatizer

# Our own paragraphs: plurals, tenses, comparatives, proper nouns, contractions, numbers, odd spacing,
# words the tables list as exceptions (geese, went, better) and words they do not know.
TEXTS = [
    "The envoys were meeting again on Tuesday; the talks had stalled twice, officials said.",
    "Geese flew over the burned villages. Better roads went north, and the worst fighting eased.",
    "Drones struck 14 depots overnight.  \n\n  Kyiv's forces re-took Zorvania's hills, said Gen. Malkovic.",
    "She doesn't think they'll sign; we're likelier to see sanctions widened, the ministers' aides argued.",
    "Negotiators from Qarnestan kept re-drafting, re-drafted and were re-drafting the clauses, quickly.",
    "",
    "Ceasefires, truces and armistices: the blogger's posts, tweeted and retweeted, outpaced the wires.",
]
COLUMNS = [IDS[c] for c in ("ORTH", "TAG", "POS", "MORPH", "LEMMA", "DEP", "HEAD", "ENT_IOB", "ENT_TYPE")]


def _lemmas(docs: list[Doc]) -> list[list[str]]:
    return [[t.lemma_ for t in doc] for doc in docs]


def test_load_nlp_bulk_lemmatizer_and_stock_left_alone() -> None:
    tuned, stock = load_nlp("en_core_web_sm"), load_stock_nlp("en_core_web_sm")
    assert isinstance(tuned.get_pipe("lemmatizer"), BulkLemmas)
    assert not isinstance(stock.get_pipe("lemmatizer"), BulkLemmas)
    assert tuned.get_pipe("lemmatizer").mode == stock.get_pipe("lemmatizer").mode == "rule"


def test_docs_equal_stock_docs_cold_and_warm() -> None:
    tuned, stock = load_nlp("en_core_web_sm"), load_stock_nlp("en_core_web_sm")
    expected = list(stock.pipe(TEXTS))
    for _ in range(2):  # the second pass answers every token from the cache
        got = list(tuned.pipe(TEXTS))
        for a, b in zip(expected, got, strict=True):
            assert (a.to_array(COLUMNS) == b.to_array(COLUMNS)).all()
        assert _lemmas(got) == _lemmas(expected)
    assert tuned.get_pipe("lemmatizer").lemma_ids


def test_every_word_and_tag_equal_stock_on_hand_made_docs() -> None:
    """Exception words and suffixed forms under each coarse tag and morphology the rules look at."""
    tuned, stock = load_nlp("en_core_web_sm"), load_stock_nlp("en_core_web_sm")
    words = ["geese", "went", "better", "worst", "stories", "taxes", "running", "hoped", "re-drafted",
             "Kyiv", "studies", "faster", "hopping", "data", "was", "n't", "ca", "mice", "fled", "U.S."]
    tags = [("NOUN", "Number=Plur"), ("NOUN", "Number=Sing"), ("VERB", "Tense=Past|VerbForm=Fin"),
            ("VERB", "VerbForm=Inf"), ("VERB", "Tense=Pres|VerbForm=Fin"), ("VERB", "Aspect=Prog|VerbForm=Part"),
            ("ADJ", "Degree=Cmp"), ("ADJ", "Degree=Pos"), ("ADV", "Degree=Sup"), ("PROPN", "Number=Sing"),
            ("AUX", "Tense=Past|VerbForm=Fin"), ("PART", ""), ("X", "VerbForm=None"), ("SPACE", "")]
    pairs = list(itertools.product(words, tags))

    def doc(nlp: Any) -> Doc:
        return Doc(nlp.vocab, words=[w for w, _ in pairs], pos=[p for _, (p, _) in pairs],
                   morphs=[m for _, (_, m) in pairs])

    expected = _lemmas([stock.get_pipe("lemmatizer")(doc(stock))])
    for _ in range(2):  # cold, then from the cache
        assert _lemmas([tuned.get_pipe("lemmatizer")(doc(tuned))]) == expected


def test_set_lemmas_kept_unless_overwrite() -> None:
    tuned = load_nlp("en_core_web_sm")
    lemmatizer = tuned.get_pipe("lemmatizer")
    doc = Doc(tuned.vocab, words=["talks", "went"], pos=["NOUN", "VERB"], morphs=["Number=Plur", "Tense=Past"],
              lemmas=["TALK", ""])
    assert [t.lemma_ for t in lemmatizer(doc)] == ["TALK", "go"]
    lemmatizer.overwrite = True
    try:
        assert [t.lemma_ for t in lemmatizer(doc)] == ["talk", "go"]
    finally:
        lemmatizer.overwrite = False


def test_a_full_cache_starts_again_with_the_same_lemmas(monkeypatch: pytest.MonkeyPatch) -> None:
    tuned, stock = load_nlp("en_core_web_sm"), load_stock_nlp("en_core_web_sm")
    monkeypatch.setattr(nlp_module, "LEMMA_CACHE_SIZE", 5)
    lemmatizer = tuned.get_pipe("lemmatizer")
    with tuned.select_pipes(disable=["lemmatizer"]):
        docs = list(tuned.pipe(TEXTS))
    got = [lemmatizer(doc) for doc in docs]
    assert len(lemmatizer.lemma_ids) < 5 + max(len(doc) for doc in docs)
    assert _lemmas(got) == _lemmas(list(stock.pipe(TEXTS)))


def _lookup_nlp() -> Any:
    nlp = English()
    nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    lookups = Lookups()
    lookups.add_table("lemma_lookup", {"talks": "talk", "went": "go"})
    nlp.get_pipe("lemmatizer").initialize(lookups=lookups)
    return nlp


def test_lookup_mode_is_sped_up_too_with_the_same_lemmas() -> None:
    stock, tuned = _lookup_nlp(), _lookup_nlp()
    assert speed_up_lemmatizer(tuned) is True
    text = "The talks went on; talks went nowhere."
    assert [t.lemma_ for t in tuned(text)] == [t.lemma_ for t in stock(text)] == \
        ["The", "talk", "go", "on", ";", "talk", "go", "nowhere", "."]


class _OwnLemmatizer(Lemmatizer):
    """A lemmatizer with its own rules: what its lemma depends on is unknown, so it keeps its code."""


def test_pipelines_without_a_spacy_lemmatizer_are_left_as_they_are() -> None:
    assert speed_up_lemmatizer(English()) is False
    nlp = English()
    nlp.add_pipe("sentencizer")
    assert speed_up_lemmatizer(nlp) is False
    own = _lookup_nlp()
    own.get_pipe("lemmatizer").__class__ = _OwnLemmatizer
    assert speed_up_lemmatizer(own) is False
    assert type(own.get_pipe("lemmatizer")) is _OwnLemmatizer


def test_a_bulk_lemmatizer_pickles_with_the_same_lemmas() -> None:
    tuned, stock = load_nlp("en_core_web_sm"), load_stock_nlp("en_core_web_sm")
    copy = pickle.loads(pickle.dumps(tuned.get_pipe("lemmatizer")))
    assert type(copy) is type(tuned.get_pipe("lemmatizer"))
    with tuned.select_pipes(disable=["lemmatizer"]):
        docs = list(tuned.pipe(TEXTS))
    assert _lemmas([copy(doc) for doc in docs]) == _lemmas(list(stock.pipe(TEXTS)))


def test_numpy_gemm_is_a_setting_that_switches_only_the_cpu_ops() -> None:
    from thinc.api import NumpyOps

    from dateline.config import load_config
    from dateline.errors import ConfigError
    from dateline.nlp import load_nlp

    def ops(nlp: Any) -> set[bool]:
        return {n.ops.use_blis for _, c in nlp.pipeline if getattr(c, "model", None) is not None
                and hasattr(c.model, "walk") for n in c.model.walk() if isinstance(n.ops, NumpyOps)}

    assert load_config().gemm == "blis"
    assert ops(load_nlp("en_core_web_sm")) == {True}
    fast = load_nlp("en_core_web_sm", "numpy")
    assert ops(fast) == {False}
    doc = fast("Kremlin spokesman Dmitry Peskov said on Wednesday that Moscow would study the proposal.")
    assert [e.text for e in doc.ents][:2] == ["Kremlin", "Dmitry Peskov"]
    with pytest.raises(ConfigError, match="gemm"):
        load_config().with_(gemm="mkl")
