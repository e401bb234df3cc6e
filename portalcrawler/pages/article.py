"""Article pages: read one page of an article, then merge an article's pages into one.

`parse_article_page` is a pure function of a response; `merge_article` turns the pages
of one article into the fields stored, splitting off the editor line, the 原标题 note,
disclaimers and promotion. Both only read; neither fetches anything.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from urllib.parse import urljoin

import nh3
from scrapy.http import TextResponse

from portalcrawler.cleaning import clean_line, clean_value, content_hash, parse_info_line
from portalcrawler.pages import generic
from portalcrawler.pages.blocks import Line, detached_copy, drop_selectors, serialize, to_lines
from portalcrawler.profile import PortalProfile, TextRules
from portalcrawler.urls import Kind, classify

# What body_html may keep: text structure, emphasis, lists, tables, images, links.
ALLOWED_TAGS = {
    "p", "br", "strong", "b", "em", "i", "u", "sub", "sup", "h1", "h2", "h3", "h4", "h5",
    "h6", "ul", "ol", "li", "blockquote", "table", "thead", "tbody", "tr", "td", "th",
    "img", "a", "span",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "img": {"src", "alt"}}


@dataclass
class ArticlePage:
    """What one page of an article shows."""

    url: str
    aid: int | None
    page: int
    title: str | None
    channel: str | None
    published_at: str | None
    source: str | None
    author: str | None
    editor: str | None  # from the info line; the body's editor line wins
    summary: str | None
    lines: list[Line]
    # Other pages of the same article, by page number (canonical URLs as linked).
    page_urls: dict[int, str] = field(default_factory=dict)
    # Stats for what was removed while reading the page.
    removed: Counter[str] = field(default_factory=Counter)
    content_found: bool = True
    # "selectors" when the profile read the body, "fallback" when generic extraction did.
    method: str = "selectors"


def _first_text(response: TextResponse, selectors: str) -> str | None:
    """The text of the first node that has any, trying comma-separated alternatives in
    the order written (a CSS group would match in document order instead, so a logo's
    `div.title h1` in the header would beat the article's `div.title h2`)."""
    for selector in selectors.split(","):
        for node in response.css(selector.strip()):
            text = clean_line(" ".join(node.xpath(".//text()[not(ancestor::script)]").getall()))
            if text:
                return text
    return None


def _title(response: TextResponse, profile: PortalProfile) -> str | None:
    title = _first_text(response, profile.selectors.title)
    if title:
        return title
    # DedeCMS's <title> is "{title}_{channel}_{site}": keep the first part.
    head_title = clean_line(response.xpath("string(//title)").get() or "")
    return clean_line(head_title.split("_")[0]) or None


# A body read by the selectors needs this many characters, and at most this share of
# link lines, to be believed; otherwise generic extraction reads the page.
_MIN_SELECTOR_CHARS = 20
_MAX_LINK_LINE_SHARE = 0.5


def _believable(lines: list[Line]) -> bool:
    texts = [line for line in lines if line.kind == "text"]
    if sum(len(line.text) for line in texts) < _MIN_SELECTOR_CHARS:
        return False
    link_lines = sum(1 for line in texts if generic.is_link_line(line))
    return link_lines <= _MAX_LINK_LINE_SHARE * len(texts)


def _channel(response: TextResponse, profile: PortalProfile, base_url: str,
             title: str | None) -> str | None:
    """The last breadcrumb link that is neither the site's home nor the article."""
    names = []
    for anchor in response.css(profile.selectors.breadcrumb_links):
        name = clean_line(" ".join(anchor.xpath(".//text()").getall()))
        href = response.urljoin((anchor.attrib.get("href") or "").strip())
        kind = classify(href, profile, base_url).kind
        if name and name not in (profile.title, "首页", "网站首页", title) and kind not in (
            Kind.ARTICLE, Kind.ARTICLE_TWIN
        ):
            names.append(name)
    return names[-1] if names else None


def _absolute_lines(lines: list[Line], base: str) -> None:
    """Make image and link URLs absolute, in place."""
    for line in lines:
        if line.kind == "image" and line.src:
            line.src = urljoin(base, line.src)
            line.element[0].set("src", line.src)
        for anchor in line.element.iter("a"):
            href = anchor.get("href")
            if href:
                anchor.set("href", urljoin(base, href.strip()))


def parse_article_page(
    response: TextResponse, profile: PortalProfile, base_url: str, fallback: bool = True
) -> ArticlePage:
    """Read one article page: its fields, its body lines and links to its other pages.

    When the profile's selectors find no believable body, and `fallback` is on, generic
    extraction reads the page instead (and fills the fields whose blocks are missing).
    """
    info = classify(response.url, profile, base_url)
    info_text = _first_text(response, profile.selectors.info)
    fields = parse_info_line(info_text or "", profile.rules.placeholders, profile.timezone)
    removed: Counter[str] = Counter()
    content = response.css(profile.selectors.content)
    lines: list[Line] = []
    if content:
        root = detached_copy(content[0].root)
        removed["template_chrome"] += drop_selectors(root, profile.rules.body_chrome_selectors)
        lines = to_lines(root)
    title = _first_text(response, profile.selectors.title)
    method = "selectors"
    if fallback and not _believable(lines):
        found = generic.extract(response.selector.root, profile.timezone)
        lines, method = found.lines, "fallback"
        title = title or found.title
        if info_text is None:  # the info block is gone: take what the page shows near the title
            fields = {"published_at": found.published_at, "source": found.source,
                      "author": found.author, "editor": None}
    _absolute_lines(lines, response.url)
    page_urls: dict[int, str] = {}
    for href in response.css(profile.selectors.article_pagelist).xpath("@href").getall():
        href = href.strip()
        if not href or href.startswith(("#", "javascript:")):
            continue
        target = classify(response.urljoin(href), profile, base_url)
        if target.kind in (Kind.ARTICLE, Kind.ARTICLE_TWIN) and target.aid == info.aid:
            page_urls.setdefault(target.page, response.urljoin(href))
    page_urls.pop(info.page, None)
    title = title or _title(response, profile)
    summary = _first_text(response, profile.selectors.intro)
    if summary:
        summary = profile.rules.summary_label.sub("", summary)
    return ArticlePage(
        url=response.url,
        aid=info.aid,
        page=info.page,
        title=title,
        channel=_channel(response, profile, base_url, title),
        published_at=fields["published_at"],
        source=fields["source"],
        author=fields["author"],
        editor=fields["editor"],
        summary=clean_value(summary),
        lines=lines,
        page_urls=page_urls,
        removed=removed,
        content_found=bool(content),
        method=method,
    )


# Visible characters: an error page in the site's frame is shorter than any article
# page, and one with no frame at all is tiny.
_SOFT_404_TITLED_MAX_CHARS = 3000
_SOFT_404_MAX_CHARS = 600


def is_soft_404(response: TextResponse, profile: PortalProfile) -> bool:
    """Tell whether a 200 page is really a "not found" page: a short page whose <title>
    says so, or a tiny one whose text does. (An article titled …已被删除 is long.)"""
    text = clean_line(" ".join(response.selector.root.xpath(
        "//body//text()[not(ancestor::script) and not(ancestor::style)]")))
    title = response.xpath("string(//title)").get() or ""
    if len(text) <= _SOFT_404_TITLED_MAX_CHARS and profile.rules.soft_404.search(title):
        return True
    return len(text) <= _SOFT_404_MAX_CHARS and profile.rules.soft_404.search(text) is not None


@dataclass
class BodyParts:
    """A body split into article lines and the fields found among its lines."""

    lines: list[Line]
    editor: str | None = None
    original_title: str | None = None
    removed: Counter[str] = field(default_factory=Counter)


# How many lines may follow the editor line and still be cut as the page's trailer
# (disclaimer, promotion, QR code). More than that, and the editor line sat elsewhere.
_MAX_TRAILER_LINES = 4


def split_body(lines: list[Line], rules: TextRules) -> BodyParts:
    """Separate article lines from the editor line, the 原标题 note and boilerplate."""
    parts = BodyParts(lines=[])
    editor_at: int | None = None
    after_chrome = False  # an image right after a promotion line is its QR code
    drop_next = False  # a heading-only disclaimer (免责声明：) has its text on the next line
    in_related = False  # a 相关阅读 heading: the short lines after it are links
    for line in lines:
        if line.kind == "image":
            if rules.chrome_images.search(f"{line.src} {line.alt or ''}") or after_chrome:
                parts.removed["chrome_image"] += 1
                continue
            parts.lines.append(line)
            continue
        after_chrome = False
        text = line.text
        if drop_next:
            drop_next = False
            parts.removed["disclaimer_line"] += 1
            continue
        if in_related and len(text) <= 60:
            parts.removed["related_line"] += 1
            continue
        in_related = False
        if rules.related_heading.match(text):
            in_related = True
            parts.removed["related_line"] += 1
            continue
        if match := rules.original_title_line.match(text):
            parts.original_title = parts.original_title or clean_line(match["title"])
            parts.removed["original_title_line"] += 1
            continue
        if match := rules.editor_line.match(text):
            parts.editor = parts.editor or clean_line(match["name"])
            parts.removed["editor_line"] += 1
            editor_at = len(parts.lines)
            continue
        for pattern, field_name in ((rules.editor_suffix, "name"),
                                    (rules.original_title_suffix, "title")):
            if match := pattern.match(text):
                value = clean_line(match[field_name])
                if field_name == "title":
                    parts.original_title = parts.original_title or value
                    parts.removed["original_title_line"] += 1
                else:
                    parts.editor = parts.editor or value
                    parts.removed["editor_line"] += 1
                    editor_at = len(parts.lines) + 1
                text = clean_line(match["text"])
                line = Line("text", text, _plain_element(line, text))
        rule = next((rule for rule in rules.chrome_lines if rule.matches(text)), None)
        if rule is not None:
            parts.removed[f"{rule.name}_line"] += 1
            if rule.name == "promotion":
                after_chrome = True
                if parts.lines and parts.lines[-1].kind == "image":
                    parts.lines.pop()
                    parts.removed["chrome_image"] += 1
            if rule.name == "disclaimer" and rules.disclaimer_heading.match(text):
                drop_next = True
            continue
        parts.lines.append(line)
    if editor_at is not None and 0 < len(parts.lines) - editor_at <= _MAX_TRAILER_LINES:
        parts.removed["after_editor_line"] += len(parts.lines) - editor_at
        del parts.lines[editor_at:]
    return parts


def _plain_element(line: Line, text: str):
    element = detached_copy(line.element)
    for child in list(element):
        element.remove(child)
    element.text = text
    return element


def images_with_captions(lines: list[Line], rules: TextRules) -> list[dict]:
    """List the body's images, each with the caption line that follows it, if any."""
    images = []
    for index, line in enumerate(lines):
        if line.kind != "image":
            continue
        caption = None
        following = lines[index + 1] if index + 1 < len(lines) else None
        if (
            following is not None
            and following.kind == "text"
            and len(following.text) <= rules.caption_max_chars
            and (rules.caption_line.search(following.text)
                 or (line.centered and following.centered))
        ):
            caption = following.text
        images.append({"url": line.src, "caption": caption})
    return images


def sanitize_html(html: str) -> str:
    """Keep structure and http(s) links only: no scripts, styles, frames or handlers."""
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https"},
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
    )


