"""What a relative expression is counted from: the speech time of quotes, and tense cues.

The quotes layer runs after times, so quotes are found here with a light method:

- **Quote regions**: inside each paragraph, double quote marks (``"``, ``\u201c``, ``\u201d``, mixed
  freely, as real copy mixes them) are paired in order: the 1st opens, the 2nd closes, and so on.
  An unpaired last mark runs to the end of the paragraph (the wire convention for quotes that go on
  into the next paragraph).
- **Attribution**: the paragraph text outside quotes is cut into frame segments between the quotes.
  For a quote, the segment right after it (up to the end of that sentence), then the one before it,
  is searched for a speech verb ("said", "told reporters", "wrote", "according to", ...).  The first
  day-granular DATE found in that segment ("told reporters Tuesday", "Peskov on Wednesday said") is
  the speech day.  Without one, the speech day is the publication day.
- **Tense**: the last tense cue earlier in the same clause (up to 100 characters back, cut at
  ``. ; :`` and quote marks) decides: a future one ("will", "would", "scheduled", "as early as")
  turns "Friday" or "January" into the coming one, a past one ("announced", "said", "was") keeps
  the past reading; so do a deadline preposition right before ("by February") and "will" right
  after.  Only the
  words *before* the expression count, so "On Tuesday, diplomats reached a deal that they would
  present ..." keeps the past Tuesday.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

_MARKS = re.compile("[\"\u201c\u201d]")
_SPEECH_VERB = re.compile(
    r"\b(?:said|says|say|told|tells|wrote|writes|added|adds|insisted|insists|stated|states|declared|asked|"
    r"replied|noted|explained|argued|warned|claimed|claims|announced|posted|tweeted|remarked|commented|"
    r"according to|stressed|urged|suggested|acknowledged|conceded|predicted|vowed|promised)\b",
    re.IGNORECASE,
)
_DAY_VALUE = re.compile(r"\d{4}-\d{2}-\d{2}")
_TENSE_CUES = re.compile(
    r"\b(?:(?P<future>will|won't|'ll|shall|would|going to|scheduled|expected|plans? to|planned|planning|due|"
    r"upcoming|set to|to be held|until|intends? to|aims? to|is to|are to|next(?! to\b)|payable|might|as early as|"
    r"as soon as|effective)|(?P<past>said|says|told|was|were|had|did|met|came|went|made|took|gave|began|held|left|"
    r"won|lost|saw|got|rose|fell|led|spoke|wrote|found|sent|ago|last)|"
    r"(?P<participle>(?:be|been|being|is|are|was|were|has|have|had|get|gets) (?:\w+ly )?(?P<pword>\w+ed))|"
    r"(?P<weak>(?!(?:succe|ne|proce|exce|fe|spe|ble|bre|se|inde)ed\b)\w+ed))\b",
    re.IGNORECASE,
)
_DEADLINE = re.compile(r"\b(?:by|before|until|till)\s+$", re.IGNORECASE)
_FUTURE_AFTER = re.compile(r"^\W*(?:will|'ll|is expected|are expected)\b", re.IGNORECASE)
# a sentence or clause stop; the dot of an abbreviation ("Mr.", "P.", "Corp.") is not one.  The stop character comes
# first and the abbreviation checks look behind it (each lookbehind spans the stop too), so the regex engine jumps
# straight to the stop characters instead of running every lookbehind at every position: 20x faster, same matches
_STOP = "[.;:!?\"\u201c\u201d]"
_CLAUSE_END = re.compile(_STOP + "".join(
    rf"(?<!\b{abbr}{_STOP})"
    for abbr in ("[A-Z]", "Mr", "Ms", "Dr", "St", "Jr", "Co", "Mrs", "Inc", "Corp", "Gov", "Sen", "Rep", "Gen", "Lt",
                 "Col")))


@dataclass(frozen=True)
class QuoteRegion:
    """The content of one quote (without its marks) and the paragraph it sits in."""

    start: int
    end: int
    para_start: int
    para_end: int

    def covers(self, start: int, end: int) -> bool:
        return self.start <= start and end <= self.end


def quote_regions(text: str) -> list[QuoteRegion]:
    """Every quoted stretch of ``text``, in order."""
    regions: list[QuoteRegion] = []
    for para in re.finditer(r"[^\n]+", text):
        marks = [m.start() for m in _MARKS.finditer(para.group())]
        for i in range(0, len(marks), 2):
            open_at = para.start() + marks[i] + 1
            close_at = para.start() + marks[i + 1] if i + 1 < len(marks) else para.end()
            regions.append(QuoteRegion(open_at, close_at, para.start(), para.end()))
    return regions


def region_of(regions: list[QuoteRegion], start: int, end: int) -> QuoteRegion | None:
    return next((r for r in regions if r.covers(start, end)), None)


def speech_day(text: str, region: QuoteRegion, regions: list[QuoteRegion],
               frame_times: list[tuple[int, int, str]]) -> dt.date | None:
    """The day the words in ``region`` were spoken, from the attribution around them, or None.

    ``frame_times`` are the resolved (start, end, value) of time expressions outside quotes.
    """
    for seg_start, seg_end in _frame_segments(text, region, regions):
        if not _SPEECH_VERB.search(text, seg_start, seg_end):
            continue
        for start, end, value in frame_times:
            if seg_start <= start and end <= seg_end and _DAY_VALUE.match(value):
                return dt.date.fromisoformat(value[:10])
    return None


def _frame_segments(text: str, region: QuoteRegion, regions: list[QuoteRegion]) -> list[tuple[int, int]]:
    same = [r for r in regions if r.para_start == region.para_start]
    index = same.index(region)
    after_end = same[index + 1].start - 1 if index + 1 < len(same) else region.para_end
    stop = re.search(r"[.!?](?=\s)", text[region.end + 1 : after_end])
    if stop and stop.start() > 2:
        after_end = region.end + 1 + stop.end()
    before_start = same[index - 1].end + 1 if index > 0 else region.para_start
    return [(region.end + 1, after_end), (before_start, max(before_start, region.start - 1))]


def _tail_end(window: str) -> int:
    """Where the last word before the expression ends ("announced" in "announced on ")."""
    tail = re.search(r"(?:\s+on)?\s*$", window)
    return tail.start() if tail else len(window)


def future_cue(text: str, start: int, end: int) -> bool:
    """A future marker in the words just before the expression (same clause) or "will" right after.

    The cues are read left to right: a future auxiliary ("will", "would", "scheduled") sets the
    future, a past form ("said", "was", "met") the past; an "-ed" word after a future auxiliary is
    a participle or adjective ("would be paid", "will be held", "an unspecified date") unless it is
    the verb right before the expression ("would appeal, announced Wednesday").  A possessive
    ("Wednesday's ruling") names an event already known, so it never takes the future reading.
    """
    if text[end : end + 2] in ("'s", "\u2019s"):  # "Wednesday's ruling", "before Friday's purchases": a named event
        return False
    window = text[max(0, start - 100) : start]
    cut = list(_CLAUSE_END.finditer(window))
    if cut:
        window = window[cut[-1].end() :]
    state: str | None = None
    for cue in _TENSE_CUES.finditer(window):
        if cue.group("future") or (cue.group("pword") or "").lower() in ("expected", "scheduled", "planned"):
            state = "future"
        elif cue.group("past") or state != "future" or window.endswith(cue.group(), 0, _tail_end(window)):
            state = "past"
    if state == "future":
        return True
    return bool(_DEADLINE.search(window)) or will_follow(text, end)


def deadline_before(text: str, start: int) -> bool:
    """A deadline preposition right before the expression ("until 9 a.m. Tuesday", "by February")."""
    return _DEADLINE.search(text[max(0, start - 12) : start]) is not None


def will_follow(text: str, end: int) -> bool:
    """"will" or "is expected" right after the expression ("Friday will see ...")."""
    return _FUTURE_AFTER.match(text[end : end + 20]) is not None


_SENTENCE_END = re.compile(r"[.!?][\"'\u201d\u2019)]*\s+(?=[\"'\u201c\u2018(]?[A-Z0-9])|\n+")


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """Start and end offsets of the sentence (or sentences) holding ``start:end``."""
    lo, hi = 0, len(text)
    for match in _SENTENCE_END.finditer(text):
        if match.end() <= start:
            lo = match.end()
        elif match.start() >= end:
            hi = match.start() + 1
            break
    return lo, hi
