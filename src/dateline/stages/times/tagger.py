"""Finding time expressions in text: ordered regex rules, context checks, overlap resolution.

Pure text in, :class:`Candidate` out (character offsets, the rule that fired and its named groups);
no values here -- :mod:`.normalizer` gives them.  Month and weekday names must be capitalized, so
"may" (the verb) and "march" (the verb) never match; the remaining false friends are ruled out by
context (:func:`_plausible`): "Russia Today", "now and then", counts such as "20 more towns" or
"2014 people", years inside names ("Euro 2004", "the Criminal Code Act 1995") and capitalized month names
not used as dates ("May I ...").

Span convention (TimeML): the phrase without the preposition ("on Tuesday" -> "Tuesday"), with its
determiner and modifiers ("the third quarter", "early next year", "the past two months").
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from dateline.stages.times.anchors import sentence_bounds
from dateline.stages.times.lexicon import (
    CENTURY_ORD,
    DAY,
    HOLIDAYS,
    MONTH_ABBR,
    MONTH_ANY,
    MONTH_FULL,
    NUM,
    PART,
    SEASON,
    SPELLED_YEAR,
    UNIT,
    VAGUE,
    WEEKDAY,
    YEAR,
)


@dataclass(frozen=True)
class Candidate:
    """A time expression found in text, not yet given a value."""

    start: int
    end: int
    rule: str
    groups: tuple[tuple[str, str], ...]

    def get(self, name: str) -> str | None:
        return next((v for k, v in self.groups if k == name), None)


_MOD = r"(?:(?P<mod>early|earlier|late|later|mid|the (?:beginning|start|middle|end|rest) of|the (?:early|late))[ -])?"
_CS = "(?-i:{})".format  # month and weekday names are matched case-sensitively
_ANY_YEAR = rf"(?:{YEAR}|{SPELLED_YEAR})"
_REL = r"(?P<rel>this past|this coming|the coming|the past|the previous|the current|the same|this|last|next)"

# (rule name, pattern); ties in length go to the earlier rule.
_RULES: tuple[tuple[str, str], ...] = (
    # "will one day be", "may someday return": an indefinite future, not a day-long stretch
    ("someday", r"(?P<word>one day|someday|some day)(?= (?!or\b|and\b)[a-z])"),
    ("iso", r"(?P<year>\d{4})-(?P<month>[01]\d)-(?P<day>[0-3]\d)(?:T(?P<hour>[0-2]\d):(?P<minute>[0-5]\d))?"),
    ("mdy", _MOD + r"(?:(?P<rel>last|next|this past|this coming) )?"
            rf"(?P<monthname>{_CS(MONTH_ANY)}) (?P<day>{DAY})(?:,? (?P<year>{YEAR}))?(?!\d|:\d)"),
    ("weekof", rf"the week of (?P<monthname>{_CS(MONTH_ANY)}) (?P<day>{DAY})(?:,? (?P<year>{YEAR}))?(?!\d|:\d)"),
    ("dmy", rf"(?P<day>{DAY}) (?:of )?(?P<monthname>{_CS(MONTH_FULL + '|' + MONTH_ABBR)})(?:,? (?P<year>{YEAR}))?"),
    ("month", _MOD + rf"(?:{_REL} )?(?P<monthname>{_CS(MONTH_FULL + '|' + MONTH_ABBR)})"
              rf"(?:,? (?:of )?(?P<year>{_ANY_YEAR})| (?:of )?(?P<relyear>last|this|next) year)?"),
    ("weekday", rf"(?:{_REL} )?(?P<weekday>{_CS(WEEKDAY)})(?P<plural>s)?(?: (?P<part>{PART})(?P<parts>s)?)?"),
    ("dayword", _MOD + r"(?P<word>the day before yesterday|the day after tomorrow|today|tonight|yesterday|tomorrow"
                       r"|last night|overnight|this (?:morning|afternoon|evening))(?: (?P<part>" + PART + "))?"),
    ("anaphor", r"(?:(?P<mod>earlier|later) )?(?P<det>that(?: same)?|the same|the following|the next) "
                r"(?P<unit>day|week|month|quarter|year|morning|afternoon|evening|night)(?!s)"
                # "the same month of 2001", "the same month last year"
                rf"(?: of (?P<year>{YEAR})(?![\d,.]\d)| (?P<relyear>last|this|next) year)?"),
    ("holiday", rf"(?:(?P<rel>last|next|this) )?(?P<holiday>{_CS(HOLIDAYS)})(?:,? (?P<year>{YEAR})(?![\d,.]\d))?"),
    ("century", rf"(?:the )?(?P<ord>{CENTURY_ORD})[ -]century"),
    ("yearperiod", rf"the (?P<year>{YEAR})(?: fiscal)? (?:(?P<ord>first|second|third|fourth)[- ])?"
                   r"(?P<unit>quarter|period|half)(?!s)"),
    ("spelledyear", rf"(?:the year )?(?P<year>{SPELLED_YEAR})"),
    ("relunit", _MOD + _REL + r" (?P<unit>week(?:end)?|month|year|quarter|decade|century|"
                              r"fiscal year|" + SEASON + r")(?!s)"),
    ("theunit", r"the (?P<latest>latest |most recent )?(?:full |fiscal |whole |entire )*"
                r"(?P<unit>year|week|weekend|month)(?![-'\u2019])(?! (?:earlier|ago|before)\b)"
                r"(?:(?= (?P<ended>ended|ending|to(?= (?-i:[A-Z0-9])))\b))?"),  # "the year to Dec 31, 1986", "to March"
    ("modunit", r"(?P<mod>early|late|the (?:beginning|start|middle|end|rest) of) the (?P<unit>week|month|year)"),
    ("season", r"(?:the )?(?P<mod>early |late )?(?P<season>" + SEASON + rf") (?:of )?(?P<year>{_ANY_YEAR})"),
    ("bareseason", r"(?:the )?(?P<mod>early |late )?(?P<season>" + SEASON + r")(?!-)"),
    ("yearend", r"(?:(?P<rel>last|this|next) )?(?:fiscal )?(?:year[- ]end|year's end)(?![- ]\w)"),
    ("ago", r"(?:(?P<approx>about|almost|nearly|more than|some|over|roughly|around|just|at least) )?"
            rf"(?P<num>{NUM})[ -](?P<unit>{UNIT})s?(?: or so)? (?P<dir>ago|earlier|later|from now|hence)"),
    ("yearago", r"(?:the )?(?:comparable |corresponding |same )?year-(?P<dir>earlier|ago)"
                r"(?: (?:(?P<ord>first|second|third|fourth)[- ])?(?P<unit>quarter|period|half|"
                r"(?P<months>three|six|nine) months))?"),
    ("refquarter", r"(?:the|(?P<lastyear>last) year's) (?P<which>latest|current|previous|same|recent|comparable|"
                   r"corresponding|year-earlier|year-ago)?(?: fiscal)? ?(?P<unit>quarter|period)(?!s)"
                   r"(?: (?P<ago>a year (?:ago|earlier)|last year))?"
                   rf"(?= (?:ended|ending) (?P<endmonth>{_CS(MONTH_ANY)}) (?P<endday>{DAY}))?"),
    ("quarter", r"(?:(?P<relyear>this|last|next) year's |(?P<yearpos>" + YEAR + r")'s |the )?(?:fiscal[- ])?"
                r"(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th|last|final)[- ](?P<unit>quarter|half)"
                rf"(?:,? (?:of )?(?:(?:fiscal )?(?P<year>{YEAR})|(?P<rel>this|last|next) year))?"),
    # "the first two quarters of 1990": a half year ("the last two quarters" only with its year: without one it is
    # the latest six months, a stretch)
    ("twoquarters", rf"(?:the )?(?:(?P<ord>first)|(?P<ord2>last|final)(?= two quarters,? (?:of )?(?:fiscal )?(?:{YEAR}|"
                    r"(?:this|last|next) year))) two quarters"
                    rf"(?:,? (?:of )?(?:(?:fiscal )?(?P<year>{YEAR})|(?P<rel>this|last|next) year))?"),
    ("qshort", rf"Q(?P<ord>[1-4])(?:[ -](?P<year>{YEAR}))?"),
    ("fiscal", rf"fiscal (?:year )?(?P<year>{YEAR})(?:-(?P<year2>\d\d))?"),
    ("decade", r"(?:the )?(?P<mod>early |late |mid-|mid )?(?:(?P<cent>1[0-9]|20)(?P<dec>[0-9])0|'(?P<dec2>[0-9])0)s"
               r"|the (?:early |late |mid-)?(?P<decword>(?-i:thirties|forties|fifties|sixties|seventies|eighties|"
               r"nineties))"),
    ("year", r"(?P<mod>early |late |mid-|mid |pre-|post-)?(?P<year>" + YEAR + r")(?!\d|[,.]\d)"),
    ("rate", rf"(?:a|an|per) (?P<unit>{UNIT})(?!s)"),
    ("duration", r"(?:the )?(?:(?P<rel>past|last|next|first|coming|previous|following|final|latest|initial) )?"
                 r"(?:(?P<approx>about|almost|nearly|more than|some|over|roughly|around|at least|less than|"
                 rf"up to|another|an additional|only|just) )?(?P<num>{NUM})(?P<frac> 1/2)?[ -]"
                 rf"(?:(?:more|trading|business|working) )?(?P<unit>{UNIT})(?:s(?!-long))?(?P<half> and a half)?"
                 r"(?:[- ]long)?(?![- ]old)"),
    ("extra", rf"(?P<num>another|an additional|one more) (?P<unit>{UNIT})(?!s)"),
    ("longadj", rf"(?P<unit>{UNIT})(?P<plural>s)?-long"),
    ("vague", r"(?:(?P<lead>the coming|the past|recent|coming|the next|the last|the) )?"
              r"(?P<unit>day|week|month|year|decade|centurie)s(?P<ahead> ahead)?"),
    ("clock", r"(?:(?P<approx>about|around|approximately|at about) )?(?P<hour>[01]?\d)(?::(?P<minute>[0-5]\d))?"
              r" ?(?P<ampm>[ap]\.m\.?|[ap]m)(?: (?P<tz>[ECMP][SD]T|GMT|UTC))?"),
    ("clock24", r"(?<=\bat )(?P<hour>[01]?\d|2[0-3]):(?P<minute>[0-5]\d)(?: (?P<tz>GMT|UTC))?"),
    ("clockword", r"(?P<word>noon|midnight|midday)"),
    ("clockpart", r"(?:(?P<approx>about|around|approximately|at about) )?(?P<hour>1[0-2]|0?[1-9])"
                  r"(?::(?P<minute>[0-5]\d))?(?: o'clock)? (?:in the (?P<dpart>morning|afternoon|evening)|"
                  r"(?P<dpart2>at night))"),
    ("daypart", r"(?:(?P<mod>mid-|mid |early |late )|the )(?P<part>morning|afternoon|evening)"),
    ("setn", rf"every (?P<num>{NUM}) (?P<unit>{UNIT})s"),  # "every six weeks", "every few days"
    ("set", r"(?:(?P<every>every|each) (?P<other>other )?(?P<unit>day|week|month|year|quarter|morning|night|evening|"
            rf"weekend|{_CS(WEEKDAY)}|(?P<month>{_CS(MONTH_FULL)}))|(?P<adv>daily|weekly|monthly|annually|yearly|nightly|hourly)"
            r"|(?P<times>once|twice) (?:a|per) (?P<per>day|week|month|year))"),
    ("ref", r"(?P<word>right now|now|currently|then[- ]current|current|at the moment|at present|these days|nowadays|"
            r"the present day|the (?:near |distant |foreseeable |immediate )?future|the (?:near|short) term|"
            r"recently|lately|the past|as soon as possible|an? (?:later|future) date|"
            r"(?<!\bas )soon(?! (?:after|before|as|thereafter)\b))"),
)


@lru_cache(maxsize=1)
def _compiled() -> tuple[tuple[str, re.Pattern[str]], ...]:
    def bounded(name: str, pattern: str) -> str:
        before, after = _BOUNDS.get(name, _BOUND)
        return f"{before}(?:{pattern}){after}"

    return tuple((name, re.compile(bounded(name, pattern), re.IGNORECASE)) for name, pattern in _RULES)


# A match is a whole word: no word character or hyphenated word ("28-year-old") on either side; but a month and
# day may begin or end a range of days ("March 5-6", "April 30-May 1"), the second day tagged on its own.
_BOUND = (r"(?<![\w'/-])", r"(?![\w]|-\w)")
_BOUNDS = {"mdy": (r"(?<![\w'/])(?<!(?<!\d)-)",
                   rf"(?![\w]|-(?!(?:\d{{1,2}}|{MONTH_FULL}|{MONTH_ABBR})(?![\w-]))\w)")}


# Prefilter: what every match of a rule contains, as groups that must all hold, each met by any one of its strings;
# lowercase in _NEEDS (the rules ignore case), as written in _NEEDS_CASED (month, weekday and holiday names, which
# the rules match case-sensitively).  A rule whose needs are not all in the text cannot match there, and its
# (costly) scan over the whole text is skipped.
_MONTHS_CASED = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_SEASONS_K = ("spring", "summer", "fall", "autumn", "winter")
_UNITS_K = ("second", "minute", "hour", "day", "week", "month", "quarter", "year", "decade", "centur")
_PARTS_K = ("morning", "afternoon", "evening", "night")
_NEEDS: dict[str, tuple[tuple[str, ...], ...]] = {
    "someday": (("day",),),
    "iso": (("-",), ("0", "1")),
    "weekof": (("week",),),
    "dayword": (("today", "tonight", "yesterday", "tomorrow") + _PARTS_K,),
    "anaphor": (("that", "the"), ("day", "week", "month", "quarter", "year") + _PARTS_K),
    "century": (("century",),),
    "yearperiod": (("the",), ("quarter", "period", "half")),
    "spelledyear": (("eighteen", "nineteen", "two thousand"),),
    "relunit": (("week", "month", "year", "quarter", "decade", "century") + _SEASONS_K,),
    "theunit": (("the",), ("year", "week", "month")),
    "modunit": (("the",), ("week", "month", "year")),
    "season": (_SEASONS_K,),
    "bareseason": (_SEASONS_K,),
    "yearend": (("year",), ("end",)),
    "ago": (("ago", "earlier", "later", "now", "hence"), _UNITS_K),
    "yearago": (("year-",),),
    "refquarter": (("quarter", "period"),),
    "quarter": (("quarter", "half"),),
    "twoquarters": (("two quarters",),),
    "qshort": (("q1", "q2", "q3", "q4"),),
    "fiscal": (("fiscal",),),
    "decade": (("0s", "ties"),),  # "1990s", "'80s", "the nineties"
    "year": (("1", "2"),),
    "rate": (_UNITS_K,),
    "duration": (_UNITS_K,),
    "extra": (_UNITS_K,),
    "longadj": (("-long",),),
    "vague": (("days", "weeks", "months", "years", "decades", "centuries"),),
    "clock": (("a.m", "p.m", "am", "pm"),),
    "clock24": ((":",),),
    "clockword": (("noon", "midnight", "midday"),),
    "clockpart": (_PARTS_K,),
    "daypart": (("morning", "afternoon", "evening"),),
    "setn": (("every",), _UNITS_K),
    "set": (("every", "each", "daily", "weekly", "monthly", "annually", "yearly", "nightly", "hourly", "once",
             "twice"),),
    "ref": (("now", "current", "moment", "present", "days", "future", "term", "recent", "lately", "past", "soon",
             "date"),),
}
_NEEDS_CASED: dict[str, tuple[tuple[str, ...], ...]] = {
    "mdy": (_MONTHS_CASED,),
    "weekof": (_MONTHS_CASED,),
    "dmy": (_MONTHS_CASED,),
    "month": (_MONTHS_CASED,),
    "weekday": (("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),),
    "holiday": (("Thanksgiving", "Christmas", "New Year", "Election Day", "Labor Day", "Memorial Day",
                 "Independence Day", "Veterans Day"),),
}
# the only non-ASCII characters that a case-insensitive pattern matches to an ASCII letter ("\u212a" is the Kelvin
# sign); folded before lowercasing so that the prefilter sees every letter the patterns see
_CASE_TWINS = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"})


def fold(text: str) -> str:
    """``text`` lowercased as the case-insensitive rules see it."""
    return text.translate(_CASE_TWINS).lower()


def may_match(rule: str, text: str, folded: str | None = None) -> bool:
    """False when ``rule`` cannot match anywhere in ``text`` (``folded``: its :func:`fold`): a need is missing."""
    low = fold(text) if folded is None else folded
    return all(any(key in low for key in group) for group in _NEEDS.get(rule, ())) \
        and all(any(key in text for key in group) for group in _NEEDS_CASED.get(rule, ()))


def tag(text: str) -> list[Candidate]:
    """Every time expression in ``text``, in order, without overlaps (the longest wins)."""
    found: list[tuple[int, int, int, Candidate]] = []
    folded = fold(text)
    for priority, (name, pattern) in enumerate(_compiled()):
        if not may_match(name, text, folded):
            continue
        for match in _finditer(name, pattern, text, folded):
            cand = Candidate(match.start(), match.end(), name,
                             tuple((k, v) for k, v in match.groupdict().items() if v is not None))
            if not _plausible(cand, text):
                continue
            cand = _without_verb_last(cand, text)
            found.append((-(cand.end - cand.start), priority, cand.start, cand))
    chosen: list[Candidate] = []
    for *_, cand in sorted(found, key=lambda f: f[:3]):
        if all(cand.end <= c.start or cand.start >= c.end for c in chosen):
            chosen.append(cand)
    return _generic_today(_day_shift(_merge_clock(sorted(chosen, key=lambda c: c.start), text), text), text)


# Windowed scanning.  Every match contains one of the strings of each of its rule's need groups (the prefilter's
# premise, which tests/test_times_prefilter.py checks), so a match of at most ``width`` characters can only start
# within ``width`` characters before an occurrence of one.  A rule's scan then runs over those windows only,
# each search cut off where the regex can no longer see (its width plus its lookarounds): the same matches as
# ``pattern.finditer(text)``, without trying every position of a long text.

_MAX_WINDOWED = 200  # rules that may match longer stretches (or any length) are scanned whole


def _reach(node: Any) -> tuple[int, int] | None:
    """(widest match, how far past it the regex may look) of a parsed pattern; None when unbounded or unknown."""
    try:
        low, high = node.getwidth()
    except Exception:  # noqa: BLE001 - an unparsable or unsized construct: no windowing
        return None
    if low < 1 or high > _MAX_WINDOWED:
        return None
    extra = 0
    stack = [node]
    while stack:
        for op, av in stack.pop().data:
            name = str(op)
            if name in ("ASSERT", "ASSERT_NOT"):
                extra += av[1].getwidth()[1]
                stack.append(av[1])
            elif name == "AT":
                extra += 1
            elif name.startswith("GROUPREF") or name in ("ATOMIC_GROUP", "POSSESSIVE_REPEAT"):
                return None
            elif name == "SUBPATTERN":
                stack.append(av[3])
            elif name == "BRANCH":
                stack.extend(av[1])
            elif name in ("MAX_REPEAT", "MIN_REPEAT"):
                stack.append(av[2])
    if extra > _MAX_WINDOWED:
        return None
    return high, high + extra + 2


@lru_cache(maxsize=1)
def _reaches() -> dict[str, tuple[int, int]]:
    """(width, reach) of each rule that may be scanned in windows."""
    try:
        parser: Any = importlib.import_module("re._parser")
    except ImportError:  # another Python: whole scans
        return {}
    out: dict[str, tuple[int, int]] = {}
    for name, pattern in _compiled():
        try:
            reach = _reach(parser.parse(pattern.pattern, pattern.flags))
        except Exception:  # noqa: BLE001
            reach = None
        if reach is not None:
            out[name] = reach
    return out


def _windows(name: str, text: str, folded: str, width: int) -> list[tuple[int, int]] | None:
    """Sorted, merged ranges ``(first, last)`` of the positions where a match of ``name`` may start."""
    groups = [(folded, group) for group in _NEEDS.get(name, ())] \
        + [(text, group) for group in _NEEDS_CASED.get(name, ())]
    if not groups:
        return None
    hay, keys = groups[0] if len(groups) == 1 else min(groups, key=lambda g: sum(map(g[0].count, g[1])))
    ranges = []
    for key in keys:
        at = hay.find(key)
        while at >= 0:
            ranges.append((max(0, at + len(key) - width), at))
            at = hay.find(key, at + 1)
    ranges.sort()
    merged: list[tuple[int, int]] = []
    for first, last in ranges:
        if merged and first <= merged[-1][1] + 1:
            if last > merged[-1][1]:
                merged[-1] = (merged[-1][0], last)
        else:
            merged.append((first, last))
    return merged


# A rule whose width is unbounded only through repeats of a single character ("\\.\\d+" in a number) is windowed too:
# such a repeat consumes one run of those characters, so in a given text it repeats at most as often as the longest
# run there is long, and the rule's width with that cap bounds every match in that text.

def _walk(node: Any) -> Iterator[tuple[Any, int]]:
    """Every (subpattern, index in its data) of a parsed pattern, depth first."""
    stack = [node]
    while stack:
        sub = stack.pop()
        for at, (op, av) in enumerate(sub.data):
            yield sub, at
            name = str(op)
            if name in ("ASSERT", "ASSERT_NOT"):
                stack.append(av[1])
            elif name == "SUBPATTERN":
                stack.append(av[3])
            elif name == "BRANCH":
                stack.extend(av[1])
            elif name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
                stack.append(av[2])


@lru_cache(maxsize=64)
def _open_runs(name: str) -> re.Pattern[str] | None:
    """For a rule unbounded only through single-character repeats: a regex of the runs those repeats may consume."""
    if name in _reaches():
        return None
    try:
        parser: Any = importlib.import_module("re._parser")
        compiler: Any = importlib.import_module("re._compiler")
        pattern = dict(_compiled())[name]
        items = []
        for sub, at in _walk(parser.parse(pattern.pattern, pattern.flags)):
            op, av = sub.data[at]
            if str(op) in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT") and av[1] == parser.MAXREPEAT:
                if av[2].getwidth() != (1, 1):
                    return None
                items.append(av[2])
        if not items:
            return None
        state = parser.State()  # no groups: findall gives the runs themselves
        runs = parser.SubPattern(state, [(parser.MAX_REPEAT, (1, parser.MAXREPEAT,
                                          parser.SubPattern(state, [(parser.BRANCH, (None, items))])))])
        compiled: re.Pattern[str] = compiler.compile(runs, pattern.flags)
        return compiled
    except Exception:  # noqa: BLE001 - another Python or an unexpected construct: whole scans
        return None


@lru_cache(maxsize=512)
def _capped_reach(name: str, cap: int) -> tuple[int, int] | None:
    """(width, reach) of rule ``name`` with each unbounded repeat capped at ``cap`` repetitions."""
    parser: Any = importlib.import_module("re._parser")
    pattern = dict(_compiled())[name]
    tree = parser.parse(pattern.pattern, pattern.flags)
    subs = []
    for sub, at in _walk(tree):
        subs.append(sub)
        op, av = sub.data[at]
        if str(op) in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT") and av[1] == parser.MAXREPEAT:
            sub.data[at] = (op, (av[0], max(av[0], cap), av[2]))
    for sub in [tree, *subs]:
        sub.width = None  # widths computed during parsing (lookbehinds) are recomputed with the caps
    return _reach(tree)


def _text_reach(name: str, text: str) -> tuple[int, int] | None:
    """(width, reach) of rule ``name`` for the matches it can have in ``text``; None when unbounded there."""
    reach = _reaches().get(name)
    if reach is not None:
        return reach
    runs = _open_runs(name)
    if runs is None:
        return None
    return _capped_reach(name, max(map(len, runs.findall(text)), default=0))


def _finditer(name: str, pattern: re.Pattern[str], text: str, folded: str) -> Iterator[re.Match[str]]:
    """``pattern.finditer(text)``, searching only where a match may start (see above)."""
    reach = _text_reach(name, text)
    windows = None if reach is None or len(folded) != len(text) else _windows(name, text, folded, reach[0])
    if reach is None or windows is None:
        yield from pattern.finditer(text)
        return
    n, pos = len(text), 0
    for first, last in windows:
        at = max(first, pos)
        while at <= last:
            match = pattern.search(text, at, min(n, last + reach[1]))
            if match is None or match.start() > last:
                break
            yield match
            pos = at = match.end()  # matches are never empty (``_reach``)


# ---------------------------------------------------------------------------------------------
# context checks

def _wordset(*chunks: str) -> frozenset[str]:
    return frozenset(" ".join(chunks).split())


_YEAR_BEFORE = _wordset(
    "in since of by until till from through before after during between early late mid year "
    "fiscal spring summer fall autumn winter circa 's",
    "the a an its their his her that this these those",  # determiners: "the 1996 Olympic bombing"
)
_YEAR_AFTER = _wordset(
    "and or to when after before as at was were is saw election elections budget season war crisis census "
    "olympics games cup summit agreement accord accords declaration constitution treaty revolution campaign "
    "through levels level figures onward onwards"
)
_MONTH_BEFORE = _wordset(
    "in of since by until till from to through before after during between and early late mid last next this "
    "on since"
)
_POSSESSIVE = re.compile(r"\w['\u2019]s? $")  # "the company's 1989 results", "the states' 1990 budgets"
_NAME_WORDS = frozenset({"today", "tonight", "now", "yesterday", "future", "current", "overnight"})
# "the overnight call rate", "overnight lending": a money-market term; "overnight trains", "an overnight stay": a kind
# of train or stay; none is the night
_OVERNIGHT_KIND = frozenset({"rate", "rates", "call", "lending", "loan", "loans", "repo", "repos", "deposit",
                              "deposits", "interbank", "borrowing", "libor", "funds", "money", "index", "facility",
                              "train", "trains", "bus", "buses", "ferry", "ferries", "stay", "stays", "sleeper"})


_LAST_VERB = re.compile(r"last ", re.IGNORECASE)
_LAST_VERB_BEFORE = _wordset("will would could may might can shall 'll to must should not n't also only still "
                             "usually typically normally generally often")


def _without_verb_last(cand: Candidate, text: str) -> Candidate:
    """"could last up to six weeks", "to last two years": "last" is the verb, and the duration starts after it."""
    if cand.rule != "duration" or (cand.get("rel") or "").lower() != "last" \
            or not _LAST_VERB.match(text, cand.start) or _words_around(text, cand)[0].lower() not in _LAST_VERB_BEFORE:
        return cand
    return Candidate(cand.start + 5, cand.end, cand.rule, tuple((k, v) for k, v in cand.groups if k != "rel"))


def _words_around(text: str, cand: Candidate) -> tuple[str, str]:
    before = re.findall(r"[\w']+|[^\w\s]", text[max(0, cand.start - 30) : cand.start])
    after = re.findall(r"[\w']+|[^\w\s]", text[cand.end : cand.end + 30])
    return (before[-1] if before else ""), (after[0] if after else "")


def _plausible(cand: Candidate, text: str) -> bool:
    prev, nxt = _words_around(text, cand)
    surface = text[cand.start : cand.end]
    if cand.rule == "year":
        return _plausible_year(text, cand, prev, nxt)
    if cand.rule == "month" and not (cand.get("year") or cand.get("rel") or cand.get("mod")):
        return _plausible_month(surface, prev, nxt)
    if cand.rule == "mdy" and (cand.get("monthname") or "").rstrip(".") in ("Mar", "May") and not cand.get("year"):
        return prev.lower() in _MONTH_BEFORE or prev in ",(-"  # "-": the end of a range ("April 30-May 1")
    if cand.rule in ("ref", "dayword") and surface.lower() in _NAME_WORDS:
        return _plausible_word(text, cand, surface, prev, nxt)
    if cand.rule == "vague":
        return _plausible_vague(cand, prev)
    if cand.rule == "someday":
        return prev.lower() in _MODALS
    if cand.rule == "daypart":
        return _plausible_daypart(text, cand, prev, nxt)
    if cand.rule == "clockpart":  # "at 4 in the morning", not a count ("killed 4 in the morning raid")
        return cand.get("approx") is not None or prev.lower() in _CLOCK_BEFORE
    if cand.rule == "bareseason":
        return _plausible_season(text, cand, surface, prev)
    if cand.rule == "rate":
        return surface.lower().startswith("per ") or _after_quantity(text, cand.start)
    if cand.rule == "set" and cand.get("adv") and nxt[:1].isupper():
        return False  # "the Communist Party daily Granma": a newspaper
    if cand.rule == "set" and surface[:1].isupper() and prev[:1].isupper() and not _sentence_initial(text, cand.start):
        return False  # "the China Daily", "Shanghai Youth Daily": a newspaper's name
    if cand.rule == "relunit" and (cand.get("rel") or "").lower() == "last" and prev.lower() == "the" \
            and re.match(r" (?:of|in) (?:the|his|her|its|their|a|an)\b", text[cand.end : cand.end + 12]):
        return False  # "the last year of the war", "the last week of the campaign": the final one, not the one before
    if cand.rule == "theunit" and surface.endswith("Year") and text.startswith(" of ", cand.end):
        return False  # "the Year of the Pig", "the Year of Culture": a name
    if cand.rule == "duration" and re.search(r"\bone-day$", surface, re.IGNORECASE) and nxt.lower() in _ONE_DAY_GAME:
        return False  # "the one-day series", "one-day internationals": the cricket format
    if cand.rule == "relunit" and (cand.get("unit") or "")[:1].isupper() \
            and text[cand.start - 1 : cand.start] in _OPEN_QUOTE:
        return False  # ABC's "This Week": a title
    if cand.rule == "duration" and surface.lower() in ("a second", "one second"):
        return not (nxt.isalpha() and nxt.lower() not in _AFTER_SECOND)  # "a second round" is an ordinal
    if cand.rule == "spelledyear" and surface.lower().startswith("two thousand"):
        return surface.lower().startswith("the year") or nxt in ("", ".", ",", ";", ":", ")", "!", "?")
    if cand.rule == "quarter" and not (cand.get("year") or cand.get("rel")) \
            and (_game_period(text, cand) or _LONGER_AFTER.match(text, cand.end)):
        # "a touchdown late in the second quarter": a period of the game; "the last half of the '80s": a part of
        # the decade, which is tagged on its own
        return False
    # "three-quarters of", "more than a quarter of the market" are fractions ("several quarters of losses" is not)
    return not (cand.rule == "duration" and nxt == "of" and re.search(r"quarters?$", surface.lower())
                and (cand.get("num") or "").lower() not in VAGUE)


_ONE_DAY_GAME = _wordset("international internationals series side squad format cricket game games match matches cup "
                         "specialist team tournament ranking rankings captain player players odi odis leg")
# words that make a sentence's "second quarter" a period of a game, and words that keep it a quarter of the year
_GAME_WORDS = re.compile(r"\b(?:touchdowns?|quarterback|rebounds?|halftime|half-time|overtime|free throws?|"
                         r"three-pointers?|field goals?|interceptions?|fumbles?|yards?|NBA|NFL|buzzer|dunks?|layups?|"
                         r"jumpers?|possessions?|points? (?:lead|deficit)|scored|scoring|basket|goals?|penalty|"
                         r"penalties|striker|referee|equali[sz]er|header|innings|wickets?|match)\b",
                         re.IGNORECASE)
_MONEY_WORDS = re.compile(r"\b(?:profits?|earnings|revenues?|sales|GDP|econom\w*|fiscal|quarterly|shares?|percent|"
                          r"billion|million|dividends?|growth|inflation|results|loss|losses)\b|%", re.IGNORECASE)


def _game_period(text: str, cand: Candidate) -> bool:
    """The quarter of a game ("scored early in the fourth quarter"), from the words of its sentence."""
    start, end = sentence_bounds(text, cand.start, cand.end)
    sentence = text[start:end]
    return _GAME_WORDS.search(sentence) is not None and _MONEY_WORDS.search(sentence) is None


_LONGER_AFTER = re.compile(r" of (?:the )?(?:'\d0s|\d{3}0s|(?:\w+[ -])?century|decade)", re.IGNORECASE)


def _plausible_year(text: str, cand: Candidate, prev: str, nxt: str) -> bool:
    year = int(cand.get("year") or 0)
    if text[max(0, cand.start - 1) : cand.start] in ("$", "#", "£", "€") or nxt in ("%", "percent"):
        return False
    if cand.get("mod") or prev.lower() in _YEAR_BEFORE \
            or _POSSESSIVE.search(text, max(0, cand.start - 4), cand.start):
        return 1000 <= year <= 2099
    if not 1800 <= year <= 2099:
        return False
    if _YEAR_LIST.search(text, max(0, cand.start - 12), cand.start):
        return True  # "in 1994, 1995 and 1997": a list of years
    if prev[:1].isupper() and prev.isalpha() and prev not in _YEAR_MAY_FOLLOW and prev[:3] not in _MONTHS_CASED \
            and text[cand.start - 1 : cand.start] == " " and not _sentence_initial(text, cand.start - 1 - len(prev)):
        return False  # right after a capitalized word inside a sentence: a name ("Euro 2004", "Orion 1980", "Act 1995")
    # after "and", "to", "the", ... a year must look like one on its right too ("and 2014 people" is a count)
    return nxt == "" or nxt in ".,;:)!?'\"\u201d\u2019" or nxt.lower() in _YEAR_AFTER


# capitalized words a year may follow outside a name (a month, even misspelt as in "Febuary 1986", is checked by
# its first three letters)
_YEAR_MAY_FOLLOW = frozenset({"Easter", "Ramadan", "Passover", "Hanukkah", "Lent", "Advent", "Eid", "Diwali", "Nowruz",
                              "FY"})
_YEAR_LIST = re.compile(r"\b(?:1[89]|20)\d\d(?:,? and|,? or|,) $")


def _plausible_month(surface: str, prev: str, nxt: str) -> bool:
    if surface.rstrip(".") in ("May", "March", "Mar", "Jun", "Jan", "Dec", "Sept", "Aug", "Oct", "Nov", "Feb"):
        if prev.lower() == "the":  # "the March accession", not "the March for Life" nor "the March of ..."
            return nxt[:1].islower() and nxt.lower() not in ("of", "for", "on", "to", "against", "in")
        return prev.lower() in _MONTH_BEFORE
    return not (nxt[:1].isupper() and prev == "")


def _plausible_word(text: str, cand: Candidate, surface: str, prev: str, nxt: str) -> bool:
    low = surface.lower()
    after = text[cand.end : cand.end + 12].lower()
    if low == "now" and (after.startswith((" and then", " and again")) or prev.lower() == "every"):
        return False
    if low == "current" and nxt.lower() in ("account", "accounts", "affairs", "events"):
        return False
    if low == "overnight" and nxt.lower() in _OVERNIGHT_KIND:
        return False
    # a capitalized time word right after a capitalized word inside a sentence is part of a name
    return not (surface[:1].isupper() and prev[:1].isupper() and not _sentence_initial(text, cand.start))


_AMOUNT = _wordset(
    "million billion trillion thousand hundred hundreds thousands millions dozen dozens percent times "
    "one two three four five six seven eight nine ten eleven twelve fifteen twenty thirty forty fifty sixty seventy "
    "eighty ninety many more fewer several few of"
)
_OPEN_QUOTE = ("\"", "\u201c", "`", "'", "\u2018")
_AFTER_SECOND = _wordset("later earlier ago before after or and to of in for at on the as when while longer more less")


def _after_quantity(text: str, start: int) -> bool:
    """"a year" as a rate: right after an amount ("$2 million a year", "358,000 a month", "50 percent a year")
    or a counted plural ("four flights a week", "hundreds of interviews a day"); "lasts a week" is a duration."""
    words = re.findall(r"[\w'%]+", text[max(0, start - 40) : start])
    if not words:
        return False
    prev: str = words[-1].lower()
    if prev[:1].isdigit() or prev in _AMOUNT or prev == "%":
        return prev != "of" and not re.fullmatch(r"1[89]\d\d|20\d\d", prev)  # "in 2014 a year after ..."
    before = words[-2].lower() if len(words) > 1 else ""
    return prev.endswith("s") and not prev.endswith("ss") and (before[:1].isdigit() or before in _AMOUNT)


_SEASON_BEFORE = _wordset("in over during until by since through throughout for before after")


def _plausible_season(text: str, cand: Candidate, surface: str, prev: str) -> bool:
    """A bare season with its article, a modifier or a preposition ("over the summer", "in spring"); never the
    verb ("prices fall", "spring up") nor a name ("Spring of Life")."""
    word = cand.get("season") or ""
    if (word[:1].isupper() and not _sentence_initial(text, cand.start)) or text.startswith(" of ", cand.end):
        return False  # "Spring of Life", "the fall of Bakhmut"
    if word.lower() == "fall" and re.match(r" (?:in|from|to|since|after|below|back|by|was|has|had)\b",
                                           text[cand.end : cand.end + 8]):
        return False  # "the fall in prices"
    if surface.lower().startswith(("the ", "early ", "late ")):
        return True
    return word.lower() != "fall" and prev.lower() in _SEASON_BEFORE


_MODALS = _wordset("will would could may might can shall 'll to")
_CLOCK_BEFORE = _wordset("at by until till before after since from around about to")
_DAYPART_BEFORE = _wordset("in during by through throughout until till since at from")
# words that may follow a part of the day used on its own ("in the morning, when ..."); any other lowercase word
# makes it a noun modifier ("the morning raid", "the morning talk show")
_DAYPART_AFTER = _wordset("on and or to when as of at after before with while but for the a an local time he she "
                          "they it we i there was were is are has had have will would could did then until",
                          "yesterday today tomorrow")


def _plausible_daypart(text: str, cand: Candidate, prev: str, nxt: str) -> bool:
    """"by mid afternoon", "in the morning" (the part of the day the story is on); not "the morning
    talk show" (a noun modifier) nor "good evening"."""
    if (nxt.isalpha() and nxt.islower() and nxt not in _DAYPART_AFTER) \
            or re.match(r"[-\w]", text[cand.end : cand.end + 1]):
        return False
    return bool(cand.get("mod")) or prev.lower() in _DAYPART_BEFORE


