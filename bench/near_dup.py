"""Cost of one near-duplicate check against 10k, 100k and 1M stored fingerprints.

    .venv/bin/python bench/near_dup.py [--sizes 10000,100000,1000000] [--checks 500]

The index is the one the crawler uses (storage.py: table lsh, one row per band key and
article). It is filled with the band keys of N synthetic articles (random signatures:
every stored article is a different story), plus the replica's real articles, so that
checks also find and verify real candidates. Each check is what storing an article
does: fingerprint the body, look up its band keys, verify candidates by exact Jaccard.
The growth from the smallest to the largest size is printed; the target is under 2x.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from portalcrawler import fingerprint  # noqa: E402
from portalcrawler.replica import build_site  # noqa: E402
from portalcrawler.storage import ArticleStore  # noqa: E402


def fill(store: ArticleStore, start: int, stop: int, rng: np.random.Generator) -> None:
    """Add synthetic articles start..stop-1 to the LSH index, in one transaction.

    Distinct stories have independent signatures, so each band key is a uniformly random
    56-bit hash under its band number: drawn directly, which is what band_keys gives.
    """
    chunk = 50_000
    bands = np.arange(fingerprint.BANDS, dtype=np.int64) << 56
    with store.db.atomic():
        for low in range(start, stop, chunk):
            high = min(stop, low + chunk)
            keys = rng.integers(0, 2**56, size=(high - low, fingerprint.BANDS), dtype=np.int64)
            keys |= bands
            rows = sorted((key, f"s{low + i}") for i, row in enumerate(keys.tolist())
                          for key in row)
            store.db.conn.executemany("insert or ignore into lsh (key, url) values (?, ?)", rows)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000,1000000")
    parser.add_argument("--checks", type=int, default=500)
    options = parser.parse_args()
    sizes = [int(s) for s in options.sizes.split(",")]
    site = build_site(seed=1, size=300)
    real = site.truth
    # Queries: lightly edited copies of the real articles (a line dropped).
    queries = ["\n".join(a["body"].split("\n")[1:]) or a["body"] for a in real]
    rng = np.random.default_rng(7)
    with tempfile.TemporaryDirectory() as tmp:
        store = ArticleStore(Path(tmp) / "bench.db")
        store.db.execute("pragma cache_size = -2000000")  # 2 GB: building is not measured
        store.upsert_articles([{**a, "url": f"http://r/{a['aid']}", "images": []} for a in real])
        filled = 0
        results = []
        for size in sizes:
            started = time.perf_counter()
            fill(store, filled, size, rng)
            filled = size
            build = time.perf_counter() - started
            store.db.execute("analyze")
            timings, found = [], 0
            for i in range(options.checks):
                body = queries[i % len(queries)]
                started = time.perf_counter()
                best = store.near_duplicate(body)
                timings.append(time.perf_counter() - started)
                found += bool(best and best[1] >= store.near_dup_threshold)
            mean = statistics.fmean(timings) * 1000
            p95 = statistics.quantiles(timings, n=20)[18] * 1000
            results.append(mean)
            db_mb = os.path.getsize(Path(tmp) / "bench.db") / 2**20
            print(f"stored {size:>9,d}  check mean {mean:6.3f} ms  p95 {p95:6.3f} ms  "
                  f"copies found {found}/{options.checks}  (index built in {build:5.1f} s, "
                  f"db {db_mb:,.0f} MiB)")
        store.close()
    print(f"growth from {sizes[0]:,} to {sizes[-1]:,}: {results[-1] / results[0]:.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
