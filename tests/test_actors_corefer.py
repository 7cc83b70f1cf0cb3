"""Coreference in the actors stage: gendered pronouns, pronouns inside quotes, "the outlet", one owner per span.

Every text here was written for these tests.
"""

from __future__ import annotations

from conftest import run_stages

from dateline.knowledge.actors import load_lexicon
from dateline.records import Actor, ArticleRecord, Span
from dateline.stages.actors import one_owner_per_span

STAGES = ("actors",)


def _record(text: str) -> ArticleRecord:
    record = run_stages(STAGES, text)
    for actor in record.actors:
        assert all(m.valid_in(text) for m in actor.mentions), actor
    return record


def _mentions(record: ArticleRecord, name: str) -> list[str]:
    found = [a for a in record.actors if a.name == name]
    assert len(found) == 1, [a.name for a in record.actors]
    return [m.text for m in found[0].mentions]


def _owner(record: ArticleRecord, start: int) -> str | None:
    return next((a.name for a in record.actors for m in a.mentions if m.start == start), None)


# --- gender -----------------------------------------------------------------------------------------

def test_given_names_know_russian_ukrainian_and_arabic_names() -> None:
    lex = load_lexicon()
    assert lex.gender_of_given_name("Sergei") == "m"
    assert lex.gender_of_given_name("Volodymyr") == "m"
    assert lex.gender_of_given_name("Mohammed") == "m"
    assert lex.gender_of_given_name("Iryna") == "f"
    assert lex.gender_of_given_name("Fatima") == "f"
    assert lex.gender_of_given_name("Chris") is None


def test_she_and_her_pick_the_woman_among_two_people() -> None:
    text = ("Italian Prime Minister Giorgia Meloni met Ukrainian President Volodymyr Zelensky in Rome on Monday, "
            "and she promised more air defence systems. Zelensky thanked Meloni for her support and said his "
            "country would not give up.")
    record = _record(text)
    assert _owner(record, text.index("she promised")) == "Giorgia Meloni"
    assert _owner(record, text.index("her support")) == "Giorgia Meloni"
    assert _owner(record, text.index("his country")) == "Volodymyr Zelensky"


def test_no_pronoun_across_a_gender_mismatch() -> None:
    text = ("Moscow mayor Sergei Sobyanin opened the new metro line on Friday. "
            "She said the trains would run every two minutes.")
    record = _record(text)
    assert _owner(record, text.index("She said")) is None
    assert _mentions(record, "Sergei Sobyanin") == ["Sergei Sobyanin"]


def test_courtesy_titles_give_gender() -> None:
    text = "On Monday Mr. Radek Nowak met Ms. Jo Kowalczyk in Warsaw, and she told him the plan was ready."
    record = _record(text)
    assert _owner(record, text.index("she told")) == "Jo Kowalczyk"
    assert _owner(record, text.index("him the plan")) == "Radek Nowak"


def test_an_earlier_pronoun_tells_the_gender_of_an_unknown_name() -> None:
    text = ("Analyst Chris Kleiman said she expected the talks to fail. Kleiman spoke after Sergei Lavrov "
            "arrived in Ankara, and she said he looked tired.")
    record = _record(text)
    assert _owner(record, text.index("she expected")) == "Chris Kleiman"
    assert _owner(record, text.index("she said")) == "Chris Kleiman"
    assert _owner(record, text.index("he looked")) == "Sergei Lavrov"


def test_pronoun_reaches_past_a_sentence_naming_nobody() -> None:
    text = ("Foreign Minister Sergei Lavrov met reporters in Moscow on Tuesday. The talks lasted three hours. "
            "He said the proposal was unacceptable.")
    record = _record(text)
    assert _owner(record, text.index("He said")) == "Sergei Lavrov"


def test_pronoun_stops_at_someone_unnamed_in_between() -> None:
    for middle in ("A soldier was wounded near the border.", "The spokesman declined to comment."):
        text = f"Foreign Minister Sergei Lavrov spoke in Moscow on Tuesday. {middle} He said the plan was dead."
        assert _owner(_record(text), text.index("He said")) is None, middle


def test_pronoun_past_a_sentence_naming_nobody_keeps_gender() -> None:
    text = ("Prime Minister Giorgia Meloni arrived in Kyiv on Friday. The visit had not been announced. "
            "She promised more air defence systems. He said they would come.")
    record = _record(text)
    assert _owner(record, text.index("She promised")) == "Giorgia Meloni"
    assert _owner(record, text.index("He said")) is None


