"""The quotes stage on articles written for these tests: direct, indirect and mixed quotes, speakers,
anonymous sources, cues, channels, relays, said_on, and what is not speech."""

from __future__ import annotations

import pytest
from conftest import run_stages

from dateline.records import ArticleRecord, Quote, stable_id

STAGES = ("actors", "quotes")


def quotes_of(text: str, stages: tuple[str, ...] = STAGES) -> tuple[ArticleRecord, list[Quote]]:
    record = run_stages(stages, text)
    for quote in record.quotes:
        assert quote.span.valid_in(text)
        assert quote.speaker is None or quote.speaker.span is None or quote.speaker.span.valid_in(text)
        assert quote.cue is None or quote.cue.span.valid_in(text)
        assert 0.0 <= quote.confidence <= 1.0
    return record, record.quotes


def find(quotes: list[Quote], words: str) -> Quote:
    hits = [q for q in quotes if words in q.text]
    assert hits, f"no quote containing {words!r} in {[q.text for q in quotes]}"
    return hits[0]


def speaker_name(record: ArticleRecord, quote: Quote) -> str | None:
    if quote.speaker is None or quote.speaker.actor_id is None:
        return None
    actor = record.actor(quote.speaker.actor_id)
    return actor.name if actor else None


DIRECT = (
    "NATO Secretary General Mark Rutte met Polish Prime Minister Donald Tusk in Warsaw on Monday.\n\n"
    "\"Our support for Ukraine will not waver,\u201d Rutte told reporters after the meeting. "
    "\u201cWe will keep the air defence coming. Every system counts.\u201d\n\n"
    "\u201cThe alliance is stronger than ever,\" Tusk said.\n"
)


def test_direct_quotes_with_mixed_marks_and_a_second_unattributed_segment() -> None:
    record, quotes = quotes_of(DIRECT)
    first = find(quotes, "will not waver")
    assert first.kind == "direct"
    assert first.text == "Our support for Ukraine will not waver,"
    assert first.speaker is not None and first.speaker.text == "Rutte"
    assert first.cue is not None and first.cue.lemma == "tell"
    assert first.channel is not None and first.channel.kind == "press_remarks"
    second = find(quotes, "Every system counts.")
    assert second.speaker is not None and second.speaker.text == "Rutte"
    assert "Every system counts." in second.text and "We will keep" in second.text
    tusk = find(quotes, "stronger than ever")
    assert tusk.speaker is not None and tusk.speaker.text == "Tusk"
    assert first.id == stable_id("quote", record.article.id, first.span.start, first.span.end)


def test_speakers_resolve_to_actors_of_the_actors_layer() -> None:
    record, quotes = quotes_of(DIRECT)
    assert speaker_name(record, find(quotes, "will not waver")) == speaker_name(record, find(quotes, "Every system"))
    assert speaker_name(record, find(quotes, "stronger than ever")) is not None


CONTINUATION = (
    "Finnish President Alexander Stubb spoke at a security conference in Helsinki on Friday.\n\n"
    "\u201cWe have learned from history that a weak peace invites a new war,\u201d Stubb said. "
    "\u201cThat is why guarantees must come first, and they must be credible.\n\n"
    "\u201cNobody in Europe wants to repeat the mistakes of the past decade.\u201d\n"
)


def test_continuation_paragraph_after_an_open_quote_keeps_the_speaker() -> None:
    _, quotes = quotes_of(CONTINUATION)
    cont = find(quotes, "Nobody in Europe")
    assert cont.kind == "direct"
    assert cont.speaker is not None and cont.speaker.text == "Stubb"
    open_one = find(quotes, "guarantees must come first")
    assert open_one.speaker is not None and open_one.speaker.text == "Stubb"


INDIRECT = (
    "Turkish Foreign Minister Hakan Fidan said on Tuesday that Ankara was ready to host new talks "
    "between Moscow and Kyiv.\n\n"
    "Talks could resume within weeks, according to Turkish outlet Anadolu Agency.\n\n"
    "Fidan insisted that any ceasefire had to be monitored by neutral observers, and he warned "
    "that the window for diplomacy was closing.\n"
)


