"""States, institutions, media and groups as actors.

- institutions and media from the dictionary ("the Kremlin", "State Duma", "RIA Novosti");
- media named after an outlet noun ("Russian outlet RIA Novosti", "the newspaper Kommersant");
- groups: demonym + group noun ("Ukrainian diplomats", "Russian special forces"), "X-backed
  separatists", plural demonyms ("the Russians"), and national governments ("Ukrainian government");
- states: country names ("Russia") unless they are the object of a place preposition ("in Ukraine"),
  and seats of government by metonymy ("Moscow said", "talks with Kyiv").

Every mention is keyed for merging: states by country, groups by country and sector, institutions
and media by canonical name, so the ids are the same in every article.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from dateline.knowledge.actors import Lexicon, lookup_key
from dateline.records import normalize_key
from dateline.stages.actors.model import CollectiveMention, Doc, Token, words
from dateline.stages.actors.roles import affixed, is_capital, span_text, tight_hyphen, title_at
from dateline.stages.tokens import pos_tags

_PLACE_PREPS = frozenset({"in", "inside", "within", "across", "throughout", "near", "at", "into", "outside", "around",
                          "over", "through", "toward", "towards", "along", "beyond", "via", "on"})
_METONYMY_DEPS = frozenset({"nsubj", "nsubjpass", "poss", "agent"})
_METONYMY_PREPS = frozenset({"with", "against", "by", "between", "from", "to"})
_MOTION_HEADS = frozenset({"travel", "go", "fly", "return", "come", "move", "arrive", "head", "visit", "trip", "flight",
                           "journey", "road", "way", "drive", "march", "advance", "route", "train"})
_ORG_NOUNS = {"government": "GOV", "administration": "GOV", "cabinet": "GOV", "leadership": "GOV",
              "parliament": "LEG", "foreign ministry": "GOV", "defense ministry": "MIL", "defence ministry": "MIL"}
_GROUP_NAMES = {"MIL": "forces", "GOV": "officials", "LEG": "lawmakers", "REB": "rebels", "JRN": "journalists",
                "CVL": "civilians", "COP": "police", "SPY": "intelligence services", "REF": "refugees"}
_BACKING = frozenset({"backed", "supported", "aligned", "allied", "sponsored"})
_MEDIA_NOUNS = frozenset({"outlet", "newspaper", "tabloid", "daily", "agency", "broadcaster", "channel", "network",
                          "magazine", "website", "paper"})


def _mention(doc: Doc, lo: int, hi: int, kind: str, name: str, country: str | None, sector: str | None,
             key: tuple[str | None, ...], confidence: float = 0.85) -> CollectiveMention:
    end_tok = doc[hi - 1]
    return CollectiveMention(doc[lo].idx, end_tok.idx + len(end_tok), kind, name, country, sector, key, confidence)


def _free(taken: set[int], lo: int, hi: int) -> bool:
    return not any(i in taken for i in range(lo, hi))


Matcher = Callable[[Doc, int, Lexicon, set[int]], "tuple[int, CollectiveMention] | None"]


def _scan(doc: Doc, lex: Lexicon, taken: set[int], openers: frozenset[str],
          matcher: Matcher) -> Iterator[CollectiveMention]:
    """Left to right: at each capitalized token that may open a name, the longest match; its tokens are taken."""
    w = words(doc)
    i = 0
    while i < len(doc):
        found = matcher(doc, i, lex, taken) if w.capital[i] and w.may_open(i, openers) else None
        if found is None:
            i += 1
            continue
        hi, mention = found
        taken.update(range(i, hi))
        yield mention
        i = hi


def institutions(doc: Doc, lex: Lexicon, taken: set[int]) -> Iterator[CollectiveMention]:
    return _scan(doc, lex, taken, lex.institution_openers, _institution_at)


def _institution_at(doc: Doc, i: int, lex: Lexicon, taken: set[int]) -> tuple[int, CollectiveMention] | None:
    w = words(doc)
    if not w.capital[i] or w.lower[i] == "the":
        return None
    for size in range(min(lex.max_institution_words, len(doc) - i), 0, -1):
        text = span_text(doc, i, i + size)
        inst = lex.institution(text)
        if inst is None or doc[i + size - 1].is_space or not _free(taken, i, i + size) \
                or (len(text) <= 3 and not text.isupper()):
            continue
        if i + size < len(doc) and tight_hyphen(doc, i + size):
            continue
        key = (inst.kind, inst.name)
        return i + size, _mention(doc, i, i + size, inst.kind, inst.name, inst.country, inst.sector, key, 0.9)
    return None


def outlets(doc: Doc, lex: Lexicon, taken: set[int]) -> Iterator[CollectiveMention]:
    """"Russian outlet RIA Novosti", "the German newspaper Bild": a media noun, then a capitalized name."""
    w = words(doc)
    for i, lower in enumerate(w.lower):
        if lower not in _MEDIA_NOUNS or i + 1 >= len(doc) or not w.capital[i + 1]:
            continue
        hi = i + 1
        while hi < len(doc) and (is_capital(doc[hi]) or tight_hyphen(doc, hi)) and hi - i <= 4:
            hi += 1
        if not _free(taken, i + 1, hi):
            continue
        country = lex.country_of(w.texts[i - 1]) if i > 0 else None
        name = span_text(doc, i + 1, hi)
        taken.update(range(i + 1, hi))
        yield _mention(doc, i + 1, hi, "media", name, country, "MED", ("media", name), 0.8)


def _country_word(doc: Doc, i: int, lex: Lexicon) -> str | None:
    w = words(doc)
    if not w.capital[i] or affixed(doc, i):
        return None
    return lex.demonyms.get(w.lower[i]) or (lex.country_of(w.texts[i]) if w.texts[i] == "U.S." else None)


def groups(doc: Doc, lex: Lexicon, taken: set[int]) -> Iterator[CollectiveMention]:
    w = words(doc)
    for i in range(len(doc)):
        if i in taken:
            continue
        lower = w.lower[i]
        if not (lower in lex.demonyms or lower in lex.title_first
                or (w.capital[i] and w.may_open(i, lex.state_openers))):
            continue  # none of the group patterns can start here
        found = (_backed_group(doc, i, lex) or _national_institution(doc, i, lex) or _national_group(doc, i, lex)
                 or _people(doc, i, lex) or _located_group(doc, i, lex))
        if found is not None:
            hi, mention = found
            if _free(taken, i, hi):
                taken.update(range(i, hi))
                yield mention


def _group_noun(doc: Doc, j: int, lex: Lexicon, *, single: bool = False) -> tuple[int, str, str | None, bool] | None:
    """After a demonym: up to two lower-case modifiers, then a group noun: (end, noun, sector, is_org).

    ``single``: the phrase opens with "a"/"an" ("a French minister"), so a person title counts too: an
    unnamed official stands for the country's officials.
    """
    w = words(doc)  # the token columns: a Token is built only for the dependency label
    n, pos = len(w.texts), pos_tags(doc)[0]
    for skip in range(3):
        k = j + skip
        if k >= n or w.capital[k] or w.punct[k]:
            return None
        for size in (2, 1):
            if k + size <= n and (phrase := w.span(k, k + size).lower()) in _ORG_NOUNS:
                return k + size, phrase, _ORG_NOUNS[phrase], True
        found = title_at(doc, k, min(n, k + 2), lex, ending=False)
        if found is not None and (found[2].kind != "person" or (single and found[2].sector)):
            return found[1], found[2].phrase, found[2].sector, False
        if pos[k] not in ("ADJ", "NOUN", "VERB") or doc[k].dep_ not in ("amod", "compound"):
            return None
    return None


_SINGLE = frozenset({"a", "an", "another", "one"})
_LED = frozenset({"led", "dominated", "commanded"})


def _country_name_at(doc: Doc, i: int, lex: Lexicon) -> tuple[str, int] | None:
    """A country name of up to three words starting at ``i`` ("Ivory Coast", "Sierra Leone"): (alpha3, end)."""
    w = words(doc)
    if not w.capital[i] or not w.may_open(i, lex.state_openers):
        return None  # no country name or seat of government starts with this word
    for hi in range(_name_extent(doc, i, lex), i, -1):
        code = lex.country_names.get(lookup_key(span_text(doc, i, hi)))
        if code:
            return code, hi
    return None


_OFFICIAL_LINKS = frozenset({"of", "the", "and", "'s", "’s", "-"})


def _name_extent(doc: Doc, i: int, lex: Lexicon) -> int:
    """The end of the longest run from ``i`` that could be a country name: capitalized words and the links of
    official names ("Islamic Republic of Iran", "People's Republic of China", "Guinea-Bissau")."""
    w = words(doc)
    hi, limit = i + 1, min(len(doc), i + lex.max_country_words + 3)
    while hi < limit and (w.capital[hi] or w.lower[hi] in _OFFICIAL_LINKS) and not doc[hi].is_space:
        hi += 1
    return hi


def _national_group(doc: Doc, i: int, lex: Lexicon) -> tuple[int, CollectiveMention] | None:
    """"Ukrainian diplomats", "Russian special forces", "Sudan's army", "Israeli government",
    "Ivory Coast rebels", "Vietnamese-led forces", "a French minister"."""
    country = _country_word(doc, i, lex)
    after = i + 1
    if country is None and words(doc).capital[i]:
        named = _country_name_at(doc, i, lex)
        if named is not None and named[1] < len(doc) and doc[named[1]].lower_ in ("'s", "’s"):
            country, after = named[0], named[1] + 1
        elif named is not None and not affixed(doc, i):
            country, after = named
    if not country:
        return None
    if after + 1 < len(doc) and tight_hyphen(doc, after) and doc[after + 1].lower_ in _LED:
        after += 2
    single = i > 0 and doc[i - 1].lower_ in _SINGLE
    noun = _group_noun(doc, after, lex, single=single)
    if noun is None:
        return None
    hi, word, sector, is_org = noun
    home = _location_country(doc, hi, lex) if i > 0 and doc[i - 1].lower_ == "ethnic" and not is_org else None
    if home is not None and home != country:  # "ethnic Albanian guerrillas operating in Macedonia"
        name = f"{span_text(doc, i, hi)} in {lex.names.get(home, home)}"
        return hi, _mention(doc, i, hi, "group", name, home, sector, ("group", home, sector, doc[i].lower_), 0.7)
    adjective = lex.adjectives.get(country, country)
    if is_org:
        name = f"{adjective} {word}"
        return hi, _mention(doc, i, hi, "organization", name, country, sector, ("organization", country, sector, word))
    name = f"{adjective} {_GROUP_NAMES.get(sector or '', word)}"
    return hi, _mention(doc, i, hi, "group", name, country, sector, ("group", country, sector), 0.8)


def _backed_group(doc: Doc, i: int, lex: Lexicon) -> tuple[int, CollectiveMention] | None:
    """"Russian-backed separatists": the sponsor is not the group's country."""
    w = words(doc)
    sponsor = lex.demonyms.get(w.lower[i]) if i + 3 < len(doc) else None
    if not sponsor or not tight_hyphen(doc, i + 1) or w.lower[i + 2] not in _BACKING:
        return None
    noun = _group_noun(doc, i + 3, lex)
    if noun is None or noun[3]:
        return None
    hi, _, sector, _ = noun
    key = ("group", f"{w.lower[i + 2]} by", sponsor, sector)
    return hi, _mention(doc, i, hi, "group", span_text(doc, i, hi), None, sector, key, 0.75)


