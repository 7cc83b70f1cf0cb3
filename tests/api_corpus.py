"""A small corpus built by hand from records.py types (our own texts), for the API and web tests.

Three wire-style reports on a ceasefire proposal: two actors take stances that change over time,
quotes have speakers, events have places and dates.  Written through the store like any ingest.
"""

from __future__ import annotations

from pathlib import Path

from conftest import span as _span

from dateline.ingest import make_article
from dateline.records import (
    Actor,
    ArticleRecord,
    Channel,
    Cue,
    Event,
    Place,
    PlaceMention,
    Proposal,
    Quote,
    Role,
    Speaker,
    Stance,
    TimeExpr,
    TimeValue,
    stable_id,
)
from dateline.store.sqlite import SQLiteStore

MARCHENKO = stable_id("actor", "person", "Olena Marchenko")
VOLKOV = stable_id("actor", "person", "Pavel Volkov")
CEASEFIRE = stable_id("proposal", "ceasefire", "30-day")
KYIV = "geonames:703448"
JEDDAH = "geonames:105343"
KHARKIV = "geonames:706483"

TEXT_1 = (
    "Ukraine's foreign minister Olena Marchenko said on Tuesday that Kyiv backs a 30-day ceasefire. "
    "\"We are ready to stop the guns for thirty days if Moscow does the same,\" Marchenko told reporters in Jeddah. "
    "Russian envoy Pavel Volkov rejected the plan, saying a pause would only help Ukraine rearm. "
    "Delegations met in Jeddah on March 11 for nine hours of talks."
)
TEXT_2 = (
    "Russian envoy Pavel Volkov said on Friday that Moscow could accept a 30-day ceasefire under conditions. "
    "\"A truce is possible if weapons deliveries stop,\" Volkov said in a statement. "
    "Overnight, drones struck an energy facility in Kharkiv, regional officials said."
)
TEXT_3 = (
    "Marchenko said on Monday the 30-day ceasefire remains on the table. "
    "\"Our offer stands; the answer from Moscow is not a yes,\" she wrote on X."
)


def _day(text: str, needle: str, value: str) -> TimeValue:
    return TimeValue(value, "DATE", "day", _span(text, needle), "dct")


def _actors(text: str) -> list[Actor]:
    found = []
    if "Marchenko" in text:
        found.append(Actor(MARCHENKO, "Olena Marchenko", "person", "UKR", "GOV",
                           [Role("foreign minister", "Ukraine", None)], ["Marchenko"],
                           [_span(text, "Marchenko")], 0.9))
    if "Volkov" in text:
        found.append(Actor(VOLKOV, "Pavel Volkov", "person", "RUS", "GOV", [Role("envoy", "Russia", None)],
                           ["Volkov"], [_span(text, "Volkov")], 0.85))
    return found


def _place(text: str, pid: str, name: str, lat: float, lon: float, country: str) -> Place:
    return Place(pid, name, "city", country, None, lat, lon, 1, [PlaceMention(_span(text, name), "location")], 0.9)


def _quote(text: str, content: str, speaker: str, actor_id: str, cue: str, lemma: str, channel: str) -> Quote:
    return Quote(stable_id("quote", content), "direct", content, _span(text, content),
                 Speaker(actor_id, speaker, _span(text, speaker, 1 if text.count(speaker) > 1 else 0)), False, None,
                 Cue(cue, lemma, _span(text, cue)), Channel(channel, None), [], None, [CEASEFIRE], 0.9)  # type: ignore[arg-type]


def _proposal(text: str) -> Proposal:
    return Proposal(CEASEFIRE, "30-day ceasefire", "ceasefire", [MARCHENKO], ["30 days"],
                    [_span(text, "30-day ceasefire")], 0.8)


def record_1() -> ArticleRecord:
    t = TEXT_1
    article = make_article(t, title="Ukraine backs 30-day ceasefire after Jeddah talks", publisher="Example Wire",
                           published_at="2025-03-11T18:00:00+00:00", url="https://example.org/wire/1")
    quote = _quote(t, "We are ready to stop the guns for thirty days if Moscow does the same", "Marchenko",
                   MARCHENKO, "told", "tell", "press_remarks")
    when = _day(t, "March 11", "2025-03-11")
    events = [Event(stable_id("event", "consult", "jeddah"), "CONSULT", None, [], "040", None, [MARCHENKO, VOLKOV], [],
                    JEDDAH, when, _span(t, "Delegations met in Jeddah"), None, CEASEFIRE, None, 0.8),
              Event(stable_id("event", "reject", "volkov"), "REJECT", None, [], "120", None, [VOLKOV], [MARCHENKO],
                    None, None, _span(t, "rejected the plan"), None, CEASEFIRE, None, 0.7)]
    stances = [Stance(MARCHENKO, CEASEFIRE, "support", [], _day(t, "Tuesday", "2025-03-11"), [quote.id], 0.9),
               Stance(VOLKOV, CEASEFIRE, "oppose", [], None, [_span(t, "rejected the plan")], 0.7)]
    times = [TimeExpr("time:t1", "2025-03-11", "DATE", "day", _span(t, "March 11"), "dct", 0.9)]
    places = [_place(t, JEDDAH, "Jeddah", 21.54, 39.17, "SAU"), _place(t, KYIV, "Kyiv", 50.45, 30.52, "UKR")]
    return ArticleRecord(article, _actors(t), [quote], times, places, events, [_proposal(t)], stances)


def record_2() -> ArticleRecord:
    t = TEXT_2
    article = make_article(t, title="Moscow signals conditional openness to truce", publisher="Example Wire",
                           published_at="2025-03-14T09:30:00+00:00", url="https://example.org/wire/2")
    quote = _quote(t, "A truce is possible if weapons deliveries stop", "Volkov", VOLKOV, "said", "say", "statement")
    events = [Event(stable_id("event", "assault", "kharkiv"), "ASSAULT", None, ["military"], "190", None, [], [],
                    KHARKIV, _day(t, "Friday", "2025-03-14"), _span(t, "drones struck an energy facility"), None,
                    None, None, 0.75)]
    stances = [Stance(VOLKOV, CEASEFIRE, "conditional", ["weapons deliveries stop"], _day(t, "Friday", "2025-03-14"),
                      [quote.id], 0.8)]
    return ArticleRecord(article, _actors(t), [quote], [], [_place(t, KHARKIV, "Kharkiv", 49.99, 36.23, "UKR")],
                         events, [_proposal(t)], stances)


def record_3() -> ArticleRecord:
    t = TEXT_3
    article = make_article(t, title="Kyiv says ceasefire offer stands", publisher="Other Desk",
                           published_at="2025-03-17T07:00:00+00:00", url="https://example.org/desk/3")
    quote = _quote(t, "Our offer stands; the answer from Moscow is not a yes", "she", MARCHENKO, "wrote", "write",
                   "social_media")
    stances = [Stance(MARCHENKO, CEASEFIRE, "support", [], _day(t, "Monday", "2025-03-17"), [quote.id], 0.85)]
    return ArticleRecord(article, _actors(t), [quote], [], [], [], [_proposal(t)], stances)


def records() -> list[ArticleRecord]:
    return [record_1(), record_2(), record_3()]


def build_db(path: Path) -> Path:
    """A fresh SQLite database at ``path`` holding :func:`records`."""
    store = SQLiteStore(path)
    try:
        store.write_batch(records(), [])
    finally:
        store.close()
    return path
