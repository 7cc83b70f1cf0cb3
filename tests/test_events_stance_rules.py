"""Stance and event rules on texts written for these tests: qualified support, accusations, pressure for a
proposal, appositions, demonym sides, former positions, purpose clauses and expulsions."""

from __future__ import annotations

from functools import lru_cache

from conftest import run_stages, stance_of

from dateline.eval.events import _mode
from dateline.records import ArticleRecord, Span, TimeValue
from dateline.stages.stances import Reading, cue_position, merge

STAGES = ("actors", "times", "quotes", "events", "stances")

TEXT = (
    "Moscow weighs truce plan as Brussels presses\n\n"
    "Belarusian President Alexander Lukashenko said on Thursday that Minsk supported the idea of a truce in the "
    "region, but that the 30-day truce raised serious questions that had to be settled first.\n\n"
    "He said Belarus would agree to stop the drills only if the truce led to a lasting settlement.\n\n"
    "In Warsaw, Polish President Andrzej Duda accused Lukashenko of preparing to reject the truce.\n\n"
    "German Chancellor Olaf Scholz said Berlin would impose new sanctions on Minsk if Minsk did not agree to a "
    "truce.\n\n"
    "Belarusian lawmaker Igor Marzaluk, a member of the parliament's security commission, called the truce "
    "\"a trap\", saying it would allow the opposition to regroup.\n"
)


@lru_cache(maxsize=1)
def _record() -> ArticleRecord:
    return run_stages(STAGES, TEXT, published_at="2025-03-14T09:00:00")


def test_support_with_a_reservation_or_an_only_if_is_conditional() -> None:
    lukashenko = stance_of(_record(), "Lukashenko")
    assert lukashenko is not None and lukashenko.position == "conditional"
    assert any("only if the truce led to a lasting settlement" in c for c in lukashenko.conditions)


def test_accusing_someone_of_rejecting_a_proposal_is_support_for_it() -> None:
    duda = stance_of(_record(), "Duda")
    assert duda is not None and duda.position == "support"


def test_pressure_until_the_proposal_is_reached_is_support_for_it() -> None:
    scholz = stance_of(_record(), "Scholz")
    assert scholz is not None and scholz.position == "support"
    assert any("did not agree to a truce" in c for c in scholz.conditions)


def test_apposition_and_pronoun_take_no_stance() -> None:
    record = _record()
    assert not any("commission" in getattr(record.actor(s.actor_id), "name", "").lower() for s in record.stances)
    marzaluk = stance_of(record, "Marzaluk")
    assert marzaluk is not None and marzaluk.position == "oppose"


def test_reservation_cue_and_former_positions() -> None:
    assert cue_position("the idea is correct in principle") == "conditional"
    span = Span(0, 4, "text")
    old = Reading("a", "p", "oppose", 0.8, span, None, TimeValue("2024", "DATE", "year", None, "dct"))
    new = Reading("a", "p", "noncommittal", 0.65, "quote:1", None, None)
    (stance,) = merge([old, new], "2025-03-12")
    assert stance.position == "noncommittal"
    backed = Reading("a", "p", "support", 0.85, "quote:2", None, None)
    qualified = Reading("a", "p", "conditional", 0.6, span, "only if X", None)
    (stance,) = merge([backed, qualified], "2025-03-12")
    assert stance.position == "conditional" and stance.conditions == ["only if X"]


def test_plover_05_modes_map_to_the_pinned_codebook() -> None:
    assert _mode("demo-org") == "demo" and _mode("strike-hun") == "hunger" and _mode("visit") == "visit"
    assert _mode(None) is None


EVENTS_TEXT = (
    "Kursk push\n\n"
    "On Tuesday Russian troops drove exhausted Ukrainian troops out of a salient near Sudzha.\n\n"
    "Russian special forces crawled through a pipeline to attack the Ukrainian rear, which triggered a rout.\n"
)


def test_expulsion_pattern_and_past_purpose_clause() -> None:
    record = run_stages(("actors", "times", "events"), EVENTS_TEXT, published_at="2025-03-12T09:00:00")
    drive = next(e for e in record.events if e.evidence.text.find("drove") >= 0)
    assert drive.type == "ASSAULT" and drive.acled is not None
    assert drive.acled.sub_event_type == "Government regains territory"
    assert {record.actor(i).country for i in drive.source if record.actor(i)} == {"RUS"}
    assert {record.actor(i).country for i in drive.target if record.actor(i)} == {"UKR"}
    attack = next(e for e in record.events if "attack the Ukrainian rear" in e.evidence.text)
    assert "future" not in attack.contexts


def test_unparsed_target_is_the_next_actor_named() -> None:
    text = "Aid row\n\nPalestinian officials demanded on Friday that the United States restore aid to refugees.\n"
    record = run_stages(("actors", "times", "events"), text, published_at="2025-03-12T09:00:00")
    event = next(e for e in record.events if e.type == "REQUEST")
    assert [record.actor(i).country for i in event.target if record.actor(i)] == ["USA"]


VIEWS = (
    "Italian Foreign Minister Antonio Tajani said on Friday that Lukashenko had no desire to provide Kyiv with "
    "security guarantees while the drills went on.\n\n"
    "Tajani added that Lukashenko was publicly saying that he does not want a truce until Minsk gets guarantees.\n"
)


@lru_cache(maxsize=1)
def _views() -> ArticleRecord:
    return run_stages(STAGES, VIEWS, published_at="2025-03-14T09:00:00")


def test_a_speakers_view_of_someone_is_no_stance_but_a_reported_position_is() -> None:
    record = _views()
    view, report = sorted(record.quotes, key=lambda q: q.span.start)
    assert "no desire" in view.text and "publicly saying" in report.text
    assert {p.kind for p in record.proposals} >= {"ceasefire", "security_guarantee"}
    (stance,) = [s for s in record.stances if "Lukashenko" in getattr(record.actor(s.actor_id), "name", "")]
    assert stance.evidence == [report.id]  # "had no desire to provide ... guarantees" is Tajani's view of him
    assert stance.confidence <= 0.5 and stance.position in ("oppose", "conditional")
