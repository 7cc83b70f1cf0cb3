"""Direct and mixed quotes: tie each quotation-mark region to a frame, or drop it as a scare quote.

In order: a region inside the content of a cue's frame makes that frame direct (the region is
nearly all of it) or mixed (a partial quote inside reported speech); a region next to a cue
("...," Peskov said / Trump wrote: "...") gets that cue's frame; a region that opens a paragraph
or follows a quote of the same paragraph continues the last quote; the rest (short terms,
titles, scare quotes) is not speech.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, replace

from dateline.stages.quotes.frames import (
    Doc,
    Frame,
    Token,
    according_object,
    is_cue,
    is_naming,
    speaker_span,
    subject_of,
)
from dateline.stages.quotes.lexicon import Lexicon
from dateline.stages.quotes.marks import Region, word_count
from dateline.stages.tokens import subtree_tokens

_STOP = frozenset(".!?")
_DIRECT_SHARE = 0.7
_POST_REACH = 10
_PRE_REACH = 16
_SHORT = 3


@dataclass(frozen=True)
class Context:
    doc: Doc
    text: str
    regions: list[Region]
    lex: Lexicon
    para_starts: list[int]
    para_ends: list[int]
    token_starts: list[int]

    def region_at(self, offset: int) -> Region | None:
        for region in self.regions:
            if region.mark_start <= offset < max(region.mark_end, region.end):
                return region
        return None

    def paragraph_of(self, offset: int) -> int:
        return max(bisect.bisect_right(self.para_starts, offset) - 1, 0)


def make_context(doc: Doc, text: str, regions: list[Region], lex: Lexicon,
                 paragraphs: list[tuple[int, int]]) -> Context:
    return Context(doc, text, regions, lex, [p[0] for p in paragraphs], [p[1] for p in paragraphs],
                   doc.to_array("IDX").tolist())


def attach_regions(ctx: Context, frames: list[Frame]) -> list[Frame]:
    """``frames`` with quote regions merged in, plus one frame per attributed region."""
    frames = list(frames)
    done: set[int] = set()
    for n, region in enumerate(ctx.regions):
        if any(f.kind == "direct" and f.speaker is not None and f.speaker[0] == region.start for f in frames):
            done.add(n)  # a transcript's turn ("“SMITH: ..."): its frame already holds the quotation
            continue
        k = _covering(frames, region)
        if k is not None and _titled(ctx, frames[k], region):
            del frames[k]  # "reviewed the novel “War and Peace”": a work's title, not speech
            done.add(n)
        elif k is not None:
            frames[k] = _merge(frames[k], region, ctx.text)
            done.add(n)
    for n, region in enumerate(ctx.regions):
        if n in done:
            continue
        frame = (_adjacent_frame(ctx, region) or _dash_signed(ctx, region) or _colon_introduced(ctx, region)
                 or _continued(ctx, frames, region))
        if frame is not None:
            # the cue's other frames go: one over the region, and an indirect one when the cue reports this
            # quotation ("“...,” the minister told reporters": "reporters" is not what was told)
            frames = [f for f in frames if not (f.cue_token == frame.cue_token and (
                _overlaps(f.content, region) or (f.kind == "indirect" and frame.kind == "direct")))]
            frames.append(frame)
    return sorted(frames, key=lambda f: f.content)


def _titled(ctx: Context, frame: Frame, region: Region) -> bool:
    """The frame of a verb that is no speech verb has for its content little more than a quoted title."""
    if is_cue(ctx.doc[frame.cue_token], ctx.lex) or not _looks_like_title(ctx.text[region.start : region.end]):
        return False
    return region.end - region.start >= 0.5 * (frame.content[1] - frame.content[0])


def _overlaps(content: tuple[int, int], region: Region) -> bool:
    return content[0] < region.end and region.start < content[1]


def _covering(frames: list[Frame], region: Region) -> int | None:
    best = None
    for k, frame in enumerate(frames):
        lo, hi = frame.content
        inside = lo <= region.start < hi or (_overlaps(frame.content, region) and lo <= region.mark_start + 1)
        if inside and (best is None or hi - lo < frames[best].content[1] - frames[best].content[0]):
            best = k
    return best


def _merge(frame: Frame, region: Region, text: str) -> Frame:
    """The frame's content with the region in it: the region alone (direct) when it is nearly all of it and
    only "that" stands before its mark; else the content stretched over the region (mixed: "said it
    “was a disaster”", where PolNeAR's content starts at "it"; train content exact F1 0.514 -> 0.523)."""
    lo, hi = frame.content
    inside = min(hi, region.end) - max(lo, region.start)
    if inside >= _DIRECT_SHARE * (hi - lo):
        if text[lo : region.mark_start].strip(" ,").lower() not in ("", "that"):
            return frame.with_content(lo, max(hi, region.end if region.open_end else region.mark_end), "mixed")
        return frame.with_content(region.start, region.end, "direct")
    return frame.with_content(lo, max(hi, region.end) if region.start < hi else hi, "mixed")


def _first_token_at(ctx: Context, offset: int) -> int:
    return bisect.bisect_left(ctx.token_starts, offset)


def _post_cue(ctx: Context, region: Region) -> Token | None:
    doc, para_end = ctx.doc, ctx.para_ends[region.paragraph]
    start = _first_token_at(ctx, region.mark_end)
    for j in range(start, min(start + _POST_REACH, len(doc))):
        token = doc[j]
        if token.idx >= para_end or token.text in _STOP or ctx.region_at(token.idx) is not None:
            return None
        if _window_cue(ctx, token):
            return token if _content_inside(ctx, token, region) else None
    return None


def _pre_cue(ctx: Context, region: Region) -> Token | None:
    doc, para_start = ctx.doc, ctx.para_starts[region.paragraph]
    end = _first_token_at(ctx, region.mark_start) - 1
    sent_start = doc[end + 1].sent.start if end + 1 < len(doc) else len(doc)
    for j in range(end, max(end - _PRE_REACH, -1), -1):
        token = doc[j]
        if token.idx < para_start or token.text in _STOP or ctx.region_at(token.idx) is not None:
            return None
        if j < sent_start and doc[j + 1].text not in ('"', "\u201c", "\u201e", "\u00ab", "''"):
            return None
        if token.text[-1] in _STOP and doc[j + 1].idx >= region.mark_start:
            return None
        if _window_cue(ctx, token) and (_introduces(ctx, token, region) or _governs(token, region)):
            return token if token.lemma_ != "call" or _governs(token, region) else None
    return None


def _window_cue(ctx: Context, token: Token) -> bool:
    if token.lower_ == "according":
        return bool(token.i + 1 < len(ctx.doc) and ctx.doc[token.i + 1].lower_ == "to")
    return is_cue(token, ctx.lex)


def _content_inside(ctx: Context, cue: Token, region: Region) -> bool:
    """The cue has no complement of its own outside the region ("...," he said, not "he said Y"); one
    inside the next quotation is the same quote going on ("A,'' he said, ''and B.'')."""
    clauses = [c for c in cue.children if c.dep_ == "ccomp"]
    return all(c.idx < region.mark_end or ctx.region_at(c.idx) is not None for c in clauses)


def _introduces(ctx: Context, cue: Token, region: Region) -> bool:
    """Only a colon, comma or "that" (and the cue's own adjuncts) stand between cue and quote."""
    between = ctx.text[cue.idx + len(cue.text) : region.mark_start]
    return ":" in between or between.strip() in ("", ",", "that")


_CONTENT_DEPS = frozenset(("dobj", "ccomp", "xcomp", "oprd", "attr", "acomp", "advcl", "dep"))


def _governs(cue: Token, region: Region) -> bool:
    """The region lies in the cue's complement (called the plan "a dead end"), not in an adjunct."""
    if is_naming(cue):
        return False
    return any(region.start <= t.idx < region.end for c in cue.children if c.dep_ in _CONTENT_DEPS
               for t in subtree_tokens(c))


def _adjacent_frame(ctx: Context, region: Region) -> Frame | None:
    post = _post_cue(ctx, region)
    cue = post or _pre_cue(ctx, region)
    if cue is None:
        return None
    partial = post is None and (cue.lemma_ == "call" or not _introduces(ctx, cue, region))
    if word_count(ctx.text[region.start : region.end]) <= _SHORT and partial and not _governs(cue, region):
        return None
    subject = according_object(ctx.doc, cue) if cue.lower_ == "according" else subject_of(cue)
    speaker = speaker_span(ctx.text, subject, cue) if subject is not None else None
    cue_end = ctx.doc[cue.i + 1].idx + 2 if cue.lower_ == "according" else cue.idx + len(cue.text)
    return Frame(cue=(cue.idx, cue_end), cue_lemma="according to" if cue.lower_ == "according" else cue.lemma_,
                 cue_token=cue.i, speaker=speaker, speaker_head=subject.i if subject is not None else None,
                 content=(region.start, region.end), kind="mixed" if partial else "direct",
                 confidence=0.9 if subject is not None else 0.6)


def _colon_introduced(ctx: Context, region: Region) -> Frame | None:
    """A paragraph that is a quotation after one ending in a colon ("Clinton said in a statement:")."""
    para = region.paragraph
    if para == 0 or ctx.text[ctx.para_starts[para] : region.mark_start].strip():
        return None
    prev_start, prev_end = ctx.para_starts[para - 1], ctx.para_ends[para - 1]
    if not ctx.text[prev_start:prev_end].rstrip().endswith(":"):
        return None
    last = ctx.doc[_first_token_at(ctx, prev_end) - 1]
    sent = [t for t in last.sent if t.idx >= prev_start]
    cue = next((t for t in reversed(sent) if _window_cue(ctx, t)), None) or last.sent.root
    subject = subject_of(cue)
    if subject is None:
        return None
    return Frame(cue=(cue.idx, cue.idx + len(cue.text)), cue_lemma=cue.lemma_, cue_token=cue.i,
                 speaker=speaker_span(ctx.text, subject, cue), speaker_head=subject.i,
                 content=(region.start, region.end), kind="direct", confidence=0.8)


def _continued(ctx: Context, frames: list[Frame], region: Region) -> Frame | None:
    """A quote with no cue of its own continues the last quote of its paragraph or of the one before."""
    text = ctx.text[region.start : region.end]
    if word_count(text) <= _SHORT or _looks_like_title(text):
        return None
    para = region.paragraph
    opens_paragraph = not ctx.text[ctx.para_starts[para] : region.mark_start].strip()
    earlier = [f for f in frames if f.content[1] <= region.mark_start and f.speaker is not None]
    for frame in sorted(earlier, key=lambda f: f.content[1], reverse=True):
        frame_para = ctx.paragraph_of(frame.content[0])
        same = frame_para == para and frame.kind != "indirect" and _opens_sentence(ctx.text, region)
        if same or (opens_paragraph and frame_para == para - 1):
            return replace(frame, content=(region.start, region.end), kind="direct", inherited=True,
                           confidence=round(frame.confidence * 0.85, 3))
        break
    return None


def _opens_sentence(text: str, region: Region) -> bool:
    before = text[: region.mark_start].rstrip()
    return not before or before[-1] in ".!?:\u201d\"\n"


def _looks_like_title(text: str) -> bool:
    words = text.split()
    if len(words) > 8 or text.rstrip()[-1:] in ".!?,":
        return False
    capitals = sum(1 for w in words if w[:1].isupper())
    return capitals >= max(2, len(words) - 1)


_SIGNATURE = re.compile(r"[ \t]*[\u2015\u2014\u2013-]{1,2}[ \t]*([A-Z][\w.'\u2019-]*(?:[ \t]+[A-Z][\w.'\u2019-]*){0,4})"
                        r"[ \t]*(?:,[^\n]{0,80})?$", re.MULTILINE)


def _dash_signed(ctx: Context, region: Region) -> Frame | None:
    """ "\u201c...\u201d \u2015 Sonya Herridge" (a quote signed after a dash at the end of its line)."""
    if region.open_end or word_count(ctx.text[region.start : region.end]) <= _SHORT:
        return None
    match = _SIGNATURE.match(ctx.text, region.mark_end, ctx.para_ends[region.paragraph])
    if match is None:
        return None
    start, end = match.span(1)
    names = [t for t in ctx.doc[_first_token_at(ctx, start) :] if t.idx < end]
    if not names or not any(t.pos_ == "PROPN" for t in names):
        return None
    dash = ctx.text.index(match.group(0).strip()[0], region.mark_end)
    return Frame(cue=(dash, dash + 1), cue_lemma="\u2014", cue_token=names[0].i - 1, speaker=(start, end),
                 speaker_head=names[-1].i, content=(region.start, region.end), kind="direct", confidence=0.8)
