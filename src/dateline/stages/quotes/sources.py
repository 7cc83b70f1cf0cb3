"""Who spoke, through what and when: speaker to actor, anonymity, channel, relaying outlets, said_on.

Speakers resolve through the actors layer: the actor whose mention covers the speaker's head
word; a pronoun or "the outlet"/"the statement"/"his office" takes the latest compatible mention
before it (mentions inside quoted words do not count).  Without an actors layer the named
entities of the parse stand in, with no actor id.
"""

from __future__ import annotations

from dataclasses import dataclass

from dateline.records import ArticleRecord, Channel, ChannelKind, TimeValue
from dateline.stages.quotes.frames import Doc, Frame, Token, subtree_span
from dateline.stages.quotes.lexicon import Lexicon
from dateline.stages.quotes.marks import Region, word_count
from dateline.stages.tokens import subtree_tokens

_PRONOUN_KINDS = {
    "he": ("person",), "she": ("person",), "him": ("person",), "her": ("person",), "his": ("person",),
    "they": ("organization", "state", "group", "armed_group", "media", "person"),
    "it": ("organization", "state", "media", "armed_group"), "its": ("organization", "state", "media"),
}
_BODY_NOUNS = frozenset(("statement", "office", "ministry", "spokesman", "spokeswoman", "spokesperson",
                         "department", "government", "embassy", "administration", "campaign", "team"))
_ENT_KINDS = {"PERSON": "person", "ORG": "organization", "GPE": "state", "NORP": "group"}
_FRAME_DEPS = frozenset(("prep", "dative", "dobj", "npadvmod", "agent", "advmod", "prt", "obl", "advcl"))


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    actor_id: str | None
    kind: str
    name: str


@dataclass(frozen=True)
class Resolved:
    actor_id: str | None
    name: str | None


def mentions_of(record: ArticleRecord, doc: Doc, lex: Lexicon) -> list[Mention]:
    """Actor mentions in text order; the parse's named entities when there is no actors layer."""
    if record.actors:
        found = [Mention(s.start, s.end, a.id, a.kind, a.name) for a in record.actors for s in a.mentions]
    else:
        found = [Mention(e.start_char, e.end_char, None, _ent_kind(e.label_, e.text, lex), e.text)
                 for e in doc.ents if e.label_ in _ENT_KINDS]
    return sorted(found, key=lambda m: (m.start, m.end))


def _ent_kind(label: str, text: str, lex: Lexicon) -> str:
    if label == "ORG" and lex.is_media_name(text):
        return "media"
    return _ENT_KINDS[label]


def _inside_quote(offset: int, regions: list[Region]) -> bool:
    return any(r.contains(offset) for r in regions)


def latest_before(mentions: list[Mention], offset: int, kinds: tuple[str, ...],
                  regions: list[Region]) -> Mention | None:
    for mention in reversed(mentions):
        if mention.end <= offset and mention.kind in kinds and not _inside_quote(mention.start, regions):
            return mention
    return None


def resolve_speaker(head: Token, span: tuple[int, int], mentions: list[Mention], regions: list[Region],
                    lex: Lexicon) -> Resolved:
    """The actor the speaker's words stand for."""
    if head.tag_ in ("WP", "WDT") and head.head.dep_ == "relcl":
        head = head.head.head  # 'who' in "Smith, who said ..." stands for Smith
        span = (head.idx, head.idx + len(head.text))
    covering = [m for m in mentions if m.start <= head.idx < m.end]
    if not covering and head.lemma_.lower() not in lex.anonymous_heads:
        covering = [m for m in mentions if span[0] <= m.start and m.end <= span[1] and m.kind != "state"]
    if covering:
        return Resolved(covering[-1].actor_id, covering[-1].name)
    kinds = _anaphor_kinds(head, lex)
    if kinds is None:
        return Resolved(None, None)
    found = latest_before(mentions, span[0], kinds, regions)
    return Resolved(found.actor_id, found.name) if found else Resolved(None, None)


def _anaphor_kinds(head: Token, lex: Lexicon) -> tuple[str, ...] | None:
    lower = head.lower_
    if lower in _PRONOUN_KINDS and head.pos_ == "PRON":
        return _PRONOUN_KINDS[lower]
    if head.lemma_ in lex.media_anaphors and _definite(head):
        return ("media",)
    if head.lemma_ in _BODY_NOUNS and _definite(head):
        owner = next((c for c in head.children if c.dep_ == "poss"), None)
        if owner is not None and owner.lower_ in _PRONOUN_KINDS:
            return _PRONOUN_KINDS[owner.lower_]
        return ("organization", "state", "person")
    return None


def _definite(head: Token) -> bool:
    return any(c.dep_ in ("det", "poss") and c.lower_ in ("the", "this", "that", "his", "her", "its", "their")
               for c in head.children)


def describe(text: str, span: tuple[int, int], regions: list[Region]) -> str:
    """The source's words, with a quoted modifier right after them ("a person “close to the Kremlin”")."""
    end = span[1]
    for region in regions:
        if 0 <= region.mark_start - end <= 1 and word_count(text[region.start : region.end]) <= 6:
            return f"{text[span[0] : end]} {text[region.start : region.end].strip(' ,.')}"
    return text[span[0] : end]


def is_anonymous(head: Token, span: tuple[int, int], mentions: list[Mention], lex: Lexicon) -> bool:
    """ "officials said", "an unnamed person close to the Kremlin": a source with no name."""
    if head.pos_ != "NOUN" or head.lemma_.lower() not in lex.anonymous_heads:
        return False
    return not any(m.kind == "person" and span[0] <= m.start < span[1] for m in mentions)


