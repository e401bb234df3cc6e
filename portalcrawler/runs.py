"""Scheduled runs: one at a time, each recorded in `crawl_runs`.

The lock is an advisory lock (flock) on `ARTICLES_DB` + `.lock`. The kernel drops it when
its process ends, however it ends (kill -9 included), so a killed run never leaves a
lock that blocks the next one; the file only says who holds it, for the message.
"""

from __future__ import annotations

import fcntl
import json
import logging
import os
import socket
from pathlib import Path

from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.exceptions import CloseSpider

from portalcrawler.storage import utc_now

logger = logging.getLogger(__name__)

# Exit status of a run refused because another one is active (EX_TEMPFAIL: try later).
EXIT_LOCKED = 75


class LockHeld(Exception):
    """Another run holds the lock; the message says which."""


class RunLock:
    """The one-run-at-a-time lock of a database file."""

    def __init__(self, db_path: str | Path) -> None:
        self.path = Path(f"{db_path}.lock")
        self.fd: int | None = None

    def acquire(self, holder: dict) -> None:
        """Take the lock or raise LockHeld naming the run that has it."""
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            with os.fdopen(fd, "r", encoding="utf-8") as handle:
                text = handle.read().strip()
            raise LockHeld(text or "(no details)") from None
        os.ftruncate(fd, 0)
        os.write(fd, json.dumps(holder, ensure_ascii=False, sort_keys=True).encode("utf-8"))
        self.fd = fd

    def update(self, holder: dict) -> None:
        """Rewrite who holds the lock (e.g. once the run has an id)."""
        if self.fd is not None:
            os.ftruncate(self.fd, 0)
            os.pwrite(self.fd, json.dumps(holder, ensure_ascii=False,
                                          sort_keys=True).encode("utf-8"), 0)

    def release(self) -> None:
        if self.fd is not None:
            fcntl.flock(self.fd, fcntl.LOCK_UN)
            os.close(self.fd)
            self.fd = None


def _status_counts(stats: dict, prefix: str) -> dict[str, int]:
    return {key[len(prefix):]: value for key, value in sorted(stats.items())
            if key.startswith(prefix)}


def lock_held(crawler: Crawler) -> bool:
    """Whether this crawl found another run holding the lock (it must not touch the
    database, nor request anything)."""
    return bool(crawler.__dict__.get("_portalcrawler_lock_held"))


class RunRecorder:
    """Take the run lock when the spider opens, record the run in `crawl_runs`, and
    write its summary when it closes."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.db_path = crawler.settings.get("ARTICLES_DB")
        self.lock = RunLock(self.db_path) if self.db_path != ":memory:" else None
        self.run_id: int | None = None
        self.store = None
        self.holder = {"pid": os.getpid(), "host": socket.gethostname(),
                       "started_at": utc_now()}
        # Taken now, before the pipelines open the database: two first runs must not
        # both create its tables.
        self.lock_error: str | None = None
        if self.lock is not None:
            try:
                self.lock.acquire(self.holder)
            except LockHeld as exc:
                self.lock_error = str(exc)
                crawler.__dict__["_portalcrawler_lock_held"] = True
        crawler.signals.connect(self.opened, signal=signals.spider_opened)
        crawler.signals.connect(self.closed, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> RunRecorder:
        return cls(crawler)

    def opened(self, spider) -> None:
        from portalcrawler.pipelines import shared_store

        holder = {**self.holder, "spider": spider.name}
        if self.lock_error is not None:
            self.crawler.stats.set_value("run/lock_held", 1)
            logger.error("Another run is active (%s): this run stops before any request",
                         self.lock_error)
            raise CloseSpider("lock_held")
        self.store = shared_store(self.crawler)
        arguments = {k: str(v) for k, v in vars(getattr(spider, "args", object())).items()}
        self.run_id = self.store.start_run(spider.name, holder["pid"], holder["host"],
                                           arguments)
        self.crawler.stats.set_value("run/id", self.run_id)
        if self.lock is not None:
            self.lock.update({**holder, "run_id": self.run_id})

    def closed(self, spider, reason: str) -> None:
        from portalcrawler.pipelines import release_store

        if self.run_id is None:
            return
        stats = self.crawler.stats.get_stats()
        failed = bool(stats.get("canary/failed"))
        interrupted = reason != "finished"  # SIGTERM (shutdown), a CloseSpider limit…
        fields = {
            "status": "interrupted" if interrupted else "failed" if failed else "finished",
            "finished_at": utc_now(),
            "finish_reason": reason,
            "requests": stats.get("downloader/request_count", 0),
            "requests_by_kind": _status_counts(stats, "requests/kind/"),
            "responses_by_status": _status_counts(stats, "downloader/response_status_count/"),
            "articles_new": stats.get("pipeline/stored/new", 0),
            "articles_updated": stats.get("pipeline/stored/revised", 0),
            "articles_unchanged": stats.get("pipeline/stored/unchanged", 0),
            "articles_duplicate": stats.get("pipeline/stored/folded", 0)
            + stats.get("pipeline/stored/new_canonical", 0)
            + stats.get("pipeline/stored/alias_seen", 0),
            "articles_invalid": sum(v for k, v in stats.items()
                                    if k.startswith("pipeline/invalid/")),
            "articles_gone": stats.get("pipeline/stored/gone", 0),
            "errors": stats.get("log_count/ERROR", 0),
            "failures": stats.get("pipeline/failures/recorded", 0),
            "exit_status": 1 if failed or interrupted else 0,
            "stats": stats,
        }
        self.store.finish_run(self.run_id, fields)
        walks = getattr(spider, "completed_walks", None)
        if walks and reason == "finished":
            # Only a finished run: everything it fetched is stored by now.
            self.store.mark_walked(spider.profile.name, walks)
        release_store(self.crawler)
        if self.lock is not None:
            self.lock.release()
