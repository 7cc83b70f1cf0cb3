"""Text fingerprints for story clustering: word shingles, MinHash signatures (datasketch), LSH band
keys and keyword sets.  Pure functions, no I/O.

A signature is stored as hex (portable TEXT in SQLite and PostgreSQL): ``NUM_PERM`` little-endian
32-bit values.  Band keys are what the persisted LSH index holds: two articles sharing a band key
are candidates; datasketch picks the bands and rows for :data:`CANDIDATE_THRESHOLD`.
"""

from __future__ import annotations

import functools
import hashlib
import re
import zlib
from collections import Counter

import numpy as np
from datasketch import MinHash, MinHashLSH

# MinHash permutations: 128 estimates Jaccard to about +-0.04.
NUM_PERM = 128
# Word n-grams per shingle: 3 matches syndicated copies with edited leads, not shared stock phrases.
SHINGLE_WORDS = 3
# Jaccard above which a pair should land in one LSH bucket (datasketch picks bands x rows for it).
CANDIDATE_THRESHOLD = 0.3
# Fixed seed and a fixed shingle hash (CRC-32, in C: 3x faster than datasketch's SHA-1 default):
# signatures must compare across runs and machines.
SEED = 1
# datasketch's hashing scheme (its 2.0 default), named so a datasketch upgrade cannot change it.
SCHEME = "affine32"
# Keywords per article for the same-story rule (most frequent content words).
KEYWORDS = 20

_WORD = re.compile(r"\w+", re.UNICODE)
_STOP_WORDS = """
about above after again against also among another because been before being below between both could
during each from further have having here into itself just more most much must only other over said
says same should since some such than that their them then there these they this those through under
until very were what when where which while will with would your year years week told according
percent last first next news monday tuesday wednesday thursday friday saturday sunday"""
_STOP = frozenset(_STOP_WORDS.split())


def words(text: str) -> list[str]:
    return [w.casefold() for w in _WORD.findall(text)]


def shingles(text: str, size: int = SHINGLE_WORDS) -> set[str]:
    """The set of word ``size``-grams (the words themselves for a text shorter than ``size``)."""
    tokens = words(text)
    if len(tokens) < size:
        return set(tokens)
    return {" ".join(tokens[i : i + size]) for i in range(len(tokens) - size + 1)}


def signature(text: str) -> str | None:
    """The MinHash signature of ``text``'s shingles as hex; None for a text with no words."""
    grams = shingles(text)
    if not grams:
        return None
    minhash = MinHash(num_perm=NUM_PERM, seed=SEED, hashfunc=zlib.crc32, permutations=_permutations(),
                      scheme=SCHEME)
    minhash.update_batch([g.encode("utf-8") for g in grams])
    return bytes(np.asarray(minhash.hashvalues, dtype="<u4").tobytes()).hex()


@functools.cache
def _permutations() -> object:
    """The seeded permutations, drawn once (datasketch draws them per MinHash otherwise)."""
    return MinHash(num_perm=NUM_PERM, seed=SEED, hashfunc=zlib.crc32, scheme=SCHEME).permutations


def decode(sig: str) -> np.ndarray[tuple[int], np.dtype[np.uint32]]:
    return np.frombuffer(bytes.fromhex(sig), dtype="<u4")


def jaccard(first: str | None, second: str | None) -> float:
    """Estimated Jaccard similarity of two signatures (0 when either text had no words)."""
    if first is None or second is None:
        return 0.0
    return float(np.mean(decode(first) == decode(second)))


@functools.cache
def bands() -> tuple[int, int]:
    """(bands, rows per band) that datasketch's MinHashLSH picks for the candidate threshold."""
    lsh = MinHashLSH(threshold=CANDIDATE_THRESHOLD, num_perm=NUM_PERM)
    return int(lsh.b), int(lsh.r)


def band_keys(sig: str | None) -> list[str]:
    """The LSH bucket keys of a signature: ``b<band>:<48-bit hash of the band's values>`` (a rare
    collision only adds a candidate, which the Jaccard check then drops)."""
    if sig is None:
        return []
    count, rows = bands()
    raw = bytes.fromhex(sig)
    width = 4 * rows
    return [f"b{i}:{hashlib.blake2b(raw[i * width : (i + 1) * width], digest_size=6).hexdigest()}"
            for i in range(count)]


def keywords(text: str, limit: int = KEYWORDS) -> list[str]:
    """The ``limit`` most frequent content words (4+ letters, not stop words), ties alphabetical."""
    counts = Counter(w for w in words(text) if len(w) >= 4 and w.isalpha() and w not in _STOP)
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return sorted(w for w, _ in ranked[:limit])


def overlap(first: list[str], second: list[str]) -> float:
    """Jaccard similarity of two lists taken as sets (0 for two empty lists)."""
    a, b = set(first), set(second)
    return len(a & b) / len(a | b) if a or b else 0.0
