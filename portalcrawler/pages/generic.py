"""Generic main-content extraction: no site knowledge, for pages the profile cannot read.

When a redesign renames the body's class, or a neighbouring portal has no profile yet,
the article is still on the page as the block with the most sentence text and the
fewest links. This module scores blocks the way readability does, tuned for Chinese
(sentences are counted by full-width punctuation, not by commas and spaces), takes the
best block, and cleans its lines with the same rules as the profile path plus generic
ones: link lists, pagers, info and breadcrumb lines, and the title repeated.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

from lxml.html import HtmlElement, fromstring

from portalcrawler.cleaning import clean_line, parse_datetime, parse_info_line
from portalcrawler.pages.blocks import Line, detached_copy, to_lines
from portalcrawler.profile import TextRules

# Class and id words of blocks that are never the article, and of blocks that usually are.
NEGATIVE = re.compile(
    r"comment|footer|\bfoot|sidebar|\bside|\bnav|menu|share|bshare|related|relate|recommend|"
    r"tuijian|\bhot|rank|paihang|advert|\bads?\b|\bad[-_]|banner|copyright|breadcrumb|crumb|"
    r"location|position|\bplace|\btags?\b|header|login|search|pager|pagelist|page-?nav|digg|"
    r"toolbar|widget|qrcode|erweima|weixin|wechat|download|friend|\blinks?\b|jubao|report|"
    r"keyword|author-info|statement|disclaimer|shengming|copy|more|gotop|popup|modal",
    re.IGNORECASE,
)
POSITIVE = re.compile(
    r"article|content|post|text|body|main|news|detail|\bzw|entry|story|\bcon\b|txt|cont|"
    r"rich|editor|trs_|js_content|read",
    re.IGNORECASE,
)
# Elements removed before scoring: code, forms, frames, and HTML5 page chrome.
REMOVED_TAGS = (
    "script", "style", "noscript", "iframe", "object", "form", "textarea",
    "select", "button", "input", "svg", "canvas", "template", "nav", "header", "footer",
    "aside", "head",
)
PARAGRAPH_TAGS = ("p", "pre", "td", "div", "section", "article", "li", "blockquote", "center")
CONTAINER_TAGS = frozenset({"div", "td", "section", "article", "main", "body", "center",
                            "blockquote", "li"})
INLINE_TAGS = frozenset({"a", "strong", "b", "em", "i", "u", "br", "img", "sub", "sup",
                         "small", "big", "code", "span", "font", "label", "mark", "q", "cite"})
_SENTENCE_MARKS = re.compile(r"[，。、；！？,;!?：“”]")
_INFO_LABEL = re.compile(
    r"(?:来源|作者|编辑|责编|发布时间|时间|日期|阅读|浏览|点击|字号|分享|稿源|记者)\s*[:：]"
)
_CRUMB = re.compile(r"^(?:当前位置|您的位置|您现在的位置|你的位置|现在位置|位置)\s*[:：]?")
_PAGER = re.compile(r"^[\s\d【】\[\]第页上下一首尾末共条/|<>«»…·.]+$")


def _attrs(element: HtmlElement) -> str:
    return f"{element.get('class') or ''} {element.get('id') or ''}"


def _class_weight(element: HtmlElement) -> int:
    words = _attrs(element)
    if not words.strip():
        return 0
    weight = 0
    if NEGATIVE.search(words):
        weight -= 25
    if POSITIVE.search(words):
        weight += 25
    return weight


_NOT_SPACE = re.compile(r"\S")


class _Measure:
    """Text and link-text lengths (non-space characters) of every element, counted in one
    pass from the leaves up, instead of re-reading each subtree for each question."""

    def __init__(self, root: HtmlElement) -> None:
        self.text: dict[HtmlElement, int] = {}
        self.links: dict[HtmlElement, int] = {}
        self._visit(root)

    def _visit(self, element: HtmlElement) -> tuple[int, int]:
        text = len(_NOT_SPACE.findall(element.text or "")) if isinstance(element.tag, str) else 0
        links = 0
        for child in element:
            if isinstance(child.tag, str):
                child_text, child_links = self._visit(child)
                text += child_text
                links += child_links
            text += len(_NOT_SPACE.findall(child.tail or ""))
        if element.tag == "a":
            links = text
        self.text[element], self.links[element] = text, links
        return text, links

    def density(self, element: HtmlElement) -> float:
        total = self.text.get(element, 0)
        return min(1.0, self.links.get(element, 0) / total) if total else 0.0


def _own_text(element: HtmlElement) -> str:
    """Text of the element that is not inside a child block: a `<br>` body counts here."""
    if element.tag in ("p", "pre"):
        return element.text_content()
    parts = [element.text or ""]
    for child in element:
        if isinstance(child.tag, str) and child.tag in INLINE_TAGS:
            parts.append(child.text_content())
        parts.append(child.tail or "")
    return "".join(parts)


def _is_hidden(element: HtmlElement) -> bool:
    style = (element.get("style") or "").replace(" ", "").lower()
    return "display:none" in style or "visibility:hidden" in style


def _prune(root: HtmlElement) -> None:
    """Remove what is never article text: code, forms, hidden blocks, and link-heavy or
    short blocks whose class or id says they are chrome."""
    for element in list(root.iter(*REMOVED_TAGS)):
        if element is not root and element.getparent() is not None:
            element.drop_tree()
    measure = _Measure(root)
    for element in list(root.iter()):
        if not isinstance(element.tag, str):  # comments
            if element.getparent() is not None:
                element.drop_tree()
            continue
        if element is root or element.getparent() is None or element.tag in ("body", "html"):
            continue
        if _is_hidden(element):
            element.drop_tree()
            continue
        words = _attrs(element)
        if words.strip() and NEGATIVE.search(words) and not POSITIVE.search(words) and (
            measure.density(element) > 0.3 or measure.text.get(element, 0) < 200
        ):
            element.drop_tree()


def _score(root: HtmlElement) -> tuple[dict[HtmlElement, float], _Measure]:
    measure = _Measure(root)
    scores: dict[HtmlElement, float] = defaultdict(float)
    for element in root.iter(*PARAGRAPH_TAGS):
        text = clean_line(_own_text(element))
        if len(text) < 10:
            continue
        points = 1 + len(_SENTENCE_MARKS.findall(text)) + min(len(text) // 50, 3)
        parent = element.getparent()
        if element.tag in CONTAINER_TAGS:
            # Text straight in a div or td (a <br> body): the block is its own container.
            scores[element] += points
            if parent is not None:
                scores[parent] += points / 2
            continue
        if parent is None:
            continue
        scores[parent] += points
        grand = parent.getparent()
        if grand is not None:
            scores[grand] += points / 2
    for element in list(scores):
        scores[element] = scores[element] * (1 - measure.density(element)) + _class_weight(element)
    return scores, measure


@dataclass
class GenericArticle:
    """What the generic extractor found on a page."""

    title: str | None
    published_at: str | None
    source: str | None
    author: str | None
    lines: list[Line]
    score: float


def _title(root: HtmlElement) -> str | None:
    """The page title: an h1/h2 that the <title> starts with, else <title>'s first part."""
    head = root.find(".//title")
    head_title = clean_line(head.text_content()) if head is not None else ""
    best = None
    for element in root.iter("h1", "h2"):
        text = clean_line(element.text_content())
        if len(text) >= 4 and head_title.startswith(text[:12]) and (
            best is None or len(text) > len(best)
        ):
            best = text
    if best:
        return best
    # Old layouts print the title in a td or font: the longest short text that the
    # <title> starts with.
    for element in root.iter("td", "font", "strong", "b", "div", "span", "p", "h3"):
        if element.find(".//div") is not None or element.find(".//td") is not None:
            continue
        text = clean_line(element.text_content())
        if 6 <= len(text) <= 80 and head_title.startswith(text) and (
            best is None or len(text) > len(best)
        ):
            best = text
    if best:
        return best
    for meta in root.iter("meta"):
        if (meta.get("property") or meta.get("name") or "").lower() in ("og:title", "title"):
            value = clean_line(meta.get("content") or "")
            if value:
                return value
    first = re.split(r"\s*(?:_|\||-{1,2}|——|－)\s*", head_title)[0] if head_title else ""
    if first:
        return first
    for element in root.iter("h1"):
        text = clean_line(element.text_content())
        if text:
            return text
    return None