def _plausible_vague(cand: Candidate, prev: str) -> bool:
    return bool(cand.get("lead") and cand.get("lead") != "the") or prev.lower() in ("for", "over", "within")


def _sentence_initial(text: str, start: int) -> bool:
    before = text[max(0, start - 3) : start].rstrip(" \"'\u201c")
    return before == "" or before[-1:] in ".!?\n:"


# ---------------------------------------------------------------------------------------------
# date + clock time -> one TIME expression ("March 12, 2025 11:00pm", "10 p.m. Wednesday")

_DAY_RULES = frozenset({"iso", "mdy", "dmy", "weekday", "dayword"})
_CLOCK_RULES = frozenset({"clock", "clock24", "clockword", "clockpart"})
# "10:35 a.m. (0735 GMT) Friday", "Sunday at 9 p.m.", "at midnight on March 15", "9 p.m. local time on Sunday",
# "6 p.m. Moscow time on Saturday"
_JOIN = re.compile(r"\s*(?:(?:local|[A-Z][a-z]+)\s+time\s*)?(?:\([^()\n]{1,16}\)\s*)?,?\s*(?:(?:at|on)\s+)?")


def _merge_clock(cands: list[Candidate], text: str) -> list[Candidate]:
    out: list[Candidate] = []
    for cand in cands:
        if out and out[-1].rule == "daypart" and cand.rule in _DAY_RULES and not cand.get("part") \
                and re.fullmatch(r",? (?:of |on )?", text[out[-1].end : cand.start]):
            part = out.pop()  # "mid-afternoon yesterday": the day with its part
            cand = Candidate(part.start, cand.end, cand.rule, cand.groups + (("part", part.get("part") or ""),))
        if out and out[-1].rule == "weekday" and cand.rule in ("mdy", "dmy", "iso") \
                and re.fullmatch(r",? ", text[out[-1].end : cand.start]):
            cand = Candidate(out.pop().start, cand.end, cand.rule, cand.groups)  # "Friday, Oct. 23"
        if out and _joinable(out[-1], cand, text):
            prev = out.pop()
            date, clock = (prev, cand) if prev.rule in _DAY_RULES else (cand, prev)
            groups = (("date_rule", date.rule),) + date.groups + tuple(("clock_" + k, v) for k, v in clock.groups)
            cand = Candidate(prev.start, cand.end, "datetime", groups + (("clock_rule", clock.rule),))
        out.append(cand)
    return out


