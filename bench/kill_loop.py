"""Crash safety: runs killed with SIGKILL at random moments, each followed by a normal run.

    .venv/bin/python bench/kill_loop.py [--runs 20] [--size 300] [--seed 1]

Every killed run refreshes every stored article (a refresh window covering the whole
replica) and walks every listing page (-a full=1), so that it writes all the time. After
each kill and after each normal run the database must pass SQLite's integrity check; each
normal run must leave exactly the replica's truth (no article missing, none twice). Every
fifth round starts from an empty database, so that first crawls are killed too.
"""

from __future__ import annotations

import argparse
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from portalcrawler.demo import PROJECT, crawl_command  # noqa: E402
from portalcrawler.replica import build_site, serve  # noqa: E402
from portalcrawler.verify import compare  # noqa: E402


def integrity(db: Path) -> str:
    with sqlite3.connect(db) as conn:
        return conn.execute("pragma integrity_check").fetchone()[0]


def duplicates(db: Path) -> int:
    with sqlite3.connect(db) as conn:
        return conn.execute("select count(*) - count(distinct aid) from articles").fetchone()[0]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--size", type=int, default=300)
    parser.add_argument("--seed", type=int, default=1)
    options = parser.parse_args()
    rng = random.Random(options.seed)
    site = build_site(seed=options.seed, size=options.size)
    server, base_url = serve(site, port=0)
    window = str((date.today() - date(2020, 1, 1)).days)  # every replica article
    failures = 0
    tmp = Path(tempfile.mkdtemp())
    db = tmp / "articles.db"

    def heavy_run() -> float:
        started = time.monotonic()
        subprocess.run(crawl_command(base_url, db, tmp / "calibrate.log", args={"full": "1"},
                                     extra={"PORTAL_REFRESH_DAYS": window}),
                       cwd=PROJECT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        return time.monotonic() - started

    try:
        # How long the two kinds of killed runs take when left alone: kills land inside.
        first_crawl, refresh_run = heavy_run(), heavy_run()
        print(f"uninterrupted: first crawl {first_crawl:.1f} s, refresh run {refresh_run:.1f} s")
        for round_ in range(options.runs):
            fresh = round_ % 5 == 0
            if fresh:
                for path in tmp.glob("articles.db*"):
                    path.unlink()
            site.reset_counters()
            delay = rng.uniform(1.0, 0.95 * (first_crawl if fresh else refresh_run))
            killed = subprocess.Popen(
                crawl_command(base_url, db, tmp / "killed.log", args={"full": "1"},
                              extra={"PORTAL_REFRESH_DAYS": window}),
                cwd=PROJECT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            try:
                killed.wait(timeout=delay)
                note = "finished before the kill"
            except subprocess.TimeoutExpired:
                killed.send_signal(signal.SIGKILL)
                killed.wait()
                note = f"SIGKILL after {delay:.1f} s"
            after_kill = integrity(db) if db.exists() else "no database yet"
            with sqlite3.connect(db) if db.exists() else _null() as conn:
                rows_killed = conn.execute("select count(*) from articles").fetchone()[0] \
                    if conn and _has_articles(conn) else 0
            started = time.monotonic()
            normal = subprocess.run(crawl_command(base_url, db, tmp / "normal.log"),
                                    cwd=PROJECT, stdout=subprocess.DEVNULL,
                                    stderr=subprocess.DEVNULL, check=False)
            result = compare(db, site.truth, base_url)
            ok = (after_kill in ("ok", "no database yet") and integrity(db) == "ok"
                  and not result["missing"] and not result["extra"] and duplicates(db) == 0
                  and normal.returncode == 0)
            failures += not ok
            print(f"round {round_ + 1:2d}: {note:24s} integrity after kill {after_kill:15s} "
                  f"rows then {rows_killed:3d} | normal run {time.monotonic() - started:4.1f} s "
                  f"exit {normal.returncode}, integrity {integrity(db)}, rows {result['rows']}/"
                  f"{result['truth']}, missing {len(result['missing'])}, duplicates "
                  f"{duplicates(db)} {'ok' if ok else 'FAILED'}")
    finally:
        server.shutdown()
        shutil.rmtree(tmp, ignore_errors=True)
    print(f"{options.runs} rounds, {failures} failed")
    return 1 if failures else 0


class _null:
    def __enter__(self):
        return None

    def __exit__(self, *exc):
        return False


def _has_articles(conn: sqlite3.Connection) -> bool:
    return conn.execute("select 1 from sqlite_master where name = 'articles'").fetchone() \
        is not None


if __name__ == "__main__":
    sys.exit(main())
