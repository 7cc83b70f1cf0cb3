"""Rebuilding the learned parts of knowledge/data/quotes_cues.toml from PolNeAR *train* (never dev or test).

Three tables, derived in order from one spaCy parse of the train compartment:

1. ``[frames]``: cue lemma x complement kind -> share annotated as attribution
   (:func:`dateline.eval.polnear.cue_table_from`, annotated >= 2 times, share >= 0.1);
2. ``[paths]``: multiword cue patterns -> share (:func:`dateline.eval.polnear.path_table_from`, annotated >= 2
   times, share >= 0.15), less the "lemma>prep:X>pobj" patterns that a ``[frames]`` pair already covers;
3. ``[rerank]``: the logistic context model of :mod:`dateline.stages.quotes.rerank`, fitted by
   :func:`fit_rerank` on every candidate frame of the stage, labelled by :func:`frame_label`.

The stage drops weak frames with the rerank model itself before quote regions are attached, so its
candidate set depends on the weights.  The fit does not: it trains on every frame (floor 0), so the
weights never depend on an earlier fit.  ``rounds > 1`` would refit on the stage's own candidates with
the previous round's weights; measured on dev (84 docs) that lost (2 rounds: source exact F1 0.711,
content overlap F1 0.769 against 0.717 / 0.773 for one round), so one round is the default.

``dateline eval quotes --polnear DIR --fit OUT.toml`` runs all of it and writes a complete cue file.
"""

from __future__ import annotations

import dataclasses
import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from dateline.eval.polnear import GoldAttribution, PolnearDoc, cue_table_from, path_table_from, read_polnear

# Settings of the shipped tables (the header of quotes_cues.toml says the same).
FRAME_MIN_HITS, FRAME_MIN_SHARE = 2, 0.1
PATH_MIN_HITS, PATH_MIN_SHARE = 2, 0.15
RERANK_MIN_COUNT, RERANK_L2, RERANK_STEPS, RERANK_RATE, RERANK_KEEP = 5, 1.0, 400, 0.1, 0.02
ROUNDS = 1


@dataclass(frozen=True)
class QuoteTables:
    frames: dict[str, dict[str, float]]
    paths: dict[str, float]
    rerank: dict[str, float]


@dataclass(frozen=True)
class Examples:
    """Training rows of the rerank model: feature names, label, logit of the table prior."""

    rows: list[list[str]]
    labels: list[bool]
    priors: list[float]


def frame_label(kind: str, cue: tuple[int, int], content: tuple[int, int], gold: Sequence[GoldAttribution]) -> bool:
    """A frame is right when its content overlaps a gold content whose cue is its own (within two
    characters), or has no cue, or when the frame is a direct or mixed quote (the marks make the
    content; the cue then is often elsewhere in the gold)."""
    for a in gold:
        if a.content is None or not (a.content[0] < content[1] and content[0] < a.content[1]):
            continue
        if a.cue is None or kind != "indirect" or (a.cue[0] < cue[1] + 2 and cue[0] < a.cue[1] + 2):
            return True
    return False


def frame_examples(parsed: Sequence[tuple[PolnearDoc, Any]], lex: Any, floor: float | None = None) -> Examples:
    """Every candidate frame of the stage over (gold document, spaCy doc) pairs, as training rows."""
    from dateline.stages.quotes import candidate_frames
    from dateline.stages.quotes.marks import paragraphs
    from dateline.stages.quotes.rerank import features, logit

    rows: list[list[str]] = []
    labels: list[bool] = []
    priors: list[float] = []
    for gold_doc, doc in parsed:
        gold = [a for a in gold_doc.attributions if a.content]
        _, frames = candidate_frames(doc, gold_doc.text, lex, paragraphs(gold_doc.text), floor=floor)
        for f in frames:
            rows.append(features(doc, f))
            labels.append(frame_label(f.kind, f.cue, f.content, gold))
            priors.append(logit(f.confidence))
    return Examples(rows, labels, priors)


def fit_rerank(examples: Examples, min_count: int = RERANK_MIN_COUNT, l2: float = RERANK_L2,
               steps: int = RERANK_STEPS, rate: float = RERANK_RATE, keep: float = RERANK_KEEP) -> dict[str, float]:
    """Logistic regression z = prior * logit(table share) + sum of feature weights, full-batch Adam.

    Features seen in fewer than ``min_count`` rows are left out; feature weights (not the prior's)
    carry an L2 penalty ``l2`` (scaled by 1/N); weights below ``keep`` in size are dropped and the rest
    rounded to 3 places.  Returns {"prior": w, feature: w, ...}, the ``[rerank]`` table.  Deterministic.
    """
    import numpy as np

    counts = Counter(name for row in examples.rows for name in set(row))
    names = sorted(n for n, c in counts.items() if c >= min_count)
    vocab = {n: i + 1 for i, n in enumerate(names)}  # column 0 is the prior
    cols: list[int] = []
    ptr = [0]
    for row in examples.rows:
        cols.extend(sorted({vocab[n] for n in row if n in vocab}))
        ptr.append(len(cols))
    n_rows = len(examples.rows)
    idx = np.array(cols, dtype=np.int64)
    rowid = np.repeat(np.arange(n_rows), np.diff(np.array(ptr)))
    y = np.array(examples.labels, dtype=float)
    prior = np.array(examples.priors, dtype=float)
    w = np.zeros(len(vocab) + 1)
    w[0] = 1.0
    m = np.zeros_like(w)
    v = np.zeros_like(w)
    for step in range(1, steps + 1):
        z = w[0] * prior + np.bincount(rowid, weights=w[idx], minlength=n_rows)
        g = 1.0 / (1.0 + np.exp(-z)) - y
        grad = np.bincount(idx, weights=g[rowid], minlength=len(w)) / max(n_rows, 1)
        grad[0] = float((g * prior).sum()) / max(n_rows, 1)
        grad[1:] += l2 * w[1:] / max(n_rows, 1)
        m = 0.9 * m + 0.1 * grad
        v = 0.999 * v + 0.001 * grad**2
        w -= rate * (m / (1 - 0.9**step)) / (np.sqrt(v / (1 - 0.999**step)) + 1e-8)
    weights = {"prior": round(float(w[0]), 3)}
    for name, i in vocab.items():
        if abs(w[i]) >= keep:
            weights[name] = round(float(w[i]), 3)
    return weights


