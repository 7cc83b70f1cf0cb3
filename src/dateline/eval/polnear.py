"""PolNeAR (political news attribution relations) reader and scorer for the quotes layer.

Reading: ``<compartment>/text/<name>.txt`` is the document; ``<compartment>/attributions/
<name>_<annotator>.ann`` is BRAT standoff with ``Source``/``Cue``/``Content`` text-bound spans
(discontinuous fragments joined by ``;``) and ``E`` lines tying them into attributions.  Where
several annotators did one article, the first annotation file in name order is the gold.

Scoring, in PolNeAR's scheme (each attribution has a source, a cue and a content span):

- per element (source, cue, content), spans are compared per document as sets (a source shared by
  two attributions counts once).  A discontinuous gold span is taken from its first to its last
  character.  Before comparing, both sides lose surrounding white space, punctuation and quote
  marks (PolNeAR includes the marks of a direct quote, the record does not);
- exact P/R/F1: identical normalized offsets; overlap P/R/F1: one-to-one matching of overlapping
  spans, largest overlap first;
- predicted quotes are first put in PolNeAR's shape: segments of one quote that share speaker and cue
  ("A," he said. "B.") become one attribution spanning them, as PolNeAR annotates them;
- speaker accuracy: of the gold attributions with a source whose content is overlap-matched by a
  predicted quote, the share whose predicted speaker span overlaps the gold source span.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dateline.errors import DataMissing, InputError
from dateline.eval import f1, ratio
from dateline.records import Quote

ELEMENTS = ("source", "cue", "content")
_EDGE = " \t\n\r\u00a0,.;:!?\"'\u201c\u201d\u2018\u2019\u00ab\u00bb\u2014\u2013-()[]"

SpanT = tuple[int, int]


@dataclass(frozen=True)
class GoldAttribution:
    source: SpanT | None
    cue: SpanT | None
    content: SpanT | None


@dataclass(frozen=True)
class PolnearDoc:
    name: str
    text: str
    attributions: list[GoldAttribution]


def compartment_dir(path: Path, compartment: str = "dev") -> Path:
    """``path`` itself when it holds text/ and attributions/, else ``path/compartment``."""
    if not path.exists():
        raise DataMissing(f"PolNeAR data not found at {path}", path=str(path),
                          hint="pass --polnear ../shared/bench/polnear (the folder with dev/)")
    if (path / "text").is_dir() and (path / "attributions").is_dir():
        return path
    inner = path / compartment
    if (inner / "text").is_dir() and (inner / "attributions").is_dir():
        return inner
    raise DataMissing(f"no {compartment}/text and {compartment}/attributions under {path}", path=str(path))


def read_ann(raw: str, where: str = "") -> list[GoldAttribution]:
    """The attributions of one BRAT file."""
    spans: dict[str, SpanT] = {}
    relations: list[dict[str, str]] = []
    for line in raw.splitlines():
        parts = line.split("\t")
        if line.startswith("T") and len(parts) >= 2:
            spans[parts[0]] = _envelope(parts[1], where)
        elif line.startswith("E") and len(parts) >= 2:
            args = dict(a.split(":", 1) for a in parts[1].split() if ":" in a)
            relations.append({k.split("-")[0].lower(): v for k, v in args.items()})
    return [GoldAttribution(spans.get(r.get("source", "")), spans.get(r.get("cue", "")),
                            spans.get(r.get("content", ""))) for r in relations]


def _envelope(field_text: str, where: str) -> SpanT:
    """ "Content 10 20;30 40" -> (10, 40)."""
    try:
        fragments = field_text.split(" ", 1)[1].split(";")
        numbers = [tuple(int(x) for x in f.split()) for f in fragments]
        return min(n[0] for n in numbers), max(n[1] for n in numbers)
    except (IndexError, ValueError) as exc:
        raise InputError(f"bad BRAT span {field_text!r}", path=where) from exc


def read_polnear(path: Path, compartment: str = "dev", limit: int | None = None) -> list[PolnearDoc]:
    """The documents of one compartment with the gold of one annotator each, in name order."""
    base = compartment_dir(path, compartment)
    docs = []
    for text_path in sorted((base / "text").glob("*.txt")):
        anns = sorted((base / "attributions").glob(f"{text_path.stem}_*.ann"))
        if not anns:
            continue
        text = text_path.read_text(encoding="utf-8")
        docs.append(PolnearDoc(text_path.stem, text, read_ann(anns[0].read_text(encoding="utf-8"), str(anns[0]))))
        if limit is not None and len(docs) >= limit:
            break
    return docs


def normalize(text: str, span: SpanT) -> SpanT:
    start, end = span
    while start < end and text[start] in _EDGE:
        start += 1
    while end > start and text[end - 1] in _EDGE:
        end -= 1
    return start, end


@dataclass
class Counts:
    pred: int = 0
    gold: int = 0
    exact: int = 0
    overlap: int = 0

    def add(self, other: Counts) -> None:
        self.pred += other.pred
        self.gold += other.gold
        self.exact += other.exact
        self.overlap += other.overlap

    def prf(self, hits: int) -> dict[str, float]:
        p, r = ratio(hits, self.pred), ratio(hits, self.gold)
        return {"p": round(p, 4), "r": round(r, 4), "f1": round(f1(p, r), 4)}


@dataclass
class PolnearScore:
    docs: int = 0
    counts: dict[str, Counts] = field(default_factory=lambda: {e: Counts() for e in ELEMENTS})
    speaker_checked: int = 0
    speaker_right: int = 0

    @property
    def speaker_accuracy(self) -> float:
        return self.speaker_right / self.speaker_checked if self.speaker_checked else 0.0

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"docs": self.docs}
        for name, c in self.counts.items():
            out[name] = {"exact": c.prf(c.exact), "overlap": c.prf(c.overlap), "pred": c.pred, "gold": c.gold}
        out["speaker_accuracy"] = round(self.speaker_accuracy, 4)
        out["speaker_checked"] = self.speaker_checked
        return out


def _overlap(a: SpanT, b: SpanT) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def match_overlap(pred: list[SpanT], gold: list[SpanT]) -> dict[int, int]:
    """One-to-one matching of overlapping spans, largest overlap first: {pred index: gold index}."""
    pairs = sorted(((_overlap(p, g), i, j) for i, p in enumerate(pred) for j, g in enumerate(gold)
                    if _overlap(p, g) > 0), reverse=True)
    taken_p: dict[int, int] = {}
    taken_g: set[int] = set()
    for _, i, j in pairs:
        if i not in taken_p and j not in taken_g:
            taken_p[i] = j
            taken_g.add(j)
    return taken_p


def score_spans(text: str, pred: Iterable[SpanT], gold: Iterable[SpanT]) -> Counts:
    p = sorted({s for s in (normalize(text, x) for x in pred) if s[1] > s[0]})
    g = sorted({s for s in (normalize(text, x) for x in gold) if s[1] > s[0]})
    return Counts(len(p), len(g), len(set(p) & set(g)), len(match_overlap(p, g)))


@dataclass(frozen=True)
class PredictedAttribution:
    source: SpanT | None
    cue: SpanT | None
    content: SpanT


_THAT_QUOTE = re.compile(r"\bthat\s*[\"\u201c'\u2018]\s*$")


def to_attributions(quotes: list[Quote], text: str = "") -> list[PredictedAttribution]:
    """Quotes in PolNeAR's scheme: the segments of one quote that share speaker and cue ("A," he said.
    "B.") are one attribution whose content runs from the first segment to the last; a quotation opened
    right after the complementizer ("said that \u201c...") starts at "that" (train: 45 such gold spans
    against 1 without it)."""
    merged: dict[tuple[SpanT | None, SpanT | None], list[SpanT]] = {}
    for q in quotes:
        source = (q.speaker.span.start, q.speaker.span.end) if q.speaker and q.speaker.span else None
        cue = (q.cue.span.start, q.cue.span.end) if q.cue else None
        key = (source, cue) if cue is not None else (source, (q.span.start, q.span.end))
        merged.setdefault(key, []).append((_content_start(text, q.span.start), q.span.end))
    return [PredictedAttribution(source, cue, (min(c[0] for c in contents), max(c[1] for c in contents)))
            for (source, cue), contents in merged.items()]


def _content_start(text: str, start: int) -> int:
    found = _THAT_QUOTE.search(text, max(0, start - 12), start)
    return found.start() if found else start


def _pred_spans(attributions: list[PredictedAttribution]) -> dict[str, list[SpanT]]:
    return {name: [s for a in attributions if (s := getattr(a, name)) is not None] for name in ELEMENTS}


def score_doc(doc: PolnearDoc, quotes: list[Quote], score: PolnearScore) -> None:
    predicted = to_attributions(quotes, doc.text)
    pred = _pred_spans(predicted)
    for name in ELEMENTS:
        gold = [getattr(a, name) for a in doc.attributions if getattr(a, name) is not None]
        score.counts[name].add(score_spans(doc.text, pred[name], gold))
    _score_speakers(doc, predicted, score)
    score.docs += 1


def _score_speakers(doc: PolnearDoc, predicted: list[PredictedAttribution], score: PolnearScore) -> None:
    gold = [a for a in doc.attributions if a.content is not None and a.source is not None]
    matches = match_overlap([p.content for p in predicted], [a.content for a in gold])  # type: ignore[misc]
    for i, j in matches.items():
        score.speaker_checked += 1
        source, gold_source = predicted[i].source, gold[j].source
        if source is not None and gold_source is not None:
            score.speaker_right += _overlap(source, gold_source) > 0


def evaluate_polnear(path: Path, extract: Callable[[str], list[Quote]], compartment: str = "dev",
                     limit: int | None = None) -> PolnearScore:
    """Run ``extract`` (text -> quotes) over the compartment and score it."""
    score = PolnearScore()
    for doc in read_polnear(path, compartment, limit):
        score_doc(doc, extract(doc.text), score)
    return score


def quote_extractor(model: str | None = None) -> Callable[[str], list[Quote]]:
    """text -> quotes with the configured actors stage (when installed) and the quotes stage."""
    from dateline.config import load_config
    from dateline.errors import PipelineError
    from dateline.ingest import make_article
    from dateline.pipeline.registry import get_stage
    from dateline.pipeline.runner import Pipeline

    try:
        get_stage("actors")
        stages = ["actors", "quotes"]
    except PipelineError:
        stages = ["quotes"]
    config = load_config().with_(stages=stages, model=model)
    if stages == ["quotes"]:
        return _bare_extractor(config)
    pipeline = Pipeline(config)
    return lambda text: pipeline.process_one(make_article(text)).quotes


def _bare_extractor(config: Any) -> Callable[[str], list[Quote]]:
    """Without an actors stage: the parse and the quotes stage alone (speakers get no actor ids)."""
    from dateline.ingest import make_article
    from dateline.nlp import load_nlp
    from dateline.records import ArticleRecord
    from dateline.stages.quotes import make_quotes

    nlp = load_nlp(config.model)
    stage = make_quotes(config)
    return lambda text: stage(nlp(text), ArticleRecord(article=make_article(text))).quotes


def format_table(score: PolnearScore) -> str:
    data = score.as_dict()
    lines = [f"PolNeAR: {score.docs} documents", f"{'element':8} {'pred':>6} {'gold':>6}  "
             f"{'exact P':>8} {'R':>6} {'F1':>6}  {'overlap P':>9} {'R':>6} {'F1':>6}"]
    for name in ELEMENTS:
        d = data[name]
        e, o = d["exact"], d["overlap"]
        lines.append(f"{name:8} {d['pred']:>6} {d['gold']:>6}  {e['p']:>8.3f} {e['r']:>6.3f} {e['f1']:>6.3f}  "
                     f"{o['p']:>9.3f} {o['r']:>6.3f} {o['f1']:>6.3f}")
    lines.append(f"speaker accuracy {data['speaker_accuracy']:.3f} over {score.speaker_checked} matched quotes")
    return "\n".join(lines)


# ---------------------------------------------------------------------------------------------
# Deriving the cue table of knowledge/data/quotes_cues.toml from the train compartment

FRAME_DEPS = ("ccomp", "dobj", "xcomp", "oprd", "prep")
_POS_SUFFIX = {"NOUN": "/n", "ADJ": "/a"}  # verbs go bare: "accuse", "accusation/n", "critical/a"


def frame_key(dep: str, word: str) -> str:
    """ "ccomp", "dobj", ... or "prep:<preposition>" for a complement child."""
    return f"prep:{word.lower()}" if dep == "prep" else dep


def cue_table_from(parsed: Iterable[tuple[PolnearDoc, Any]], min_hits: int = 3,
                   min_precision: float = 0.3) -> dict[str, dict[str, float]]:
    """For each verb, noun or adjective lemma outside quotation marks and each complement kind, how
    often it is a gold cue whose content overlaps that complement: {lemma: {key: precision}} for the
    pairs above both thresholds, over (gold document, spaCy doc) pairs."""
    from dateline.stages.quotes.marks import find_regions

    seen: Counter[tuple[str, str]] = Counter()
    hits: Counter[tuple[str, str]] = Counter()
    for gold_doc, doc in parsed:
        gold = [a for a in gold_doc.attributions if a.cue and a.content]
        quoted = find_regions(gold_doc.text)
        for token in doc:
            # as in the stage: a cue inside quotation marks belongs to the quote, not to the article
            if token.pos_ in ("VERB", "NOUN", "ADJ") and not any(r.contains(token.idx) for r in quoted):
                _count_token(token, gold, seen, hits)
    table: dict[str, dict[str, float]] = {}
    for (lemma, key), n in sorted(seen.items()):
        if hits[lemma, key] >= min_hits and hits[lemma, key] / n >= min_precision:
            table.setdefault(lemma, {})[key] = round(hits[lemma, key] / n, 2)
    return table


def _count_token(token: Any, gold: list[GoldAttribution], seen: Counter[tuple[str, str]],
                 hits: Counter[tuple[str, str]]) -> None:
    cued = [a for a in gold if a.cue is not None and a.cue[0] <= token.idx < a.cue[1]]
    for child in token.children:
        if child.dep_ not in FRAME_DEPS:
            continue
        key = (f"{token.lemma_.lower()}{_POS_SUFFIX.get(token.pos_, '')}", frame_key(child.dep_, child.text))
        seen[key] += 1
        lo, hi = child.left_edge.idx, child.right_edge.idx + len(child.right_edge.text)
        if any(a.content is not None and a.content[0] < hi and lo < a.content[1] for a in cued):
            hits[key] += 1


def path_table_from(parsed: Iterable[tuple[PolnearDoc, Any]], min_hits: int = 3,
                    min_precision: float = 0.15) -> dict[str, float]:
    """The [paths] table: for each multiword cue pattern of :mod:`dateline.stages.quotes.paths` matched
    outside quotation marks, the share of matches whose head is in a gold cue with content overlapping
    the pattern's content head: {pattern: precision} above both thresholds, over (gold document, spaCy
    doc) pairs."""
    from dateline.stages.quotes.marks import find_regions
    from dateline.stages.quotes.paths import cue_paths

    seen: Counter[str] = Counter()
    hits: Counter[str] = Counter()
    for gold_doc, doc in parsed:
        gold = [a for a in gold_doc.attributions if a.cue and a.content]
        quoted = find_regions(gold_doc.text)
        for token in doc:
            if any(r.contains(token.idx) for r in quoted):
                continue
            for key, final, _ in cue_paths(token):
                seen[key] += 1
                lo, hi = final.left_edge.idx, final.right_edge.idx + len(final.right_edge.text)
                hits[key] += any(a.cue is not None and a.content is not None and a.cue[0] <= token.idx < a.cue[1]
                                 and a.content[0] < hi and lo < a.content[1] for a in gold)
    return {key: round(hits[key] / n, 2) for key, n in sorted(seen.items())
            if hits[key] >= min_hits and hits[key] / n >= min_precision}
