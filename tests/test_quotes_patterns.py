"""Attribution patterns added from the PolNeAR error breakdown, each on an article written for the test:
transcript turns, citing a thing, a clause the parser hung on the "according to" source, two subjects
of one cue, ages in the source, cues kept out of their source, headlines run into the next line,
complements across a paragraph break, quotes split around their cue, and the nesting features of the
rerank model."""

from __future__ import annotations

from typing import Any

from test_quotes_stage import find

from dateline.ingest import make_article
from dateline.records import ArticleRecord, Quote
from dateline.stages.quotes import candidate_frames, extract_quotes
from dateline.stages.quotes.frames import speaker_span, subject_of
from dateline.stages.quotes.lexicon import load_lexicon
from dateline.stages.quotes.marks import paragraphs
from dateline.stages.quotes.rerank import features


def _quotes(nlp: Any, text: str) -> list[Quote]:
    return extract_quotes(nlp(text), ArticleRecord(article=make_article(text)), load_lexicon(), False)


def _speaker_text(quote: Quote) -> str | None:
    return quote.speaker.text if quote.speaker is not None else None


TRANSCRIPT = (
    "Part of the broadcast follows.\n\n"
    "\"HOLLAND: Minister, will the border crossings open before the winter arrives?\n\n"
    "\"PETROV: They will not open this month. We asked for guarantees and we have received none so far.\n\n"
    "\"Without those guarantees nobody in the government will sign anything.\n"
)


def test_a_transcript_turn_in_a_quoted_paragraph_belongs_to_the_name_before_the_colon(nlp: Any) -> None:
    quotes = _quotes(nlp, TRANSCRIPT)
    question = find(quotes, "border crossings open")
    assert _speaker_text(question) == "HOLLAND"
    assert question.kind == "direct" and not question.text.startswith("HOLLAND")
    answer = find(quotes, "will not open this month")
    assert _speaker_text(answer) == "PETROV"
    assert _speaker_text(find(quotes, "nobody in the government")) == "PETROV"


def test_citing_a_reason_is_an_attribution_citing_a_person_is_a_relay(nlp: Any) -> None:
    reason = _quotes(nlp, "The mayor cancelled the parade on Sunday, citing fears of fresh flooding in the valley.\n")
    cited = find(reason, "fears of fresh flooding")
    assert cited.cue is not None and cited.cue.lemma == "cite"
    assert _speaker_text(cited) == "The mayor"
    relay = _quotes(nlp, "Reuters, citing two officials, reported that the convoy had turned back.\n")
    reported = find(relay, "the convoy had turned back")
    assert reported.speaker is not None and "officials" in reported.speaker.text


def test_according_to_at_the_start_of_a_sentence(nlp: Any) -> None:
    quotes = _quotes(nlp, "According to longtime radio host Jim Carter, the decision smells of panic and fear.\n")
    said = find(quotes, "the decision smells of panic")
    assert said.cue is not None and said.cue.text == "According to"
    assert _speaker_text(said) == "longtime radio host Jim Carter"


def test_the_subject_next_to_the_cue_speaks(nlp: Any) -> None:
    doc = nlp("The river rose all night. People like the ferrymen, she said.\n")
    verb = next(t for t in doc if t.text == "said")
    subject = subject_of(verb)
    assert subject is not None and subject.text == "she"


def test_an_age_after_the_name_belongs_to_the_source(nlp: Any) -> None:
    doc = nlp("Maria Lopez, 54, said the count had been fair.")
    verb = next(t for t in doc if t.text == "said")
    subject = subject_of(verb)
    assert subject is not None
    start, end = speaker_span(doc.text, subject, verb)
    assert doc.text[start:end] == "Maria Lopez, 54"


def test_the_cue_and_its_content_stay_out_of_the_source(nlp: Any) -> None:
    doc = nlp("The campaign released a video urging voters to stay home on election day.")
    verb = next(t for t in doc if t.text == "urging")
    subject = subject_of(verb)
    assert subject is not None
    start, end = speaker_span(doc.text, subject, verb)
    assert "urging" not in doc.text[start:end] and "video" in doc.text[start:end]


def test_a_headline_run_into_the_next_line_leaves_that_line_its_own_subject(nlp: Any) -> None:
    text = "Barker Says He Will Seek A Third Term In Office\nJohn Barker said he would seek a third term.\n"
    doc = nlp(text)
    verb = [t for t in doc if t.text == "said"][-1]
    subject = subject_of(verb)
    assert subject is not None and subject.text == "Barker" and subject.idx > text.index("\n")


def test_a_complement_across_a_paragraph_break_is_not_the_cue_s(nlp: Any) -> None:
    text = (
        "\u201cThe bridge will be rebuilt by spring,\u201d the engineer said.\n\n"
        "\u201cEvery family on the east bank will have a dry road again before the first snow.\u201d\n\n"
        "Ortega said the repairs would bring back jobs to the riverside district.\n"
    )
    said = find(_quotes(nlp, text), "the repairs would bring back jobs")
    assert _speaker_text(said) == "Ortega" and said.kind == "indirect"


def test_a_quote_split_around_its_cue_keeps_the_cue_s_speaker(nlp: Any) -> None:
    text = (
        "The talks ended early. ''It is a disaster,'' he said. ''We will not accept it.''\n\n"
        "''There is no deal,'' Mr. Smith said, ''and there will be none this year.''\n"
    )
    quotes = _quotes(nlp, text)
    assert _speaker_text(find(quotes, "There is no deal")) == "Mr. Smith"
    assert _speaker_text(find(quotes, "none this year")) == "Mr. Smith"


def test_a_cue_inside_what_another_cue_reports_is_marked_nested(nlp: Any) -> None:
    text = "The senator said she hopes to win the seat back in November.\n"
    doc = nlp(text)
    lex = load_lexicon()
    _, frames = candidate_frames(doc, text, lex, paragraphs(text), floor=0.0)
    hope = next(f for f in frames if text[f.cue[0] : f.cue[1]] == "hopes")
    said = next(f for f in frames if text[f.cue[0] : f.cue[1]] == "said")
    assert hope.within == "strong" and said.within is None
    names = features(doc, hope)
    assert "within=strong" in names and "under=report" in names
