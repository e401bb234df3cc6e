"""The offline demo: serve the bundled replica on loopback, crawl it, print a summary.

    python -m portalcrawler.demo [--size 300] [--seed 1] [--db data/articles.db]

The crawl is the real command (`scrapy crawl chndsnews`), run as a child process with
the pace settings for loopback; only base_url points at the replica.
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from portalcrawler.replica import build_site, serve
from portalcrawler.verify import compare, report

PROJECT = Path(__file__).resolve().parent.parent

# Loopback needs no politeness: these replace the polite defaults for the replica only.
FAST_SETTINGS = {
    "DOWNLOAD_DELAY": "0",
    "AUTOTHROTTLE_ENABLED": "False",
    "CONCURRENT_REQUESTS": "32",
    "CONCURRENT_REQUESTS_PER_DOMAIN": "32",
}


def crawl_command(base_url: str, db: str | Path, log_file: str | Path | None = None,
                  extra: dict[str, str] | None = None, args: dict[str, str] | None = None
                  ) -> list[str]:
    """The `scrapy crawl chndsnews` command line for a crawl of `base_url` into `db`."""
    command = [sys.executable, "-m", "scrapy", "crawl", "chndsnews", "-a", f"base_url={base_url}"]
    for key, value in (args or {}).items():
        command += ["-a", f"{key}={value}"]
    settings = {**FAST_SETTINGS, "ARTICLES_DB": str(db), **(extra or {})}
    if log_file:
        settings["LOG_FILE"] = str(log_file)
    for key, value in settings.items():
        command += ["-s", f"{key}={value}"]
    return command


def foreign_rows(db: Path) -> int:
    """Count stored articles that do not come from a loopback replica."""
    if not db.exists():
        return 0
    with sqlite3.connect(db) as conn:
        try:
            return conn.execute(
                "select count(*) from articles where url not like 'http://127.0.0.1:%'"
            ).fetchone()[0]
        except sqlite3.OperationalError:
            return 0


def summary(db: Path) -> str:
    """A few lines on what the database holds."""
    with sqlite3.connect(db) as conn:
        total, multi, chars = conn.execute(
            "select count(*), sum(pages > 1), sum(length(body)) from articles"
        ).fetchone()
        by_channel = conn.execute(
            "select channel, count(*) from articles group by channel order by count(*) desc"
        ).fetchall()
        span = conn.execute("select min(published_at), max(published_at) from articles").fetchone()
    lines = [
        f"articles: {total} ({multi or 0} multi-page), {chars or 0} body characters",
        f"published: {span[0]} .. {span[1]}",
        "by channel: " + ", ".join(f"{name} {count}" for name, count in by_channel),
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=300, help="articles in the replica")
    parser.add_argument("--seed", type=int, default=1, help="replica seed")
    parser.add_argument("--db", default="data/articles.db", help="database to crawl into")
    parser.add_argument("--port", type=int, default=8640, help="loopback port (0: any free)")
    parser.add_argument("--verify", action="store_true",
                        help="compare the database with the replica's truth, field by field")
    options = parser.parse_args(argv)

    db = Path(options.db).resolve()
    if foreign_rows(db):
        print(f"{db} holds articles crawled from the real web; give the demo its own "
              "file, e.g. --db data/demo.db", file=sys.stderr)
        return 2
    site = build_site(seed=options.seed, size=options.size)
    try:
        server, base_url = serve(site, port=options.port)
    except OSError:
        server, base_url = serve(site, port=0)
    print(f"replica: {len(site.truth)} articles served at {base_url}")
    started = time.monotonic()
    try:
        env = {**os.environ, "SCRAPY_SETTINGS_MODULE": "portalcrawler.settings"}
        result = subprocess.run(crawl_command(base_url, db), cwd=PROJECT, check=False, env=env)
    finally:
        server.shutdown()
    elapsed = time.monotonic() - started
    if result.returncode != 0:
        print(f"crawl failed with exit status {result.returncode}", file=sys.stderr)
        return result.returncode
    print(f"crawl: {elapsed:.1f} s into {db}")
    print(summary(db))
    if options.verify:
        result = compare(db, site.truth, base_url, site.alias_paths,
                         getattr(site, "syndicated", ()))
        print(report(result))
        if result["missing"] or result["extra"] or sum(result["mismatches"].values()) or \
                result["aliases_missing"] or result["copies_not_folded"]:
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