def _joinable(a: Candidate, b: Candidate, text: str) -> bool:
    pair = (a.rule in _DAY_RULES and b.rule in _CLOCK_RULES) or (a.rule in _CLOCK_RULES and b.rule in _DAY_RULES)
    return pair and _JOIN.fullmatch(text[a.end : b.start]) is not None


_RANGE_JOIN = re.compile(r"\s*[-\u2013]\s*| (?:to|through|until|till|and) ")
_DAY_BEFORE = re.compile(r"(?:\bthe\s+)?\bday\s+(?P<dir>before|after)\s+$", re.IGNORECASE)
_SHIFTABLE = frozenset({"weekday", "mdy", "dmy", "iso", "holiday"})


def _day_shift(cands: list[Candidate], text: str) -> list[Candidate]:
    """"the day before last Tuesday", "the day after Christmas": one expression, a day off the one named
    (the ``dayshift`` group, applied by the normalizer); and the second day of "April 24 and 25"."""
    out: list[Candidate] = []
    taken = 0  # the end of the year a range of days took in ("March 2-7, 2006"): a year tagged there is that one
    for index, cand in enumerate(cands):
        if cand.start < taken:
            continue
        found = _DAY_BEFORE.search(text, max(0, cand.start - 20), cand.start) if cand.rule in _SHIFTABLE else None
        if found and (not out or out[-1].end <= found.start()):
            shift = "-1" if found.group("dir").lower() == "before" else "1"
            cand = Candidate(found.start(), cand.end, cand.rule, cand.groups + (("dayshift", shift),))
        if cand.rule == "mdy" and not cand.get("year") and out and out[-1].rule == "mdy" \
                and _RANGE_JOIN.fullmatch(text[out[-1].end : cand.start]):
            # "April 30-May 1", "from April 1 to July 15": the end of the range, in the year of its start
            cand = Candidate(cand.start, cand.end, cand.rule, cand.groups + (("paired", "1"),))
        out.append(cand)
        second = _SECOND_DAY.match(text, cand.end) if cand.rule == "mdy" and not cand.get("year") else None
        year = second.group("year") if second else None
        following = cands[index + 1] if index + 1 < len(cands) else None
        if second and (following is None or following.start >= (second.start("year") if year else second.end())):
            # "on April 24 and 25", "March 5-6": the second day is a date of the same month; "March 2-7, 2006",
            # "Dec. 11-13 of 2007": both in that year (which the second day's span takes in)
            if year:
                out[-1] = Candidate(cand.start, cand.end, cand.rule,
                                    tuple((k, v) for k, v in cand.groups if k != "rel") + (("year", year),))
                taken = second.end()
            groups = tuple((k, v) for k, v in cand.groups if k in ("monthname", "rel")) + (("day", second.group("day")),
                                                                                      ("paired", "1"))
            groups += (("year", year),) if year else ()
            out.append(Candidate(second.start("day"), second.end(), "mdy", groups))
    return out


