"""Geoparsing evaluation on GeoWebNews and GeoVirus XML, with Gritta et al.'s measures.

- toponym recognition: precision, recall and F1 of predicted mention spans against the gold ones
  (strict: same start and end; ``overlap``: any shared character), end to end;
- resolution: accuracy within 161 km (100 miles), mean error in km and AUC (the area under the
  curve of log(1 + error), normalized by the log of half the Earth's circumference; lower is
  better), both end to end (on the toponyms found) and given the gold spans.

Only gold toponyms with coordinates count (GeoWebNews: 2,601 of 6,612 annotations).
"""

from __future__ import annotations

import math
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from dateline.errors import DataMissing, InputError
from dateline.eval import f1, ratio
from dateline.knowledge.gazetteer import Gazetteer, GazPlace
from dateline.records import Place
from dateline.stages.places.resolve import distance_km, resolve
from dateline.stages.places.toponyms import make_surface

MAX_ERROR_KM = 20039.0  # half the Earth's circumference: the error of a toponym left unresolved
ACC_KM = 161.0


@dataclass(frozen=True)
class GoldToponym:
    start: int
    end: int
    name: str
    lat: float
    lon: float
    kind: str = ""
    modifier: str = ""  # GeoWebNews' modifierType: "Adjective" for "Turkish", "Noun" for "Kyiv"


@dataclass(frozen=True)
class GoldArticle:
    id: str
    text: str
    toponyms: list[GoldToponym]


def read_gold(path: Path) -> list[GoldArticle]:
    """Articles of a GeoWebNews (``<toponyms>``) or GeoVirus (``<locations>``) XML file."""
    if not path.exists():
        raise DataMissing("gold file not found", path=str(path))
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError as exc:
        raise InputError(f"not well-formed XML: {exc}", path=str(path)) from exc
    return [_article(i, a) for i, a in enumerate(root.iter("article"))]


def _article(index: int, node: ET.Element) -> GoldArticle:
    text = node.findtext("text") or ""
    items = node.find("toponyms")
    if items is None:
        items = node.find("locations")
    found = []
    for t in items if items is not None else []:
        lat = t.findtext("latitude") or t.findtext("lat")
        lon = t.findtext("longitude") or t.findtext("lon")
        if not lat or not lon:
            continue
        start, end = _aligned(text, int(t.findtext("start") or 0), int(t.findtext("end") or 0),
                              t.findtext("name") or "")
        found.append(GoldToponym(start, end, text[start:end], float(lat), float(lon), t.findtext("type") or "",
                                  t.findtext("modifierType") or ""))
    return GoldArticle(node.get("file") or str(index), text, found)


def _aligned(text: str, start: int, end: int, name: str) -> tuple[int, int]:
    """GeoVirus' offsets are often one character off its ``<name>``: move them onto the name when it
    lies within two characters (GeoWebNews carries no ``<name>``, and its offsets are exact)."""
    if not name or text[start:end] == name:
        return start, end
    for shift in (-1, 1, -2, 2):
        if text[start + shift : start + shift + len(name)] == name:
            return start + shift, start + shift + len(name)
    return start, end


@dataclass
class Scores:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    errors: list[float] = field(default_factory=list)

    def add_errors(self, values: Iterable[float]) -> None:
        self.errors.extend(values)

    def as_dict(self) -> dict[str, float | int]:
        p, r = ratio(self.tp, self.tp + self.fp), ratio(self.tp, self.tp + self.fn)
        out: dict[str, float | int] = {"tp": self.tp, "fp": self.fp, "fn": self.fn, "precision": round(p, 4),
                                       "recall": round(r, 4), "f1": round(f1(p, r), 4)}
        return {**out, **resolution_measures(self.errors)}


