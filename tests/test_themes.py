"""Check the drift set: every theme renders every article, with its truth on the page."""

from __future__ import annotations

import html
import re

import pytest

from portalcrawler.replica import Site, build_site
from portalcrawler.replica.content import DISCLAIMER, PROMO, SEED_AID
from portalcrawler.replica.themes import (
    NEW_DISCLAIMER,
    NEW_PROMO,
    THEMES,
    chrome_strings,
    drift_pages,
    render_theme,
)

KEEP_CONTENT_CLASS = {"br_paragraphs", "new_disclaimer"}
REQUIRED = {"dede_theme2", "renamed_classes", "br_paragraphs", "table_layout", "new_disclaimer"}


@pytest.fixture(scope="module")
def site() -> Site:
    return build_site(seed=1, size=40)


@pytest.fixture(scope="module")
def pages(site: Site) -> dict[str, list[tuple[str, str, dict]]]:
    """Decoded drift pages of every theme."""
    return {
        theme: [(url, raw.decode("gbk"), truth) for url, raw, truth in drift_pages(site, theme)]
        for theme in THEMES
    }


def squash(text: str) -> str:
    """Remove all whitespace (full-width spaces and nbsp included)."""
    return re.sub(r"\s+", "", text)


def page_text(page: str) -> str:
    """Return the page's visible text: no scripts, styles, comments or tags; unescaped."""
    text = re.sub(r"(?is)<(script|style)\b.*?</\1>", "", page)
    text = re.sub(r"(?s)<!--.*?-->", "", text)
    text = re.sub(r"<[^>]+>", "", text)
    return squash(html.unescape(text))


def test_theme_names() -> None:
    assert set(THEMES) >= REQUIRED
    assert len(set(THEMES)) == len(THEMES)


@pytest.mark.parametrize("theme", THEMES)
def test_every_article_renders_as_gbk(site: Site, theme: str) -> None:
    rendered = drift_pages(site, theme)
    # One page per story: syndicated copies are not in the drift set.
    canonical = [a for a in site.articles if a.syndicated_from is None]
    assert len(canonical) == len(site.truth) < len(site.articles)
    assert [url for url, _, _ in rendered] == [a.url for a in canonical]
    for (_, raw, truth), article in zip(rendered, canonical, strict=True):
        assert isinstance(raw, bytes)
        raw.decode("gbk")  # raises if not GBK
        assert truth == article.truth()


@pytest.mark.parametrize("theme", THEMES)
def test_truth_is_on_the_page(pages: dict, theme: str) -> None:
    for url, page, truth in pages[theme]:
        text = page_text(page)
        for line in truth["body"].split("\n"):
            assert squash(line) in text, (theme, url, line)
        assert squash(truth["title"]) in text, (theme, url)


def test_new_disclaimer_on_every_page(pages: dict) -> None:
    for url, page, _ in pages["new_disclaimer"]:
        text = page_text(page)
        assert squash(NEW_DISCLAIMER) in text, url
        assert squash(NEW_PROMO) in text, url
        assert DISCLAIMER not in page and PROMO not in page, url


@pytest.mark.parametrize("theme", THEMES)
def test_content_class_only_where_kept(pages: dict, theme: str) -> None:
    for url, page, _ in pages[theme]:
        if theme in KEEP_CONTENT_CLASS:
            assert 'class="content"' in page, url
        else:
            assert 'class="content"' not in page, (theme, url)


def test_theme_markers(pages: dict) -> None:
    for _, page, _ in pages["dede_theme2"]:
        assert '<div id="article_body">' in page and 'class="arc-title"' in page
    for _, page, _ in pages["renamed_classes"]:
        classes = {
            token
            for attr in re.findall(r"""class=["']([^"']*)["']""", page)
            for token in attr.split()
        }
        assert not classes & {"title", "info", "place", "intro", "dede_pages", "newdigg"}
        assert "art-txt" in classes and "art-title" in classes
    for _, page, _ in pages["br_paragraphs"]:
        body = page.split('class="content"', 1)[1].split("</td>", 1)[0]
        assert "<p" not in body and "<br/><br/>" in body
    for _, page, _ in pages["table_layout"]:
        assert "<div" not in page and "<table" in page
    for _, page, _ in pages["article_div"]:
        assert '<div id="article" class="article-content">' in page


@pytest.mark.parametrize("theme", THEMES)
def test_chrome_strings(site: Site, pages: dict, theme: str) -> None:
    chrome = chrome_strings(theme)
    assert chrome and all(isinstance(s, str) and s for s in chrome)
    seen = {s for s in chrome for _, page, _ in pages[theme] if squash(s) in page_text(page)}
    # Every chrome string is really printed by the theme (the standard boilerplate
    # excepted for new_disclaimer, which replaced it), and none is ever body text.
    absent_ok = {DISCLAIMER, PROMO, "特别声明", "扫描二维码免费阅读"}
    missing = set(chrome) - seen
    assert not (missing - absent_ok if theme == "new_disclaimer" else missing), missing
    for article in site.articles:
        body = article.truth()["body"]
        assert not [s for s in chrome if s in body], article.url


def test_limit_and_unknown_theme(site: Site) -> None:
    assert len(drift_pages(site, "table_layout", limit=3)) == 3
    with pytest.raises(ValueError):
        drift_pages(site, "nope")
    with pytest.raises(ValueError):
        chrome_strings("nope")


def test_deterministic(site: Site) -> None:
    other = build_site(seed=1, size=40)
    for theme in THEMES:
        mine = render_theme(site, site.by_aid[SEED_AID], theme)
        assert mine == render_theme(other, other.by_aid[SEED_AID], theme), theme
