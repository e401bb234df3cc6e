"""Channel listing pages: the article links on a page and the link to the next page."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from scrapy.http import TextResponse

from portalcrawler.cleaning import clean_line, parse_datetime
from portalcrawler.profile import PortalProfile
from portalcrawler.urls import Kind, classify

_DATE_START = re.compile(r"^\s*\d{4}\s*[-/.年]\s*\d{1,2}")
_NEXT_LABELS = ("下一页", "下页", "后页", "next", ">", "›", "»")


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
    stamp = parse_datetime(text)
    return stamp[:10] if stamp else None


def _entry_link(entry, response: TextResponse, profile: PortalProfile) -> tuple[str, str] | None:
    """The entry's article link: the profile's link selector first, then the first link
    to an article page, then the first link with text (a [财经] channel tag loses)."""
    candidates = []
    for anchor in entry.css("a[href]"):
        title = clean_line(" ".join(anchor.xpath(".//text()").getall()))
        href = (anchor.attrib.get("href") or "").strip()
        if title and href and not href.startswith(("#", "javascript:")):
            candidates.append((anchor, response.urljoin(href), title))
    if not candidates:
        return None
    preferred = {id(a.root) for a in entry.css(profile.selectors.listing_link)}
    for anchor, url, title in candidates:
        if id(anchor.root) in preferred:
            return url, title
    for _, url, title in candidates:
        kind = classify(url, profile, response.url).kind
        if kind in (Kind.ARTICLE, Kind.ARTICLE_TWIN):
            return url, title
    return candidates[0][1], candidates[0][2]


def parse_listing(response: TextResponse, profile: PortalProfile) -> ListingPage:
    """Read a listing page's entries, newest first as the portal prints them."""
    items: list[ListingItem] = []
    for entry in response.css(profile.selectors.listing_items):
        link = _entry_link(entry, response, profile)
        if link is None:
            continue
        # The date sits in a span of its own (the second one on this portal); take the
        # first span that starts with one, then any date in the entry.
        spans = [clean_line(" ".join(s.xpath(".//text()").getall()))
                 for s in entry.css(profile.selectors.listing_spans)]
        date = next((_date(s) for s in spans if _DATE_START.match(s)), None)
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
        label = text.strip(" >»›<«‹").lower()
        if text.isdigit():
            page_urls.setdefault(int(text), url)
        elif next_url is None and (label in _NEXT_LABELS or text in _NEXT_LABELS
                                   or label.startswith("下一页")):
            next_url = url
    if next_url is None:
        # Numbers only: the page after this one, if it is linked.
        current = classify(response.url, profile, response.url).page
        next_url = page_urls.get(current + 1)
    return ListingPage(items, next_url, page_urls)
