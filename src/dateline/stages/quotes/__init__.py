"""The ``quotes`` stage: every statement the article attributes to someone (RECORDS.md ``quotes``).

Rules over the one spaCy parse, linear in the article: quotation-mark regions (:mod:`.marks`),
attribution frames from cue verbs and "according to" (:mod:`.frames`), regions tied to frames as
direct or mixed quotes or dropped as scare quotes (:mod:`.direct`), then speaker, anonymity,
channel, relaying outlets and ``said_on`` (:mod:`.sources`).  Lexicons live in
``knowledge/data/quotes_*.toml``.
"""

from __future__ import annotations

import bisect
import dataclasses
from dataclasses import dataclass

from dateline.config import Config
from dateline.pipeline.registry import StageFn, register
from dateline.records import ArticleRecord, Cue, Quote, Span, Speaker, stable_id
from dateline.stages.quotes.direct import Context, attach_regions, make_context
from dateline.stages.quotes.frames import Doc, Frame, candidates, frames_from_cues
from dateline.stages.quotes.lexicon import Lexicon, load_lexicon
from dateline.stages.quotes.marks import Region, find_regions, paragraphs
from dateline.stages.quotes.paths import path_frames
from dateline.stages.quotes.rerank import rescore
from dateline.stages.quotes.sources import (
    Mention,
    describe,
    find_channel,
    find_said_on,
    find_via,
    frame_tokens,
    is_anonymous,
    mentions_of,
    resolve_speaker,
)

__all__ = ["MIN_CONFIDENCE", "extract_quotes", "inherit_channels", "make_quotes"]

# Attributions less sure than this are left out.  Confidence is the rerank model's (:mod:`.rerank`: the
# cue table's prior for the lemma and complement, refined by subject, tense, negation, complement shape, quote
# kind and nesting, fitted on PolNeAR train by dateline.eval.polnear_fit).  Chosen by two-fold cross-validation
# on PolNeAR *train* (tables refitted on one half, scored on the other): floor 0.5 -> source exact F1 0.718,
# content overlap F1 0.774, speaker accuracy 0.902; 0.45 -> 0.718 / 0.776 / 0.897 (0.4 went on trading speaker
# accuracy for content overlap).  Between 0.45 and 0.5 lie mostly attitudes and intentions, which PolNeAR
# annotates about half the time; consumers wanting only clear speech filter on confidence >= 0.6.
MIN_CONFIDENCE = 0.45


@dataclass(frozen=True)
class _Article:
    doc: Doc
    text: str
    record: ArticleRecord
    mentions: list[Mention]
    use_times: bool


def extract_quotes(doc: Doc, record: ArticleRecord, lex: Lexicon, use_times: bool) -> list[Quote]:
    """The quotes of one article, in text order, one per content span."""
    text = record.article.text
    paras = paragraphs(text)
    scores: dict[Frame, float] = {}
    ctx, frames = candidate_frames(doc, text, lex, paras, scores=scores)
    art = _Article(doc, text, record, mentions_of(record, doc, lex), use_times)
    quotes: dict[tuple[int, int], Quote] = {}
    for frame in frames:
        frame = dataclasses.replace(frame, confidence=_rescore(doc, frame, lex, scores))
        if frame.confidence < MIN_CONFIDENCE:
            continue
        quote = _quote(art, frame, ctx.regions, lex)
        key = (quote.span.start, quote.span.end)
        if key not in quotes or quotes[key].confidence < quote.confidence:
            quotes[key] = quote
    return inherit_channels([quotes[k] for k in sorted(quotes)], [p[0] for p in paras])


def _rescore(doc: Doc, frame: Frame, lex: Lexicon, scores: dict[Frame, float]) -> float:
    """:func:`.rerank.rescore`, once per distinct frame of the article (``scores`` holds those done)."""
    score = scores.get(frame)
    if score is None:
        score = scores[frame] = rescore(doc, frame, lex.rerank)
    return score


def candidate_frames(doc: Doc, text: str, lex: Lexicon, paras: list[tuple[int, int]],
                     floor: float | None = None, scores: dict[Frame, float] | None = None
                     ) -> tuple[Context, list[Frame]]:
    """Every attribution frame of the article with its table prior, quote regions attached.  Frames that
    ``lex.rerank`` scores below ``floor`` (default MIN_CONFIDENCE) are dropped first; 0 keeps them all,
    as the first round of :func:`dateline.eval.polnear_fit.fit_quote_tables` does.  ``scores``: the
    article's rerank scores so far, by frame (filled in here, for the caller to reuse)."""
    scores = {} if scores is None else scores
    floor = MIN_CONFIDENCE if floor is None else floor
    regions = find_regions(text)
    doc.user_data["dateline_text"] = text  # the rerank features read lines; doc.text rebuilds the string
    ctx = make_context(doc, text, regions, lex, paras)
    cues, heads = candidates(doc, lex)
    found = list(frames_from_cues(doc, text, lex, cues))
    found += path_frames(doc, text, lex, {f.cue_token for f in found}, heads)
    found = _mark_nested(found)
    # weak frames go before quote regions are attached, so they cannot take a region from a speech
    # frame around them ("saying it would allow Ukraine to 'regroup'": the region is said, not allowed)
    own = [f for f in found if not any(r.contains(f.cue[0]) and not _turn(f, r) for r in regions)
           and _rescore(doc, f, lex, scores) >= floor]
    return ctx, attach_regions(ctx, own)


