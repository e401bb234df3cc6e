"""A scheduled run on the replica's second day: what it requests, against the minimum.

    .venv/bin/python bench/day_two.py [--size 300] [--seed 1]

Day 1 is crawled into a fresh database; on day 2 the replica has new articles at the top
of several channels (the pagination shifts), one recent article edited and one deleted.
The refresh window is set so that it covers the replica's last days (the replica lives
in 2023). The minimum is what any crawler must request to get day 2 right: robots.txt,
the homepage, page 1 of every channel (where all new articles are), every page of the
new articles, and one conditional request per stored article inside the window.
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import subprocess
import sys
import tempfile
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from portalcrawler.demo import PROJECT, crawl_command  # noqa: E402
from portalcrawler.replica import build_site, serve  # noqa: E402
from portalcrawler.verify import compare, report  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=300)
    parser.add_argument("--seed", type=int, default=1)
    options = parser.parse_args()
    day1 = build_site(seed=options.seed, size=options.size)
    day2 = build_site(seed=options.seed, size=options.size, day=2)
    # A window from 20 days before the replica's day 1 until today.
    start = day1.generated_at.date() - timedelta(days=20)
    window = (date.today() - start).days
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "articles.db"
        port = 0
        for number, site in ((1, day1), (2, day2)):
            # The same address both days: stored URLs carry it.
            server, base_url = serve(site, port=port)
            port = server.server_address[1]
            command = crawl_command(base_url, db, Path(tmp) / f"day{number}.log",
                                    extra={"PORTAL_REFRESH_DAYS": str(window)})
            try:
                subprocess.run(command, cwd=PROJECT, check=True)
            finally:
                server.shutdown()
            print(f"day {number}: " + report(compare(db, site.truth, base_url,
                                                     site.alias_paths, site.syndicated)))
        with sqlite3.connect(db) as conn:
            runs = conn.execute("select id, status, started_at, finished_at, requests,"
                                " requests_by_kind, responses_by_status, articles_new,"
                                " articles_updated, articles_unchanged, articles_duplicate,"
                                " articles_invalid, articles_gone, errors, exit_status"
                                " from crawl_runs order by id").fetchall()
            revisions = conn.execute("select url, replaced_at from revisions").fetchall()
            gone = conn.execute("select url, gone_at from articles where gone_at is not null"
                                ).fetchall()
    cutoff = datetime.now(UTC) - timedelta(days=window)
    in_window = sum(1 for a in day1.truth
                    if datetime.fromisoformat(a["published_at"]) >= cutoff)
    new = [a for a in day2.truth if a["url"] in set(day2.changes["new"])]
    minimum = {"robots.txt": 1, "home": 1, "listing": len(day2.channels),
               "article (new, all pages)": sum(a["pages"] for a in new),
               "refresh (stored, in window)": in_window}
    print("\ncrawl_runs:")
    for row in runs:
        print("  " + " | ".join(str(v) for v in row))
    kinds = json.loads(runs[-1][5])
    print(f"\nday 2 requests by kind: {kinds} (total {runs[-1][4]})")
    print(f"minimum needed: {minimum} (total {sum(minimum.values())})")
    print(f"new articles {len(new)}, edited {day2.changes['edited']}, deleted "
          f"{day2.changes['deleted']}")
    print(f"revisions stored: {revisions}\nmarked gone: {gone}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
