"""Item pipelines, one concern each, in this order (see ITEM_PIPELINES in settings.py):

1. ValidatePipeline (100): drop items missing a required field or with too short a body.
2. DedupPipeline (200): drop an article already stored in this run, by URL or by aid.
3. BoilerplatePipeline (300): learn lines that recur across a site's articles and strip
   them (the third cleaning layer, after template selectors and text rules).
4. StoragePipeline (900): write articles to ARTICLES_DB in batches.

Each counts what it does in the crawl stats under `pipeline/...`. The pipelines that
touch the database share one connection (`shared_store`): SQLite wants one writer.
"""

from __future__ import annotations

import logging
import sqlite3
from dataclasses import asdict

from itemadapter import ItemAdapter
from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem, NotConfigured

from portalcrawler.boilerplate import BoilerplateLearner, reclean
from portalcrawler.cleaning import content_hash
from portalcrawler.items import Article, ArticleAlias, PageEvent
from portalcrawler.runs import lock_held
from portalcrawler.storage import ArticleStore

logger = logging.getLogger(__name__)


def shared_store(crawler: Crawler) -> ArticleStore:
    """The crawl's one connection to ARTICLES_DB, opened on first use."""
    holder = crawler.__dict__.setdefault("_portalcrawler_store", {"store": None, "users": 0})
    if holder["store"] is None:
        holder["store"] = ArticleStore(crawler.settings.get("ARTICLES_DB"))
    holder["users"] += 1
    return holder["store"]


def release_store(crawler: Crawler) -> None:
    """Give the connection back; the last user closes it."""
    holder = crawler.__dict__.get("_portalcrawler_store")
    if not holder or holder["store"] is None:
        return
    holder["users"] -= 1
    if holder["users"] <= 0:
        holder["store"].close()
        holder["store"] = None


