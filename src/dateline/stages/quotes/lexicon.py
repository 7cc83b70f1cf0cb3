"""The cue-verb and channel lexicons of the quotes stage (knowledge/data/quotes_*.toml), loaded once."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any, get_args

from dateline.errors import DataMissing
from dateline.records import ChannelKind

CUE_FILE = "quotes_cues.toml"
CHANNEL_FILE = "quotes_channels.toml"
_KINDS = frozenset(get_args(ChannelKind))


CUE_VERB, CUE_NOUN, CUE_ADJ, PATH_HEAD = 1, 2, 4, 8


def _path_lemmas(paths: dict[str, float]) -> frozenset[str]:
    """Every lemma a pattern's head key ("take", "lay_out", "claim/n") can start with: the key without its
    part-of-speech suffix, and each part before an underscore (the lemma when the rest is a particle)."""
    out: set[str] = set()
    for key in paths:
        head = key.split(">", 1)[0]
        for base in {head, head[:-2] if head.endswith(("/n", "/a")) else head}:
            out.add(base)
            out.update(base[:j] for j, char in enumerate(base) if char == "_")
    return frozenset(out)


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
    # derived: the lemmas that can head a path pattern, and each lemma's cue flags by its spaCy hash
    _path_lemmas: frozenset[str] = field(init=False, repr=False, compare=False)
    _flags: dict[int, int] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_path_lemmas", _path_lemmas(self.paths))
        object.__setattr__(self, "_flags", {})

    def lemma_flags(self, lemma_hash: int, strings: Any) -> int:
        """What a word with this lemma (its hash in ``strings``, a spaCy StringStore) can head: a verb cue
        (CUE_VERB: a speech verb or a verb with complements), a noun or adjective cue, a path pattern.
        Remembered per hash, so an article's words are each checked with one dict lookup."""
        flags = self._flags.get(lemma_hash)
        if flags is None:
            lemma: str = strings[lemma_hash]
            lower = lemma.lower()
            flags = ((CUE_VERB if lemma in self.speech or self.frames.get(lemma) else 0)
                     | (CUE_NOUN if self.frames.get(f"{lower}/n") else 0)
                     | (CUE_ADJ if self.frames.get(f"{lower}/a") else 0)
                     | (PATH_HEAD if lower in self._path_lemmas else 0))
            self._flags[lemma_hash] = flags
        return flags

    def lemmas_flags(self, lemma_hashes: list[int], strings: Any) -> list[int]:
        """:meth:`lemma_flags` of each hash."""
        known = self._flags.get
        return [flags if (flags := known(h)) is not None else self.lemma_flags(h, strings) for h in lemma_hashes]

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