def _people(doc: Doc, i: int, lex: Lexicon) -> tuple[int, CollectiveMention] | None:
    """"the Russians", "Americans": a plural demonym used as a noun.

    "(ethnic) Albanians in south Serbia" live in Serbia: the group's country is where they live, as in the
    PLOVER/CAMEO convention (country of the location, the ethnic group as a sub-code).
    """
    country = lex.demonyms.get(words(doc).lower[i])
    if not country:
        return None
    tok = doc[i]
    if tok.tag_ not in ("NNPS", "NNS") or not is_capital(tok) or affixed(doc, i):
        return None
    name = lex.adjectives.get(country, country) + "s" if not tok.text.endswith("s") else tok.text
    home = _location_country(doc, i + 1, lex)
    if home is not None and home != country:
        key = ("group", home, None, normalize_key(name))
        return i + 1, _mention(doc, i, i + 1, "group", f"{name} in {lex.names.get(home, home)}", home, "CVL", key, 0.7)
    return i + 1, _mention(doc, i, i + 1, "group", name, country, None, ("group", country, None), 0.7)


_DIRECTIONS = frozenset({"north", "south", "east", "west", "northern", "southern", "eastern", "western", "central",
                         "northeastern", "northwestern", "southeastern", "southwestern", "northeast", "northwest",
                         "southeast", "southwest"})
