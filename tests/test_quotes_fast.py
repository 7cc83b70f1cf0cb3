"""The quotes stage's shortcuts give what the plain scans give: the lemma pre-filter of cue and pattern
heads against a frame search over every word, the mark search against a char-by-char scan, and the line
breaks between two words against their tokens.  Articles written for the test."""

from __future__ import annotations

import dataclasses
from typing import Any

from dateline.stages.quotes.frames import _other_line, candidates, frames_from_cues
from dateline.stages.quotes.lexicon import CUE_NOUN, CUE_VERB, PATH_HEAD, load_lexicon
from dateline.stages.quotes.marks import find_regions
from dateline.stages.quotes.paths import path_frames

ARTICLE = (
    "Border Talks Stall Again\n"
    "Anna Holt said the crossing would stay closed, according to two officials.\n\n"
    "\u201cWe will not sign anything this week,\u201d the minister told reporters on Monday. "
    "Critics took a shot at the plan and voiced support for new talks.\n\n"
    "Holt: the guarantees must come first.\n"
    "Her claim that the army had withdrawn was denied by the general, who laid out a timetable.\n"
    "Observers were critical of the delay. ''It is a slow process,'' an aide wrote on the channel.\n"
)


def test_candidates_find_every_frame(nlp: Any) -> None:
    lex = load_lexicon()
    doc = nlp(ARTICLE)
    every = list(range(len(doc)))
    cues, heads = candidates(doc, lex)
    assert len(cues) < len(doc) and heads
    found = list(frames_from_cues(doc, ARTICLE, lex, cues))
    assert len(found) >= 4 and found == list(frames_from_cues(doc, ARTICLE, lex, every))
    taken = {f.cue_token for f in frames_from_cues(doc, ARTICLE, lex)}
    patterns = list(path_frames(doc, ARTICLE, lex, taken, heads))
    assert patterns and patterns == list(path_frames(doc, ARTICLE, lex, taken, every))


def test_lemma_flags_follow_a_replaced_lexicon(nlp: Any) -> None:
    lex = load_lexicon()
    strings = nlp.vocab.strings
    say, claim = strings.add("say"), strings.add("Allegation")  # a noun cue, capitalised in the text
    assert lex.lemma_flags(say, strings) & CUE_VERB and lex.lemma_flags(claim, strings) & CUE_NOUN
    bare = dataclasses.replace(lex, speech=frozenset(), frames={}, paths={"say>dobj:word>prep:about>pobj": 0.9})
    assert bare.lemma_flags(say, strings) == PATH_HEAD
    assert bare.lemma_flags(claim, strings) == 0


def test_mark_search_skips_only_plain_characters() -> None:
    text = "It's the ''first'' step, the aide's note said. \u201cWe won't wait,\u201d she said. \"Nor will we.\"\n"
    assert [text[r.start : r.end] for r in find_regions(text)] == ["first", "We won't wait,", "Nor will we."]
    assert [ARTICLE[r.start : r.end] for r in find_regions(ARTICLE)] == [
        "We will not sign anything this week,", "It is a slow process,"]


def test_other_line_counts_line_breaks(nlp: Any) -> None:
    doc = nlp(ARTICLE)
    for verb in (t for t in doc if t.pos_ == "VERB"):
        for child in verb.children:
            lo, hi = sorted((verb.i, child.i))
            plain = any("\n" in t.whitespace_ or (t.is_space and "\n" in t.text) for t in doc[lo:hi])
            assert _other_line(verb, child) == plain
