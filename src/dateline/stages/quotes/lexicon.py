"""The cue-verb and channel lexicons of the quotes stage (knowledge/data/quotes_*.toml), loaded once."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from dateline.errors import DataMissing
from dateline.records import ChannelKind

CUE_FILE = "quotes_cues.toml"
CHANNEL_FILE = "quotes_channels.toml"
_KINDS = frozenset(("press_remarks", "interview", "social_media", "statement", "broadcast", "publication",
                    "testimony", "unknown"))


@dataclass(frozen=True)
class Lexicon:
    speech: frozenset[str]
    speech_confidence: float
    frames: dict[str, dict[str, float]]
    paths: dict[str, float]
    rerank: dict[str, float]
    anonymous_heads: frozenset[str]
    platforms: dict[str, tuple[ChannelKind, str]]
    channel_words: dict[str, ChannelKind]
    channel_priority: tuple[str, ...]
    cue_channels: dict[str, tuple[ChannelKind, str | None]]
    media_words: frozenset[str]
    media_anaphors: frozenset[str]
    platform_pattern: re.Pattern[str]

    def complements(self, lemma: str, noun: bool = False, adjective: bool = False) -> dict[str, float]:
        """{complement kind: precision} of a cue lemma ({} when it is no cue)."""
        return self.frames.get(f"{lemma}/n" if noun else f"{lemma}/a" if adjective else lemma, {})

    def is_media_name(self, name: str) -> bool:
        words = {w.strip(".,'’").casefold() for w in name.split()}
        return bool(words & self.media_words)


def _read(name: str) -> dict[str, Any]:
    try:
        raw = resources.files("dateline").joinpath("knowledge", "data", name).read_text(encoding="utf-8")
    except OSError as exc:
        raise DataMissing(f"lexicon {name} is missing from the package", path=name) from exc
    return tomllib.loads(raw)


def _kind(value: str) -> ChannelKind:
    if value not in _KINDS:
        raise DataMissing(f"unknown channel kind {value!r} in {CHANNEL_FILE}", path=CHANNEL_FILE,
                          hint="use a channel kind of RECORDS.md")
    return value  # type: ignore[return-value]


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    """Both lexicons, parsed and checked once per process."""
    cues = _read(CUE_FILE)
    chans = _read(CHANNEL_FILE)
    platforms = {name: (_kind(v[0]), v[1]) for name, v in chans["platforms"].items()}
    alternation = "|".join(re.escape(n) for n in sorted(platforms, key=len, reverse=True))
    return Lexicon(
        speech=frozenset(cues["speech"]["lemmas"]),
        speech_confidence=float(cues["speech"]["confidence"]),
        frames={lemma: {k: float(v) for k, v in kinds.items()} for lemma, kinds in cues["frames"].items()},
        paths={key: float(v) for key, v in cues.get("paths", {}).items()},
        rerank={name: float(v) for name, v in cues.get("rerank", {}).items()},
        anonymous_heads=frozenset(cues["anonymous"]["heads"]),
        platforms=platforms,
        channel_words={w: _kind(k) for w, k in chans["words"].items()},
        channel_priority=tuple(chans["priority"]),
        cue_channels={lemma: (_kind(v[0]), v[1] or None) for lemma, v in chans["cue_lemmas"].items()},
        media_words=frozenset(chans["media"]["words"]),
        media_anaphors=frozenset(chans["media"]["anaphors"]),
        platform_pattern=re.compile(rf"\b(?:on|via|to|in a post on)\s+({alternation})\b"),
    )