# --- pronouns inside quotes --------------------------------------------------------------------------

def test_pronoun_in_a_quote_is_the_person_spoken_about() -> None:
    text = ("Russian Foreign Minister Sergei Lavrov said on Tuesday that Donald Trump wanted the war to end "
            "quickly.\n\n\"He has his own view of the situation, and he says it openly,\" Lavrov told reporters "
            "in Moscow.")
    record = _record(text)
    for word in ("He has", "his own", "he says"):
        assert _owner(record, text.index(word)) == "Donald Trump", word
    assert _mentions(record, "Sergei Lavrov") == ["Sergei Lavrov", "Lavrov"]


def test_pronoun_in_a_quote_is_never_the_speaker() -> None:
    text = "\"He has no plan,\" Sergei Lavrov said of the envoy."
    record = _record(text)
    assert _owner(record, text.index("He has")) is None


def test_pronoun_in_a_quote_naming_two_people_is_left_alone() -> None:
    text = ("Kaja Kallas spoke in Brussels on Monday. \"Vladimir Putin is afraid to tell Donald Trump that he "
            "wants this war,\" Kallas said.")
    record = _record(text)
    assert _owner(record, text.index("he wants")) is None


# --- "the outlet", "the agency" ----------------------------------------------------------------------

def test_the_outlet_is_the_last_media_actor() -> None:
    text = ("Senior Fellow Tatiana Stanovaya told Bloomberg News that the plan would fail. "
            "\"There is no rush in Moscow,\" she told the outlet.")
    record = _record(text)
    assert _mentions(record, "Bloomberg News") == ["Bloomberg News", "the outlet"]
    outlet = next(a for a in record.actors if a.name == "Bloomberg News")
    assert "the outlet" not in outlet.aliases
    assert _owner(record, text.index("she told")) == "Tatiana Stanovaya"


def test_the_agency_is_the_news_agency() -> None:
    text = ("Kremlin spokesman Dmitry Peskov spoke to the state news agency TASS on Friday. "
            "The agency said the talks would continue next week.")
    record = _record(text)
    assert _mentions(record, "TASS") == ["TASS", "The agency"]


def test_the_agency_after_a_government_agency_is_not_the_outlet() -> None:
    text = ("Reuters reported that the International Atomic Energy Agency inspected the Zaporizhzhia plant on "
            "Monday. The agency said the reactors were safe.")
    record = _record(text)
    assert _owner(record, text.index("The agency")) is None
    assert _mentions(record, "Reuters") == ["Reuters"]


# --- one mention, one actor --------------------------------------------------------------------------

def _actor(name: str, text: str, *spans: tuple[int, int]) -> Actor:
    return Actor(id=f"actor:{name}", name=name, kind="organization", country=None, sector=None, roles=[],
                 aliases=[], mentions=[Span.of(text, a, b) for a, b in spans], confidence=0.8)


def test_overlapping_mentions_go_to_the_longest() -> None:
    text = "The State Duma voted. The Duma met."
    duma = _actor("Duma", text, (10, 14), (26, 30))
    state_duma = _actor("State Duma", text, (4, 14))
    kept = one_owner_per_span([duma, state_duma])
    assert [(a.name, [m.text for m in a.mentions]) for a in kept] == [("Duma", ["Duma"]),
                                                                       ("State Duma", ["State Duma"])]
    assert kept[0].mentions[0].start == 26


def test_an_actor_left_without_mentions_goes() -> None:
    text = "Paul Harris, chairman of the Hong Kong Human Rights Monitor, spoke."
    monitor = _actor("Hong Kong Human Rights Monitor", text, (29, 59))
    person = _actor("Human Rights Monitor", text, (39, 59))
    assert [a.name for a in one_owner_per_span([person, monitor])] == ["Hong Kong Human Rights Monitor"]


def test_no_text_is_a_mention_of_two_actors() -> None:
    text = ("State Duma Deputy Viktor Sobolev, a member of the Duma's defense committee, called the ceasefire "
            "unacceptable. Paul Harris, chairman of the Hong Kong Human Rights Monitor, said he felt total "
            "skepticism. The newspaper Kommersant said the Duma would vote on Friday, the paper reported.")
    record = _record(text)
    spans = sorted((m.start, m.end, a.id) for a in record.actors for m in a.mentions)
    for (s1, e1, a1), (s2, _, a2) in zip(spans, spans[1:], strict=False):
        assert s2 >= e1 or a1 == a2, (text[s1:e1], text[s2:e1])
