"""Serve the replica until Ctrl-C, or write its truth as JSON with --truth FILE."""

from __future__ import annotations

import argparse
import json
import sys
import threading
from pathlib import Path

from portalcrawler.replica.content import build_site
from portalcrawler.replica.server import serve


def main(argv: list[str] | None = None) -> int:
    """Parse arguments, then serve or write the truth."""
    parser = argparse.ArgumentParser(prog="python -m portalcrawler.replica", description=__doc__)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--size", type=int, default=300)
    parser.add_argument("--day", type=int, default=1, choices=(1, 2),
                        help="2: one day later (new articles, one edit, one deletion)")
    parser.add_argument(
        "--truth", type=Path, metavar="FILE", help="write the truth as JSON and exit"
    )
    args = parser.parse_args(argv)
    site = build_site(seed=args.seed, size=args.size, day=args.day)
    if args.truth is not None:
        text = json.dumps(site.truth, ensure_ascii=False, indent=1)
        args.truth.write_text(text + "\n", encoding="utf-8")
        print(f"wrote {len(site.truth)} articles to {args.truth}")
        return 0
    server, base_url = serve(site, args.host, args.port)
    print(base_url, flush=True)
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
