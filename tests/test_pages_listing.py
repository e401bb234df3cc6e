"""Listing pages and the homepage nav, read from saved pages."""

import re

from portalcrawler.pages.home import nav_entries
from portalcrawler.pages.listing import parse_listing
from portalcrawler.profile import CHNDSNEWS
from portalcrawler.urls import Kind, classify

BASE = "http://127.0.0.1:8640/"


def test_channel_page_is_listing_page_one(page):
    listing = parse_listing(page("listing/caijing_page1"), CHNDSNEWS)
    assert len(listing.items) == 20
    assert listing.next_url == BASE + "caijing/list_7_2.html"
    assert 2 in listing.page_urls
    dates = [item.date for item in listing.items]
    assert all(re.fullmatch(r"\d{4}-\d{2}-\d{2}", d) for d in dates)
    assert dates == sorted(dates, reverse=True)  # newest first
    kinds = {classify(item.url, CHNDSNEWS, BASE).kind for item in listing.items}
    assert kinds <= {Kind.ARTICLE, Kind.ARTICLE_TWIN, Kind.EXTERNAL}
    assert all(item.title for item in listing.items)


def test_listing_under_a_latin1_header_reads_as_gbk(page):
    listing = parse_listing(page("listing/pinglun_page2_latin1_header"), CHNDSNEWS)
    assert listing.items
    for item in listing.items:
        assert re.search(r"[\u4e00-\u9fff]", item.title), item.title
        assert "Ã" not in item.title and "\ufffd" not in item.title


def test_nav_lists_channels_and_other_entries(page):
    entries = nav_entries(page("home/replica"), CHNDSNEWS)
    names = [entry.name for entry in entries]
    assert "关于我们" in names
    channels = {
        classify(e.url, CHNDSNEWS, BASE).folder: e.name
        for e in entries
        if e.name not in CHNDSNEWS.nav_ignore and classify(e.url, CHNDSNEWS, BASE).kind is Kind.LISTING
    }
    assert channels == {c.folder: c.name for c in CHNDSNEWS.channels}
