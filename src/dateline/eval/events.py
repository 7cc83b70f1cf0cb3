"""Score event coding against PLOVER gold records and CASE-2021 task 2 snippets.

* PLOVER GSR (``PLOVER_GSR_CAMEO*.json``, PLOVER 0.5b1 names): the pipeline codes each sentence; the first
  event it finds is compared with the gold record's type (0.5 names mapped: DEMAND -> REQUEST, DISAPPROVE and
  INVESTIGATE -> ACCUSE, FIGHT -> ASSAULT), mode, and the country and sector of source and target actors.
* CASE-2021 task 2 (TSV ``id, EventSnippet, SubType``): each snippet gets one label from the ACLED classifier
  (with the PLOVER events found in it as hints); weighted and macro F1 over the gold labels.
"""

from __future__ import annotations

import csv
import json
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dateline.errors import DataMissing
from dateline.eval import f1, ratio
from dateline.records import ArticleRecord

PLOVER_05 = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE", "FIGHT": "ASSAULT"}
# PLOVER 0.5 mode names -> the pinned codebook's modes, where one clearly corresponds (the 0.5 split of
# demonstrations and strikes by organiser is not in the pinned codebook; a hunger strike is its own mode there;
# confiscation is seizure; hosting a visit is the visit seen from the host).  Other 0.5 modes (martial-law,
# political, other, ...) have no clear counterpart and are compared as they are.
PLOVER_05_MODES = {"demo-org": "demo", "demo-spon": "demo", "riot-spon": "riot", "strike-gen": "strike",
                   "strike-hun": "hunger", "confiscate": "seize", "host": "visit"}
CAMEO_COUNTRY = {"JAP": "JPN", "ROM": "ROU", "ZAI": "COD", "UKG": "GBR"}
NONE = "(none)"


@dataclass
class LabelScores:
    """Per-label precision/recall/F1 and a confusion table from (gold, predicted) pairs."""

    pairs: list[tuple[str, str]] = field(default_factory=list)

    def add(self, gold: str, predicted: str) -> None:
        self.pairs.append((gold, predicted))

    def per_label(self) -> dict[str, dict[str, float]]:
        gold = Counter(g for g, _ in self.pairs)
        pred = Counter(p for _, p in self.pairs)
        hit = Counter(g for g, p in self.pairs if g == p)
        out = {}
        for label in sorted(set(gold) | (set(pred) - {NONE})):
            p, r = ratio(hit[label], pred[label]), ratio(hit[label], gold[label])
            f = f1(p, r)
            out[label] = {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4), "support": gold[label]}
        return out

    def macro_f1(self) -> float:
        rows = [v for v in self.per_label().values() if v["support"]]
        return round(sum(v["f1"] for v in rows) / len(rows), 4) if rows else 0.0

    def weighted_f1(self) -> float:
        rows = [v for v in self.per_label().values() if v["support"]]
        total = sum(v["support"] for v in rows)
        return round(sum(v["f1"] * v["support"] for v in rows) / total, 4) if total else 0.0

    def accuracy(self) -> float:
        return round(sum(g == p for g, p in self.pairs) / len(self.pairs), 4) if self.pairs else 0.0

    def confusion(self) -> dict[str, dict[str, int]]:
        table: dict[str, dict[str, int]] = {}
        for (g, p), n in Counter(self.pairs).items():
            table.setdefault(g, {})[p] = n
        return table


def _require(path: Path) -> Path:
    if not path.exists():
        raise DataMissing(f"gold file not found: {path}", path=str(path))
    return path


# --- PLOVER ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PloverGold:
    id: str
    text: str
    type: str
    mode: str | None
    sources: list[tuple[str, str]]  # (country or IGO/NGO code, sector)
    targets: list[tuple[str, str]]


def _actors(value: Any) -> list[tuple[str, str]]:
    if not isinstance(value, list):
        return []
    out = []
    for item in value:
        code = str(item.get("code") or "").upper()
        out.append((CAMEO_COUNTRY.get(code, code), str(item.get("sector") or "").upper()))
    return out


def _mode(value: Any) -> str | None:
    return PLOVER_05_MODES.get(str(value), str(value)) if value else None


def read_plover(path: Path) -> list[PloverGold]:
    data = json.loads(_require(path).read_text(encoding="utf-8"))
    out = []
    for rec in data:
        event = str(rec.get("event") or "")
        if event in ("", "DOCUMENT") or not rec.get("text"):
            continue
        out.append(PloverGold(str(rec.get("id")), str(rec["text"]), PLOVER_05.get(event, event),
                              _mode(rec.get("mode")), _actors(rec.get("source")), _actors(rec.get("target"))))
    return out


def _countries(record: ArticleRecord, actor_ids: Sequence[str]) -> list[str]:
    return [a.country for a in (record.actor(i) for i in actor_ids) if a is not None and a.country]


def _is_country(code: str) -> bool:
    return len(code) == 3 and code not in ("IGO", "NGO", "MNC", "***")


