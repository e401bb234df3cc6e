"""Generic extraction on real pages of ten Chinese news sites, beside trafilatura.

    .venv/bin/python bench/realpages.py [--pages ../shared/realpages] [--show NAME]

The pages and their hand-made gold stay in shared/ (see its README for the metric):
body F1 is the character-level bag F1 without whitespace, leaks count the page's chrome
strings found in the body. trafilatura (pip install -r requirements-bench.txt) runs
with its defaults and with favor_precision, on the same decoded text.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from portalcrawler.cleaning import choose_encoding  # noqa: E402
from portalcrawler.pages.generic import extract_text  # noqa: E402
from portalcrawler.verify import char_f1, leaks  # noqa: E402


def decode(raw: bytes) -> str:
    return raw.decode(choose_encoding(None, raw) or "utf-8", errors="replace")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", default=str(ROOT.parent / "shared" / "realpages"))
    parser.add_argument("--show", help="print our body for this page name")
    options = parser.parse_args()
    folder = Path(options.pages)
    try:
        import trafilatura
    except ImportError:
        trafilatura = None
        print("trafilatura not installed: pip install -r requirements-bench.txt")
    rows = []
    costs = {"ours": 0.0, "trafilatura": 0.0}
    # Warm both up (imports, compiled patterns) so the timing is of extraction alone.
    warm = "<html><body><div><p>预热，一段文字。</p></div></body></html>"
    extract_text(warm)
    if trafilatura is not None:
        trafilatura.extract(warm)
    for gold_path in sorted((folder / "gold").glob("*.json")):
        gold = json.loads(gold_path.read_text("utf-8"))
        html = decode((folder / "pages" / f"{gold['name']}.html").read_bytes())
        want = "\n".join(gold["body"])
        started = time.perf_counter()
        title, ours = extract_text(html)
        costs["ours"] += time.perf_counter() - started
        row = {"name": gold["name"], "f1": char_f1(ours, want), "leaks": leaks(ours, gold["chrome"]),
               "chrome": len(gold["chrome"]), "title": title == gold["title"].strip()}
        if trafilatura is not None:
            started = time.perf_counter()
            theirs = trafilatura.extract(html) or ""
            costs["trafilatura"] += time.perf_counter() - started
            precise = trafilatura.extract(html, favor_precision=True) or ""
            row.update(t_f1=char_f1(theirs, want), t_leaks=leaks(theirs, gold["chrome"]),
                       p_f1=char_f1(precise, want), p_leaks=leaks(precise, gold["chrome"]))
        rows.append(row)
        if options.show == gold["name"]:
            print(ours)
    print(f"{'page':12s} {'ours F1':>8s} {'leaks':>5s} {'title':>5s} | {'traf F1':>8s} "
          f"{'leaks':>5s} | {'precise':>8s} {'leaks':>5s}")
    for row in rows:
        print(f"{row['name']:12s} {row['f1']:8.3f} {row['leaks']:5d} {'ok' if row['title'] else '-':>5s}"
              f" | {row.get('t_f1', 0):8.3f} {row.get('t_leaks', 0):5d}"
              f" | {row.get('p_f1', 0):8.3f} {row.get('p_leaks', 0):5d}")
    n = len(rows)
    print(f"{'macro':12s} {sum(r['f1'] for r in rows) / n:8.3f} {sum(r['leaks'] for r in rows):5d}"
          f" {sum(r['title'] for r in rows):5d} | {sum(r.get('t_f1', 0) for r in rows) / n:8.3f}"
          f" {sum(r.get('t_leaks', 0) for r in rows):5d} | "
          f"{sum(r.get('p_f1', 0) for r in rows) / n:8.3f} {sum(r.get('p_leaks', 0) for r in rows):5d}")
    print(f"chrome strings listed: {sum(r['chrome'] for r in rows)}; "
          f"time per page: ours {costs['ours'] / n * 1000:.1f} ms, "
          f"trafilatura {costs['trafilatura'] / n * 1000:.1f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