def test_indirect_quotes_after_cue_verbs() -> None:
    _, quotes = quotes_of(INDIRECT)
    said = find(quotes, "Ankara was ready to host new talks")
    assert said.kind == "indirect"
    assert said.speaker is not None and "Hakan Fidan" in said.speaker.text
    assert said.cue is not None and said.cue.lemma == "say"
    insisted = find(quotes, "neutral observers")
    assert insisted.cue is not None and insisted.cue.text == "insisted"
    warned = find(quotes, "window for diplomacy")
    assert warned.cue is not None and warned.cue.lemma == "warn"
    assert warned.speaker is not None and warned.speaker.text == "he"


def test_according_to_an_outlet_is_a_source_and_a_relay() -> None:
    _, quotes = quotes_of(INDIRECT)
    reported = find(quotes, "Talks could resume")
    assert reported.cue is not None and reported.cue.text == "according to"
    assert reported.speaker is not None and "Anadolu Agency" in reported.speaker.text


MIXED = (
    "Hungarian Prime Minister Viktor Orban called the new sanctions package \u201ca dead end,\u201d "
    "saying it would \u201churt Europe more than Russia\u201d and deepen the energy crisis.\n\n"
    "The troops withdrew from the village, which locals call \u201cthe fortress,\u201d before dawn.\n\n"
    "The ministry added several NGOs to its list of \"foreign agents\" on Friday.\n\n"
    "She reviewed the novel \u201cWar and Peace\u201d for the paper.\n"
)


def test_partial_quotes_inside_reported_speech_are_mixed() -> None:
    _, quotes = quotes_of(MIXED)
    dead_end = find(quotes, "a dead end")
    assert dead_end.kind == "mixed"
    assert dead_end.speaker is not None and "Viktor Orban" in dead_end.speaker.text
    saying = find(quotes, "hurt Europe more than Russia")
    assert saying.kind == "mixed"
    assert saying.cue is not None and saying.cue.text == "saying"
    assert "deepen the energy crisis" in saying.text


def test_scare_quotes_terms_and_titles_are_not_speech() -> None:
    _, quotes = quotes_of(MIXED)
    texts = " | ".join(q.text for q in quotes)
    assert "the fortress" not in texts
    assert "foreign agents" not in texts
    assert "War and Peace" not in texts


CHANNELS = (
    "Ukrainian President Volodymyr Zelensky met European leaders in London on Sunday.\n\n"
    "\u201cWe are ready to work under the strong leadership of President Trump,\u201d Zelensky wrote on X.\n\n"
    "\u201cThe meeting was a success for peace,\u201d Trump wrote on Truth Social.\n\n"
    "\u201cThe enemy lost two battalions near Pokrovsk,\u201d the commander said on Telegram.\n\n"
    "\u201cThe sanctions will stay until the war ends,\u201d the European Commission said in a statement.\n\n"
    "In an interview with the BBC, Polish Foreign Minister Radoslaw Sikorski said that Europe had "
    "to spend more on defence.\n\n"
    "\u201cNobody will trade territory for a pause,\u201d Ukrainian diplomat Olga Stefanishyna told Reuters.\n"
)


@pytest.mark.parametrize(("words", "kind", "name"), [
    ("strong leadership", "social_media", "X"),
    ("success for peace", "social_media", "Truth Social"),
    ("two battalions", "social_media", "Telegram"),
    ("sanctions will stay", "statement", None),
    ("spend more on defence", "interview", None),
    ("trade territory", "interview", None),
])
def test_channels(words: str, kind: str, name: str | None) -> None:
    _, quotes = quotes_of(CHANNELS)
    quote = find(quotes, words)
    assert quote.channel is not None
    assert (quote.channel.kind, quote.channel.name) == (kind, name)


def test_relays_told_reuters_and_interview_with_an_outlet() -> None:
    _, quotes = quotes_of(CHANNELS)
    assert find(quotes, "trade territory").via == ["Reuters"]
    assert find(quotes, "spend more on defence").via == ["BBC"]


OUTLET = (
    "The Financial Times reported on Monday that Brussels was preparing new tariffs on Russian fertiliser.\n\n"
    "\u201cThe measures are ready, and the vote is a formality,\u201d an EU diplomat told the outlet.\n\n"
    "Officials said the package could be adopted by the end of the month.\n"
)


