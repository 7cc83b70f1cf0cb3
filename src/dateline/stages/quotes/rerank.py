"""Confidence of a frame in its context: a logistic model over a few features of the cue, its subject
and its complement, on top of the cue table's prior.

The cue table says how often a cue lemma with a complement kind is attribution in general ("want" +
xcomp: 0.3); the context says more ("Clinton wants to ..." vs "if you want to ..."; a name or "he" as
subject vs none; a negated or modal cue; a headline).  Weights are fitted on PolNeAR *train* frames
(labelled by overlap with gold content) and kept in the ``[rerank]`` table of quotes_cues.toml.
"""

from __future__ import annotations

import math

from dateline.stages.quotes.frames import Doc, Frame, Token, line_bounds

_PERSONAL = frozenset(("i", "we", "you"))


def logit(p: float) -> float:
    p = min(max(p, 0.02), 0.98)
    return math.log(p / (1 - p))


def features(doc: Doc, frame: Frame) -> list[str]:
    """Names of the binary features of ``frame`` (the prior enters separately)."""
    cue: Token = doc[frame.cue_token]
    lemma = frame.cue_lemma
    out = ["bias", f"kind={frame.kind}", f"lemma={lemma}", f"tag={cue.tag_}", f"dep={cue.dep_}",
           f"pos={cue.pos_}", f"lemma_kind={lemma}|{frame.kind}"]
    out.extend(_subject_features(doc, frame))
    out.extend(_content_features(doc, frame, cue))
    if frame.within is not None:
        out.append(f"within={frame.within}")
    reporter = _reported_under(cue)
    if reporter is not None:
        out.append(f"under={reporter}")
    for child in cue.children:
        if child.dep_ == "neg":
            out.append("neg")
        elif child.tag_ == "MD":
            out.append(f"modal={child.lower_}")
        elif child.dep_ == "mark":
            out.append(f"mark={child.lower_}")
    text: str = doc.user_data.get("dateline_text") or doc.text
    line_start, line_end = line_bounds(text, cue.idx)
    if _titlecase_line(doc, text, line_start, line_end):
        out.append("titlecase_line")
    if line_start == 0:
        out.append("first_line")
    return out


_TITLECASE_KEY = "dateline.quotes.titlecase_lines"


def _titlecase_line(doc: Doc, text: str, start: int, end: int) -> bool:
    """Whether most words of the line ``text[start:end]`` (``text`` is the document's) are capitalized (a
    headline); worked out once per line, as an article's frames share lines, and kept in ``doc.user_data``."""
    lines: dict[tuple[int, int], bool] = doc.user_data.setdefault(_TITLECASE_KEY, {})
    found = lines.get((start, end))
    if found is None:
        words = text[start:end].split()
        found = lines[(start, end)] = bool(words) and sum(w[:1].isupper() for w in words) / len(words) > 0.6
    return found


_REPORTING = frozenset(("say", "tell", "add", "write", "claim", "argue", "insist", "note", "explain", "report",
                        "believe", "think", "warn", "suggest", "acknowledge", "admit", "announce", "contend"))


def _reported_under(cue: Token) -> str | None:
    """ "He said she hopes to win": a cue inside the clause another cue reports ("say" for "hope"); PolNeAR
    annotates such nested attributions less often than free-standing ones."""
    if any(c.dep_ == "parataxis" and c.lemma_ in _REPORTING and c.i > cue.i for c in cue.children):
        return "inverted"  # "She hopes to win, he said"
    node = cue
    for _ in range(6):
        if node.head.i == node.i:
            return None
        if node.dep_ in ("ccomp", "parataxis") and node.head.lemma_ in _REPORTING:
            return "report" if node.head.i < node.i else "report_after"
        node = node.head
    return None


def _subject_features(doc: Doc, frame: Frame) -> list[str]:
    if frame.speaker_head is None:
        return ["subj=none"]
    head: Token = doc[frame.speaker_head]
    out = [f"subj_pos={head.pos_}", f"subj_ent={head.ent_type_ or '-'}", f"subj_dep={head.dep_}"]
    if head.pos_ == "PRON":
        out.append(f"subj_pron={'personal' if head.lower_ in _PERSONAL else head.lower_}")
    elif head.pos_ == "NOUN":
        out.append(f"subj_noun={head.lemma_.lower()}")
    return out


def _content_features(doc: Doc, frame: Frame, cue: Token) -> list[str]:
    span = doc.char_span(frame.content[0], frame.content[1], alignment_mode="expand")
    if span is None or len(span) == 0:
        return ["content=none"]
    root = span.root
    size = len(span)
    bucket = "1" if size == 1 else "2-3" if size <= 3 else "4-8" if size <= 8 else "9+"
    relation = "far"
    if root.head.i == cue.i:
        relation = root.dep_
    elif root.head.head.i == cue.i:
        relation = f"{root.head.dep_}>{root.dep_}"
    return [f"clen={bucket}", f"crel={relation}", f"lemma_crel={frame.cue_lemma}|{relation}",
            f"cpos={root.pos_}", f"cent={root.ent_type_ or '-'}"]


def rescore(doc: Doc, frame: Frame, weights: dict[str, float]) -> float:
    """The frame's confidence in context (its table prior when there are no weights)."""
    if not weights:
        return frame.confidence
    total = weights.get("prior", 0.0) * logit(frame.confidence)
    total += sum(weights.get(name, 0.0) for name in features(doc, frame))
    return round(1.0 / (1.0 + math.exp(-total)), 3)
