"""Channel listing pages: the article links on a page and the link to the next page."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from scrapy.http import TextResponse

from portalcrawler.cleaning import clean_line
from portalcrawler.profile import PortalProfile

_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_NEXT_LABELS = ("下一页", "下页", "后页", "next", ">")


@dataclass(frozen=True)
class ListingItem:
    """One entry of a listing: the link as written, its title and its date."""

    url: str
    title: str
    date: str | None  # YYYY-MM-DD


@dataclass
class ListingPage:
    """What one listing page shows."""

    items: list[ListingItem]
    next_url: str | None
    # Every pagination link on the page, by page number when the text is a number.
    page_urls: dict[int, str] = field(default_factory=dict)


def _date(text: str) -> str | None:
    match = _DATE.search(text)
    if not match:
        return None
    y, m, d = (int(g) for g in match.groups())
    return f"{y:04d}-{m:02d}-{d:02d}"


def parse_listing(response: TextResponse, profile: PortalProfile) -> ListingPage:
    """Read a listing page's entries, newest first as the portal prints them."""
    items: list[ListingItem] = []
    for entry in response.css(profile.selectors.listing_items):
        link = None
        for anchor in entry.css("a[href]"):
            title = clean_line(" ".join(anchor.xpath(".//text()").getall()))
            href = (anchor.attrib.get("href") or "").strip()
            if title and href and not href.startswith(("#", "javascript:")):
                link = (response.urljoin(href), title)
                break
        if link is None:
            continue
        # The date sits in a span of its own (the second one on this portal); take the
        # first span that starts with one, then any date in the entry.
        spans = [clean_line(" ".join(s.xpath(".//text()").getall()))
                 for s in entry.css(profile.selectors.listing_spans)]
        date = next((_date(s) for s in spans if _DATE.match(s)), None)
        if date is None:
            date = _date(" ".join(entry.xpath(".//text()").getall()))
        items.append(ListingItem(link[0], link[1], date))

    next_url = None
    page_urls: dict[int, str] = {}
    for anchor in response.css(profile.selectors.listing_pagelist):
        href = (anchor.attrib.get("href") or "").strip()
        text = clean_line(" ".join(anchor.xpath(".//text()").getall()))
        if not href or href.startswith(("#", "javascript:")):
            continue
        url = response.urljoin(href)
        if text.isdigit():
            page_urls.setdefault(int(text), url)
        elif next_url is None and text.lower() in _NEXT_LABELS:
            next_url = url
    return ListingPage(items, next_url, page_urls)