def frame_tokens(doc: Doc, frame: Frame, regions: list[Region]) -> list[Token]:
    """The cue with its adjuncts (not the content, nothing quoted): where channel, relay and time are named."""
    cue = doc[frame.cue_token]
    lo, hi = frame.content
    tokens = [cue]
    for child in cue.children:
        if child.dep_ in _FRAME_DEPS and not lo <= child.idx < hi:
            tokens.extend(t for t in subtree_tokens(child)
                          if not lo <= t.idx < hi and not _inside_quote(t.idx, regions))
    if cue.dep_ in ("advcl", "conj", "xcomp") and cue.head.i != cue.i:
        tokens.extend(c for c in cue.head.children if c.dep_ == "agent")
    return sorted(set(tokens), key=lambda t: t.i)


def find_channel(doc: Doc, text: str, frame: Frame, tokens: list[Token], lex: Lexicon) -> Channel | None:
    """Channel kind and name from the cue's adjuncts ("on X", "told reporters", "in a statement")."""
    found: dict[str, str | None] = {}
    if frame.cue_lemma in lex.cue_channels:
        kind, name = lex.cue_channels[frame.cue_lemma]
        found[kind] = name
    phrase = " ".join(t.text for t in tokens)
    match = lex.platform_pattern.search(phrase)
    if match:
        kind, name = lex.platforms[match.group(1)]
        found[kind] = name
    lowered = f" {' '.join(t.lower_ for t in tokens)} "
    if frame.speaker_head is not None:
        lowered += f" {doc[frame.speaker_head].lower_} "
    for word, kind in lex.channel_words.items():
        if f" {word} " in lowered and kind not in found:
            found[kind] = _channel_name(text, tokens, word) if kind == "broadcast" else None
    if frame.cue_lemma == "tell" and any(_is_outlet(t, lex) for t in tokens if t.dep_ in ("dobj", "dative")):
        found.setdefault("interview", None)
    for best in lex.channel_priority:
        if best in found:
            return Channel(_as_kind(best), found[best])
    return None


def _as_kind(kind: str) -> ChannelKind:
    return kind  # type: ignore[return-value]


def _channel_name(text: str, tokens: list[Token], word: str) -> str | None:
    """ "on a Russia Today webcast" -> "Russia Today webcast": the capitalized words before it."""
    noun = next((t for t in tokens if t.lower_ == word), None)
    if noun is None:
        return None
    first = noun
    while first.i > 0 and first.nbor(-1).is_title and first.nbor(-1).pos_ in ("PROPN", "NOUN"):
        first = first.nbor(-1)
    if first.i == noun.i:
        return None
    return text[first.idx : noun.idx + len(noun.text)]


def _is_outlet(token: Token, lex: Lexicon) -> bool:
    return token.lemma_ in lex.media_anaphors or (token.pos_ == "PROPN" and lex.is_media_name(token.text))


def find_via(doc: Doc, text: str, frame: Frame, tokens: list[Token], mentions: list[Mention],
             regions: list[Region], lex: Lexicon) -> list[str]:
    """Outlets that relayed the words: "according to RIA Novosti", "told the outlet", "quoted by TASS"."""
    via: list[str] = []
    if frame.relay is not None:
        relay = doc[frame.relay]
        covering = next((m for m in mentions if m.start <= relay.idx < m.end), None)
        via.append(covering.name if covering else text[slice(*subtree_span(relay))])
    for token in tokens:
        target = _relay_object(doc, token)
        if target is None:
            continue
        name = _outlet_name(text, target, mentions, regions, lex)
        if name and name not in via:
            via.append(name)
    return via


def _relay_object(doc: Doc, token: Token) -> Token | None:
    if token.lower_ == "according" and token.i + 1 < len(doc):
        return next((c for c in doc[token.i + 1].children if c.dep_ == "pobj"), None)
    if token.dep_ in ("dative", "dobj") and token.head.lemma_ == "tell":
        return token
    if token.dep_ == "pobj" and token.head.dep_ == "agent":
        return token
    if token.dep_ == "pobj" and token.head.lower_ == "with" and token.head.head.lemma_ == "interview":
        return token
    return None


def _outlet_name(text: str, target: Token, mentions: list[Mention], regions: list[Region],
                 lex: Lexicon) -> str | None:
    if target.lemma_ in lex.media_anaphors and target.pos_ == "NOUN":
        found = latest_before(mentions, target.idx, ("media",), regions)
        return found.name if found else None
    covering = next((m for m in mentions if m.start <= target.idx < m.end), None)
    if covering is not None and (covering.kind == "media" or lex.is_media_name(covering.name)):
        return covering.name
    start, end = subtree_span(target)
    name = text[start:end]
    if target.pos_ == "PROPN" and lex.is_media_name(name):
        return " ".join(t.text for t in target.subtree if t.pos_ == "PROPN")
    return None


def find_said_on(record: ArticleRecord, frame: Frame, tokens: list[Token], use_times: bool) -> TimeValue | None:
    """The time attached to the attribution; the publication date (anchor dct) when none is."""
    if not use_times:
        return None
    zone = [(t.idx, t.idx + len(t.text)) for t in tokens]
    if frame.speaker is not None:
        zone.append((min(frame.speaker[0], frame.cue[0]), max(frame.speaker[1], frame.cue[1])))
    best = None
    for time in record.times:
        if time.span is None or frame.content[0] <= time.span.start < frame.content[1]:
            continue
        if any(lo <= time.span.start < hi for lo, hi in zone):
            distance = abs(time.span.start - frame.cue[0])
            if best is None or distance < best[0]:
                best = (distance, time.as_value())
    if best is not None:
        return best[1]
    return _publication_date(record)


def _publication_date(record: ArticleRecord) -> TimeValue | None:
    published = record.article.published_at
    if not published or len(published) < 10:
        return None
    return TimeValue(published[:10], "DATE", "day", None, "dct")
