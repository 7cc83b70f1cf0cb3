"""Fitting the learned tables of quotes_cues.toml: the rerank model, the labels, the file writer."""

from __future__ import annotations

import tomllib

from dateline.eval.polnear import GoldAttribution
from dateline.eval.polnear_fit import (
    Examples,
    QuoteTables,
    fit_rerank,
    frame_label,
    log_loss,
    replace_sections,
)


def _synthetic() -> Examples:
    """"subj=name" frames are speech, "subj=none" frames are not; "noise" says nothing; priors flat."""
    rows, labels = [], []
    for i in range(200):
        good = i % 2 == 0
        row = ["bias", "subj=name" if good else "subj=none"]
        if i % 3 == 0:
            row.append("noise")
        if i == 0:
            row.append("rare")  # seen once: below min_count, never a weight
        rows.append(row)
        labels.append(good)
    return Examples(rows, labels, [0.0] * len(rows))


def test_fit_rerank_learns_an_obvious_separation() -> None:
    examples = _synthetic()
    weights = fit_rerank(examples, min_count=5, l2=1.0, steps=300)
    assert weights["subj=name"] > 1.0 > -1.0 > weights["subj=none"]
    assert abs(weights.get("noise", 0.0)) < 0.5
    assert "rare" not in weights
    assert log_loss(weights, examples) < 0.2 < log_loss({}, examples)
    assert fit_rerank(examples, min_count=5, steps=300) == weights  # deterministic


def test_fit_rerank_keeps_an_informative_prior() -> None:
    # the label follows the table prior alone: the prior's weight goes up from its start at 1
    priors = [2.0 if i % 2 else -2.0 for i in range(100)]
    examples = Examples([["bias"] for _ in priors], [p > 0 for p in priors], priors)
    assert fit_rerank(examples, steps=200)["prior"] > 1.0


def test_frame_label_wants_overlap_and_the_same_cue_for_indirect_frames() -> None:
    gold = [GoldAttribution(source=(0, 5), cue=(6, 10), content=(11, 30))]
    assert frame_label("indirect", (6, 10), (15, 20), gold)
    assert not frame_label("indirect", (40, 44), (15, 20), gold)  # another cue
    assert frame_label("direct", (40, 44), (15, 20), gold)  # the marks make a direct quote's content
    assert not frame_label("indirect", (6, 10), (31, 35), gold)  # no overlap


def test_replace_sections_rebuilds_only_the_learned_tables() -> None:
    base = ('# header\n[speech]\nlemmas = ["say"]\n\n[frames]\n"old" = { "ccomp" = 0.5 }\n\n'
            '[rerank]\n"prior" = 0.1\n\n[anonymous]\nheads = ["official"]\n')
    tables = QuoteTables({"say": {"dobj": 0.2, "ccomp": 0.9}}, {"accuse>prep:of>pcomp": 0.79},
                         {"prior": 0.7, 'quote="x"': -0.1})
    out = replace_sections(base, tables)
    data = tomllib.loads(out)
    assert out.startswith("# header\n")
    assert data["speech"] == {"lemmas": ["say"]} and data["anonymous"] == {"heads": ["official"]}
    assert data["frames"] == {"say": {"ccomp": 0.9, "dobj": 0.2}}
    assert data["paths"] == {"accuse>prep:of>pcomp": 0.79}
    assert data["rerank"] == {"prior": 0.7, 'quote="x"': -0.1}
    assert replace_sections(out, tables) == out


def test_the_shipped_cue_file_is_what_the_writer_writes() -> None:
    # the learned sections of quotes_cues.toml come from `dateline eval quotes --fit`, not from hand edits
    from importlib import resources

    text = resources.files("dateline").joinpath("knowledge", "data", "quotes_cues.toml").read_text(encoding="utf-8")
    data = tomllib.loads(text)
    tables = QuoteTables(data["frames"], data["paths"], data["rerank"])
    assert replace_sections(text, tables) == text
    assert 0.3 < data["rerank"]["prior"] < 2.0 and len(data["rerank"]) > 100


def test_a_cue_noun_takes_its_possessor_or_the_subject_of_its_light_verb(nlp: object) -> None:
    from dateline.stages.quotes.frames import noun_speaker

    doc = nlp("Trump made the claim that the vote was rigged.")  # type: ignore[operator]
    claim = next(t for t in doc if t.lower_ == "claim")
    speaker = noun_speaker(claim)
    assert speaker is not None and speaker.text == "Trump"
    doc = nlp("Clinton's claim that the vote was fair was repeated.")  # type: ignore[operator]
    claim = next(t for t in doc if t.lower_ == "claim")
    speaker = noun_speaker(claim)
    assert speaker is not None and speaker.text == "Clinton"
