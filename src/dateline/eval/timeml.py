"""TimeML (TempEval-3) reader and the Task A scorer for TIMEX3.

Reading: the ``<TEXT>`` element of each ``.tml`` file, tags stripped, is the document text; every
``<TIMEX3>`` inside it is a gold expression with character offsets into that text.  The document
creation time is the TIMEX3 with ``functionInDocument="CREATION_TIME"`` and is given to the times
layer as the publication time.

Scoring (the TempEval-3 Task A measures, computed here, not by the official script):

- strict span P/R/F1: predicted and gold offsets identical;
- relaxed span P/R/F1: the spans overlap (one-to-one, in text order);
- type accuracy: share of relaxed matches whose TIMEX3 type agrees;
- value P/R/F1: a relaxed match with the same value counts, over all predicted / all gold
  expressions (so value F1 = relaxed F1 x value accuracy, as in the TE3 tables);
- the same per TIMEX3 type (precision over predictions of that type, recall over gold of that type);
- a separately reported *compatibility* value F1 (``value_f1_compat``), never the headline: values
  compared after :func:`compat_value` on both sides, which forgives two TBAQ conventions that
  conflict with the TimeML guidelines our values follow: a part of day kept ("Friday night" ->
  ``1998-10-23TNI``) where TBAQ often gives the bare date, and unpadded ISO weeks (``2000-W7``);
- the wrong values of relaxed matches counted by kind (:func:`disagreement`), so what a value F1
  loses to annotation conventions (gold digits left unknown, ``1989-WXX`` for "last week") and what
  to wrong readings can be told apart.  It sorts; it never changes a score.
"""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

from dateline.errors import DataMissing, InputError
from dateline.eval import f1, ratio
from dateline.records import TimeExpr

TYPES = ("DATE", "TIME", "DURATION", "SET")


@dataclass(frozen=True)
class GoldTimex:
    start: int
    end: int
    type: str
    value: str
    text: str


@dataclass(frozen=True)
class TimemlDoc:
    name: str
    dct: str | None
    text: str
    timexes: list[GoldTimex]


def read_tml(path: Path) -> TimemlDoc:
    """One TimeML file; raises InputError when it is not well-formed TimeML."""
    try:
        root = ET.parse(path).getroot()
    except (ET.ParseError, OSError) as exc:
        raise InputError(f"not readable TimeML: {exc}", path=str(path)) from exc
    body = root.find("TEXT")
    if body is None:
        raise InputError("no <TEXT> element", path=str(path))
    parts: list[str] = []
    timexes: list[GoldTimex] = []
    _walk(body, parts, timexes)
    dct = next((t.get("value") for t in root.iter("TIMEX3") if t.get("functionInDocument") == "CREATION_TIME"),
               None)
    return TimemlDoc(path.name, dct, "".join(parts), timexes)


def _walk(elem: ET.Element, parts: list[str], timexes: list[GoldTimex]) -> None:
    parts.append(elem.text or "")
    for child in elem:
        start = sum(map(len, parts))
        _walk(child, parts, timexes)
        if child.tag == "TIMEX3":
            end = sum(map(len, parts))
            text = "".join(parts)[start:end]
            timexes.append(GoldTimex(start, end, child.get("type", ""), child.get("value", ""), text))
        parts.append(child.tail or "")


def find_tml(root: Path) -> list[Path]:
    """The .tml files under ``root`` (a file or a folder), sorted; DataMissing when there are none."""
    if not root.exists():
        raise DataMissing(f"TimeML path not found: {root}", path=str(root),
                          hint="pass --timeml ../shared/bench/tempeval3/TBAQ-cleaned")
    files = [root] if root.is_file() else sorted(root.rglob("*.tml"))
    if not files:
        raise DataMissing("no .tml files here", path=str(root))
    return files


# ---------------------------------------------------------------------------------------------
# scoring


@dataclass
class Tally:
    gold: int = 0
    pred: int = 0
    strict: int = 0
    relaxed_gold: int = 0  # gold expressions with a relaxed match
    relaxed_pred: int = 0  # predictions with a relaxed match
    type_ok: int = 0
    value_gold: int = 0
    value_pred: int = 0
    compat_gold: int = 0  # value matches after compat_value on both sides
    compat_pred: int = 0

    def as_dict(self) -> dict[str, float | int]:
        sp, sr = ratio(self.strict, self.pred), ratio(self.strict, self.gold)
        rp, rr = ratio(self.relaxed_pred, self.pred), ratio(self.relaxed_gold, self.gold)
        vp, vr = ratio(self.value_pred, self.pred), ratio(self.value_gold, self.gold)
        cp, cr = ratio(self.compat_pred, self.pred), ratio(self.compat_gold, self.gold)
        return {
            "gold": self.gold, "predicted": self.pred,
            "strict_p": sp, "strict_r": sr, "strict_f1": f1(sp, sr),
            "relaxed_p": rp, "relaxed_r": rr, "relaxed_f1": f1(rp, rr),
            "type_accuracy": ratio(self.type_ok, self.relaxed_gold),
            "value_p": vp, "value_r": vr, "value_f1": f1(vp, vr),
            "value_f1_compat": f1(cp, cr),
        }