_RESIDING = frozenset({"operating", "living", "based", "stationed", "deployed"})


def _location_country(doc: Doc, j: int, lex: Lexicon) -> str | None:
    """"in (south) Serbia", "of southern Serbia", "operating in Macedonia", "in Baghdad" right after a group."""
    if j < len(doc) and doc[j].lower_ in _RESIDING:
        j += 1
    if j >= len(doc) or doc[j].lower_ not in ("in", "of", "inside"):
        return None
    j += 1
    while j < len(doc) and (doc[j].lower_ == "the" or doc[j].lower_ in _DIRECTIONS):
        j += 1
    if j >= len(doc):
        return None
    named = _country_name_at(doc, j, lex)
    if named is not None:
        return named[0]
    if is_capital(doc[j]) and not (j + 1 < len(doc) and is_capital(doc[j + 1]) and doc[j + 1].is_alpha):
        return lex.capitals.get(doc[j].lower_)
    return None


def _located_group(doc: Doc, i: int, lex: Lexicon) -> tuple[int, CollectiveMention] | None:
    """A group noun with no nationality placed in a country or its capital: "opposition parties in Nepal",
    "demonstrators in Baghdad" (the group is of that country)."""
    w = words(doc)
    if w.lower[i] not in lex.title_first or (w.capital[i] and i > 0 and not doc[i].is_sent_start):
        return None  # (title_at needs the first word of a title)
    found = title_at(doc, i, min(len(doc), i + 2), lex, ending=False)
    if found is None or found[2].kind == "person" or not found[2].sector:
        return None
    hi, title = found[1], found[2]
    country = _location_country(doc, hi, lex)
    if country is None:
        return None
    sector = title.sector
    name = f"{lex.adjectives.get(country, country)} {_GROUP_NAMES.get(sector or '', title.phrase)}"
    return hi, _mention(doc, i, hi, "group", name, country, sector, ("group", country, sector), 0.7)


