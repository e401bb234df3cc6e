"""The baseline: a bare Scrapy spider that follows every link of the site, parses nothing.

Run by bench/crawl_speed.py with `scrapy runspider`; -a base_url=... sets the start.
"""

from urllib.parse import urlsplit

import scrapy


class BareSpider(scrapy.Spider):
    name = "bare"

    def __init__(self, base_url: str = "http://127.0.0.1:8640/", **kwargs):
        super().__init__(**kwargs)
        self.base_url = base_url
        self.host = urlsplit(base_url).netloc

    async def start(self):
        yield scrapy.Request(self.base_url)

    def parse(self, response):
        if not hasattr(response, "css"):
            return
        for href in response.css("a::attr(href)").getall():
            url = response.urljoin(href.strip())
            if urlsplit(url).netloc == self.host and not url.endswith((".jpg", ".gif", ".png")):
                yield scrapy.Request(url)
