"""Item pipelines, one concern each, in this order (see ITEM_PIPELINES in settings.py):

1. ValidatePipeline (100): drop items missing a required field or with too short a body.
2. DedupPipeline (200): drop an article already stored in this run, by URL or by aid.
3. StoragePipeline (900): write articles to ARTICLES_DB in batches.

Each counts what it does in the crawl stats under `pipeline/...`.
"""

from __future__ import annotations

import logging
from dataclasses import asdict

from itemadapter import ItemAdapter
from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem

from portalcrawler.storage import ArticleStore

logger = logging.getLogger(__name__)


class ValidatePipeline:
    """Drop items that cannot be a stored article."""

    def __init__(self, crawler: Crawler) -> None:
        self.stats = crawler.stats
        self.required = crawler.settings.getlist("PORTAL_REQUIRED_FIELDS")
        self.min_body = crawler.settings.getint("PORTAL_MIN_BODY_CHARS")

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ValidatePipeline:
        return cls(crawler)

    def process_item(self, item):
        adapter = ItemAdapter(item)
        missing = [name for name in self.required if not adapter.get(name)]
        if missing:
            for name in missing:
                self.stats.inc_value(f"pipeline/invalid/missing_{name}")
            raise DropItem(f"{adapter.get('url')}: missing {', '.join(missing)}",
                           log_level="WARNING")
        if len(adapter.get("body") or "") < self.min_body:
            self.stats.inc_value("pipeline/invalid/short_body")
            raise DropItem(f"{adapter.get('url')}: body shorter than {self.min_body} chars",
                           log_level="WARNING")
        return item


class DedupPipeline:
    """Keep the first copy of an article seen in this run, by URL and by (site, aid)."""

    def __init__(self, crawler: Crawler) -> None:
        self.stats = crawler.stats
        self.urls: set[str] = set()
        self.aids: set[tuple[str, int]] = set()

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> DedupPipeline:
        return cls(crawler)

    def process_item(self, item):
        adapter = ItemAdapter(item)
        url, key = adapter["url"], (adapter["site"], adapter.get("aid"))
        if url in self.urls or (key[1] is not None and key in self.aids):
            self.stats.inc_value("pipeline/duplicate/same_run")
            raise DropItem(f"{url}: already stored in this run", log_level="DEBUG")
        self.urls.add(url)
        if key[1] is not None:
            self.aids.add(key)
        return item


class StoragePipeline:
    """Write articles to ARTICLES_DB, committing every ARTICLES_DB_BATCH_SIZE items."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.stats = crawler.stats
        self.path = crawler.settings.get("ARTICLES_DB")
        self.batch_size = max(1, crawler.settings.getint("ARTICLES_DB_BATCH_SIZE"))
        self.batch: list[dict] = []
        self.store: ArticleStore | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> StoragePipeline:
        return cls(crawler)

    def open_spider(self) -> None:
        self.store = ArticleStore(self.path)
        self.stats.set_value("pipeline/stored/before_run", self.store.count())

    def process_item(self, item):
        self.batch.append(asdict(item) if not isinstance(item, dict) else dict(item))
        if len(self.batch) >= self.batch_size:
            self.flush()
        return item

    def flush(self) -> None:
        if not self.batch or self.store is None:
            return
        written = self.store.upsert_articles(self.batch)
        self.stats.inc_value("pipeline/stored/written", written)
        self.stats.inc_value("pipeline/stored/batches")
        self.batch = []

    def close_spider(self) -> None:
        if self.store is None:
            return
        self.flush()
        self.stats.set_value("pipeline/stored/after_run", self.store.count())
        self.store.close()
