"""Downloader middlewares that correct Scrapy where the real web breaks its defaults."""

from __future__ import annotations

import asyncio
import logging
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

from scrapy.crawler import Crawler
from scrapy.downloadermiddlewares.retry import RetryMiddleware
from scrapy.downloadermiddlewares.robotstxt import RobotsTxtMiddleware
from scrapy.http import Request, Response, TextResponse
from scrapy.utils.misc import build_from_crawler

from portalcrawler.cleaning import choose_encoding

logger = logging.getLogger(__name__)


class EncodingMiddleware:
    """Read each HTML page in the encoding it is written in.

    Scrapy prefers the charset of the Content-Type header to the page's <meta>. Old
    servers add `charset=ISO-8859-1` to every page, which turns a GBK page into mojibake
    without a single decoding error. See `cleaning.choose_encoding` for the rule.
    """

    def __init__(self, crawler: Crawler) -> None:
        self.stats = crawler.stats

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> EncodingMiddleware:
        return cls(crawler)

    def process_response(self, request: Request, response: Response) -> Response:
        fixed = with_right_encoding(response)
        if fixed is not response:
            self.stats.inc_value(f"encoding/overridden/{fixed.encoding}")
        return fixed


def with_right_encoding(response: Response) -> Response:
    """Return the response read in the encoding its bytes are in (itself if unchanged)."""
    if not isinstance(response, TextResponse) or not response.body:
        return response
    content_type = response.headers.get(b"Content-Type", b"").decode("latin-1").lower()
    header_charset = None
    if "charset=" in content_type:
        header_charset = content_type.split("charset=", 1)[1].split(";")[0].strip(" \"'")
    encoding = choose_encoding(header_charset, response.body)
    if encoding and encoding != response.encoding:
        return response.replace(encoding=encoding)
    return response


# What RFC 9309 says a crawler must assume when robots.txt cannot be read.
_DISALLOW_ALL = b"User-agent: *\nDisallow: /\n"


class StrictRobotsTxtMiddleware(RobotsTxtMiddleware):
    """Obey robots.txt as RFC 9309 says: unreachable or 5xx means disallow everything.

    Scrapy's own middleware treats both as allow-all. A 4xx still means allow-all.
    """

    async def _parse_robots(self, response: Response, netloc: str, request: Request) -> None:
        if response.status >= 500:
            logger.error("robots.txt of %s answered %s: nothing there is crawled (RFC 9309)",
                         netloc, response.status)
            self._stats.inc_value("robotstxt/unavailable_disallow_all")
            response = response.replace(body=_DISALLOW_ALL)
        await super()._parse_robots(response, netloc, request)
        parser = self._parsers.get(netloc)
        agent = self._robotstxt_useragent or self._default_useragent
        delay = parser.crawl_delay(agent) if parser is not None else None
        if delay:
            self.obey_crawl_delay(request, delay)

    def obey_crawl_delay(self, request: Request, delay: float) -> None:
        """Space requests to the host at least `delay` seconds apart, as robots.txt's
        Crawl-delay asks (Scrapy parses it but never applies it), AutoThrottle included."""
        delay = min(delay, self.crawler.settings.getfloat("PORTAL_CRAWL_DELAY_MAX"))
        logger.info("robots.txt asks for a Crawl-delay of %g s: obeyed", delay)
        self._stats.set_value("robotstxt/crawl_delay", delay)
        spider = self.crawler.spider
        spider.download_delay = max(getattr(spider, "download_delay", 0) or 0, delay)
        downloader = self.crawler.engine.downloader
        slot = downloader.slots.get(downloader.get_slot_key(request))
        if slot is not None:
            slot.delay = max(slot.delay, delay)
        for extension in self.crawler.extensions.middlewares:
            if hasattr(extension, "mindelay"):  # AutoThrottle keeps its own floor
                extension.mindelay = max(extension.mindelay, delay)

    def _robots_error(self, exc: Exception, netloc: str) -> None:
        logger.error("robots.txt of %s unreachable (%s): nothing there is crawled (RFC 9309)",
                     netloc, exc)
        self._stats.inc_value("robotstxt/unavailable_disallow_all")
        parser = build_from_crawler(self._parserimpl, self.crawler, _DISALLOW_ALL)
        pending = self._parsers[netloc]
        self._parsers[netloc] = parser
        if hasattr(pending, "callback"):
            pending.callback(parser)


class RequestKindStats:
    """Count downloads by what they are for (`requests/kind/<kind>`): robots.txt, home,
    listing, article, article_page, refresh, retry; retries of a download count again."""

    def __init__(self, crawler: Crawler) -> None:
        self.stats = crawler.stats

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> RequestKindStats:
        return cls(crawler)

    def process_request(self, request: Request) -> None:
        if request.url.endswith("/robots.txt"):
            kind = "robots.txt"
        else:
            kind = request.meta.get("kind", "other")
        self.stats.inc_value(f"requests/kind/{kind}")


def retry_after_seconds(value: bytes | None, now: datetime | None = None) -> float | None:
    """Seconds a Retry-After header asks to wait (delta-seconds or an HTTP date)."""
    if not value:
        return None
    text = value.decode("latin-1").strip()
    if text.isdigit():
        return float(text)
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())


class RetryAfterMiddleware(RetryMiddleware):
    """Retry as Scrapy does, but wait as long as a 503 or 429 answer's Retry-After asks.

    Scrapy retries at once, so a server that says "come back in 30 s" sees the retries
    within the same second and they fail too. Only the request concerned waits. A wait
    longer than PORTAL_RETRY_AFTER_MAX is not waited for: the page fails for this run
    and the next run tries it again.
    """

    def __init__(self, settings) -> None:
        super().__init__(settings)
        self.max_wait = settings.getfloat("PORTAL_RETRY_AFTER_MAX")

    async def process_response(self, request: Request, response: Response,
                               spider=None) -> Request | Response:
        if request.meta.get("dont_retry") or response.status not in self.retry_http_codes:
            return response
        wait = retry_after_seconds(response.headers.get(b"Retry-After"))
        if wait:
            if wait > self.max_wait:
                logger.warning("%s asks to retry in %.0f s, over PORTAL_RETRY_AFTER_MAX: "
                               "left for the next run", request.url, wait)
                self.crawler.stats.inc_value("retry/retry_after_too_long")
                return response
            self.crawler.stats.inc_value("retry/retry_after_waits")
            await asyncio.sleep(wait)
        return super().process_response(request, response)
