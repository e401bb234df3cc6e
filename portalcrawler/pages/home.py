"""The homepage: its navigation, which lists the portal's channels."""

from __future__ import annotations

from dataclasses import dataclass

from scrapy.http import TextResponse

from portalcrawler.cleaning import clean_line
from portalcrawler.profile import PortalProfile


@dataclass(frozen=True)
class NavEntry:
    """One entry of the nav: its text and absolute URL."""

    name: str
    url: str


def nav_entries(response: TextResponse, profile: PortalProfile) -> list[NavEntry]:
    """List the nav's links in order, once each."""
    entries: list[NavEntry] = []
    seen: set[str] = set()
    for anchor in response.css(profile.selectors.nav_links):
        href = (anchor.attrib.get("href") or "").strip()
        name = clean_line(" ".join(anchor.xpath(".//text()").getall()))
        if not href or not name or href.startswith(("#", "javascript:", "mailto:")):
            continue
        url = response.urljoin(href)
        if url not in seen:
            seen.add(url)
            entries.append(NavEntry(name, url))
    return entries
