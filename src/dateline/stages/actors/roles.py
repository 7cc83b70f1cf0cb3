"""Roles from the words around a name: pre-modifiers and appositions.

- pre-modifiers: "Kremlin spokesman Dmitry Peskov", "State Duma Deputy Viktor Sobolev",
  "Minister of Foreign Affairs of the Russian Federation Sergei Lavrov", "Ukrainian President ...";
- appositions: "Julian Ropcke, senior editor for security policy at Bild-Zeitung, a German-owned
  tabloid," (the second apposition describes the organization: country DEU, kind media).

Everything works on spaCy tokens and returns :class:`RoleInfo` with the organization's country and
sector looked up in the actor dictionaries.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from dateline.knowledge.actors import Institution, Lexicon, Title
from dateline.stages.actors.model import PAST_MODIFIERS, PERSON_SECTOR_OF_ORG, Doc, RoleInfo, Token, words

CONNECTORS = frozenset({"of", "the", "for", "and", "&"})
# Lower-case words that may stand inside a title ("senior fellow", "deputy foreign minister").
TITLE_MODIFIERS = frozenset({
    "senior", "deputy", "chief", "top", "acting", "interim", "assistant", "special", "vice", "foreign",
    "defense", "defence", "press", "security", "national", "military", "political", "presidential", "prime",
    "general", "first", "lead", "principal", "executive", "managing", "associate", "research", "junior",
    *PAST_MODIFIERS,
})
_APPOS_STOP = frozenset({",", ";", ".", "(", ")", "—", "–", ":", "\"", "“", "”", "‘", "’"})
_ORG_PREPS = frozenset({"at", "of", "with", "in", "for", "from"})
MEDIA_NOUNS = frozenset({"outlet", "tabloid", "newspaper", "daily", "weekly", "agency", "broadcaster", "channel",
                          "network", "magazine", "website", "paper", "station", "news agency", "publication"})
_DETERMINERS = frozenset({"a", "an", "the"})
_OWNERSHIP = frozenset({"owned", "run", "funded", "based", "controlled", "backed"})


def is_capital(tok: Token) -> bool:
    return bool(tok.text[:1].isupper()) and not tok.is_punct


def tight_hyphen(doc: Doc, i: int) -> bool:
    """A hyphen joining two words without spaces ("Bild-Zeitung", "pro-Ukrainian")."""
    w = words(doc)
    return w.texts[i] == "-" and 0 < i < len(w.texts) - 1 and not w.space[i - 1] and not w.space[i]


def affixed(doc: Doc, i: int) -> bool:
    """Token ``i`` is the second half of "pro-Ukrainian", "anti-Russian", "Russian-backed"..."""
    return i >= 2 and tight_hyphen(doc, i - 1) and not words(doc).texts[i - 2][:1].isupper()


def title_at(doc: Doc, lo: int, hi: int, lex: Lexicon, *, ending: bool) -> tuple[int, int, Title] | None:
    """The longest title phrase ending at ``hi`` (``ending``) or starting at ``lo`` within [lo, hi)."""
    if lo >= hi:
        return None
    w = words(doc)
    if w.lower[hi - 1] not in lex.title_last if ending else w.lower[lo] not in lex.title_first:
        return None
    # Grow the span one token at a time from the fixed edge, its key built from the tokens' cached keys
    # (``lex.title(span text)``); stop once the key is no leading (trailing) run of any title's words.
    runs = lex.title_suffixes if ending else lex.title_prefixes
    key = ""
    best: tuple[int, int, Title] | None = None
    for size in range(1, min(lex.max_title_words, hi - lo) + 1):
        part = w.key(hi - size if ending else lo + size - 1)
        if part:
            key = (part + " " + key if ending else key + " " + part) if key else part
            if key not in runs:
                break
        title = lex.titles.get(key) if key else None
        if title is not None:
            best = (hi - size, hi, title) if ending else (lo, lo + size, title)
    return best


def span_text(doc: Doc, lo: int, hi: int) -> str:
    """``doc[lo:hi].text``, sliced from the document text kept by :func:`~.model.words`."""
    return words(doc).span(max(lo, 0), min(hi, len(doc)))


def org_segment_ending(doc: Doc, lo: int, hi: int, lex: Lexicon) -> tuple[int, Institution | None] | None:
    """An institution, ORG entity, country name or demonym ending at ``hi`` (start, institution)."""
    for size in range(min(lex.max_institution_words, hi - lo), 0, -1):
        inst = lex.institution(span_text(doc, hi - size, hi))
        if inst is not None:
            return hi - size, inst
    last = doc[hi - 1]
    if last.ent_type_ in ("ORG", "NORP", "GPE"):
        start = hi - 1
        while start > lo and doc[start - 1].ent_iob_ == "I" and doc[start].ent_iob_ != "B":
            start -= 1
        return start, None
    if lex.country_of(last.text) or last.lower_ in ("'s", "’s"):
        return hi - 1, None
    return None


def country_in(doc: Doc, lo: int, hi: int, lex: Lexicon) -> str | None:
    """The first country name or demonym among tokens [lo, hi) that is not "pro-X"/"X-backed"."""
    for i in range(lo, hi):
        if affixed(doc, i) or (i + 1 < hi and tight_hyphen(doc, i + 1)):
            continue
        for size in (3, 2, 1):
            if i + size <= hi and (code := lex.country_of(span_text(doc, i, i + size))):
                return code
    return None


def institution_in(doc: Doc, lo: int, hi: int, lex: Lexicon) -> Institution | None:
    for size in range(min(lex.max_institution_words, hi - lo), 0, -1):
        for a in range(lo, hi - size + 1):
            words = span_text(doc, a, a + size)
            if words[:1].isupper() and (inst := lex.institution(words.removesuffix("'s").removesuffix("’s"))):
                return inst
    return None


def _organization(doc: Doc, lo: int, hi: int, lex: Lexicon) -> RoleInfo:
    """What the organization words [lo, hi) say: text, country, sector, kind."""
    if lo >= hi:
        return RoleInfo(None, None, None, None)
    words = [t for t in doc[lo:hi] if t.lower_ not in ("'s", "’s", "the")]
    only_country = bool(lex.country_of(" ".join(t.text for t in words))) or all(lex.country_of(t.text) for t in words)
    country = country_in(doc, lo, hi, lex)
    if only_country:
        return RoleInfo(None, None, country, None)
    while lo < hi and doc[lo].lower_ == "the":
        lo += 1
    inst = institution_in(doc, lo, hi, lex)
    sector = inst.sector if inst else None
    return RoleInfo(None, span_text(doc, lo, hi), inst.country if inst else country, sector,
                    org_kind=inst.kind if inst else None, org_span=(doc[lo].idx, doc[hi - 1].idx + len(doc[hi - 1])))


def _complement(doc: Doc, lo: int, hi: int, lex: Lexicon) -> tuple[int, RoleInfo]:
    """A trailing "of (the) <country or institution>" in [lo, hi): (where it starts, what it says)."""
    for i in range(hi - 2, lo, -1):
        if doc[i].lower_ == "of":
            start = i + 1 + (doc[i + 1].lower_ == "the")
            whole = span_text(doc, start, hi) if start < hi else ""
            if whole and (lex.country_of(whole) or lex.institution(whole)):
                found = _organization(doc, start, hi, lex)
                if found.organization is None:  # "Minister ... of the Russian Federation": the state, as written
                    found = replace(found, organization=whole)
                return i, found
            break
    return hi, RoleInfo(None, None, None, None)


def _merge(title: str, t: Title, org: RoleInfo, extra: RoleInfo, past: bool) -> RoleInfo:
    organization = org.organization or extra.organization
    org_sector = org.sector or extra.sector
    sector = PERSON_SECTOR_OF_ORG.get(org_sector or "", org_sector) or t.sector
    return RoleInfo(title, organization, org.country or extra.country, sector, plural=t.plural, past=past,
                    org_kind=org.org_kind or extra.org_kind, org_sector=org_sector,
                    org_span=org.org_span or extra.org_span)


def parse_prefix(doc: Doc, lo: int, hi: int, lex: Lexicon) -> RoleInfo | None:
    """The role in pre-modifier tokens [lo, hi) right before a name, or None when there is no title."""
    while hi > lo and doc[hi - 1].is_space:
        hi -= 1
    past = any(t.lower_ in PAST_MODIFIERS for t in doc[lo:hi])
    end, extra = _complement(doc, lo, hi, lex)
    found = title_at(doc, lo, end, lex, ending=True)
    if found is None:
        country = country_in(doc, lo, hi, lex)
        return RoleInfo(None, None, country, None) if country else None
    start, _, title = found
    while start > lo:
        if org_segment_ending(doc, lo, start, lex) is not None:
            break
        if not (doc[start - 1].lower_ in TITLE_MODIFIERS or (is_capital(doc[start - 1]) and doc[start - 1].pos_ in (
                "PROPN", "ADJ", "NOUN"))):
            lo = start
            break
        start -= 1
    org = _organization(doc, lo, start, lex)
    return _merge(_title_text(doc, start, end, title, lex), title, org, extra, past)


def _title_text(doc: Doc, start: int, end: int, title: Title, lex: Lexicon) -> str:
    """The title as written, without "former", and in the singular when a list shares it."""
    words = [t for t in doc[start:end] if t.lower_ not in PAST_MODIFIERS and not t.is_space]
    if not words:
        return span_text(doc, start, end)
    last = words[-1].text
    if title.plural:
        last = next((s for s in (words[-1].lemma_, last[:-1], last[:-2]) if _singular(lex, s)), last)
        last = last[:1].upper() + last[1:] if words[-1].text[:1].isupper() else last
    return " ".join([*(t.text for t in words[:-1]), last])


def _singular(lex: Lexicon, word: str) -> bool:
    title = lex.title(word)
    return title is not None and not title.plural


def prefix_start(doc: Doc, i: int, blocked: set[int], lex: Lexicon) -> int:
    """Where the pre-modifiers of the name starting at token ``i`` begin (``i`` when there are none)."""
    lo = doc[i].sent.start
    j = i
    while j > lo and (j - 1) not in blocked and _premodifier(doc, j - 1, lex, first=(j - 1 == lo)):
        j -= 1
    w = words(doc)  # (``is_capital`` and ``_lower_title`` read from the token columns)
    while j < i and (w.lower[j] in CONNECTORS or w.texts[j] == "-" or affixed(doc, j)
                     or not (w.capital[j] or w.lower[j] in TITLE_MODIFIERS or lex.title(w.texts[j]) is not None)):
        j += 1
    return j


def _lower_title(tok: Token, lex: Lexicon) -> bool:
    return tok.lower_ in TITLE_MODIFIERS or lex.title(tok.text) is not None


def _premodifier(doc: Doc, i: int, lex: Lexicon, *, first: bool) -> bool:
    tok = doc[i]
    if tok.is_space:
        return True
    if tok.is_punct:
        return tight_hyphen(doc, i)
    if tok.lower_ in CONNECTORS:
        return not first
    if _lower_title(tok, lex):
        return True
    if is_capital(tok):
        return not first or tok.pos_ in ("PROPN", "ADJ")
    return False


# -------------------------------------------------------------------------------------------------
# appositions


def appositions(doc: Doc, after: int, lex: Lexicon) -> list[RoleInfo]:
    """Roles in ", <title> (of|at <org>)" segments right after token ``after`` (exclusive end of the name)."""
    roles: list[RoleInfo] = []
    i = after
    sent_end = doc[after - 1].sent.end
    while i < sent_end and doc[i].text == ",":
        j = i + 1
        while j < sent_end and doc[j].text not in _APPOS_STOP:
            j += 1
        role = _appositive(doc, i + 1, j, lex)
        if role is not None:
            roles.append(role)
        elif roles and roles[-1].organization and (desc := _org_descriptor(doc, i + 1, j, lex)):
            roles[-1] = desc(roles[-1])
        else:
            break
        i = j
    return roles


def _appositive(doc: Doc, lo: int, hi: int, lex: Lexicon) -> RoleInfo | None:
    while lo < hi and doc[lo].lower_ in _DETERMINERS:
        lo += 1
    country = None
    while lo < hi and (lex.country_of(doc[lo].text) or doc[lo].lower_ in ("'s", "’s")):
        country = country or lex.country_of(doc[lo].text)
        lo += 1
    found = title_at(doc, lo, hi, lex, ending=False)
    if found is None or any(is_capital(t) and t.pos_ == "PROPN" for t in doc[lo:found[0]]):
        return None
    start, end, title = found
    if _names_follow(doc, end, hi):
        return None  # ", President Donald Trump": the title of the next name, not an apposition
    end = _title_complement_end(doc, end, hi)
    org = _appos_org(doc, end, hi, lex)
    past = any(t.lower_ in PAST_MODIFIERS for t in doc[lo:end])
    merged = _merge(_title_text(doc, start, end, title, lex), title, org, RoleInfo(None, None, country, None), past)
    return merged if merged.organization or merged.country or not title.plural else None


def _names_follow(doc: Doc, end: int, hi: int) -> bool:
    """A name right after the title (past "-elect"): "President-elect Donald Trump"."""
    while end < hi and (tight_hyphen(doc, end) or tight_hyphen(doc, end - 1)):
        end += 1
    return end < hi and is_capital(doc[end]) and doc[end].pos_ == "PROPN"


def _title_complement_end(doc: Doc, end: int, hi: int) -> int:
    """Extend a title over "for security policy" (a preposition and lower-case words)."""
    while end + 1 < hi and doc[end].lower_ in ("for", "on") and not is_capital(doc[end + 1]) \
            and doc[end + 1].lower_ != "the":
        end += 1
        while end < hi and not is_capital(doc[end]) and doc[end].lower_ not in _ORG_PREPS | {"and"}:
            end += 1
    return end


def _appos_org(doc: Doc, lo: int, hi: int, lex: Lexicon) -> RoleInfo:
    if lo >= hi or doc[lo].lower_ not in _ORG_PREPS:
        return RoleInfo(None, None, None, None)
    start = lo + 1 + (lo + 1 < hi and doc[lo + 1].lower_ == "the")
    if start >= hi or not is_capital(doc[start]):
        return RoleInfo(None, None, None, None)
    end = start
    while end < hi and doc[end].lower_ not in ("and", "but", "who", "which", "where"):
        end += 1
    return _organization(doc, start, end, lex)


def _org_descriptor(doc: Doc, lo: int, hi: int, lex: Lexicon) -> Callable[[RoleInfo], RoleInfo] | None:
    """", a German-owned tabloid," after an organization: a function updating that role, or None."""
    words = [t.lower_ for t in doc[lo:hi]]
    if not words or words[0] not in _DETERMINERS:
        return None
    country = country_in(doc, lo, hi, lex) or _owned_country(doc, lo, hi, lex)
    media = any(w in MEDIA_NOUNS for w in words)
    if not (country or media):
        return None

    def update(role: RoleInfo) -> RoleInfo:
        org_sector = "MED" if media else None
        sector = role.sector or PERSON_SECTOR_OF_ORG.get(org_sector or "", org_sector)
        return replace(role, country=role.country or country, sector=sector,
                       org_kind=role.org_kind or ("media" if media else None), org_sector=role.org_sector or org_sector)

    return update


def _owned_country(doc: Doc, lo: int, hi: int, lex: Lexicon) -> str | None:
    """"German-owned", "state-run Russian": a demonym joined to a participle by a hyphen."""
    for i in range(lo, hi - 2):
        if tight_hyphen(doc, i + 1) and doc[i + 2].lower_ in _OWNERSHIP and (code := lex.country_of(doc[i].text)):
            return code
    return None
