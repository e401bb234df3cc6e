"""Check the labelled near-duplicate pairs: determinism, balance and what each kind claims."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from portalcrawler.replica.content import DISCLAIMER, PROMO
from portalcrawler.replica.pairs import (
    KINDS,
    NEGATIVE_KINDS,
    POSITIVE_KINDS,
    PROMO_2,
    SHARED_RANGE,
    SHORT_DISCLAIMER,
    Pair,
    labelled_pairs,
)

DATELINE = re.compile(r"^(【直报网[^】]*讯】|（直报网讯）|（(人民网|新华网|中国经济网)）)")
CHROME = {DISCLAIMER, SHORT_DISCLAIMER, PROMO, PROMO_2}


@pytest.fixture(scope="module")
def pairs() -> list[Pair]:
    return labelled_pairs(seed=1, n=400)


def of(pairs: list[Pair], kind: str) -> list[Pair]:
    return [p for p in pairs if p.kind == kind]


def sentences(body: str) -> list[str]:
    """Return the sentences of the story's own lines (chrome left out)."""
    lines = [DATELINE.sub("", line) for line in body.split("\n") if not is_chrome(line)]
    return [s for line in lines for s in re.findall(r"[^。]*。", line)]


def is_chrome(line: str) -> bool:
    """Return whether a line is one the portal adds: editor, disclaimer, promotion, caption."""
    return (
        line in CHROME
        or line.startswith(("责任编辑", "（责编", "责编"))
        or line.endswith("摄")
        or line.startswith(("图为", "（图片来源", "（本文仅代表"))
    )


def test_deterministic_and_extendable(pairs: list[Pair]) -> None:
    assert labelled_pairs(seed=1, n=400) == pairs
    assert labelled_pairs(seed=1, n=60) == pairs[:60]
    assert labelled_pairs(seed=2, n=60) != pairs[:60]


def test_kind_counts_and_labels(pairs: list[Pair]) -> None:
    assert len(pairs) == 400
    counts = Counter(p.kind for p in pairs)
    assert set(counts) == set(KINDS)
    assert min(counts.values()) >= 40 and max(counts.values()) - min(counts.values()) <= 1
    assert all(p.label for k in POSITIVE_KINDS for p in of(pairs, k))
    assert not any(p.label for k in NEGATIVE_KINDS for p in of(pairs, k))
    for p in pairs:
        assert p.a_title and p.b_title and p.a_body and p.b_body
        for body in (p.a_body, p.b_body):
            assert "\n\n" not in body and body == body.strip()


def test_exact_and_new_dateline(pairs: list[Pair]) -> None:
    assert all(p.a_body == p.b_body for p in of(pairs, "exact"))
    retitled = 0
    for p in of(pairs, "new_dateline"):
        a, b = p.a_body.split("\n"), p.b_body.split("\n")
        assert a != b and a[1:] == b[1:]
        assert DATELINE.sub("", a[0]) == DATELINE.sub("", b[0])
        retitled += p.b_title != p.a_title
        assert p.b_title.startswith(p.a_title)
    assert retitled >= 30


def test_chrome_changed_touches_only_chrome(pairs: list[Pair]) -> None:
    for p in of(pairs, "chrome_changed"):
        a, b = p.a_body.split("\n"), p.b_body.split("\n")
        assert a != b
        assert all(is_chrome(line) for line in set(a) ^ set(b)), set(a) ^ set(b)


def test_edited_pairs_differ_by_the_recorded_share(pairs: list[Pair]) -> None:
    shares = set()
    for p in of(pairs, "edited_1_10"):
        a, b = sentences(p.a_body), set(sentences(p.b_body))
        assert len(a) == len(set(a)) >= 10
        missing = [s for s in a if s not in b]
        assert len(missing) / len(a) == pytest.approx(p.share)
        assert 0.01 <= p.share <= 0.10
        shares.add(round(p.share, 3))
    assert len(shares) >= 5  # the share is drawn per pair
    assert all(0.05 <= p.share <= 0.10 for p in of(pairs, "combo"))


@pytest.mark.parametrize("kind", ["serial", "shared_boilerplate"])
def test_negatives_share_the_stated_verbatim_paragraphs(pairs: list[Pair], kind: str) -> None:
    lo, hi = SHARED_RANGE[kind]
    for p in of(pairs, kind):
        assert p.shared and p.a_title != p.b_title
        a, b = p.a_body.split("\n"), p.b_body.split("\n")
        for lines in (a, b):
            assert all(par in lines for par in p.shared)
            share = sum(len(x) for x in lines if x in p.shared) / sum(map(len, lines))
            assert lo <= share <= hi, (kind, share)
        # Outside the shared block (and the editor line) the two texts are their own.
        own_a = {x for x in a if x not in p.shared and not is_chrome(x)}
        own_b = {x for x in b if x not in p.shared and not is_chrome(x)}
        assert own_a and own_b
        assert sum(map(len, own_a & own_b)) < 0.1 * sum(map(len, own_a))


def test_same_event_and_same_template_are_other_stories(pairs: list[Pair]) -> None:
    for p in of(pairs, "same_event"):
        a, b = set(sentences(p.a_body)), set(sentences(p.b_body))
        assert not a & b  # every sentence its own
        # ...of one event: the date the lead gives is the other report's date too.
        date = re.search(r"\d+月\d+日", DATELINE.sub("", p.a_body))
        assert date and date.group(0) in p.b_body
    for p in of(pairs, "same_template"):
        a, b = sentences(p.a_body), sentences(p.b_body)
        # One skeleton: as many paragraphs and sentences, few of them the same.
        assert len(a) == len(b) and p.a_body.count("\n") == p.b_body.count("\n")
        assert len(set(a) & set(b)) / len(set(a) | set(b)) < 0.2 and p.a_title != p.b_title
