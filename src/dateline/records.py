"""The record contract (RECORDS.md v1) as frozen dataclasses, with JSON in and out and a JSON Schema.

No I/O here.  Every record that comes from text carries its evidence as character offsets into
``Article.text``.  Absent values are ``None`` (``null`` in JSON), never omitted.

Stable ids come from content (:func:`stable_id`): the same input gives the same id on every run and
every machine.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import json
import types
import unicodedata
from dataclasses import dataclass, field
from typing import Any, Literal, TypeVar, Union, get_args, get_origin, get_type_hints

SCHEMA_VERSION = "1"

TimeType = Literal["DATE", "TIME", "DURATION", "SET"]
Granularity = Literal["day", "week", "month", "quarter", "year", "decade", "time"]
Anchor = Literal["dct", "speech", "explicit", "event"]
ActorKind = Literal["person", "organization", "state", "armed_group", "media", "group", "unknown"]
QuoteKind = Literal["direct", "indirect", "mixed"]
ChannelKind = Literal[
    "press_remarks", "interview", "social_media", "statement", "broadcast", "publication", "testimony", "unknown"
]
Feature = Literal["country", "adm1", "adm2", "city", "town", "village", "region", "facility", "water", "other"]
PlaceRole = Literal["location", "actor"]
EventType = Literal[
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
    "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
]
ProposalKind = Literal[
    "ceasefire", "peace_agreement", "aid", "sanctions", "trade", "territory", "security_guarantee", "other"
]
Position = Literal["support", "oppose", "conditional", "noncommittal"]


def normalize_key(text: str) -> str:
    """Lower-case, accent-free, whitespace-collapsed form used for ids and matching."""
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(stripped.casefold().replace("\u2019", "'").split())


def stable_id(prefix: str, *parts: object) -> str:
    """``prefix:`` + the first 16 hex digits of sha256 over the normalized parts."""
    joined = "\x1f".join(normalize_key(str(p)) for p in parts)
    return f"{prefix}:{hashlib.sha256(joined.encode('utf-8')).hexdigest()[:16]}"


# ---------------------------------------------------------------------------------------------
# Shared shapes


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    text: str

    @classmethod
    def of(cls, text: str, start: int, end: int) -> Span:
        """The span ``text[start:end]``; raises ValueError for offsets outside the text."""
        if not 0 <= start <= end <= len(text):
            raise ValueError(f"span {start}:{end} outside a text of length {len(text)}")
        return cls(start, end, text[start:end])

    def valid_in(self, text: str) -> bool:
        return 0 <= self.start <= self.end <= len(text) and text[self.start : self.end] == self.text


@dataclass(frozen=True)
class TimeValue:
    value: str
    type: TimeType
    granularity: Granularity | None
    span: Span | None
    anchor: Anchor


# ---------------------------------------------------------------------------------------------
# article


@dataclass(frozen=True)
class Article:
    id: str
    url: str | None
    title: str | None
    subtitle: str | None
    publisher: str | None
    authors: list[str]
    language: str | None
    published_at: str | None
    updated_at: str | None
    published_tz_known: bool
    text: str
    text_sha256: str
    pipeline_version: str
    source_path: str | None = None

    @staticmethod
    def make_id(text: str, title: str | None, url: str | None) -> str:
        return stable_id("art", url or "", title or "", text)


# ---------------------------------------------------------------------------------------------
# actors


@dataclass(frozen=True)
class Role:
    title: str | None
    organization: str | None
    as_of: TimeValue | None


@dataclass(frozen=True)
class Actor:
    id: str
    name: str
    kind: ActorKind
    country: str | None
    sector: str | None
    roles: list[Role]
    aliases: list[str]
    mentions: list[Span]
    confidence: float


# ---------------------------------------------------------------------------------------------
# quotes


@dataclass(frozen=True)
class Speaker:
    actor_id: str | None
    text: str
    span: Span | None


@dataclass(frozen=True)
class Cue:
    text: str
    lemma: str
    span: Span


@dataclass(frozen=True)
class Channel:
    kind: ChannelKind
    name: str | None


@dataclass(frozen=True)
class Quote:
    id: str
    kind: QuoteKind
    text: str
    span: Span
    speaker: Speaker | None
    anonymous: bool
    source_description: str | None
    cue: Cue | None
    channel: Channel | None
    via: list[str]
    said_on: TimeValue | None
    about: list[str]
    confidence: float


# ---------------------------------------------------------------------------------------------
# times


@dataclass(frozen=True)
class TimeExpr:
    id: str
    value: str
    type: TimeType
    granularity: Granularity | None
    span: Span | None
    anchor: Anchor
    confidence: float

    def as_value(self) -> TimeValue:
        return TimeValue(self.value, self.type, self.granularity, self.span, self.anchor)


# ---------------------------------------------------------------------------------------------
# places


@dataclass(frozen=True)
class PlaceMention:
    span: Span
    role: PlaceRole


@dataclass(frozen=True)
class Place:
    id: str
    name: str
    feature: Feature
    country: str | None
    admin1: str | None
    lat: float | None
    lon: float | None
    precision: int
    mentions: list[PlaceMention]
    confidence: float


# ---------------------------------------------------------------------------------------------
# events, proposals, stances


@dataclass(frozen=True)
class Acled:
    event_type: str
    sub_event_type: str | None


@dataclass(frozen=True)
class Fatalities:
    min: int
    max: int


@dataclass(frozen=True)
class Event:
    id: str
    type: EventType
    mode: str | None
    contexts: list[str]
    cameo: str | None
    acled: Acled | None
    source: list[str]
    target: list[str]
    place_id: str | None
    when: TimeValue | None
    evidence: Span
    reported_in: str | None
    proposal_id: str | None
    fatalities: Fatalities | None
    confidence: float


@dataclass(frozen=True)
class Proposal:
    id: str
    label: str
    kind: ProposalKind
    proposed_by: list[str]
    terms: list[str]
    mentions: list[Span]
    confidence: float


@dataclass(frozen=True)
class Stance:
    actor_id: str
    proposal_id: str
    position: Position
    conditions: list[str]
    as_of: TimeValue | None
    evidence: list[str | Span]
    confidence: float

    @property
    def id(self) -> str:
        return stable_id("stance", self.actor_id, self.proposal_id, self.position)


# ---------------------------------------------------------------------------------------------
# one article's whole record


@dataclass(frozen=True)
class ArticleRecord:
    """What ``dateline extract`` prints per article: the article and every layer."""

    article: Article
    actors: list[Actor] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    times: list[TimeExpr] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    proposals: list[Proposal] = field(default_factory=list)
    stances: list[Stance] = field(default_factory=list)
    schema_version: str = SCHEMA_VERSION

    def actor(self, actor_id: str) -> Actor | None:
        return next((a for a in self.actors if a.id == actor_id), None)


# ---------------------------------------------------------------------------------------------
# JSON in and out


def to_json(obj: Any) -> Any:
    """A record (or list of records) as plain JSON data: every field present, ``None`` for absent."""
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return {f.name: to_json(getattr(obj, f.name)) for f in dataclasses.fields(obj)}
    if isinstance(obj, list | tuple):
        return [to_json(x) for x in obj]
    return obj


def dumps(obj: Any, indent: int | None = None) -> str:
    return json.dumps(to_json(obj), ensure_ascii=False, indent=indent, sort_keys=False)


T = TypeVar("T")


def from_json(cls: type[T], data: Any) -> T:
    """Rebuild a record of type ``cls`` from :func:`to_json` output; raises ValueError on bad data."""
    return _decode(cls, data, cls.__name__)  # type: ignore[no-any-return]


def _decode(tp: Any, data: Any, where: str) -> Any:
    origin = get_origin(tp)
    if origin in (Union, types.UnionType):
        return _decode_union(tp, data, where)
    if origin is Literal:
        if data not in get_args(tp):
            raise ValueError(f"{where}: {data!r} is not one of {get_args(tp)}")
        return data
    if origin is list:
        if not isinstance(data, list):
            raise ValueError(f"{where}: expected a list, got {type(data).__name__}")
        (item,) = get_args(tp)
        return [_decode(item, x, f"{where}[{i}]") for i, x in enumerate(data)]
    if dataclasses.is_dataclass(tp):
        return _decode_dataclass(tp, data, where)
    return _decode_scalar(tp, data, where)


def _decode_union(tp: Any, data: Any, where: str) -> Any:
    options = get_args(tp)
    if data is None:
        if type(None) in options:
            return None
        raise ValueError(f"{where}: null is not allowed")
    errors = []
    for option in (o for o in options if o is not type(None)):
        try:
            return _decode(option, data, where)
        except ValueError as exc:
            errors.append(str(exc))
    raise ValueError("; ".join(errors))


def _decode_dataclass(tp: Any, data: Any, where: str) -> Any:
    if not isinstance(data, dict):
        raise ValueError(f"{where}: expected an object, got {type(data).__name__}")
    hints = _hints(tp)
    kwargs = {}
    for f in dataclasses.fields(tp):
        if f.name in data:
            kwargs[f.name] = _decode(hints[f.name], data[f.name], f"{where}.{f.name}")
        elif f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING:
            raise ValueError(f"{where}: missing field {f.name!r}")
    return tp(**kwargs)


@functools.cache
def _hints(tp: Any) -> dict[str, Any]:
    return get_type_hints(tp)


def _decode_scalar(tp: Any, data: Any, where: str) -> Any:
    if tp is float and isinstance(data, int | float) and not isinstance(data, bool):
        return float(data)
    if tp in (str, int, bool) and type(data) is tp:
        return data
    raise ValueError(f"{where}: expected {getattr(tp, '__name__', tp)}, got {data!r}")


# ---------------------------------------------------------------------------------------------
# JSON Schema


def json_schema() -> dict[str, Any]:
    """JSON Schema (draft 2020-12) of :class:`ArticleRecord`, generated from the dataclasses."""
    defs: dict[str, Any] = {}
    _schema_for(ArticleRecord, defs)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"https://dateline.invalid/schema/v{SCHEMA_VERSION}/article-record.json",
        "title": "dateline article record",
        **defs[ArticleRecord.__name__],
        "$defs": {k: v for k, v in defs.items() if k != ArticleRecord.__name__},
    }


def _schema_for(tp: Any, defs: dict[str, Any]) -> dict[str, Any]:
    origin = get_origin(tp)
    if origin in (Union, types.UnionType):
        return {"anyOf": [_schema_for(o, defs) for o in get_args(tp)]}
    if origin is Literal:
        return {"enum": list(get_args(tp))}
    if origin is list:
        return {"type": "array", "items": _schema_for(get_args(tp)[0], defs)}
    if dataclasses.is_dataclass(tp):
        name = tp.__name__  # type: ignore[union-attr]
        if name not in defs:
            defs[name] = {}  # placeholder against recursion
            hints = get_type_hints(tp)
            props = {f.name: _schema_for(hints[f.name], defs) for f in dataclasses.fields(tp)}
            defs[name] = {"type": "object", "properties": props, "required": list(props),
                          "additionalProperties": False}
        return {"$ref": f"#/$defs/{name}"}
    simple = {str: "string", int: "integer", float: "number", bool: "boolean", type(None): "null"}
    return {"type": simple[tp]}
