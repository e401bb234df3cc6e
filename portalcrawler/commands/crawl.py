"""`scrapy crawl` with a clean refusal of bad arguments and settings.

Scrapy builds the spider inside the reactor, so a bad argument surfaces as a traceback.
This command builds a throwaway spider first: a UsageError it raises becomes one line on
stderr and exit status 2, before any request or any file is written.
"""

from __future__ import annotations

import argparse

from scrapy.commands.crawl import Command as ScrapyCrawlCommand
from scrapy.exceptions import UsageError

from portalcrawler.spiders.portal import PortalSpider


class Command(ScrapyCrawlCommand):
    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        if len(args) == 1:
            crawler = self._create_crawler(args[0])
            if issubclass(crawler.spidercls, PortalSpider):
                try:
                    crawler.spidercls(**opts.spargs).check_settings(crawler)
                except UsageError:
                    raise
                except TypeError as exc:
                    raise UsageError(str(exc), print_help=False) from None
        super().run(args, opts)