def test_the_outlet_resolves_to_the_last_media_organisation_and_anonymous_sources_are_flagged() -> None:
    _, quotes = quotes_of(OUTLET)
    diplomat = find(quotes, "the vote is a formality")
    assert diplomat.via == ["The Financial Times"] or diplomat.via == ["Financial Times"]
    assert diplomat.channel is not None and diplomat.channel.kind == "interview"
    assert diplomat.anonymous and diplomat.source_description == "an EU diplomat"
    officials = find(quotes, "adopted by the end of the month")
    assert officials.anonymous and officials.source_description == "Officials"
    report = find(quotes, "preparing new tariffs")
    assert not report.anonymous


SAID_ON = (
    "Kremlin spokesman Dmitry Peskov on Wednesday said that Moscow would study the proposal.\n\n"
    "\u201cWe need details first,\u201d Peskov told reporters Tuesday.\n\n"
    "Russian officials rejected the plan, saying it favoured Kyiv.\n"
)


def test_said_on_from_the_times_layer_else_the_publication_date() -> None:
    _, quotes = quotes_of(SAID_ON, ("actors", "times", "quotes"))
    wednesday = find(quotes, "study the proposal")
    assert wednesday.said_on is not None and wednesday.said_on.value == "2025-03-12"
    assert wednesday.said_on.span is not None and wednesday.said_on.span.text == "Wednesday"
    tuesday = find(quotes, "We need details first")
    assert tuesday.said_on is not None and tuesday.said_on.value == "2025-03-11"
    fallback = find(quotes, "it favoured Kyiv")
    assert fallback.said_on is not None and fallback.said_on.anchor == "dct"
    assert fallback.said_on.span is None


def test_said_on_is_null_without_a_times_layer() -> None:
    _, quotes = quotes_of(SAID_ON)
    assert all(q.said_on is None for q in quotes)


def test_nested_speech_inside_a_quote_is_part_of_the_quote() -> None:
    text = ("\u201cThe Americans said they would pass on the details, and we are waiting,\u201d "
            "Peskov told reporters.\n")
    _, quotes = quotes_of(text)
    assert len(quotes) == 1
    assert quotes[0].speaker is not None and quotes[0].speaker.text == "Peskov"


def test_quote_ids_are_stable_across_runs() -> None:
    first = [q.id for q in quotes_of(DIRECT)[1]]
    assert first == [q.id for q in quotes_of(DIRECT)[1]]
    assert len(set(first)) == len(first)


def test_a_quote_set_off_by_commas_around_its_cue_is_reported_speech() -> None:
    text = ("Foreign ministers met in Geneva on Monday.\n\n"
            "The museum, Mr. Obama said, would make visitors face uncomfortable truths.\n")
    _, quotes = quotes_of(text)
    quote = find(quotes, "would make visitors")
    assert quote.text.startswith("The museum") and quote.cue is not None and quote.cue.lemma == "say"
    assert quote.speaker is not None and quote.speaker.text == "Mr. Obama"


def test_a_quote_signed_after_a_dash_belongs_to_the_name_that_follows() -> None:
    text = ("Readers wrote to us after the debate.\n\n"
            "\u201cHe represents our greatest shame. We deserve better.\u201d \u2015 Sonya Herridge\n")
    _, quotes = quotes_of(text)
    quote = find(quotes, "greatest shame")
    assert quote.kind == "direct" and quote.speaker is not None and quote.speaker.text == "Sonya Herridge"


def test_a_quote_by_the_same_speaker_continues_the_channel_of_the_paragraph_before() -> None:
    text = ("In an interview with Reuters published Wednesday, Lavrov insisted that the talks had failed.\n\n"
            "\u201cNobody asked us about the plan at any point,\u201d Lavrov said.\n\n"
            "Zelensky said in Kyiv that he would not give up.\n\n"
            "\u201cWe never asked anyone for that in the first place,\u201d Lavrov said.\n")
    _, quotes = quotes_of(text)
    assert find(quotes, "talks had failed").channel is not None
    assert find(quotes, "Nobody asked us").channel == find(quotes, "talks had failed").channel
    assert find(quotes, "We never asked anyone").channel is None