def _meta_near_title(root: HtmlElement, title: str | None, tz: str) -> dict:
    """Time, source and author from the text right after the title, where pages print them."""
    text = clean_line(" ".join(t for t in root.itertext()))
    start = text.find(title) if title else -1
    window = text[start + len(title): start + len(title) + 300] if start >= 0 else text[:2000]
    fields = parse_info_line(window, (), tz)
    if fields["published_at"] is None:
        fields["published_at"] = parse_datetime(text, tz)
    return fields


def is_link_line(line: Line) -> bool:
    """Tell whether a short line is mostly link text (related reading, tags, pagers)."""
    linked = sum(len(clean_line(a.text_content())) for a in line.element.iter("a"))
    return len(line.text) < 60 and linked >= 0.6 * len(line.text)


def _generic_line_filter(lines: list[Line], title: str | None) -> list[Line]:
    kept = []
    for line in lines:
        if line.kind == "text":
            text = line.text
            if title and text == title:
                continue
            if is_link_line(line) or _CRUMB.match(text) or _PAGER.match(text):
                continue
            if len(text) < 100 and len(_INFO_LABEL.findall(text)) >= 2:
                continue
            if len(text) < 60 and _INFO_LABEL.search(text) and parse_datetime(text):
                continue
        kept.append(line)
    return kept