def _mark_nested(frames: list[Frame]) -> list[Frame]:
    """Each frame told whether its cue lies inside what another frame reports ("He said she hopes to
    win": "hopes" inside "said"'s content), and whether that outer frame's cue is a strong one (prior
    0.7 or more).  Frames sorted by content start; the scan stops at the first that starts after the cue."""
    order = sorted(frames, key=lambda f: f.content[0])
    out = []
    for frame in frames:
        best = -1.0
        for other in order:
            if other.content[0] > frame.cue[0]:
                break
            if other is not frame and frame.cue[0] < other.content[1]:
                best = max(best, other.confidence)
        if best >= 0:
            frame = dataclasses.replace(frame, within="strong" if best >= 0.7 else "weak")
        out.append(frame)
    return out


def _turn(frame: Frame, region: Region) -> bool:
    """A transcript's turn ("“SMITH: ..."): the quotation opens with the speaker's name and a colon."""
    return frame.cue_lemma == ":" and frame.speaker is not None and frame.speaker[0] == region.start


def _same_speaker(a: Quote, b: Quote) -> bool:
    """Both resolved to one actor, or (one left unresolved) the same words."""
    if a.speaker is None or b.speaker is None:
        return False
    if a.speaker.actor_id and b.speaker.actor_id:
        return a.speaker.actor_id == b.speaker.actor_id
    return a.speaker.text.casefold() == b.speaker.text.casefold()


def inherit_channels(quotes: list[Quote], para_starts: list[int]) -> list[Quote]:
    """A quote without a channel of its own takes the channel of the quote just before it when the same
    speaker said both, in the same paragraph or the one before ("In an interview ..., Lavrov insisted
    ...", then the next paragraph's "...," Lavrov said): the continuation of one conversation."""
    out: list[Quote] = []
    for quote in quotes:
        if out and quote.channel is None and _continues(out[-1], quote, para_starts):
            quote = dataclasses.replace(quote, channel=out[-1].channel)
        out.append(quote)
    return out


def _continues(before: Quote, quote: Quote, para_starts: list[int]) -> bool:
    if before.channel is None or not _same_speaker(before, quote):
        return False
    here = bisect.bisect_right(para_starts, quote.span.start)
    return here - bisect.bisect_right(para_starts, before.span.start) <= 1


def _quote(art: _Article, frame: Frame, regions: list[Region], lex: Lexicon) -> Quote:
    text, doc = art.text, art.doc
    tokens = frame_tokens(doc, frame, regions)
    speaker, anonymous, description = _speaker(art, frame, regions, lex)
    span = Span.of(text, *frame.content)
    cue_span = Span.of(text, *frame.cue)
    return Quote(
        id=stable_id("quote", art.record.article.id, span.start, span.end),
        kind=frame.kind,  # type: ignore[arg-type]
        text=span.text,
        span=span,
        speaker=speaker,
        anonymous=anonymous,
        source_description=description,
        cue=Cue(cue_span.text, frame.cue_lemma, cue_span),
        channel=find_channel(doc, text, frame, tokens, lex),
        via=find_via(doc, text, frame, tokens, art.mentions, regions, lex),
        said_on=find_said_on(art.record, frame, tokens, art.use_times),
        about=[],
        confidence=max(0.0, min(1.0, frame.confidence)),
    )


def _speaker(art: _Article, frame: Frame, regions: list[Region], lex: Lexicon
             ) -> tuple[Speaker | None, bool, str | None]:
    if frame.speaker is None or frame.speaker_head is None:
        return None, False, None
    head = art.doc[frame.speaker_head]
    span = Span.of(art.text, *frame.speaker)
    resolved = resolve_speaker(head, frame.speaker, art.mentions, regions, lex)
    anonymous = resolved.actor_id is None and is_anonymous(head, frame.speaker, art.mentions, lex)
    description = describe(art.text, frame.speaker, regions) if anonymous else None
    return Speaker(resolved.actor_id, span.text, span), anonymous, description


VERSION = "2"  # 2: "According to X, Y", transcript turns, split quotes, confidence floor 0.45


@register("quotes", version=VERSION, requires=("doc", "actors"), produces=("quotes",))
def make_quotes(config: Config) -> StageFn:
    """The stage function; lexicons are loaded here, once per worker."""
    lex = load_lexicon()
    stages = list(config.stages)
    use_times = "times" in stages and stages.index("times") < (stages.index("quotes") if "quotes" in stages else 99)

    def quotes(doc: Doc, record: ArticleRecord) -> ArticleRecord:
        return dataclasses.replace(record, quotes=extract_quotes(doc, record, lex, use_times))

    return quotes