class ValidatePipeline:
    """Drop items that cannot be a stored article, and remember them as failures (so
    that a page that is never valid is not fetched again run after run)."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.stats = crawler.stats
        self.required = crawler.settings.getlist("PORTAL_REQUIRED_FIELDS")
        self.min_body = crawler.settings.getint("PORTAL_MIN_BODY_CHARS")
        self.store: ArticleStore | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ValidatePipeline:
        return cls(crawler)

    def open_spider(self) -> None:
        if not lock_held(self.crawler):
            self.store = shared_store(self.crawler)

    def close_spider(self) -> None:
        if self.store is not None:
            release_store(self.crawler)
            self.store = None

    def invalid(self, adapter: ItemAdapter, reason: str) -> DropItem:
        if self.store is not None:
            self.store.record_failure(adapter["url"], adapter["site"], "article",
                                      f"invalid: {reason}", adapter.get("channel"))
        return DropItem(f"{adapter.get('url')}: {reason}", log_level="WARNING")

    def process_item(self, item):
        if not isinstance(item, Article):
            return item
        adapter = ItemAdapter(item)
        missing = [name for name in self.required if not adapter.get(name)]
        if missing:
            for name in missing:
                self.stats.inc_value(f"pipeline/invalid/missing_{name}")
            raise self.invalid(adapter, f"missing {', '.join(missing)}")
        if len(adapter.get("body") or "") < self.min_body:
            self.stats.inc_value("pipeline/invalid/short_body")
            raise self.invalid(adapter, f"body shorter than {self.min_body} chars")
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
        if not isinstance(item, Article):
            return item
        adapter = ItemAdapter(item)
        url, key = adapter["url"], (adapter["site"], adapter.get("aid"))
        if url in self.urls or (key[1] is not None and key in self.aids):
            self.stats.inc_value("pipeline/duplicate/same_run")
            raise DropItem(f"{url}: already stored in this run", log_level="DEBUG")
        self.urls.add(url)
        if key[1] is not None:
            self.aids.add(key)
        return item


class BoilerplatePipeline:
    """Learn and strip boilerplate lines; re-clean stored articles when a line is learned.

    Switched off by PORTAL_BOILERPLATE_LEARN = False.
    """

    def __init__(self, crawler: Crawler) -> None:
        settings = crawler.settings
        if not settings.getbool("PORTAL_BOILERPLATE_LEARN"):
            raise NotConfigured("PORTAL_BOILERPLATE_LEARN is off")
        self.crawler = crawler
        self.stats = crawler.stats
        self.min_articles = settings.getint("PORTAL_BOILERPLATE_MIN_ARTICLES")
        self.min_share = settings.getfloat("PORTAL_BOILERPLATE_MIN_SHARE")
        self.min_body = settings.getint("PORTAL_MIN_BODY_CHARS")
        self.learner: BoilerplateLearner | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> BoilerplatePipeline:
        return cls(crawler)

    def open_spider(self) -> None:
        if lock_held(self.crawler):
            return
        self.learner = BoilerplateLearner(shared_store(self.crawler), self.min_articles,
                                          self.min_share)
        self.learner.prune()
        # StoragePipeline counts the lines of each article it stores as new: a copy
        # folded into another story must not count twice.
        self.crawler.__dict__["_portalcrawler_learner"] = self.learner

    def process_item(self, item):
        if not isinstance(item, Article):
            return item
        adapter = ItemAdapter(item)
        site, body = adapter["site"], adapter["body"]
        body, html, removed = self.learner.strip(site, body, adapter["body_html"])
        if removed:
            if len(body) < self.min_body:
                self.stats.inc_value("pipeline/invalid/short_body")
                raise DropItem(f"{adapter['url']}: body under {self.min_body} chars once "
                               "learned boilerplate is removed", log_level="WARNING")
            adapter["body"], adapter["body_html"] = body, html
            adapter["content_hash"] = content_hash(body)
            self.stats.inc_value("cleaning/learned_boilerplate_line", removed)
        return item

    def close_spider(self) -> None:
        """Re-clean, from their saved pages, stored articles holding a newly learned line
        (those stored before the line was learned). Storage has flushed by now: Scrapy
        closes pipelines in reverse order."""
        if self.learner is None:
            return
        if self.learner.newly_learned:
            counts = reclean(self.learner.store, self.crawler.spider.profile, self.learner,
                             self.learner.newly_learned, self.min_body,
                             self.crawler.settings.getbool("PORTAL_FALLBACK"))
            for key, count in counts.items():
                self.stats.inc_value(f"cleaning/{key}", count)
        release_store(self.crawler)
        self.learner = None


class StoragePipeline:
    """Write articles to ARTICLES_DB, committing every ARTICLES_DB_BATCH_SIZE items."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.stats = crawler.stats
        self.path = crawler.settings.get("ARTICLES_DB")
        self.batch_size = max(1, crawler.settings.getint("ARTICLES_DB_BATCH_SIZE"))
        self.batch: list[dict] = []
        self.aliases: list[ArticleAlias] = []
        self.store: ArticleStore | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> StoragePipeline:
        return cls(crawler)

    def open_spider(self) -> None:
        if lock_held(self.crawler):
            return  # another run owns the database; this one requests nothing
        self.store = shared_store(self.crawler)
        self.store.near_dup_threshold = self.crawler.settings.getfloat(
            "PORTAL_NEAR_DUP_THRESHOLD")
        self.stats.set_value("pipeline/stored/before_run", self.store.count())

    def process_item(self, item):
        if isinstance(item, ArticleAlias):
            self.aliases.append(item)
            return item
        if isinstance(item, PageEvent):
            self.page_event(item)
            return item
        self.batch.append(asdict(item) if not isinstance(item, dict) else dict(item))
        if len(self.batch) >= self.batch_size:
            self.flush()
        return item

    def page_event(self, event: PageEvent) -> None:
        """Remember what happened to a page: a 304, a 404 of a stored article, a failure
        to try again next run, or a fetch that clears an old failure."""
        if event.event == "unchanged":
            self.store.touch(event.url)
            self.stats.inc_value("pipeline/stored/unchanged")
        elif event.event == "gone":
            if self.store.mark_gone(event.url):
                self.stats.inc_value("pipeline/stored/gone")
        elif event.event == "failed":
            self.store.record_failure(event.url, event.site, "article", event.reason or "",
                                      event.channel)
            self.stats.inc_value("pipeline/failures/recorded")

    def resolve_aliases(self) -> None:
        """Record the link aliases whose article is stored; keep the others for later."""
        waiting = []
        for alias in self.aliases:
            target = self.store.add_alias(alias.url, alias.site, alias.aid, alias.reason)
            if target is None:
                waiting.append(alias)
                continue
            self.stats.inc_value(f"pipeline/alias/{alias.reason}")
            if alias.page_url_format:
                pages = self.store.article(target)["pages"] or 1
                for page in range(2, pages + 1):
                    self.store.add_alias(alias.page_url_format.format(page=page), alias.site,
                                         alias.aid, alias.reason)
        self.aliases = waiting

    def flush(self) -> None:
        if not self.batch or self.store is None:
            return
        try:
            outcomes = self.store.upsert_articles(self.batch)
        except sqlite3.Error as exc:
            # The batch is lost for this run (the next one fetches it again); the
            # storage_error canary fails the run.
            logger.error("Storing %d articles failed: %s", len(self.batch), exc)
            self.stats.inc_value("pipeline/storage_error")
            self.batch = []
            return
        learner = self.crawler.__dict__.get("_portalcrawler_learner")
        by_url = {article["url"]: article for article in self.batch}
        for outcome in outcomes:
            # Stored (or folded): an old failure of this page is over. Done here, after
            # the write, so that a kill before it leaves the failure to retry.
            self.store.clear_failure(outcome.url)
            if learner is not None and outcome.action == "new":
                site = by_url[outcome.url]["site"]
                for text in learner.observe(site, by_url[outcome.url]["body"].split("\n")):
                    logger.info("Learned boilerplate of %s: %s", site, text[:60])
                    self.stats.inc_value("cleaning/learned_boilerplate")
            self.stats.inc_value(f"pipeline/stored/{outcome.action}")
            if outcome.reason:
                self.stats.inc_value(f"pipeline/dedup/{outcome.reason}")
                logger.info("%s is a copy (%s, %.2f) of %s", outcome.folded or outcome.url,
                            outcome.reason, outcome.similarity or 0, outcome.article_url)
        self.stats.inc_value("pipeline/stored/batches")
        self.batch = []
        self.resolve_aliases()

    def close_spider(self) -> None:
        if self.store is None:
            return
        self.flush()
        self.resolve_aliases()
        if self.aliases:
            # Their article was never stored (it failed, or was invalid).
            self.stats.inc_value("pipeline/alias/unresolved", len(self.aliases))
        self.stats.set_value("pipeline/stored/after_run", self.store.count())
        release_store(self.crawler)
        self.store = None
