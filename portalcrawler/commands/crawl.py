"""`scrapy crawl` with a clean refusal of bad arguments and settings.

Scrapy builds the spider inside the reactor, so a bad argument surfaces as a traceback.
This command builds a throwaway spider first: a UsageError it raises becomes one line on
stderr and exit status 2, before any request or any file is written. After the crawl,
the exit status is 75 when another run held the lock, 1 when a canary passed its limit
(see extensions.py), and the log ends with a summary of the run.
"""

from __future__ import annotations

import argparse
import logging

from scrapy.commands.crawl import Command as ScrapyCrawlCommand
from scrapy.exceptions import UsageError

from portalcrawler.runs import EXIT_LOCKED
from portalcrawler.spiders.portal import PortalSpider

logger = logging.getLogger("portalcrawler.run")


def summary(stats: dict, exit_status: int) -> list[str]:
    """The last lines of a run's log: what it fetched, stored and found wrong."""
    def get(key: str) -> int:
        return stats.get(key, 0)

    seen = get("pipeline/stored/alias_seen")
    kinds = ", ".join(f"{k[len('requests/kind/'):]} {v}" for k, v in sorted(stats.items())
                      if k.startswith("requests/kind/"))
    statuses = ", ".join(f"{k.rsplit('/', 1)[1]}: {v}" for k, v in sorted(stats.items())
                         if k.startswith("downloader/response_status_count/"))
    canaries = ", ".join(f"{k[len('canary/'):]} {v}" for k, v in sorted(stats.items())
                         if k.startswith("canary/") and k != "canary/failed" and v)
    return [
        f"Run {stats.get('run/id', '-')} ended ({stats.get('finish_reason', '?')}), "
        f"exit status {exit_status}",
        f"Requests {get('downloader/request_count')}: {kinds or 'none'}; "
        f"responses {statuses or 'none'}",
        f"Articles: new {get('pipeline/stored/new')}, "
        f"updated {get('pipeline/stored/revised')}, unchanged "
        f"{get('pipeline/stored/unchanged')}, duplicate "
        f"{get('pipeline/stored/folded') + get('pipeline/stored/new_canonical') + seen}, "
        f"invalid "
        f"{sum(v for k, v in stats.items() if k.startswith('pipeline/invalid/'))}, gone "
        f"{get('pipeline/stored/gone')}; failures to retry "
        f"{get('pipeline/failures/recorded')}; errors {get('log_count/ERROR')}",
        f"Canaries: {canaries or 'none'}",
    ]


class Command(ScrapyCrawlCommand):
    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        if len(args) != 1:
            super().run(args, opts)
            return
        probe = self._create_crawler(args[0])
        if issubclass(probe.spidercls, PortalSpider):
            try:
                probe.spidercls(**opts.spargs).check_settings(probe)
            except UsageError:
                raise
            except TypeError as exc:
                raise UsageError(str(exc), print_help=False) from None
        assert self.crawler_process
        crawler = self._create_crawler(args[0])
        self.crawler_process.crawl(crawler, **opts.spargs)
        self.crawler_process.start()
        stats = crawler.stats.get_stats() if crawler.stats else {}
        # Cron reads the exit status: 75 when another run holds the lock, 1 when the run
        # could not start, failed (a canary past its limit) or was stopped, 0 otherwise.
        if stats.get("run/lock_held"):
            self.exitcode = EXIT_LOCKED
        elif (self.crawler_process.bootstrap_failed or stats.get("canary/failed")
              or stats.get("finish_reason") != "finished"):
            # Failed, or stopped before the end (SIGTERM): not a complete run.
            self.exitcode = 1
        for line in summary(stats, self.exitcode):
            logger.info(line)