# Head nouns of national institutions named in full ("the Latvian Constitutional Court"), with their sector.
_INSTITUTION_HEADS = {"court": "JUD", "tribunal": "JUD", "parliament": "LEG", "assembly": "LEG", "senate": "LEG",
                      "congress": "LEG", "ministry": "GOV", "government": "GOV", "cabinet": "GOV", "army": "MIL",
                      "navy": "MIL", "police": "COP", "union": None, "association": None, "federation": None,
                      "party": "PTY", "council": None, "commission": None, "committee": None, "agency": None,
                      "front": None, "movement": None, "bank": None, "university": "EDU"}
_NAME_LINKS = frozenset({"of", "for", "and", "on", "de"})


def _national_institution(doc: Doc, i: int, lex: Lexicon) -> tuple[int, CollectiveMention] | None:
    """A capitalized name opened by a nationality and closed by an institution noun: "Latvian Constitutional
    Court", "Nigerian Union of Teachers", "Montenegro Municipality Association"."""
    country = _country_word(doc, i, lex)
    j = i + 1
    if country is None:
        named = _country_name_at(doc, i, lex) if not affixed(doc, i) else None
        if named is None:
            return None
        country, j = named
    k, head_end, sector = j, 0, None
    while k < len(doc) and k - j < 7:
        tok = doc[k]
        if is_capital(tok) and tok.is_alpha:
            if tok.lower_ in _INSTITUTION_HEADS:
                head_end, sector = k + 1, _INSTITUTION_HEADS[tok.lower_]
            k += 1
        elif tok.lower_ in _NAME_LINKS and k + 1 < len(doc) and is_capital(doc[k + 1]) and k > j:
            k += 1
        else:
            break
    named = _country_name_at(doc, i, lex)
    if not head_end or (named is not None and named[1] >= head_end):
        return None  # "Russian Federation": the state's own name, not one of its institutions
    hi = k if k > head_end and all(is_capital(t) for t in doc[head_end:k]) else head_end
    name = span_text(doc, i, hi)
    return hi, _mention(doc, i, hi, "organization", name, country, sector, ("organization", name), 0.75)


