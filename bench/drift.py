"""The drift set beside trafilatura: body F1 and chrome left per template, and cost.

    .venv/bin/python bench/drift.py [--size 300] [--seed 1]

Our figures come from replica/drift.py (the crawl's library path: profile, fallback,
rules, learned boilerplate with re-cleaning). trafilatura.extract gets the same pages,
decoded the same way (pip install -r requirements-bench.txt). Cost is wall time per
article for extraction and cleaning; for ours also with storage and learning.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from portalcrawler.cleaning import choose_encoding  # noqa: E402
from portalcrawler.replica import build_site  # noqa: E402
from portalcrawler.replica.drift import run_theme  # noqa: E402
from portalcrawler.replica.themes import THEMES, chrome_strings, drift_pages  # noqa: E402
from portalcrawler.verify import char_f1, leaks  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=300)
    parser.add_argument("--seed", type=int, default=1)
    options = parser.parse_args()
    import trafilatura

    site = build_site(seed=options.seed, size=options.size)
    print(f"{'template':16s} {'ours F1':>8s} {'min':>6s} {'chrome':>6s} {'fallback':>8s} "
          f"{'ms/art':>7s} {'+store':>7s} | {'traf F1':>8s} {'min':>6s} {'chrome':>6s} {'ms/art':>7s}")
    for theme in THEMES:
        ours = run_theme(site, theme)
        chrome = chrome_strings(theme)
        f1s, left, seconds = [], 0, 0.0
        for _, body, truth in drift_pages(site, theme):
            html = body.decode(choose_encoding(None, body) or "gb18030")
            started = time.perf_counter()
            text = trafilatura.extract(html) or ""
            seconds += time.perf_counter() - started
            f1s.append(char_f1(text, truth["body"]))
            left += leaks(text, chrome)
        n = len(f1s)
        print(f"{theme:16s} {ours.mean_f1:8.4f} {min(ours.f1):6.3f} {ours.chrome_left:6d} "
              f"{ours.fallback:4d}/{n:<3d} {ours.extract_seconds / n * 1000:7.2f} "
              f"{ours.seconds / n * 1000:7.2f} | "
              f"{sum(f1s) / n:8.4f} {min(f1s):6.3f} {left:6d} {seconds / n * 1000:7.2f}")
    print(f"{len(site.truth)} articles per template, seed {options.seed}; chrome = chrome "
          "strings of the template found in bodies; ms/art = extraction and cleaning per "
          "article, +store = with learning, SQLite writes and re-cleaning")
    return 0


if __name__ == "__main__":
    sys.exit(main())
