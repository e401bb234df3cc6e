"""Canaries: signs that the portal changed under the crawler, reported at the end of a run.

A crawler that keeps running after a redesign silently stores empty or wrong articles.
Each sign below is counted during the crawl (see the spider and the pipelines); at the
end, this extension lists them in the log and, when one passes its limit in
PORTAL_CANARY_LIMITS, marks the run failed (stat `canary/failed`), which makes
`scrapy crawl` exit with status 1 for cron.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured

logger = logging.getLogger(__name__)


def _sum(stats: dict, prefix: str) -> int:
    return sum(v for k, v in stats.items() if k.startswith(prefix) and isinstance(v, int))


# A share over fewer articles than this is noise (one bad page of one new article).
MIN_SHARE_BASE = 10


def _share(count: int, total: int) -> float:
    return count / total if total >= MIN_SHARE_BASE else 0.0


# name -> (what it means, how to read it from the stats)
CANARIES: dict[str, tuple[str, Callable[[dict], float]]] = {
    "invalid_share": (
        "share of articles read that failed validation (missing field, short body)",
        lambda s: _share(_sum(s, "pipeline/invalid/"),
                         _sum(s, "article/method/")),
    ),
    "failed_share": (
        "share of article requests that failed after retries",
        lambda s: _share(_sum(s, "article/failed/"), _sum(s, "article/method/")
                         + _sum(s, "article/failed/")),
    ),
    "storage_error": ("batches of articles the database refused (disk full, I/O error)",
                      lambda s: s.get("pipeline/storage_error", 0)),
    "errors": ("ERROR lines in the log (failed pages after retries, storage errors…)",
               lambda s: s.get("log_count/ERROR", 0)),
    "no_homepage": ("the homepage could not be read (robots.txt, network, error status)",
                    lambda s: 0 if "nav/channels_found" in s else 1),
    "soft_404": ("article pages answering 200 with a not-found page",
                 lambda s: s.get("article/soft_404", 0)),
    "empty_listing": ("listing pages showing no article link",
                      lambda s: s.get("listing/empty", 0)),
    "channel_missing": ("profile channels missing from the homepage nav",
                        lambda s: s.get("nav/channel_missing", 0) + 100 * s.get("nav/empty", 0)),
    "fallback_share": ("share of articles the selectors could not read (fallback used)",
                       lambda s: _share(s.get("article/method/fallback", 0),
                                        _sum(s, "article/method/"))),
}


class CanaryReport:
    """Report the canaries at the end of a run and fail it when one is past its limit."""

    def __init__(self, crawler: Crawler) -> None:
        limits = crawler.settings.getdict("PORTAL_CANARY_LIMITS")
        if limits is None:
            raise NotConfigured
        unknown = set(limits) - set(CANARIES)
        if unknown:
            raise ValueError(f"PORTAL_CANARY_LIMITS: unknown canaries {sorted(unknown)}; "
                             f"known: {sorted(CANARIES)}")
        self.limits = {name: float(value) for name, value in limits.items()}
        self.stats = crawler.stats
        crawler.signals.connect(self.report, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> CanaryReport:
        return cls(crawler)

    def report(self, spider, reason: str) -> None:
        stats = self.stats.get_stats()
        failed = []
        for name, (meaning, read) in CANARIES.items():
            value = read(stats)
            self.stats.set_value(f"canary/{name}", round(value, 4))
            limit = self.limits.get(name)
            if value and limit is not None and value > limit:
                failed.append(f"{name} = {value:g} > {limit:g} ({meaning})")
            elif value:
                logger.warning("Canary %s = %g (limit %s): %s", name, value, limit, meaning)
        if failed:
            self.stats.set_value("canary/failed", len(failed))
            for line in failed:
                logger.error("Canary past its limit: %s", line)
            logger.error("The run is marked failed: the portal may have changed; see above")