def extract(document: HtmlElement, tz: str = "+08:00") -> GenericArticle:
    """Find the article in a whole page (an lxml document; it is not modified)."""
    root = detached_copy(document)
    title = _title(root)
    fields = _meta_near_title(root, title, tz)
    _prune(root)
    scores, measure = _score(root)
    if not scores:
        return GenericArticle(title, fields["published_at"], fields["source"],
                              fields["author"], [], 0.0)
    best = max(scores, key=lambda element: scores[element])
    container = _with_siblings(best, scores, measure)
    lines: list[Line] = []
    for element in container:
        lines.extend(to_lines(element))
    return GenericArticle(
        title=title,
        published_at=fields["published_at"],
        source=fields["source"],
        author=fields["author"],
        lines=_generic_line_filter(lines, title),
        score=scores[best],
    )


def _with_siblings(best: HtmlElement, scores: dict[HtmlElement, float],
                   measure: _Measure) -> list[HtmlElement]:
    """The best block plus the siblings that read as more of the same article."""
    parent = best.getparent()
    if parent is None:
        return [best]
    threshold = max(10.0, scores[best] * 0.2)
    chosen = []
    for sibling in parent:
        if not isinstance(sibling.tag, str):
            continue
        if sibling is best:
            chosen.append(sibling)
            continue
        text = clean_line(sibling.text_content())
        scored = scores.get(sibling, 0.0) >= threshold and _class_weight(sibling) >= 0
        prose = (sibling.tag == "p" and len(text) > 80 and measure.density(sibling) < 0.25
                 and _SENTENCE_MARKS.search(text) is not None)
        if scored or prose:
            chosen.append(sibling)
    return chosen


def extract_text(html: str, rules: TextRules | None = None) -> tuple[str | None, str]:
    """Title and plain-text body of a page's article, by generic extraction alone."""
    from portalcrawler.pages.article import split_body

    document = fromstring(html)
    found = extract(document)
    parts = split_body(found.lines, rules or TextRules())
    return found.title, "\n".join(line.text for line in parts.lines if line.kind == "text")
