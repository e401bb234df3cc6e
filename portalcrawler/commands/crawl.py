"""`scrapy crawl` with a clean refusal of bad arguments and settings.

Scrapy builds the spider inside the reactor, so a bad argument surfaces as a traceback.
This command builds a throwaway spider first: a UsageError it raises becomes one line on
stderr and exit status 2, before any request or any file is written. After the crawl,
the exit status is 1 when a canary passed its limit (see extensions.py).
"""

from __future__ import annotations

import argparse

from scrapy.commands.crawl import Command as ScrapyCrawlCommand
from scrapy.exceptions import UsageError

from portalcrawler.spiders.portal import PortalSpider


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
        # Cron reads the exit status: 1 when the run could not start or a canary failed.
        if self.crawler_process.bootstrap_failed or crawler.stats.get_value("canary/failed"):
            self.exitcode = 1
