"""Turn an HTML body into lines: one line per paragraph, heading or image.

Bodies come as `<p>`s, as `<div>`s, as text split by `<br>`, or as a mix of all three.
Reading them as lines makes one model for every layout: each line keeps a small HTML
element (its inline markup: bold, links) for `body_html` and its clean text for `body`.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import Literal

from lxml import etree
from lxml.html import Element, HtmlElement
from parsel import css2xpath

from portalcrawler.cleaning import clean_line

BLOCK_TAGS = frozenset(
    "p div h1 h2 h3 h4 h5 h6 ul ol li dl dt dd table thead tbody tfoot tr td th "
    "blockquote section article header footer aside nav center pre figure figcaption "
    "main address hr".split()
)
HEADING_TAGS = frozenset("h1 h2 h3 h4 h5 h6".split())
SKIP_TAGS = frozenset(
    "script style iframe noscript object form input textarea select button svg "
    "canvas video audio map head title meta link template".split()
)
# Not skipped: libxml2 parses <embed> as a container, so an unclosed <embed> (old
# Flash players) swallows the rest of the body; walking through it keeps that text.
# Lazy-loading pages keep the real image in a data attribute and a placeholder in src.
_IMAGE_SRC_ATTRS = ("data-original", "data-src", "data-lazy-src", "data-echo", "lazy-src",
                    "original", "file", "src")


@dataclass
class Line:
    """One line of a body: text with its small HTML element, or an image."""

    kind: Literal["text", "image"]
    text: str
    element: HtmlElement
    src: str | None = None
    alt: str | None = None
    centered: bool = False


class _LineBuilder:
    def __init__(self) -> None:
        self.lines: list[Line] = []
        self.current: HtmlElement | None = None
        self.tag = "p"
        self.centered = False

    def _ensure(self) -> HtmlElement:
        if self.current is None:
            self.current = Element(self.tag)
        return self.current

    def text(self, text: str | None) -> None:
        if not text:
            return
        element = self._ensure()
        if len(element):
            element[-1].tail = (element[-1].tail or "") + text
        else:
            element.text = (element.text or "") + text

    def inline(self, element: HtmlElement) -> None:
        clone = copy.deepcopy(element)
        clone.tail = None
        self._ensure().append(clone)

    def image(self, element: HtmlElement) -> None:
        self.flush()
        src = next((element.get(a) for a in _IMAGE_SRC_ATTRS if element.get(a)), None)
        if not src:
            return
        src = src.strip()
        alt = clean_line(element.get("alt") or "") or None
        image = Element("img")
        image.set("src", src)
        if alt:
            image.set("alt", alt)
        holder = Element("p")
        holder.append(image)
        self.lines.append(Line("image", "", holder, src=src, alt=alt, centered=self.centered))

    def flush(self) -> None:
        element, self.current = self.current, None
        if element is None:
            return
        text = clean_line(element.text_content())
        if not text:
            return
        if element.text:
            element.text = element.text.lstrip(" \t\r\n\xa0\u3000")
        self.lines.append(Line("text", text, element, centered=self.centered))


def _is_flat_inline(element: HtmlElement) -> bool:
    """Tell whether an inline element holds only text and inline markup."""
    for descendant in element.iterdescendants():
        if not isinstance(descendant.tag, str):
            continue
        tag = descendant.tag.lower()
        if tag in BLOCK_TAGS or tag in SKIP_TAGS or tag in ("br", "img"):
            return False
    return True


def _is_centered(element: HtmlElement) -> bool:
    style = (element.get("style") or "").replace(" ", "").lower()
    return (element.tag == "center" or (element.get("align") or "").lower() == "center"
            or "text-align:center" in style)


def _walk(element: HtmlElement, out: _LineBuilder) -> None:
    for child in element:
        if not isinstance(child.tag, str):  # comment or processing instruction
            out.text(child.tail)
            continue
        tag = child.tag.lower()
        if tag in SKIP_TAGS:
            pass
        elif tag == "br":
            out.flush()
        elif tag == "img":
            out.image(child)
        elif tag in BLOCK_TAGS:
            out.flush()
            outer_tag, outer_centered = out.tag, out.centered
            if tag in HEADING_TAGS:
                out.tag = tag
            out.centered = outer_centered or _is_centered(child)
            out.text(child.text)
            _walk(child, out)
            out.flush()
            out.tag, out.centered = outer_tag, outer_centered
        elif _is_flat_inline(child):
            out.inline(child)
        else:
            out.text(child.text)
            _walk(child, out)
        out.text(child.tail)


def drop_selectors(root: HtmlElement, selectors: tuple[str, ...] | list[str]) -> int:
    """Remove every element matching one of the CSS `selectors` (keeping tails); return
    how many were removed."""
    removed = 0
    for selector in selectors:
        for element in root.xpath(css2xpath(selector)):
            if element is root or element.getparent() is None:
                continue
            element.drop_tree()
            removed += 1
    return removed


def to_lines(root: HtmlElement) -> list[Line]:
    """Read an element's content as lines, in document order."""
    out = _LineBuilder()
    out.text(root.text)
    _walk(root, out)
    out.flush()
    return out.lines


def detached_copy(element: HtmlElement) -> HtmlElement:
    """Copy an element out of its document, so that removals leave the page intact."""
    clone = copy.deepcopy(element)
    clone.tail = None
    return clone


def serialize(element: HtmlElement) -> str:
    """Serialize one line's element as HTML text."""
    return etree.tostring(element, encoding="unicode", method="html", with_tail=False)
