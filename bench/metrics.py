"""Extraction metrics shared by the benchmarks (and the drift tests)."""

from __future__ import annotations

import re
from collections import Counter

_WS = re.compile(r"\s+")


def char_f1(got: str, want: str) -> float:
    """Character-level bag F1, whitespace removed: the multiset intersection of the
    characters over each side's total."""
    got_chars, want_chars = Counter(_WS.sub("", got)), Counter(_WS.sub("", want))
    common = sum((got_chars & want_chars).values())
    if not common:
        return 0.0
    precision = common / sum(got_chars.values())
    recall = common / sum(want_chars.values())
    return 2 * precision * recall / (precision + recall)


def leaks(body: str, chrome: list[str]) -> int:
    """How many of the chrome strings occur in the body (whitespace ignored)."""
    flat = _WS.sub("", body)
    return sum(1 for string in chrome if _WS.sub("", string) and _WS.sub("", string) in flat)
