"""Words of time: month, weekday, number and unit names, and the regex pieces built from them.

Plain constants (immutable), shared by the tagger and the normalizer.  No I/O.
"""

from __future__ import annotations

import re

MONTHS: dict[str, int] = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
    "oct": 10, "nov": 11, "dec": 12,
}
WEEKDAYS: dict[str, int] = {  # ISO numbering, Monday = 1
    "monday": 1, "tuesday": 2, "wednesday": 3, "thursday": 4, "friday": 5, "saturday": 6, "sunday": 7,
}
SEASONS: dict[str, str] = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}
PARTS_OF_DAY: dict[str, str] = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI"}
ORDINALS: dict[str, int] = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4,
}

_UNITS_1: dict[str, int] = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
_TENS: dict[str, int] = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}
# Quantities with no exact number: the value gets an X ("several years" -> PXY).
VAGUE = ("a few", "a couple of", "couple of", "several", "few", "many", "some", "a number of")
SINGLE = ("a", "an", "one", "a single")

UNIT_CODES: dict[str, str] = {
    "second": "S", "minute": "MIN", "hour": "H", "day": "D", "week": "W", "month": "M", "quarter": "Q",
    "year": "Y", "decade": "DE", "century": "CE", "centurie": "CE",
}

_DIGIT_WORDS = "|".join(list(_UNITS_1)[:9])
_WORD_NUM = rf"(?:(?:{'|'.join(_TENS)})(?:[- ](?:{_DIGIT_WORDS}))?|{'|'.join(sorted(_UNITS_1, key=len, reverse=True))})"
# A count before a unit: digits, number words, "a"/"an", or a vague quantity.
NUM = rf"(?:\d{{1,3}}(?:\.\d+)?|{_WORD_NUM}|a hundred|hundreds of|a dozen|dozens of|" \
      rf"{'|'.join(VAGUE)}|a single|an|a)"
UNIT = r"(?:second|minute|hour|day|week|month|quarter|year|decade|centur(?:y|ie))"
MONTH_FULL = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
MONTH_ABBR = r"(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\."
MONTH_ANY = rf"(?:{MONTH_FULL}|{MONTH_ABBR}|Sept|Aug|Oct|Nov|Dec|Jan|Feb)"
WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
YEAR = r"(?:1[0-9]{3}|20[0-9]{2})"
DAY = r"(?:[12][0-9]|3[01]|0?[1-9])(?:st|nd|rd|th)?"
PART = r"(?:morning|afternoon|evening|night)"
SEASON = r"(?:spring|summer|fall|autumn|winter)"
# Years said in words, as broadcast transcripts write them: "nineteen ninety-six", "two thousand".
_TEENS = "|".join(sorted((w for w, n in _UNITS_1.items() if n >= 10), key=len, reverse=True))
SPELLED_YEAR = (rf"(?:(?:eighteen|nineteen) (?:(?:{'|'.join(_TENS)})(?:[- ](?:{_DIGIT_WORDS}))?|{_TEENS}|"
                rf"oh[- ](?:{_DIGIT_WORDS}))|two thousand(?:(?: and)? (?:{_TEENS}|{_DIGIT_WORDS}))?)")
HOLIDAYS = r"(?:Thanksgiving(?: Day)?|Christmas(?: Day| Eve)?|New Year's (?:Day|Eve)|Election Day|Labor Day|" \
           r"Memorial Day|Independence Day|Veterans Day)"
ORDINAL_WORDS: dict[str, int] = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
    "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14, "fifteenth": 15,
    "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19, "twentieth": 20,
    "twenty-first": 21,
}
CENTURY_ORD = rf"(?:[1-9]|1[0-9]|2[01])(?:st|nd|rd|th)|{'|'.join(sorted(ORDINAL_WORDS, key=len, reverse=True))}"


def year_number(text: str) -> int:
    """The year written as digits or in words ("nineteen ninety-six" -> 1996, "two thousand" -> 2000)."""
    text = text.strip()
    if text.isdigit():
        return int(text)
    words = text.lower().replace("-", " ").replace(" and ", " ").split()
    if words[:2] == ["two", "thousand"]:
        return 2000 + (number_value(" ".join(words[2:])) or 0 if words[2:] else 0)
    rest = [w for w in words[1:] if w != "oh"]
    return _UNITS_1[words[0]] * 100 + (number_value(" ".join(rest)) or 0)


def century_number(text: str) -> int:
    """20 for "20th" or "twentieth"."""
    low = text.lower()
    return ORDINAL_WORDS[low] if low in ORDINAL_WORDS else int(re.sub(r"\D", "", low))


def number_value(text: str) -> int | None:
    """The integer a count word or numeral stands for; None for vague or fractional quantities."""
    words = text.lower().replace("-", " ").split()
    if not words:
        return None
    joined = " ".join(words)
    if joined in SINGLE:
        return 1
    if joined in ("a hundred",):
        return 100
    if joined == "a dozen":
        return 12
    if joined in ("a couple of", "couple of"):
        return 2
    if re.fullmatch(r"\d+", joined):
        return int(joined)
    total = 0
    for word in words:
        if word in _TENS:
            total += _TENS[word]
        elif word in _UNITS_1:
            total += _UNITS_1[word]
        else:
            return None
    return total or None


def month_number(text: str) -> int:
    """1-12 for a month name or abbreviation (with or without the dot)."""
    return MONTHS[text.lower().rstrip(".")]