def states(doc: Doc, lex: Lexicon, taken: set[int]) -> Iterator[CollectiveMention]:
    return _scan(doc, lex, taken, lex.state_openers, _state_at)


def _state_at(doc: Doc, i: int, lex: Lexicon, taken: set[int]) -> tuple[int, CollectiveMention] | None:
    if not words(doc).capital[i] or doc[i].ent_type_ == "PERSON":
        return None
    for size in range(_name_extent(doc, i, lex) - i, 0, -1):
        if doc[i + size - 1].is_space or not _free(taken, i, i + size):
            continue
        text = span_text(doc, i, i + size)
        code = lex.country_names.get(text.casefold())
        metonym = lex.capitals.get(text.casefold()) if code is None else None
        if code and _acts(doc, i, i + size):
            return i + size, _state(doc, i, i + size, code, lex, 0.85)
        if metonym and _metonymy(doc, i, i + size):
            return i + size, _state(doc, i, i + size, metonym, lex, 0.75)
    return None


def _state(doc: Doc, lo: int, hi: int, code: str, lex: Lexicon, confidence: float) -> CollectiveMention:
    return _mention(doc, lo, hi, "state", lex.names.get(code, code), code, "GOV", ("state", code), confidence)


def _head_prep(doc: Doc, lo: int, hi: int) -> Token | None:
    """The preposition governing the name [lo, hi) (through a conjunction: "in Russia and Ukraine")."""
    root = doc[hi - 1]
    while root.dep_ == "conj" and root.head.i != root.i:
        root = root.head
    return root.head if root.dep_ == "pobj" else None


def _acts(doc: Doc, lo: int, hi: int) -> bool:
    if hi < len(doc) and is_capital(doc[hi]) and doc[hi].is_alpha:
        return False  # part of a longer name: "Russia Today", "Ukraine Defense Contact Group"
    prep = _head_prep(doc, lo, hi)
    return prep is None or prep.lower_ not in _PLACE_PREPS


def _metonymy(doc: Doc, lo: int, hi: int) -> bool:
    """A capital standing for its government: subject, possessor, or partner of with/against/by."""
    if hi < len(doc) and is_capital(doc[hi]) and doc[hi].is_alpha:
        return False
    root = doc[hi - 1]
    if root.dep_ in _METONYMY_DEPS:
        return True
    prep = _head_prep(doc, lo, hi)
    if prep is None or prep.lower_ not in _METONYMY_PREPS:
        return False
    return prep.lower_ != "to" or prep.head.lemma_.lower() not in _MOTION_HEADS


def collective_mentions(doc: Doc, lex: Lexicon, taken: set[int]) -> list[CollectiveMention]:
    """All non-person actor mentions; ``taken`` (token indices) grows as spans are claimed."""
    found = [*institutions(doc, lex, taken), *outlets(doc, lex, taken), *groups(doc, lex, taken),
             *states(doc, lex, taken)]
    return sorted(found, key=lambda m: m.start)
