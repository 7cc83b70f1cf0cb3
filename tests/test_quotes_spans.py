"""Speaker and content spans in PolNeAR's convention, learned from its train compartment."""

from __future__ import annotations

from typing import Any

from dateline.stages.quotes.frames import content_tokens, speaker_span, subject_of, token_span


def _token(doc: Any, word: str) -> Any:
    return next(t for t in doc if t.text == word)


def _speaker(nlp: Any, sentence: str, cue: str) -> str | None:
    doc = nlp(sentence)
    verb = _token(doc, cue)
    subject = subject_of(verb)
    if subject is None:
        return None
    start, end = speaker_span(doc.text, subject, verb)
    return str(doc.text[start:end])


def test_a_who_clause_after_a_comma_belongs_to_the_source(nlp: Any) -> None:
    text = "Chris Cox, who runs the group's lobbying arm, said the bill would fail."
    assert _speaker(nlp, text, "said") == "Chris Cox, who runs the group's lobbying arm"


def test_the_cue_inside_the_who_clause_stays_out_of_the_source(nlp: Any) -> None:
    doc = nlp("The bill was opposed by Smith, who said it would fail.")
    start, end = speaker_span(doc.text, _token(doc, "Smith"), _token(doc, "said"))
    assert doc.text[start:end] == "Smith"


def test_the_verb_of_by_doing_and_to_do_lends_its_subject(nlp: Any) -> None:
    assert _speaker(nlp, "The president began by saying that the talks had failed.", "saying") == "The president"
    assert _speaker(nlp, "Schumer went on Twitter to applaud the announcement.", "applaud") == "Schumer"


def test_the_possessive_marker_stays_and_a_leading_even_goes(nlp: Any) -> None:
    assert _speaker(nlp, "Even his closest allies said the plan was dead.", "said") == "his closest allies"


def test_an_object_before_the_preposition_is_part_of_the_content(nlp: Any) -> None:
    doc = nlp("Trump accused Clinton of lying about the emails.")
    verb = _token(doc, "accused")
    tokens, _ = content_tokens(verb, {"prep:of": 0.9}, speech=False)
    start, end = token_span(tokens)
    assert doc.text[start:end] == "Clinton of lying about the emails"


def test_words_before_the_mark_make_a_quote_mixed(nlp: Any) -> None:
    from dateline.ingest import make_article
    from dateline.records import ArticleRecord
    from dateline.stages.quotes import extract_quotes
    from dateline.stages.quotes.lexicon import load_lexicon

    text = 'Trump said it "was a total disaster for the country."'
    doc = nlp(text)
    quotes = extract_quotes(doc, ArticleRecord(article=make_article(text)), load_lexicon(), False)
    assert [(q.kind, q.text) for q in quotes] == [("mixed", 'it "was a total disaster for the country."')]
