"""Near-duplicate detection on a labelled set: copies of a story against hard negatives.

Each pair goes through the store as a crawl would write it: the first article stored,
then the second; the second must be folded into the first exactly when both are one
story. Positives: exact copies, new datelines and title suffixes, chrome changed, 1-10%
of sentences edited or dropped, and all of these together. Hard negatives: two reports
of one event, parts of a series sharing background paragraphs, articles sharing a long
company profile or disclaimer, articles from the same sentence templates.
"""

from collections import Counter

import pytest
import sqlite_utils

from portalcrawler.cleaning import content_hash
from portalcrawler.fingerprint import similarity
from portalcrawler.replica.pairs import labelled_pairs
from portalcrawler.storage import ArticleStore


def article(url, aid, title, body, published):
    return {"url": url, "aid": aid, "site": "chndsnews", "title": title, "body": body,
            "body_html": "", "images": [], "content_hash": content_hash(body),
            "published_at": published, "channel": "财经"}


def folded(pair) -> bool:
    store = ArticleStore(sqlite_utils.Database(memory=True))
    store.upsert_articles([article("http://a/1.html", 1, pair.a_title, pair.a_body,
                                   "2023-06-02T09:00:00+08:00")])
    (outcome,) = store.upsert_articles([article("http://b/2.html", 2, pair.b_title, pair.b_body,
                                                "2023-06-09T09:00:00+08:00")])
    store.close()
    return outcome.action == "folded"


@pytest.fixture(scope="module")
def confusion():
    counts = Counter()
    by_kind = Counter()
    for pair in labelled_pairs(seed=1, n=400):
        got = folded(pair)
        counts[(pair.label, got)] += 1
        by_kind[(pair.kind, got == pair.label)] += 1
    tp, fp = counts[(True, True)], counts[(False, True)]
    fn, tn = counts[(True, False)], counts[(False, False)]
    print(f"\nconfusion: TP {tp} FP {fp} FN {fn} TN {tn}; precision {tp / (tp + fp):.4f} "
          f"recall {tp / (tp + fn):.4f}")
    for (kind, right), count in sorted(by_kind.items()):
        print(f"  {kind:20s} {'right' if right else 'WRONG'} {count}")
    return tp, fp, fn, tn


def test_precision_and_recall(confusion):
    tp, fp, fn, tn = confusion
    assert tp + fn >= 200 and fp + tn >= 150  # the set is what it says
    assert tp / (tp + fp) >= 0.99
    assert tp / (tp + fn) >= 0.98


def test_hard_negatives_really_overlap():
    # The serial and shared-boilerplate negatives share paragraphs verbatim: a detector
    # that only looked for any shared paragraph would fold them.
    pairs = [p for p in labelled_pairs(seed=1, n=400) if p.kind in ("serial", "shared_boilerplate")]
    assert pairs and all(p.shared and all(s in p.a_body and s in p.b_body for s in p.shared)
                         for p in pairs)
    assert max(similarity(p.a_body, p.b_body) for p in pairs) > 0.25