def compat_value(value: str) -> str:
    """A value with TBAQ's conflicting conventions evened out: no part of day, ISO weeks zero-padded."""
    value = re.sub(r"T(?:MO|AF|EV|NI|DT)$", "", value)
    return re.sub(r"-W(\d)(?!\d)", r"-W0\1", value)


DISAGREEMENTS = (
    "gold leaves digits unknown that ours gives",
    "part of day",
    "ISO week not zero-padded",
    "same weekday, a week apart",
    "other",
)


def disagreement(gold: str, pred: str) -> str:
    """The kind of a wrong value (``gold != pred``), one of :data:`DISAGREEMENTS`.

    - gold leaves digits unknown that ours gives: ``1989-WXX`` / ``1989-W43``, ``1949-XX`` / ``1949``,
      ``199X`` / ``199`` (the TimeML value of a determinable date has no X);
    - part of day: the same date with and without (or with another) part of day;
    - ISO week not zero-padded: ``2000-W7`` / ``2000-W07``;
    - same weekday, a week apart: two dates seven days apart (which week a bare weekday names);
    - other: everything else.
    """
    if compat_value(gold) == compat_value(pred):
        return "ISO week not zero-padded" if _unpad(gold) == _unpad(pred) else "part of day"
    if "X" in gold and _fills(gold, pred):
        return "gold leaves digits unknown that ours gives"
    days = [re.fullmatch(r"(\d{4})-(\d\d)-(\d\d)", v) for v in (gold, pred)]
    if days[0] and days[1]:
        try:
            first, second = (dt.date(*map(int, m.groups())) for m in days if m)
        except ValueError:
            return "other"
        if abs((first - second).days) == 7:
            return "same weekday, a week apart"
    return "other"


def _unpad(value: str) -> str:
    return re.sub(r"-W(\d)(?!\d)", r"-W0\1", value)


def _fills(gold: str, pred: str) -> bool:
    """``pred`` is ``gold`` with its X digits given ("1989-W43" for "1989-WXX"), or ``gold`` is ``pred``
    with unknown parts added ("1949-XX" for "1949"), or a decade written both ways ("199X", "199")."""
    pattern = re.escape(gold).replace("X", "[0-9]")
    if len(gold) == len(pred) and re.fullmatch(pattern, pred):
        return True
    if re.fullmatch(re.escape(pred) + r"(?:-XX)+", gold):
        return True
    return bool(re.fullmatch(r"\d{3}X", gold)) and pred == gold[:3]


class ScoreError(NamedTuple):
    """One missed, spurious or wrong-value case, with the offset of its span in the document text."""

    doc: str
    kind: str  # missed | spurious | value
    text: str
    gold: str
    pred: str
    start: int


@dataclass
class Score:
    overall: Tally = field(default_factory=Tally)
    by_type: dict[str, Tally] = field(default_factory=lambda: {t: Tally() for t in TYPES})
    docs: int = 0
    errors: list[ScoreError] = field(default_factory=list)
    disagreements: Counter[str] = field(default_factory=Counter)  # wrong values of relaxed matches, by kind

    def as_dict(self) -> dict[str, Any]:
        return {"docs": self.docs, "overall": self.overall.as_dict(),
                "by_type": {t: v.as_dict() for t, v in self.by_type.items()},
                "value_disagreements": {k: self.disagreements[k] for k in DISAGREEMENTS}}


def score_doc(score: Score, doc: TimemlDoc, predicted: Iterable[TimeExpr]) -> None:
    """Add one document's gold and predicted expressions to ``score``."""
    preds = [p for p in predicted if p.span is not None]
    score.docs += 1
    _count_totals(score, doc.timexes, preds)
    used: set[int] = set()
    for gold in doc.timexes:
        index = next((i for i, p in enumerate(preds) if i not in used and _overlap(gold, p)), None)
        if index is None:
            score.errors.append(ScoreError(doc.name, "missed", gold.text, f"{gold.type} {gold.value}", "", gold.start))
            continue
        used.add(index)
        _count_match(score, doc.name, gold, preds[index])
    for i, pred in enumerate(preds):
        if i not in used and pred.span is not None:
            score.errors.append(ScoreError(doc.name, "spurious", pred.span.text, "", f"{pred.type} {pred.value}",
                                           pred.span.start))


