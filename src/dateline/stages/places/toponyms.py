"""Finding toponyms: spaCy's GPE/LOC/FAC entities, plus capitalized names the model missed or
mislabelled that the gazetteer knows and the context shows to be places.

Precision comes from the context: a name spaCy did not call a place is taken only when a locative
preposition governs it ("the battlefields of Ilovaisk", "recapture of Sudzha"), a generic word
follows it ("Kursk Oblast"), or it is coordinated with a toponym ("Ilovaisk and Debaltsevo").

Demonyms. A demonym used as an adjective ("Turkish officials", "Japanese cars", "the Syrian-Turkish
border", "Russian-backed", "BBC Russian Service") is recorded as a mention of its country, as
GeoWebNews annotates every adjectival toponym (its "Non_Literal_Modifier" and "Literal_Modifier"
types). It says whose or where from, not where something happened, so its role is ``actor`` and
it is never an event location (the shelling by "Russian forces" did not happen in Russia). A
demonym used as a noun for people ("the Russians", "a Nigerian") or a language ("in English") is
not a place. GeoVirus annotates no adjectival toponyms; `dateline eval places` reports GeoWebNews
both with and without them.

Embedded toponyms. A place named inside an organisation or event name ("Manchester City",
"The Washington Post", "Mississippi State", "EU Aviation Strategy") is recorded
as a mention of that place, its span the place name alone (as GeoWebNews annotates it). Its role
is ``actor``: the name says whom the organisation belongs to or represents, which is the metonymic
use of a place (the contract has no third role, and ``location`` would make the newspaper's city
an event location). Only names the gazetteer gives as a country, a first-level subdivision or a
large city (``is_place``) are taken, and only at the start of the name (after "of", as in
"University of California", GeoWebNews annotates the whole name; taking the place there did not help).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from dateline.records import Actor
from dateline.stages.tokens import pos_tags
from dateline.stages.tokens import words as doc_words


def words(text: str) -> frozenset[str]:
    """A set of the space-separated words of ``text`` (for the word lists below)."""
    return frozenset(text.split())


PLACE_LABELS = ("GPE", "LOC", "FAC")
# Labels spaCy gives to place names it misreads (seen: Debaltsevo PERSON, Khariv ORG, Kursk PRODUCT).
MISREAD_LABELS = ("PERSON", "ORG", "PRODUCT", "WORK_OF_ART", "EVENT", "NORP", "")
# Seats of power: places whose names stand for governments ("the Kremlin said"); taken in any context.
SEATS_OF_POWER = ("kremlin", "white house", "pentagon", "downing street", "elysee", "élysée", "capitol hill",
                  "bankova", "zhongnanhai", "quai d'orsay", "foggy bottom")
LOCATIVE_PREPS = words(
    "in at near from to of outside around into across toward towards through via between within "
    "throughout over off beyond inside onto along")
ADMIN_WORDS = words(
    "oblast oblasts region regions province provinces governorate governorates krai kray raion rayon "
    "district districts county state prefecture")
# Verbs whose object is a place taken, struck or reached ("captured Debalsteve").
TERRITORY_VERBS = words(
    "capture recapture seize take retake liberate enter shell bomb strike attack occupy control besiege "
    "encircle surround hold lose storm reach visit annex invade evacuate abandon defend")
FACILITY_WORDS = words("airport airbase base port harbour harbor bridge dam plant station")
# Nouns for the people who act for a state: a demonym before one ("Turkish officials", "Russian
# forces") is a metonymic mention of the country (role ``actor``); before any other noun ("Japanese
# cars") or alone ("the Russians") it is not recorded as a place.
AGENT_HEADS = words(
    "forces force troops soldiers military army navy officials official government authorities ministry minister "
    "ministers president leader leaders leadership diplomats diplomat envoy envoys ambassador embassy delegation "
    "negotiators administration regime police prosecutors investigators lawmakers legislators parliament "
    "counterpart counterparts spokesman spokeswoman spokesperson officers commanders command intelligence "
    "state media regulators judges court courts warplanes jets drones aircraft ships warships border guards")
DEMONYM = "DEMONYM"  # the label of a demonym surface
EMBEDDED = "EMBEDDED"  # the label of a place named inside an organisation or event name
HOST_LABELS = ("ORG", "EVENT")  # entities whose names may embed a place
# Words that begin organisation names and are also names of some far subdivision ("Central", "Federal").
GENERIC_NAME_WORDS = words(
    "north south east west northern southern eastern western central upper lower new old great greater royal "
    "grand saint st federal union united national international general commonwealth orange no")
# Words after a name that make it a street, building or other feature the default gazetteer lacks.
PART_WORDS = words("""street st road avenue ave boulevard lane drive square park bridge cathedral church chapel
mosque temple castle palace tower center centre hall hospital university college school institute stadium arena
estate farm river lake creek bay beach island islands point valley mountain mountains hill hills county city
township district court prison station airport market mall hotel museum gardens garden village town""")
_CAPITALIZED = re.compile(r"^[A-Z][\w'\u2019-]*$")


@dataclass(frozen=True)
class Surface:
    """One toponym mention: character offsets, its text, how it was found and what surrounds it."""

    start: int
    end: int
    text: str
    label: str            # spaCy's entity label, "" when none, "GOLD" for given spans
    admin_hint: bool      # a generic admin word goes with it ("Kursk Oblast", "the oblast of Kursk")
    facility_hint: bool   # a facility word follows ("Donetsk airport")
    locative: bool        # governed by a locative preposition or coordinated with a toponym
    root: int             # token index of the span's syntactic head
    definite: bool = False  # "the" before it: "the White House", "the Kremlin", "the Donbas"
    heads_name: bool = False  # it begins a longer organisation or event name ("Cambridge" of "Cambridge Analytica")
    street: bool = False  # a street word follows: "Bourbon Street", "State and Hubbard streets"

    @property
    def from_model(self) -> bool:
        return self.label in PLACE_LABELS or self.label == "GOLD"


def person_spans(actors: list[Actor]) -> list[tuple[int, int]]:
    """Mentions of person actors with a multi-word name (a real person, not a misread town)."""
    return [(m.start, m.end) for a in actors if a.kind == "person" and len(a.name.split()) > 1
            for m in a.mentions]


def find_toponyms(doc: Any, actors: list[Actor], is_place: Callable[[str], bool] | None = None,
                  is_demonym: Callable[[str], bool] | None = None,
                  rank: Callable[[str, bool], int] | None = None) -> list[Surface]:
    """Candidate toponyms in ``doc`` (the gazetteer decides later which of the unsure ones stay);
    with ``is_place``, also the places named inside organisation and event names; with ``is_demonym``,
    every demonym used as an adjective (else only those before an agent noun); names that ``rank``
    says are well-known places are taken in any context (see ``_well_known``)."""
    people = person_spans(actors)
    names = person_names(doc)
    texts = doc_words(doc).texts  # the scans below read every token's text; Token objects only where needed
    found: list[Surface] = []
    taken: set[int] = set()
    ents = doc.ents  # (spaCy builds the entity spans on each read)
    for ent in ents:
        if ent.label_ in PLACE_LABELS:
            surface = make_surface(doc, ent.start, ent.end, ent.label_)
            if surface is not None:
                found.append(surface)
                taken.update(range(ent.start, ent.end))
    if is_place is not None:
        for ent in ents:
            embedded = _embedded(doc, ent, is_place)
            if embedded is not None and not _overlaps(embedded, people):
                found.append(embedded)
                taken.update(range(ent.start, ent.end))
    for start, end, label in _name_runs(doc, taken, texts):
        surface = make_surface(doc, start, end, label)
        if surface is not None and _taken(surface, rank, people, names):
            found.append(surface)
    spans = [(f.start, f.end) for f in found]
    found += [d for d in _demonyms(doc, is_demonym, texts)
              if not _overlaps(d, spans) and not _overlaps(d, people)]
    return _coordinated(doc, sorted(found, key=lambda s: s.start), people)


def _embedded(doc: Any, ent: Any, is_place: Callable[[str], bool]) -> Surface | None:
    """The place named at the start of an organisation or event name ("Manchester" of "Manchester
    City"); None when it names no known place."""
    if ent.label_ not in HOST_LABELS or len(ent) < 2 \
            or any(t.lower_ in ADMIN_WORDS or t.lower_ in FACILITY_WORDS for t in ent):
        return None  # "Kherson Oblasts" misread as an organisation is a place name, found as such
    start, end = ent.start, ent.end
    while start < end and doc[start].lower_ in ("the", "a", "an"):
        start += 1
    parts = [(start, start + n) for n in range(min(3, end - start - 1), 0, -1)]
    for a, b in parts:
        tokens = doc[a:b]
        if all(_CAPITALIZED.match(t.text) or (t.text.isupper() and t.is_alpha) for t in tokens) \
                and not (len(tokens) == 1 and (tokens[0].lower_ in GENERIC_NAME_WORDS or tokens[0].is_stop)) \
                and is_place(tokens.text):
            return Surface(tokens.start_char, tokens.end_char, tokens.text, EMBEDDED, False, False, False,
                           tokens.root.i, heads_name=True)
    return None


def _demonyms(doc: Any, is_demonym: Callable[[str], bool] | None, texts: list[str]) -> list[Surface]:
    """Demonyms used as adjectives: before the noun they modify ("Turkish officials", "Greek Revival"),
    joined by a hyphen ("Russian-backed", "Syrian-Turkish") or coordinated with one ("German, Irish and
    other immigrants"); with the word before when both make the demonym ("South African", "Latin
    American"). Without ``is_demonym`` (no gazetteer), only those before an agent noun."""
    out: list[Surface] = []
    taken: set[int] = set()
    pos = pos_tags(doc)[0]
    for i, text in enumerate(texts):
        if not _CAPITALIZED.match(text) or i in taken:
            continue
        if is_demonym is not None and pos[i] not in MODIFIER_POS:
            continue  # (``_modifier_use`` is false: read from the tag column, without building the Token)
        token = doc[i]
        if is_demonym is None:
            if not (token.dep_ in ("amod", "compound") and token.head.lower_ in AGENT_HEADS
                    and token.head.i > token.i and (token.ent_type_ == "NORP" or token.pos_ == "ADJ")):
                continue
        elif not (_modifier_use(doc, token, taken) and is_demonym(text)):
            continue
        start = token.i
        if is_demonym is not None and token.i > 0 and _CAPITALIZED.match(texts[token.i - 1]) \
                and is_demonym(doc[token.i - 1 : token.i + 1].text):
            start = token.i - 1  # "South African", "Latin American"
        span = doc[start : token.i + 1]
        out.append(Surface(span.start_char, span.end_char, span.text, DEMONYM, False, False, False, token.i))
        taken.add(token.i)
    return out


MODIFIER_DEPS = ("amod", "compound", "nmod", "npadvmod", "nummod")
MODIFIER_POS = ("ADJ", "PROPN", "NOUN")


def _modifier_use(doc: Any, token: Any, taken: set[int]) -> bool:
    """The word modifies a later word ("Turkish officials", "Russian-backed") or is coordinated with a
    demonym that does ("German, Irish and other immigrants"); not a noun for people or a language."""
    if token.pos_ not in MODIFIER_POS:
        return False
    if token.dep_ in MODIFIER_DEPS and token.head.i > token.i:
        return True
    nxt = doc[token.i + 1] if token.i + 1 < len(doc) else None
    if nxt is not None and nxt.text == "-" and not nxt.whitespace_ and not token.whitespace_:
        return True  # "Syrian-Turkish border", "Turkish-backed"
    return token.dep_ == "conj" and token.head.i in taken


def _well_known(surface: Surface, rank: Callable[[str, bool], int] | None) -> bool:
    """A name the model missed or mislabelled that the gazetteer knows well by its very name or a
    common alias (``rank``: 3 a country or region, 2 a first-level subdivision, 1 a large city): an
    abbreviation only as a country's or state's alias ("EU", "DPRK", "UAE", not "NATO" or "CEO"), a
    name read as a person only as a country or state ("Tamil Nadu"), a name after "the" only as a
    country or region ("the Centre" of Indian news is no French region), else a large city too
    ("Liverpool" the club, "RALEIGH" of a dateline)."""
    if rank is None:
        return False
    if ABBREVIATION.match(surface.text):
        return rank(surface.text, True) >= 2
    if surface.definite:
        return rank(surface.text, False) >= 3
    return rank(surface.text, False) >= (2 if surface.label == "PERSON" else 1)


def _taken(surface: Surface, rank: Callable[[str, bool], int] | None, people: list[tuple[int, int]],
           names: set[str]) -> bool:
    """Whether a name run the model did not call a place is a toponym candidate: a state the actors
    layer took for a person ("Tamil Nadu said"), or a well-known place or a name in a place-like
    context that is not a person's."""
    if _unit_read_as_person(surface, rank):
        return True
    return (_well_known(surface, rank) or _plausible(surface) and not ABBREVIATION.match(surface.text)) \
        and not _overlaps(surface, people) and surface.text not in names


def _unit_read_as_person(surface: Surface, rank: Callable[[str, bool], int] | None) -> bool:
    """A name of two or more words that spaCy read as a person and that is, by its very name, a country
    or first-level subdivision ("Tamil Nadu", "Sierra Leone"): no person is named exactly like that."""
    return rank is not None and surface.label == "PERSON" and len(surface.text.split()) > 1 \
        and rank(surface.text, False) >= 2


# An upper-case abbreviation ("EU", "U.S.", "T&T", "DPRK").
ABBREVIATION = re.compile(r"^[A-Z](?:[A-Z&]|\.(?=[A-Z])){1,4}\.?$")


def _plausible(surface: Surface) -> bool:
    """A name spaCy did not call a place is a toponym candidate only in a place-like context;
    a NORP name ("Belgorod" of "Belgorod region") only with a generic word after it."""
    if surface.text.lower() in SEATS_OF_POWER:
        return True
    if surface.label == "NORP":
        return surface.admin_hint or surface.facility_hint
    return surface.locative


def person_names(doc: Any) -> set[str]:
    """Every word of the multi-word PERSON entities ("Putin" once "Vladimir Putin" was seen)."""
    return {t.text for ent in doc.ents if ent.label_ == "PERSON" and len(ent) > 1 for t in ent}


def _name_runs(doc: Any, taken: set[int], texts: list[str]) -> list[tuple[int, int, str]]:
    """Runs of capitalized proper-noun tokens outside the place entities (at most three tokens);
    a run inside another entity must be that whole entity ("Novosti" of "RIA Novosti" is not one)."""
    n = len(texts)
    word = [i not in taken and (_is_caps_word(text) or _may_be_name(text) and _is_name_token(doc[i], text))
            for i, text in enumerate(texts)]
    runs, i = [], 0
    while i < n:
        j = i
        while j < n and j - i < 3 and word[j]:
            j += 1
        if j > i:
            ent_type = doc[i].ent_type_
            label = ent_type if ent_type in MISREAD_LABELS else "-"
            if label != "-" and _whole_entity(doc, i, j):
                runs.append((i, j, label))
            i = j
        else:
            i += 1
    return runs


def _whole_entity(doc: Any, start: int, end: int) -> bool:
    ents = {(t.ent_iob_, t.ent_type_) for t in doc[start:end]}
    if ents == {("O", "")}:
        return True
    first_ok = doc[start].ent_iob_ == "B" or (start > 0 and doc[start - 1].ent_iob_ == "B"
                                               and doc[start - 1].lower_ == "the")
    last_ok = end == len(doc) or doc[end].ent_iob_ != "I"
    return first_ok and last_ok


def _is_caps_word(text: str) -> bool:
    """An upper-case word: an abbreviation ("EU", "DPRK") or a dateline ("RALEIGH"); only names the
    gazetteer knows well are kept from these (see ``_well_known``)."""
    return bool(text.isupper() and len(text) > 1 and text.replace("&", "").isalpha())


def _may_be_name(text: str) -> bool:
    """The text test of :func:`_is_name_token`: a capitalized word, not all in capitals."""
    return bool(_CAPITALIZED.match(text)) and not (text.isupper() and len(text) > 1)


def _is_name_token(token: Any, text: str | None = None) -> bool:
    text = token.text if text is None else text
    if not _may_be_name(text):
        return False
    if token.is_sent_start and token.pos_ != "PROPN":
        return False
    return bool(token.pos_ in ("PROPN", "NOUN", "ADJ", "VERB") and not token.is_stop)


def make_surface(doc: Any, start: int, end: int, label: str) -> Surface | None:
    """The mention for tokens ``start:end``, trimmed of "the" and "'s", with its context flags."""
    w = doc_words(doc)  # texts and lower forms from the per-doc arrays: no Token objects in the scans
    lower, texts = w.lower, w.texts
    while start < end and lower[start] in ("the", "a", "an"):
        start += 1
    definite = start > 0 and lower[start - 1] == "the"
    while end > start and texts[end - 1] in ("'s", "\u2019s", "'", "\u2019"):
        end -= 1
    if start >= end or not any(c.isalpha() for c in w.span(start, end)):
        return None
    nxt = lower[end] if end < len(lower) else ""
    admin_hint = nxt in ADMIN_WORDS or any(t in ADMIN_WORDS for t in lower[start + 1 : end]) \
        or _admin_before(lower, start)
    if nxt in ADMIN_WORDS and texts[end][:1].isupper():
        end += 1  # "Kursk Oblast" whole
    facility_hint = nxt in FACILITY_WORDS or any(t in FACILITY_WORDS for t in lower[start:end])
    if nxt in FACILITY_WORDS:  # (no word is both an admin and a facility word: ``end`` stays within the doc)
        end += 1  # "Donetsk airport"
    span = doc[start:end]
    return Surface(w.starts[start], w.ends[end - 1], w.span(start, end), label, admin_hint, facility_hint,
                   _locative(doc, span), span.root.i, definite, _heads_name(doc, start, end),
                   _street(lower, texts, end))


STREET_WORDS = words("street streets avenue avenues road roads boulevard boulevards lane lanes intersection corner")


def _street(lower: list[str], texts: list[str], end: int) -> bool:
    """Whether the name before token ``end`` is a street's: a street word follows it, directly ("Bourbon
    street") or after another name ("Bourbon and Dauphine streets", "Grand and State avenues");
    ``lower`` and ``texts`` are the document's token forms (:class:`~dateline.stages.tokens.Words`)."""
    nxt = lower[end : end + 4]
    if nxt[:1] and nxt[0] in STREET_WORDS:
        return True
    return len(nxt) >= 3 and nxt[0] in ("and", "&", "/") and texts[end + 1][:1].isupper() \
        and nxt[2] in STREET_WORDS


def _heads_name(doc: Any, start: int, end: int) -> bool:
    """Whether tokens ``start:end`` begin a longer proper name that is not a place's: a capitalized
    word follows that spaCy does not take for a place, in the same sentence ("Cambridge" of "Cambridge
    Analytica", "Venice" of "the Venice Commission", "Manchester United")."""
    if end >= len(doc):
        return False
    nxt = doc[end]
    if nxt.is_sent_start:
        return False
    return nxt.is_alpha and nxt.text[:1].isupper() and not nxt.is_stop and nxt.ent_type_ not in PLACE_LABELS \
        and nxt.lower_ not in PART_WORDS


def _admin_before(lower: list[str], start: int) -> bool:
    """"the border oblast, or region, of Kursk": an admin word shortly before "of X" (``lower``: the
    document's lower-cased tokens)."""
    if start == 0 or lower[start - 1] != "of":
        return False
    return any(t in ADMIN_WORDS for t in lower[max(0, start - 7) : start - 1])


def _locative(doc: Any, span: Any) -> bool:
    root = span.root
    if root.dep_ == "pobj" and root.head.lower_ in LOCATIVE_PREPS:
        return True
    if root.dep_ == "dobj" and root.head.lemma_ in TERRITORY_VERBS:
        return True
    lower = doc_words(doc).lower
    before = lower[span.start - 1] if span.start > 0 else ""
    if before in LOCATIVE_PREPS:
        return True
    after = lower[span.end] if span.end < len(lower) else ""
    return after in ADMIN_WORDS or after in FACILITY_WORDS


def _overlaps(surface: Surface, spans: list[tuple[int, int]]) -> bool:
    return any(s < surface.end and surface.start < e for s, e in spans)


def _coordinated(doc: Any, found: list[Surface], people: list[tuple[int, int]]) -> list[Surface]:
    """Add names coordinated with a found toponym ("Ilovaisk and Debaltsevo", "from Khariv to Kherson")."""
    starts = {s.start for s in found}
    extra = []
    for surface in found:
        head = doc[surface.root]
        for token in (*head.conjuncts, *_to_partner(doc, head)):
            if token.idx in starts or not _is_name_token(token):
                continue
            cand = make_surface(doc, token.left_edge.i if token.left_edge.i >= head.i else token.i, token.i + 1,
                                token.ent_type_)
            if cand is not None and not _overlaps(cand, people) and cand.label not in PLACE_LABELS:
                extra.append(Surface(cand.start, cand.end, cand.text, cand.label,
                                     cand.admin_hint or surface.admin_hint, cand.facility_hint, True, cand.root,
                                     cand.definite))
                starts.add(cand.start)
    return sorted([*found, *extra], key=lambda s: s.start)


def _to_partner(doc: Any, head: Any) -> list[Any]:
    """In "from the X to Y", the X that goes with Y (and Y with X)."""
    i = head.i
    out = []
    if i >= 2 and doc[i - 1].lower_ == "to":
        j = i - 2
        out.append(doc[j])
    if i + 2 < len(doc) and doc[i + 1].lower_ == "to":
        out.append(doc[i + 2])
    return out