def log_loss(weights: dict[str, float], examples: Examples) -> float:
    """Mean logistic loss of ``weights`` on ``examples`` (for reports and tests)."""
    total = 0.0
    for row, label, prior in zip(examples.rows, examples.labels, examples.priors, strict=True):
        z = weights.get("prior", 0.0) * prior + sum(weights.get(n, 0.0) for n in row)
        p = min(max(1.0 / (1.0 + math.exp(-z)), 1e-9), 1 - 1e-9)
        total -= math.log(p) if label else math.log(1 - p)
    return total / max(len(examples.rows), 1)


def fit_quote_tables(parsed: Sequence[tuple[PolnearDoc, Any]], rounds: int = ROUNDS,
                     log: Any = None) -> QuoteTables:
    """[frames], [paths] and [rerank] from (gold document, spaCy doc) pairs of the train compartment."""
    from dateline.stages.quotes.lexicon import load_lexicon

    frames = cue_table_from(parsed, FRAME_MIN_HITS, FRAME_MIN_SHARE)
    paths = {key: share for key, share in path_table_from(parsed, PATH_MIN_HITS, PATH_MIN_SHARE).items()
             if not _covered(key, frames)}
    lex = dataclasses.replace(load_lexicon(), frames=frames, paths=paths, rerank={})
    weights: dict[str, float] = {}
    for round_no in range(1, rounds + 1):
        examples = frame_examples(parsed, lex, floor=0.0 if round_no == 1 else None)
        weights = fit_rerank(examples)
        lex = dataclasses.replace(lex, rerank=weights)
        if log is not None:
            log(f"round {round_no}: {len(examples.rows)} frames, {sum(examples.labels)} right, "
                f"{len(weights)} weights, loss {log_loss(weights, examples):.4f}")
    return QuoteTables(frames, paths, weights)


def _covered(key: str, frames: dict[str, dict[str, float]]) -> bool:
    """ "lemma>prep:X>pobj" when the [frames] pair (lemma, prep:X) exists: the table already finds it."""
    parts = key.split(">")
    return (len(parts) == 3 and parts[1].startswith("prep:") and parts[2] == "pobj"
            and parts[1] in frames.get(parts[0], {}))


def parse_compartment(path: Path, nlp: Any, compartment: str = "train",
                      limit: int | None = None) -> list[tuple[PolnearDoc, Any]]:
    docs = read_polnear(path, compartment, limit)
    return list(zip(docs, nlp.pipe((d.text for d in docs), batch_size=32), strict=True))


# ---------------------------------------------------------------------------------------------
# Writing the cue file: the three sections replaced, everything else (header, [speech], [anonymous]) kept


def _key(name: str) -> str:
    return '"' + name.replace("\\", "\\\\").replace('"', '\\"') + '"'


def render_sections(tables: QuoteTables) -> dict[str, list[str]]:
    frames = [f"{_key(lemma)} = {{ " + ", ".join(f"{_key(k)} = {v}" for k, v in
                                                 sorted(kinds.items(), key=lambda kv: -kv[1])) + " }"
              for lemma, kinds in sorted(tables.frames.items())]
    paths = [f"{_key(k)} = {v}" for k, v in sorted(tables.paths.items())]
    rerank = [f"{_key(k)} = {v}" for k, v in sorted(tables.rerank.items())]
    return {"frames": frames, "paths": paths, "rerank": rerank}


def replace_sections(cue_file: str, tables: QuoteTables) -> str:
    """``cue_file`` (the text of quotes_cues.toml) with [frames], [paths] and [rerank] rebuilt."""
    lines = cue_file.splitlines()
    out: list[str] = []
    sections = render_sections(tables)
    skipping = False
    for line in lines:
        header = line.strip()
        if header.startswith("[") and header.endswith("]") and not header.startswith("[["):
            name = header[1:-1]
            skipping = name in sections
            if skipping:
                out.extend([line, *sections.pop(name), ""])
                continue
        if not skipping:
            out.append(line)
    for name, body in sections.items():  # a section the file did not have yet goes at the end
        out.extend(["", f"[{name}]", *body])
    return "\n".join(out).rstrip("\n") + "\n"


def write_cue_file(tables: QuoteTables, out: Path, base: str | None = None) -> None:
    """Write a complete cue file: ``base`` (default: the packaged quotes_cues.toml) with new tables."""
    if base is None:
        from importlib import resources

        base = resources.files("dateline").joinpath("knowledge", "data", "quotes_cues.toml").read_text(encoding="utf-8")
    out.write_text(replace_sections(base, tables), encoding="utf-8")