def _overlap(gold: GoldTimex, pred: TimeExpr) -> bool:
    assert pred.span is not None
    return pred.span.start < gold.end and gold.start < pred.span.end


def _count_totals(score: Score, golds: list[GoldTimex], preds: list[TimeExpr]) -> None:
    score.overall.gold += len(golds)
    score.overall.pred += len(preds)
    for gold in golds:
        if gold.type in score.by_type:
            score.by_type[gold.type].gold += 1
    for pred in preds:
        score.by_type[pred.type].pred += 1


def _count_match(score: Score, doc: str, gold: GoldTimex, pred: TimeExpr) -> None:
    assert pred.span is not None
    strict = pred.span.start == gold.start and pred.span.end == gold.end
    value_ok = pred.value == gold.value
    compat_ok = compat_value(pred.value) == compat_value(gold.value)
    gold_tally = score.by_type.get(gold.type, Tally())
    pred_tally = score.by_type[pred.type]
    for tally in {id(t): t for t in (score.overall, gold_tally, pred_tally)}.values():
        on_gold = tally is score.overall or tally is gold_tally
        on_pred = tally is score.overall or tally is pred_tally
        tally.strict += int(strict and on_gold and on_pred)
        tally.relaxed_gold += int(on_gold)
        tally.relaxed_pred += int(on_pred)
        tally.type_ok += int(on_gold and pred.type == gold.type)
        tally.value_gold += int(on_gold and value_ok)
        tally.value_pred += int(on_pred and value_ok)
        tally.compat_gold += int(on_gold and compat_ok)
        tally.compat_pred += int(on_pred and compat_ok)
    if not value_ok:
        score.disagreements[disagreement(gold.value, pred.value)] += 1
    if not value_ok or pred.type != gold.type:
        score.errors.append(ScoreError(doc, "value", gold.text, f"{gold.type} {gold.value}",
                                       f"{pred.type} {pred.value}", gold.start))


def evaluate_timeml(root: Path, limit: int | None = None, nlp: Any = None) -> Score:
    """Run the times layer over every TimeML document under ``root`` and score it.

    With ``nlp`` (a spaCy ``Language``), each text is parsed first and the Doc handed to the layer,
    as the pipeline does; without it the layer reads the plain text only.
    """
    from dateline.stages.times import extract_times

    score = Score()
    docs = [read_tml(path) for path in find_tml(root)[:limit]]
    parses: Iterable[Any] = nlp.pipe(d.text for d in docs) if nlp is not None else (None for _ in docs)
    for doc, parsed in zip(docs, parses, strict=True):
        score_doc(score, doc, extract_times(doc.text, doc.dct, doc.name, parsed))
    return score


def format_table(score: Score) -> str:
    """A plain-text table of the measures, overall and per type."""
    head = f"{'':10}{'gold':>6}{'pred':>6}  {'strict P/R/F1':>20}  {'relaxed P/R/F1':>20}  {'type acc':>8}" \
           f"  {'value P/R/F1':>20}"
    rows = [f"TimeML TIMEX3, {score.docs} documents", head]
    for name, tally in [("overall", score.overall), *score.by_type.items()]:
        d = tally.as_dict()
        rows.append(f"{name:10}{d['gold']:>6}{d['predicted']:>6}  {_prf(d, 'strict'):>20}  {_prf(d, 'relaxed'):>20}"
                    f"  {d['type_accuracy']:>8.3f}  {_prf(d, 'value'):>20}")
    rows.append(f"value F1, TBAQ-compatible (part of day and week padding forgiven; not the headline): "
                f"{score.overall.as_dict()['value_f1_compat']:.3f}")
    rows.append("note: parts of day follow the TimeML guidelines (\"Friday night\" -> TIME ...TNI); TBAQ often "
                "annotates the bare date, which the strict value F1 counts as wrong.")
    wrong = sum(score.disagreements.values())
    rows.append(f"wrong values of relaxed matches: {wrong}" + "".join(
        f"; {kind} {score.disagreements[kind]}" for kind in DISAGREEMENTS))
    return "\n".join(rows)


def _prf(d: dict[str, float | int], kind: str) -> str:
    return f"{d[kind + '_p']:.3f}/{d[kind + '_r']:.3f}/{d[kind + '_f1']:.3f}"
