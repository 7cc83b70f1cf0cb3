"""Multiword cue patterns: a cue word, the words it governs on the way, and the content at the end.

A pattern is the lemma of the cue head (with its particle: "lay_out"), then the dependency steps
down to the content head, each intermediate step with its lemma: ``take>dobj:shot>prep:at>pobj``
("took a shot at X"), ``be>acomp:upbeat>prep:about>pobj`` ("is upbeat about X"),
``voice>dobj:support>prep:for>pobj``.  The same enumeration derives the table from PolNeAR train
(:func:`dateline.eval.polnear.path_table_from`) and applies it in the stage, so the two agree.
"""

from __future__ import annotations

from collections.abc import Iterator

from dateline.stages.quotes.frames import (
    Doc,
    Frame,
    Token,
    candidates,
    content_on_line,
    speaker_span,
    subject_of,
    token_span,
)
from dateline.stages.quotes.lexicon import Lexicon
from dateline.stages.tokens import subtree_tokens

# Steps through which a cue phrase runs to its content, and the relations a content head can have.
_STEPS = frozenset(("dobj", "prep", "acomp", "attr", "oprd", "advmod", "npadvmod"))
_FINAL = frozenset(("ccomp", "dobj", "xcomp", "pobj", "oprd", "attr", "pcomp"))
_HEAD_POS = {"VERB": "", "AUX": "", "NOUN": "/n", "ADJ": "/a"}
MAX_DEPTH = 3


def head_key(token: Token) -> str | None:
    """ "take", "lay_out", "claim/n", "upbeat/a"; None for a word that heads no cue."""
    suffix = _HEAD_POS.get(token.pos_)
    if suffix is None:
        return None
    particle = next((c.lower_ for c in token.children if c.dep_ == "prt"), None)
    lemma = token.lemma_.lower()
    return f"{lemma}_{particle}{suffix}" if particle else f"{lemma}{suffix}"


def _step(token: Token) -> str:
    return f"{token.dep_}:{token.lemma_.lower()}"


def cue_paths(token: Token) -> Iterator[tuple[str, Token, list[Token]]]:
    """(pattern, content head, cue tokens) for every path of two or three steps below ``token``, and for
    one step when the cue has a particle ("laid out X")."""
    key = head_key(token)
    if key is None:
        return
    yield from _walk(token, key, [token], 1, "_" in key)


def _walk(node: Token, key: str, cue: list[Token], depth: int,
          short_ok: bool) -> Iterator[tuple[str, Token, list[Token]]]:
    for child in node.children:
        if child.dep_ in _FINAL and (depth > 1 or short_ok):
            yield f"{key}>{child.dep_}", child, cue
        if child.dep_ in _STEPS and depth < MAX_DEPTH:
            yield from _walk(child, f"{key}>{_step(child)}", [*cue, child], depth + 1, short_ok)


def best_path(token: Token, paths: dict[str, float]) -> tuple[float, Token, list[Token]] | None:
    """The most precise known pattern below ``token``: (precision, content head, cue tokens)."""
    best: tuple[float, Token, list[Token]] | None = None
    for key, final, cue in cue_paths(token):
        score = paths.get(key)
        if score is not None and (best is None or score > best[0]):
            best = (score, final, cue)
    return best


def path_frames(doc: Doc, text: str, lex: Lexicon, taken: set[int],
                heads: list[int] | None = None) -> Iterator[Frame]:
    """A frame for every word outside ``taken`` (cue heads already framed) that heads a known pattern;
    ``heads``: the doc's :func:`candidates` for pattern heads, when already at hand."""
    if not lex.paths:
        return
    for i in candidates(doc, lex)[1] if heads is None else heads:
        if i in taken:
            continue
        token = doc[i]
        found = best_path(token, lex.paths)
        if found is not None and (frame := _path_frame(text, token, *found)) is not None:
            yield frame


def _path_frame(text: str, token: Token, precision: float, final: Token, cue: list[Token]) -> Frame | None:
    content = content_on_line(text, token, subtree_tokens(final))
    if content is None:
        return None
    cue = [*cue, *(c for c in token.children if c.dep_ == "prt")]
    subject = subject_of(token)
    speaker = speaker_span(text, subject, token) if subject is not None else None
    confidence = precision - (0.0 if subject is not None else 0.25)
    return Frame(cue=token_span(cue), cue_lemma=" ".join(t.lemma_.lower() for t in sorted(cue, key=lambda t: t.i)),
                 cue_token=token.i, speaker=speaker, speaker_head=subject.i if subject is not None else None,
                 content=content, kind="indirect", confidence=round(confidence, 3))
