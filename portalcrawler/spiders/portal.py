"""Crawl strategy for a DedeCMS-style portal: homepage nav → channel listings → articles.

The spider only decides what to request next. Pages are read by `portalcrawler.pages`,
URLs judged by `portalcrawler.urls`, and all site knowledge comes from the profile.
"""

from __future__ import annotations

import logging
import re
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import scrapy
from parsel import css2xpath
from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.exceptions import DontCloseSpider
from scrapy.http import Request, TextResponse
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.python.failure import Failure

from portalcrawler.arguments import CrawlArgs, argument_error
from portalcrawler.items import Article, ArticleAlias, PageEvent
from portalcrawler.pages.article import (
    ArticlePage,
    is_soft_404,
    merge_article,
    parse_article_page,
)
from portalcrawler.pages.home import nav_entries
from portalcrawler.pages.listing import parse_listing
from portalcrawler.pipelines import release_store, shared_store
from portalcrawler.profile import PortalProfile, Selectors
from portalcrawler.runs import lock_held
from portalcrawler.storage import Known, StorageError, check_path
from portalcrawler.urls import Kind, classify

logger = logging.getLogger(__name__)


class PortalSpider(scrapy.Spider):
    """Walk a portal's channels and store each article once, its pages merged."""

    profile: PortalProfile

    def __init__(self, *, base_url: str | None = None, channels: str | None = None,
                 since: str | None = None, max_pages: str | None = None,
                 full: str | None = None, **unknown: Any) -> None:
        super().__init__()
        self.args = CrawlArgs.parse(self.profile, base_url=base_url, channels=channels,
                                    since=since, max_pages=max_pages, full=full, **unknown)
        # What earlier runs stored, by aid (read at start): known articles are not
        # fetched again, except those published within the refresh window.
        self.known: dict[int, Known] = {}
        self.dead_aids: set[int] = set()  # failed in PORTAL_FAILURE_RETRIES runs: given up
        self.retried_aids: set[int] = set()  # failed earlier, requested again by this run
        # Channels a finished run walked to the end (only those may stop early), and the
        # ones this run walks to the end (recorded by RunRecorder if the run finishes).
        self.walked: set[str] = set()
        self.completed_walks: set[str] = set()
        self.base_url = self.args.base_url
        self.requested_aids: set[int] = set()
        # view.php?aid=N links: fetched at the end only for aids never seen statically.
        self.pending_twins: dict[int, tuple[str, str | None]] = {}
        self.aliases_seen: set[str] = set()
        self.links_scanned: set[str] = set()

    @classmethod
    def from_crawler(cls, crawler: Crawler, *args: Any, **kwargs: Any) -> PortalSpider:
        spider = super().from_crawler(crawler, *args, **kwargs)
        spider.check_settings(crawler)
        crawler.signals.connect(spider.on_idle, signal=signals.spider_idle)
        return spider

    def check_settings(self, crawler: Crawler) -> None:
        """Refuse settings that cannot work before anything is requested."""
        try:
            check_path(crawler.settings.get("ARTICLES_DB"))
        except StorageError as exc:
            raise argument_error(str(exc)) from None
        overrides = crawler.settings.getdict("PORTAL_SELECTORS")
        unknown = sorted(set(overrides) - set(Selectors.__dataclass_fields__))
        if unknown:
            raise argument_error(
                f"PORTAL_SELECTORS: unknown key(s) {', '.join(unknown)}; accepted: "
                f"{', '.join(Selectors.__dataclass_fields__)}"
            )
        if overrides:
            self.profile = self.profile.with_overrides(overrides)
        selectors = crawler.settings.getlist("PORTAL_CHROME_SELECTORS")
        patterns = crawler.settings.getdict("PORTAL_CHROME_PATTERNS")
        for selector in [*selectors, *overrides.values()]:
            try:
                css2xpath(selector)
            except Exception as exc:
                raise argument_error(f"not a CSS selector: {selector!r} ({exc})") from None
        for name, pattern in patterns.items():
            try:
                re.compile(pattern)
            except re.error as exc:
                raise argument_error(
                    f"PORTAL_CHROME_PATTERNS[{name!r}]: not a regular expression: {exc}"
                ) from None
        if selectors or patterns:
            self.profile = self.profile.with_chrome(selectors, patterns)
        self.fallback = crawler.settings.getbool("PORTAL_FALLBACK")
        self.save_pages = crawler.settings.getbool("ARTICLES_DB_SAVE_PAGES")
        self.refresh_days = crawler.settings.getfloat("PORTAL_REFRESH_DAYS")
        self.failure_retries = max(1, crawler.settings.getint("PORTAL_FAILURE_RETRIES"))
        self.early_stop_pages = crawler.settings.getint("PORTAL_EARLY_STOP_PAGES")
        if self.refresh_days < 0 or self.early_stop_pages < 0:
            raise argument_error("PORTAL_REFRESH_DAYS and PORTAL_EARLY_STOP_PAGES must be "
                                 "zero or more")

    def inc(self, key: str, count: int = 1) -> None:
        """Count a decision in the crawl stats."""
        self.crawler.stats.inc_value(key, count)

    async def start(self) -> AsyncIterator[Request]:
        if lock_held(self.crawler):
            return  # another run is active: RunRecorder closes this one
        store = shared_store(self.crawler)
        try:
            self.known = store.known(self.profile.name)
            self.walked = store.walked_channels(self.profile.name)
            failures = store.failures(self.profile.name)
        finally:
            release_store(self.crawler)
        yield Request(self.base_url, callback=self.parse_home, priority=100,
                      errback=self.failed, meta={"kind": "home"})
        for request in self.refresh_requests():
            yield request
        for failure in failures:
            info = classify(failure["url"], self.profile, self.base_url)
            if info.aid is None or info.aid in self.known:
                continue
            if failure["attempts"] >= self.failure_retries:
                # Given up on (a dead link, a page that is never valid): only a full walk
                # tries again, and listings treat it as known.
                self.dead_aids.add(info.aid)
                if not self.args.full:
                    continue
            self.requested_aids.add(info.aid)
            self.retried_aids.add(info.aid)
            self.inc("article/retry_failed")
            yield self.article_request(failure["url"], failure["channel"], kind="retry")

    def refresh_requests(self) -> Iterator[Request]:
        """Conditional requests for the stored articles published within the refresh
        window: an edit is picked up, a deletion noticed, an unchanged page costs a 304."""
        if not self.refresh_days:
            return
        cutoff = (datetime.now(UTC) - timedelta(days=self.refresh_days)).isoformat()
        for aid, known in self.known.items():
            if not known.published_at or _utc(known.published_at) < cutoff:
                continue
            headers = {}
            if known.etag:
                headers["If-None-Match"] = known.etag
            if known.last_modified:
                headers["If-Modified-Since"] = known.last_modified
            self.requested_aids.add(aid)
            self.inc("article/refresh")
            request = self.article_request(known.url, None, kind="refresh")
            request.headers.update(headers)
            request.meta["handle_httpstatus_list"] = [304]
            yield request

    # --- Homepage -------------------------------------------------------------------

    def parse_home(self, response: TextResponse) -> Iterator[Request | ArticleAlias]:
        found: dict[str, tuple[str, str]] = {}  # folder -> (name, url)
        for entry in nav_entries(response, self.profile):
            if entry.name in self.profile.nav_ignore:
                self.inc("nav/not_a_channel")
                continue
            info = classify(entry.url, self.profile, self.base_url)
            if info.kind is not Kind.LISTING:
                self.inc("nav/not_a_channel")
                continue
            # A dynamic listing (/plus/list.php?tid=N) has no folder: its URL is its key.
            found.setdefault(info.folder or info.url, (entry.name, info.url))
        self.crawler.stats.set_value("nav/channels_found", len(found))
        if not found:
            logger.error("The homepage nav shows no channel: the nav selector %r may be stale",
                         self.profile.selectors.nav_links)
            self.inc("nav/empty")
        known = {channel.folder for channel in self.profile.channels}
        for channel in self.profile.channels:
            if channel.folder not in found:
                logger.warning("Channel %s (/%s/) is missing from the homepage nav",
                               channel.name, channel.folder)
                self.inc("nav/channel_missing")
        for folder in found.keys() - known:
            logger.info("Channel %s (/%s/) is in the nav but not in the profile",
                        found[folder][0], folder)
            self.inc("nav/unlisted_channel")

        wanted = self.args.channels or self.profile.channels
        targets = {c.folder: (c.name, response.urljoin(f"/{c.folder}/")) for c in wanted}
        if not self.args.channels:
            targets.update(found)  # the nav's own names and links win
        else:
            targets.update({f: found[f] for f in targets if f in found})
        for name, url in targets.values():
            yield Request(url, callback=self.parse_listing, errback=self.failed,
                          meta={"channel": name, "listing_page": 1, "kind": "listing",
                                "known_pages": 0, "walk": url}, priority=10)
        yield from self.scan_links(response)

    def scan_links(self, response: TextResponse) -> Iterator[ArticleAlias]:
        """Record the other addresses of articles linked from a page (dynamic twins,
        tracking variants) as aliases. Nothing is requested from here: the listings say
        what a run fetches, so `channels`, `since` and `max_pages` keep their meaning."""
        # Straight from lxml: a parsel Selector per link costs more than the rest.
        for href in response.selector.root.xpath("//a/@href"):
            href = str(href).strip()
            if not href or href.startswith(("#", "javascript:", "mailto:")):
                continue
            url = response.urljoin(href)
            # Sidebars repeat the same links on every page: judge each URL once.
            if url in self.links_scanned:
                continue
            if len(self.links_scanned) > 200_000:
                self.links_scanned.clear()
            self.links_scanned.add(url)
            info = classify(url, self.profile, self.base_url)
            linked = url.split("#", 1)[0]
            if info.aid is None:
                continue
            if info.kind is Kind.ARTICLE_TWIN:
                yield from self.alias(info.url, info.aid, "same_aid",
                                      page_url_format=f"{info.url}&pageno={{page}}")
            elif info.kind is Kind.ARTICLE and linked != info.url:
                yield from self.alias(linked, info.aid, "same_url")

    def alias(self, url: str, aid: int, reason: str,
              page_url_format: str | None = None) -> Iterator[ArticleAlias]:
        """An alias item, once per URL in a run."""
        if url not in self.aliases_seen:
            self.aliases_seen.add(url)
            yield ArticleAlias(url, self.profile.name, aid, reason, page_url_format)

    # --- Listings -------------------------------------------------------------------

    def parse_listing(self, response: TextResponse) -> Iterator[Request | ArticleAlias]:
        page = parse_listing(response, self.profile)
        self.inc("listing/pages")
        channel = response.meta["channel"]
        if not page.items:
            logger.warning("Listing %s shows no article", response.url)
            self.inc("listing/empty")
        fresh = 0
        last_known = None  # whether the page's last (oldest) article is known
        since = self.args.since.isoformat() if self.args.since else None
        for item in page.items:
            aid = classify(item.url, self.profile, self.base_url).aid
            if aid is not None:
                last_known = (aid in self.known or aid in self.dead_aids
                              or aid in self.retried_aids)
            if since and item.date and item.date < since:
                self.inc("listing/older_than_since")
                continue
            fresh += 1
            yield from self.follow_article(item.url, channel)
        number = response.meta["listing_page"]
        walk = response.meta.get("walk", response.url)
        # Listings run newest first: once a page ends on a known article, everything
        # after it is known too (new articles sit above it; a sticky old one sits at the
        # top, not the end). After PORTAL_EARLY_STOP_PAGES such pages the walk stops,
        # provided a finished run once walked this channel to its end.
        known_pages = response.meta.get("known_pages", 0) + 1 if last_known else 0
        if not page.next_url:
            if not self.args.max_pages and not since:
                self.completed_walks.add(walk)
            return
        if self.args.max_pages and number >= self.args.max_pages:
            self.inc("listing/stopped_at_max_pages")
            return
        if since and fresh == 0:
            self.inc("listing/stopped_at_since")
            return
        if (not self.args.full and self.early_stop_pages and walk in self.walked
                and known_pages >= self.early_stop_pages):
            self.inc("listing/stopped_at_known")
            return
        yield Request(page.next_url, callback=self.parse_listing, errback=self.failed,
                      meta={"channel": channel, "listing_page": number + 1, "kind": "listing",
                            "known_pages": known_pages, "walk": walk}, priority=10)

    def follow_article(self, url: str, channel: str | None) -> Iterator[Request | ArticleAlias]:
        info = classify(url, self.profile, self.base_url)
        linked = url.split("#", 1)[0]
        if info.kind is Kind.ARTICLE and info.aid is not None:
            if linked != info.url:
                # ?from=… and the like: the same page at another address.
                yield from self.alias(linked, info.aid, "same_url")
            if info.aid in self.requested_aids:
                self.inc("article/link_already_seen")
                return
            if info.aid in self.known or info.aid in self.dead_aids:
                self.inc("article/known_not_fetched")
                return
            self.requested_aids.add(info.aid)
            yield self.article_request(info.url, channel)
        elif info.kind is Kind.ARTICLE_TWIN and info.aid is not None:
            self.inc("article/twin_link")
            yield from self.alias(info.url, info.aid, "same_aid",
                                  page_url_format=f"{info.url}&pageno={{page}}")
            self.pending_twins.setdefault(info.aid, (info.url, channel))
        elif info.kind is Kind.EXTERNAL:
            self.inc("listing/external_link")
        else:
            self.inc("listing/other_link")

    def article_request(self, url: str, channel: str | None, kind: str = "article") -> Request:
        return Request(url, callback=self.parse_article, errback=self.failed,
                       meta={"channel": channel, "kind": kind})

    def on_idle(self) -> None:
        """Fetch the twins whose static page was never linked, then let the run end."""
        twins = [(aid, url, channel) for aid, (url, channel) in self.pending_twins.items()
                 if aid not in self.requested_aids and aid not in self.known]
        self.pending_twins.clear()
        if not twins:
            return
        for aid, url, channel in twins:
            self.requested_aids.add(aid)
            self.inc("article/twin_fetched")
            self.crawler.engine.crawl(self.article_request(url, channel))
        raise DontCloseSpider

    # --- Articles -------------------------------------------------------------------

    def parse_article(self, response: TextResponse) -> Iterator[Request | Article | PageEvent]:
        if response.status == 304:
            self.inc("article/not_modified")
            yield PageEvent(response.url, self.profile.name, "unchanged")
            return
        if is_soft_404(response, self.profile):
            logger.warning("%s answers 200 but says the page does not exist", response.url)
            self.inc("article/soft_404")
            if response.meta.get("article"):
                self.inc("article/incomplete")
            elif response.meta.get("kind") == "refresh":
                yield PageEvent(response.request.url, self.profile.name, "gone", "soft_404")
            else:
                yield PageEvent(response.request.url, self.profile.name, "failed", "soft_404",
                                response.meta.get("channel"))
            return
        page = parse_article_page(response, self.profile, self.base_url, self.fallback)
        self.inc("article/pages")
        yield from self.scan_links(response)
        if not page.content_found:
            logger.warning("No body at %s: content selector %r matched nothing",
                           response.url, self.profile.selectors.content)
            self.inc("article/content_selector_missed")
        if page.method == "fallback":
            self.inc("article/fallback_pages")
        state = response.meta.get("article") or {
            "pages": {}, "links": {}, "raw": {},
            "etag": _header(response, b"ETag"),
            "last_modified": _header(response, b"Last-Modified"),
            "requested_url": response.request.url if response.request else response.url,
        }
        state["pages"][page.page] = page
        if self.save_pages:
            state["raw"][page.page] = {
                "url": response.url,
                "headers": {"Content-Type": response.headers.get(b"Content-Type", b"")
                            .decode("latin-1")},
                "body": response.body,
            }
        state["links"].update(page.page_urls)
        yield from self.next_page_or_item(state, response.meta.get("channel"))

    def next_page_or_item(self, state: dict, channel: str | None) -> Iterator[Request | Article]:
        missing = sorted(set(state["links"]) - set(state["pages"]))
        if missing:
            yield Request(state["links"][missing[0]], callback=self.parse_article,
                          errback=self.failed, meta={"article": state, "channel": channel,
                                                     "kind": "article_page"})
            return
        pages: list[ArticlePage] = [state["pages"][n] for n in sorted(state["pages"])]
        if pages[0].page != 1:
            self.inc("article/first_page_missing")
            return
        fields, removed = merge_article(pages, self.profile)
        for key, count in removed.items():
            self.inc(f"cleaning/{key}", count)
        if fields["channel"] is None and channel:
            fields["channel"] = channel
            self.inc("article/channel_from_listing")
        if len(pages) > 1:
            self.inc("article/multi_page")
        self.inc(f"article/method/{fields['extraction_method']}")
        url = classify(pages[0].url, self.profile, self.base_url).url
        raw = [state["raw"][n] for n in sorted(state["raw"])]
        yield Article(url=url, raw_pages=raw, etag=state["etag"],
                      last_modified=state["last_modified"], **fields)

    def failed(self, failure: Failure) -> Iterator[PageEvent]:
        """Count a request that failed after retries and remember it for the next run;
        an article missing a page is lost for this run rather than stored incomplete; a
        stored article that now answers 404 is marked gone."""
        request = failure.request
        status = failure.value.response.status if failure.check(HttpError) else None
        reason = str(status) if status else type(failure.value).__name__
        kind = "article" if request.callback == self.parse_article else "page"
        if request.meta.get("kind") == "retry":
            # A page that failed before and fails again: counted apart, so that the
            # failed_share canary speaks of this run's new failures.
            kind = "retry"
        if request.meta.get("kind") == "refresh" and status in (404, 410):
            logger.warning("%s answers %s: marked gone", request.url, status)
            self.inc("article/gone")
            yield PageEvent(request.url, self.profile.name, "gone", reason)
            return
        if request.meta.get("article"):
            logger.error("Article page %s failed (%s): the article is skipped", request.url,
                         reason)
            self.inc("article/incomplete")
        else:
            logger.warning("%s failed (%s)", request.url, reason)
        self.inc(f"{kind}/failed/{reason}")
        if kind in ("article", "retry"):
            first = request.meta.get("article", {}).get("requested_url", request.url)
            yield PageEvent(first, self.profile.name, "failed", reason,
                            request.meta.get("channel"))


def _header(response: TextResponse, name: bytes) -> str | None:
    value = response.headers.get(name)
    return value.decode("latin-1") if value else None


def _utc(stamp: str) -> str:
    """An ISO 8601 time with an offset, as UTC, comparable as text."""
    return datetime.fromisoformat(stamp).astimezone(UTC).isoformat()
