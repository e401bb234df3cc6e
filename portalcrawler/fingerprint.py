"""Content fingerprints built for Chinese: exact, and near-duplicate with an index.

Chinese has no spaces, so word-based fingerprints (trafilatura's simhash splits on
spaces) see a whole clause as one token and miss a copy with one character changed.
Here a body is normalised (whitespace and punctuation removed, letters lower-cased) and
cut into overlapping character shingles of SHINGLE characters. Near-duplicates are
measured by the Jaccard similarity of two bodies' shingle sets; MinHash estimates it in
a fixed-size signature, and locality-sensitive hashing splits the signature into BANDS
bands of ROWS values, so that candidates are found by BANDS indexed look-ups whatever
the number of stored articles. Candidates are then checked by exact Jaccard.

With 32 bands of 4 rows, a pair at similarity 0.6 shares a band with probability 0.99,
at 0.7 with probability 0.9995; pairs under 0.3 rarely do, so checks stay cheap.
"""

from __future__ import annotations

import hashlib
import re

import numpy as np

SHINGLE = 5
PERMUTATIONS = 128
BANDS = 32
ROWS = PERMUTATIONS // BANDS
# Bump when anything above changes: stored signatures of another version are not compared.
VERSION = 1

_DROP = re.compile(r"[\W_]+")
# Fixed multipliers for multiply-shift hashing: the same on every machine and every run.
_RNG = np.random.default_rng(20261128)
_A = _RNG.integers(1, 2**63, size=PERMUTATIONS, dtype=np.uint64) | np.uint64(1)
_B = _RNG.integers(0, 2**63, size=PERMUTATIONS, dtype=np.uint64)
_BASE = np.uint64(1_000_003)


def normalize(body: str) -> str:
    """Lower-case the body and drop whitespace and punctuation (full- and half-width)."""
    return _DROP.sub("", body.lower())


def shingles(body: str) -> np.ndarray:
    """The set of the body's character shingles, as sorted unique 64-bit hashes."""
    text = normalize(body)
    if len(text) < SHINGLE:
        return np.empty(0, dtype=np.uint64)
    points = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    count = len(points) - SHINGLE + 1
    hashes = np.zeros(count, dtype=np.uint64)
    with np.errstate(over="ignore"):
        for offset in range(SHINGLE):
            hashes = hashes * _BASE + points[offset : offset + count]
        # Mix the bits (splitmix64's finaliser) so that near shingles land far apart.
        hashes ^= hashes >> np.uint64(30)
        hashes *= np.uint64(0xBF58476D1CE4E5B9)
        hashes ^= hashes >> np.uint64(27)
        hashes *= np.uint64(0x94D049BB133111EB)
        hashes ^= hashes >> np.uint64(31)
    return np.unique(hashes)


def minhash(hashed: np.ndarray) -> np.ndarray:
    """MinHash signature (PERMUTATIONS 32-bit values) of a shingle set."""
    if not len(hashed):
        return np.full(PERMUTATIONS, 0xFFFFFFFF, dtype=np.uint32)
    with np.errstate(over="ignore"):
        mixed = (_A[:, None] * hashed[None, :] + _B[:, None]) >> np.uint64(32)
    return mixed.min(axis=1).astype(np.uint32)


def band_keys(signature: np.ndarray) -> list[int]:
    """One index key per band: band number in the top bits, a hash of its rows below."""
    keys = []
    for band in range(BANDS):
        rows = signature[band * ROWS : (band + 1) * ROWS].tobytes()
        digest = int.from_bytes(hashlib.blake2b(rows, digest_size=7).digest(), "big")
        keys.append((band << 56) | digest)  # fits SQLite's signed 64-bit integers
    return keys


def jaccard(a: np.ndarray, b: np.ndarray) -> float:
    """Exact Jaccard similarity of two shingle sets (sorted unique arrays)."""
    if not len(a) or not len(b):
        return 0.0
    common = len(np.intersect1d(a, b, assume_unique=True))
    return common / (len(a) + len(b) - common)


def similarity(body_a: str, body_b: str) -> float:
    """Jaccard similarity of two bodies' character shingles."""
    return jaccard(shingles(body_a), shingles(body_b))


def fingerprint(body: str) -> tuple[np.ndarray, np.ndarray, list[int]]:
    """Shingles, MinHash signature and band keys of a body."""
    hashed = shingles(body)
    signature = minhash(hashed)
    return hashed, signature, band_keys(signature) if len(hashed) else []


def title_similarity(a: str, b: str) -> float:
    """Jaccard similarity of two titles' character bigrams (punctuation ignored)."""
    a, b = normalize(a), normalize(b)
    grams_a = {a[i : i + 2] for i in range(len(a) - 1)}
    grams_b = {b[i : i + 2] for i in range(len(b) - 1)}
    if not grams_a or not grams_b:
        return 0.0
    return len(grams_a & grams_b) / len(grams_a | grams_b)
