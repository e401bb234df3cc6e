"""Measure extraction on the drift set: the replica's articles drawn by other templates.

Each page goes through what a crawl does with it, without Scrapy: the chndsnews profile
(whose selectors may no longer fit, so the fallback may read it), the text rules, then
storage with the boilerplate learner, and at the end the re-clean of articles stored
before a line was learned. Bodies are read back from the database and scored against
the truth.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

import sqlite_utils
from scrapy.http import HtmlResponse

from portalcrawler.boilerplate import BoilerplateLearner, reclean
from portalcrawler.cleaning import content_hash
from portalcrawler.middlewares import with_right_encoding
from portalcrawler.pages.article import merge_article, parse_article_page
from portalcrawler.profile import CHNDSNEWS, PortalProfile
from portalcrawler.replica.content import Site
from portalcrawler.replica.themes import chrome_strings, drift_pages
from portalcrawler.storage import ArticleStore
from portalcrawler.verify import char_f1, leaks

BASE = "http://www.chndsnews.com/"


@dataclass
class ThemeResult:
    """Scores of one theme: per article F1 and chrome strings found in bodies."""

    theme: str
    f1: list[float] = field(default_factory=list)
    chrome_left: int = 0
    fallback: int = 0
    seconds: float = 0.0  # everything: extraction, cleaning, learning, storage, re-clean
    extract_seconds: float = 0.0  # extraction and cleaning alone (what trafilatura does)
    bodies: dict[str, str] = field(default_factory=dict)
    learned: list[str] = field(default_factory=list)  # boilerplate lines learned

    @property
    def mean_f1(self) -> float:
        return sum(self.f1) / len(self.f1) if self.f1 else 0.0


def run_theme(site: Site, theme: str, limit: int | None = None,
              profile: PortalProfile = CHNDSNEWS) -> ThemeResult:
    """Extract every page of a theme as a crawl would and score the stored bodies."""
    result = ThemeResult(theme)
    store = ArticleStore(sqlite_utils.Database(memory=True))
    learner = BoilerplateLearner(store)
    pages = drift_pages(site, theme, limit)
    truths = {}
    started = time.perf_counter()
    for path, body, truth in pages:
        url = BASE.rstrip("/") + path
        extract_started = time.perf_counter()
        response = with_right_encoding(
            HtmlResponse(url=url, body=body, headers={"Content-Type": "text/html"}))
        page = parse_article_page(response, profile, BASE)
        fields, _ = merge_article([page], profile)
        result.extract_seconds += time.perf_counter() - extract_started
        result.fallback += fields["extraction_method"] == "fallback"
        text, html, _ = learner.strip(profile.name, fields["body"], fields["body_html"])
        fields.update(body=text, body_html=html, content_hash=content_hash(text))
        (outcome,) = store.upsert_articles([{**fields, "url": url, "raw_pages": [
            {"url": url, "headers": {"Content-Type": "text/html"}, "body": body}]}])
        if outcome.action == "new":  # as StoragePipeline does
            result.learned += learner.observe(profile.name, text.split("\n"))
        truths[url] = truth
    if learner.newly_learned:
        reclean(store, profile, learner, learner.newly_learned)
    result.seconds = time.perf_counter() - started
    chrome = chrome_strings(theme)
    for url, truth in truths.items():
        stored = store.article(url)["body"]
        result.bodies[url] = stored
        result.f1.append(char_f1(stored, truth["body"]))
        result.chrome_left += leaks(stored, chrome)
    store.close()
    return result