# the second day must end the phrase: "on April 24 and 25." but not "on April 24 and 25 people"; "March 5-6"
_SECOND_DAY = re.compile(rf"(?: (?:and|or|to) |-)(?P<day>{DAY})(?:,? (?:of )?(?P<year>{YEAR})(?![\d,.]\d))?"
                         r"(?=[.,;:)!?](?!\d)|$|\s+(?:[A-Z(]|(?:in|at|on|to|and|or|"
                         r"when|as|the|with|for|from|before|after|but|while|respectively)\b))")


# "today's youth", "in today's world", "today's personal computers": the present age, not the day of writing
# (TIMEX2/TimeML: PRESENT_REF); at most one modifier before the noun, and the noun ends the phrase ("today's world
# cup final" and "today's meeting of world leaders" are the day); the ``generic`` group tells the normalizer
_GENERIC_TODAY = re.compile(r"['\u2019]s\s+(?:[a-z-]+\s+)??(?:world|society|youth|young people|generations?|children|"
                            r"kids|teenagers|students|parents|families|consumers|economy|technology|computers|"
                            r"culture|standards)(?=\s*(?:[.,;:!?)'\"\u201d\u2019_\u2014-]|$)|\s+(?:is|are|was|were|has|have|"
                            r"had|and|or|to|in|of|who|that|which|with|for|will|would|can|could|may|might|do|does|"
                            r"no|not|where|when|as|at|on|by|from|than|but|what)\b)")


def _generic_today(cands: list[Candidate], text: str) -> list[Candidate]:
    return [Candidate(c.start, c.end, c.rule, c.groups + (("generic", "1"),))
            if c.rule == "dayword" and (c.get("word") or "").lower() == "today" and not c.get("part")
            and _GENERIC_TODAY.match(text, c.end) else c for c in cands]
