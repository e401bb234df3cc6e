"""Time a full crawl of the replica: portalcrawler against a bare link-following spider.

    .venv/bin/python bench/crawl_speed.py [--size 300] [--seed 1] [--runs 1]

Both crawls run on this machine against the same replica in the same run, with the same
concurrency (throttling off). Prints wall time, responses and pages per second of each.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from portalcrawler.demo import FAST_SETTINGS, crawl_command  # noqa: E402
from portalcrawler.replica import build_site, serve  # noqa: E402


def responses(log: Path) -> int:
    match = re.search(r"'downloader/response_count': (\d+)", log.read_text("utf-8"))
    return int(match[1]) if match else 0


def timed(command: list[str], cwd: Path | str = ROOT) -> float:
    started = time.perf_counter()
    subprocess.run(command, cwd=cwd, check=True)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=300)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--runs", type=int, default=1)
    options = parser.parse_args()
    site = build_site(seed=options.seed, size=options.size)
    server, base_url = serve(site, port=0)
    try:
        with tempfile.TemporaryDirectory() as tmp:
            for run in range(options.runs):
                ours_log, bare_log = Path(tmp, f"ours{run}.log"), Path(tmp, f"bare{run}.log")
                ours = timed(crawl_command(base_url, Path(tmp, f"ours{run}.db"), ours_log))
                bare_cmd = [sys.executable, "-m", "scrapy", "runspider",
                            str(ROOT / "bench" / "bare_spider.py"), "-a", f"base_url={base_url}",
                            "-s", f"LOG_FILE={bare_log}", "-s", "TELNETCONSOLE_ENABLED=False",
                            "-s", "ROBOTSTXT_OBEY=True"]
                for key, value in FAST_SETTINGS.items():
                    bare_cmd += ["-s", f"{key}={value}"]
                # Outside the project folder, so that none of our settings apply.
                bare = timed(bare_cmd, cwd=tmp)
                for name, seconds, log in (("portalcrawler", ours, ours_log),
                                           ("bare scrapy", bare, bare_log)):
                    count = responses(log)
                    print(f"run {run + 1} {name:14s} wall {seconds:6.2f} s  responses {count:5d}"
                          f"  pages/s {count / seconds:7.1f}")
    finally:
        server.shutdown()
    print(f"replica: {len(site.truth)} articles, seed {options.seed}")


if __name__ == "__main__":
    main()