def resolution_measures(errors: list[float]) -> dict[str, float | int]:
    if not errors:
        return {"n_resolved": 0, "acc161": 0.0, "mean_km": 0.0, "auc": 0.0}
    auc = sum(math.log(1 + e) for e in errors) / (len(errors) * math.log(MAX_ERROR_KM))
    return {"n_resolved": len(errors), "acc161": round(sum(e <= ACC_KM for e in errors) / len(errors), 4),
            "mean_km": round(sum(errors) / len(errors), 1), "auc": round(auc, 4)}


def place_error(place: Place | GazPlace | None, gold: GoldToponym) -> float:
    if place is None or place.lat is None or place.lon is None:
        return MAX_ERROR_KM
    return distance_km(place.lat, place.lon, gold.lat, gold.lon)


def score_end_to_end(article: GoldArticle, places: list[Place], strict: Scores, overlap: Scores) -> None:
    """Predicted mentions against the gold spans; errors of the strictly matched ones."""
    predicted = {(m.span.start, m.span.end): p for p in places for m in p.mentions}
    gold = {(g.start, g.end): g for g in article.toponyms}
    hits = set(predicted) & set(gold)
    strict.tp += len(hits)
    strict.fp += len(predicted) - len(hits)
    strict.fn += len(gold) - len(hits)
    strict.add_errors(place_error(predicted[k], gold[k]) for k in hits)
    loose = {k for k in gold if any(s < k[1] and k[0] < e for s, e in predicted)}
    overlap.tp += len(loose)
    overlap.fn += len(gold) - len(loose)
    overlap.fp += sum(1 for s, e in predicted if not any(s < k[1] and k[0] < e for k in gold))


def resolve_gold_spans(doc: Any, article: GoldArticle, gazetteer: Gazetteer) -> list[float]:
    """Errors in km of resolving each gold toponym given its span (the other gold names as context)."""
    surfaces, golds = [], []
    for g in article.toponyms:
        span = doc.char_span(g.start, g.end, alignment_mode="expand")
        surface = make_surface(doc, span.start, span.end, "GOLD") if span is not None else None
        if surface is not None:
            surfaces.append(surface)
            golds.append(g)
    errors = [MAX_ERROR_KM] * (len(article.toponyms) - len(golds))
    resolved = resolve(gazetteer, surfaces, text=article.text)
    errors += [place_error(r.place, g) for r, g in zip(resolved, golds, strict=True)]
    return errors


Geoparser = Callable[[str], tuple[Any, list[Place]]]


def evaluate(articles: list[GoldArticle], geoparse: Geoparser, gazetteer: Gazetteer) -> dict[str, Any]:
    """All measures over ``articles``; ``geoparse(text)`` returns the spaCy doc and the places layer."""
    strict, overlap, given, nominal = Scores(), Scores(), Scores(), Scores()
    for article in articles:
        doc, places = geoparse(article.text)
        score_end_to_end(article, places, strict, overlap)
        score_end_to_end(*without_adjectival(article, places), nominal, Scores())
        given.add_errors(resolve_gold_spans(doc, article, gazetteer))
    return {"articles": len(articles), "gold_toponyms": sum(len(a.toponyms) for a in articles),
            "end_to_end": strict.as_dict(), "end_to_end_overlap": overlap.as_dict(),
            "end_to_end_no_adjectival": nominal.as_dict(), "given_gold_spans": resolution_measures(given.errors)}


def without_adjectival(article: GoldArticle, places: list[Place]) -> tuple[GoldArticle, list[Place]]:
    """The article and places with GeoWebNews' adjectival toponyms ("Turkish") left out of both, so a
    recognizer that records demonyms only as actors is scored on the noun toponyms alone."""
    adjectival = {(g.start, g.end) for g in article.toponyms if g.modifier == "Adjective"}
    kept = GoldArticle(article.id, article.text, [g for g in article.toponyms if (g.start, g.end) not in adjectival])
    return kept, [replace(p, mentions=[m for m in p.mentions if (m.span.start, m.span.end) not in adjectival])
                  for p in places]