def merge_article(pages: list[ArticlePage], profile: PortalProfile) -> tuple[dict, Counter]:
    """Merge the pages of one article, in page order, into the stored fields.

    Returns the fields and the counts of what was removed, for the crawl stats.
    """
    pages = sorted(pages, key=lambda p: p.page)
    first = pages[0]
    removed: Counter[str] = Counter()
    for page in pages:
        removed.update(page.removed)
    parts = split_body([line for page in pages for line in page.lines], profile.rules)
    removed.update(parts.removed)
    body = "\n".join(line.text for line in parts.lines if line.kind == "text")
    body_html = sanitize_html("\n".join(serialize(line.element) for line in parts.lines))
    fields = {
        "aid": first.aid,
        "site": profile.name,
        "channel": first.channel,
        "title": first.title,
        "published_at": first.published_at,
        "source": first.source,
        "author": first.author,
        "editor": parts.editor or next((p.editor for p in pages if p.editor), None),
        "original_title": parts.original_title,
        "summary": first.summary,
        "body": body,
        "body_html": body_html,
        "images": images_with_captions(parts.lines, profile.rules),
        "content_hash": content_hash(body),
        "pages": len(pages),
        "extraction_method": "fallback" if any(p.method == "fallback" for p in pages)
        else "selectors",
    }
    return fields, removed