@dataclass
class PloverReport:
    types: LabelScores = field(default_factory=LabelScores)
    mode_hits: int = 0
    mode_total: int = 0
    source_hits: int = 0
    source_total: int = 0
    source_attached: int = 0  # scored records whose event has a source actor with a country
    target_hits: int = 0
    target_total: int = 0
    records: int = 0

    def as_dict(self) -> dict[str, Any]:
        return {
            "records": self.records,
            "type_macro_f1": self.types.macro_f1(),
            "type_accuracy": self.types.accuracy(),
            "mode_accuracy": _ratio(self.mode_hits, self.mode_total),
            "source_country_accuracy": _ratio(self.source_hits, self.source_total),
            "source_country_scored": self.source_total,
            "source_country_accuracy_when_attached": _ratio(self.source_hits, self.source_attached),
            "source_attached": self.source_attached,
            "target_country_accuracy": _ratio(self.target_hits, self.target_total),
            "per_type": self.types.per_label(),
            "confusion": self.types.confusion(),
        }


def _ratio(hits: int, total: int) -> float:
    return round(ratio(hits, total), 4)


def score_plover(gold: Iterable[PloverGold], records: Iterable[ArticleRecord]) -> PloverReport:
    """Compare each gold record with the first event of the pipeline's record for its sentence.

    Country accuracy is over gold records whose first source (target) is a country and whose predicted event
    type is right; an event without a source country counts as wrong.
    """
    report = PloverReport()
    for g, record in zip(gold, records, strict=True):
        report.records += 1
        event = record.events[0] if record.events else None
        report.types.add(g.type, event.type if event else NONE)
        if event is None or event.type != g.type:
            continue
        if g.mode:
            report.mode_total += 1
            report.mode_hits += event.mode == g.mode
        if g.sources and _is_country(g.sources[0][0]):
            report.source_total += 1
            report.source_attached += bool(_countries(record, event.source))
            report.source_hits += g.sources[0][0] in _countries(record, event.source)
        if g.targets and _is_country(g.targets[0][0]):
            report.target_total += 1
            report.target_hits += g.targets[0][0] in _countries(record, event.target)
    return report


# --- CASE 2021 ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CaseGold:
    id: str
    text: str
    label: str


def read_case(path: Path) -> list[CaseGold]:
    with _require(path).open(encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))
    return [CaseGold(r[0], r[1], r[2].strip()) for r in rows[1:] if len(r) >= 3 and r[2].strip()]


def score_case(gold: Iterable[CaseGold], predicted: Iterable[str]) -> LabelScores:
    scores = LabelScores()
    for g, p in zip(gold, predicted, strict=True):
        scores.add(g.label, p)
    return scores


def case_report(scores: LabelScores) -> dict[str, Any]:
    return {"snippets": len(scores.pairs), "weighted_f1": scores.weighted_f1(), "macro_f1": scores.macro_f1(),
            "accuracy": scores.accuracy(), "per_type": scores.per_label(), "confusion": scores.confusion()}


# --- running the pipeline -------------------------------------------------------------------------------


def stages_through_events(configured: Sequence[str]) -> list[str]:
    """The configured stages up to and including ``events`` (the layers event coding uses)."""
    names = list(configured)
    return names[: names.index("events") + 1] if "events" in names else [*names, "events"]


def _records(texts: Sequence[str], stages: Sequence[str]) -> list[ArticleRecord]:
    from dateline.config import load_config
    from dateline.ingest import make_article
    from dateline.pipeline.runner import Pipeline

    pipeline = Pipeline(load_config().with_(stages=list(stages)))
    articles = [make_article(t, published_at="2000-01-01T12:00:00") for t in texts]
    out: list[ArticleRecord] = []
    for item in pipeline.process(articles):
        out.append(item if isinstance(item, ArticleRecord) else ArticleRecord(article=articles[len(out)]))
    return out


def _main_event_first(record: ArticleRecord) -> ArticleRecord:
    """Order events so the most confident (then earliest) comes first: the one a sentence is coded as."""
    ranked = sorted(record.events, key=lambda e: (-e.confidence, e.evidence.start))
    return ArticleRecord(article=record.article, actors=record.actors, events=ranked)


def evaluate_plover(path: Path, stages: Sequence[str], limit: int | None = None) -> PloverReport:
    gold = read_plover(path)[:limit]
    records = [_main_event_first(r) for r in _records([g.text for g in gold], stages)]
    return score_plover(gold, records)


def evaluate_case(path: Path, limit: int | None = None) -> LabelScores:
    from dateline.stages.events.acled import classify_snippet

    gold = read_case(path)[:limit]
    records = _records([g.text for g in gold], ["events"])
    predicted = [classify_snippet(g.text, [e.type for e in r.events]) for g, r in zip(gold, records, strict=True)]
    return score_case(gold, predicted)


def format_table(title: str, headline: dict[str, Any], per_label: dict[str, dict[str, float]]) -> str:
    header = f"  {'type':32} {'P':>6} {'R':>6} {'F1':>6} {'n':>4}"
    lines = [title, *(f"  {k}: {v}" for k, v in headline.items()), header]
    for label, row in per_label.items():
        lines.append(f"  {label:32} {row['precision']:6.3f} {row['recall']:6.3f} {row['f1']:6.3f} {row['support']:4}")
    return "\n".join(lines)


def format_confusion(confusion: dict[str, dict[str, int]]) -> str:
    lines = ["  confusion (gold -> predicted: count)"]
    for gold_label in sorted(confusion):
        cells = sorted(confusion[gold_label].items(), key=lambda kv: -kv[1])
        lines.append(f"  {gold_label:32} " + ", ".join(f"{p}:{n}" for p, n in cells))
    return "\n".join(lines)
