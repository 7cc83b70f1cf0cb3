"""The ``times`` stage: every temporal expression as a TIMEX3 value, resolved in news mode.

Layout: :mod:`.lexicon` (words), :mod:`.tagger` (regex rules -> candidate spans, false-friend
checks), :mod:`.normalizer` (TIMEX3 values against an anchor day), :mod:`.anchors` (quote regions,
speech time, tense cues), :mod:`.tense` (direction of bare weekdays and months from the spaCy parse),
:mod:`.extract` (the whole pass and the helpers other layers use).

For other layers:

- :func:`governing_time` (record, start, end) -> the TimeExpr that dates a clause, or None;
- :func:`resolve_relative` (text, anchor_date) -> a TimeValue for a phrase such as "on Wednesday";
- :func:`extract_times` (text, published_at) -> the whole layer for a text (used by the TimeML eval).

The stage reads the article text; the spaCy Doc, when given (the pipeline always gives it), only
decides whether a bare weekday, month or season lies ahead or behind (the tense of its governing
verb), so the stage still costs a small fraction of the spaCy pass and works on plain text too.
Values never depend on the machine's clock, only on ``published_at``; when that is
None, relative expressions get underspecified values (``XXXX-WXX-2``) and REF values stay as they are.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from dateline.config import Config
from dateline.pipeline.registry import StageFn, register
from dateline.records import ArticleRecord
from dateline.stages.times.anchors import sentence_bounds
from dateline.stages.times.extract import (
    extract_times,
    governing_time,
    publication_day,
    resolve_relative,
)

__all__ = ["extract_times", "governing_time", "publication_day", "resolve_relative", "sentence_bounds"]


# 2: "recent weeks" is a DURATION (PXW), "the past year" the last year, parts of the day on the story's day,
# anaphoric "the previous Friday" / "that quarter" / "the day before ...", more expressions found
# 3: "soon" in a past clause is no FUTURE_REF, generic "today's youth" is PRESENT_REF, a fiscal quarter stays the
# reference for "the quarter ended Sept. 29" and "the latest quarter"
# 4: "the first two quarters of 1990" is 1990-H1, "New Year's Day 1997" one expression, a year inside a name ("Euro
# 2004", "Orion 1980") no date, a bare "-ing" form looks ahead with a clause that looks ahead, "a week or so ago"
# 5: a weekday right after a past speech verb is the day of the speaking ("said on Tuesday it would cut"); a clock
# time with "on" / "local time" before its day is one expression on that day ("at midnight on March 15"); "before"
# under a simple past is no deadline ("happened shortly before midnight on Sunday"); the verb "last" is not part of
# the duration after it ("could last up to six weeks"); a plan the story calls off ("the vote, originally planned for
# Sunday, was postponed") is in the past; a present speech verb with an object is a scheduled act ("reports results
# in May"); a range of days gives both days ("March 5-6", "April 30-May 1"); "every six weeks" is a SET (P6W),
# "every other day" P2D; "the overnight call rate" is no time; "January 9" written on December 20 is the coming one;
# "the China Daily" and the cricket "one-day series" are no times; "may visit Friday", "is to compete Thursday" look
# ahead; "late in the second quarter" of a game (touchdowns, rebounds, halftime in its sentence) is no time; "the same
# month of 2001" is that month in 2001; "March 2-7, 2006" puts both days in 2006; "the summit held on May 3" (a bare
# participle after its noun) is in the past; "overnight trains", "the Year of the Pig", "the last year of the war" are
# no times; "the same month last year" is one expression; "the year to March 31" is a year's stretch (P1Y), like "the
# year ended"; "the year before" and "the year earlier level" are not this year; "Sunday's final" written on a
# Saturday is tomorrow's (a possessive weekday one or two days ahead, of an event that is scheduled); halves of a
# football match are no times either; "the elections take place June 29" looks ahead; a plan made in the past ("was
# set to be signed on February 28") takes the nearest day no more than six months back; a clock time does not fall on a
# date that names an event ("since the October 7, 2023 attack ... at 8:30 a.m."); "from April 1 to July 15" puts both
# days in one year; "6 p.m. Moscow time on Saturday" is one TIME; "a ceasefire starting on Monday" takes the direction
# of the clause the noun is in; "would wait to see whether a ceasefire began on Monday" looks ahead; "this week" said
# on a Sunday and looking ahead is the week that starts the next day
VERSION = "5"


@register("times", version=VERSION, requires=("doc",), produces=("times",))
def make_times(config: Config) -> StageFn:
    def run(doc: Any, record: ArticleRecord) -> ArticleRecord:
        article = record.article
        return dataclasses.replace(record, times=extract_times(article.text, article.published_at, article.id, doc))

    return run
