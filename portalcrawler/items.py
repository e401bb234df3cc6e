"""The Article item: one article of a portal, all its pages merged."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Article:
    """One article, as stored in the `articles` table (see storage.py for columns)."""

    url: str  # canonical URL of page 1
    aid: int | None
    site: str
    channel: str | None
    title: str | None
    published_at: str | None  # ISO 8601 with the portal's offset, e.g. +08:00
    source: str | None
    author: str | None
    editor: str | None
    original_title: str | None
    summary: str | None
    body: str  # plain text, one paragraph per line
    body_html: str  # sanitized
    images: list[dict] = field(default_factory=list)  # [{"url": ..., "caption": ...}]
    content_hash: str = ""
    pages: int = 1
    extraction_method: str = "selectors"  # or "fallback": generic extraction
    etag: str | None = None  # validators of page 1, for conditional requests later
    last_modified: str | None = None
    # The pages as served ({url, headers, body}), saved for re-cleaning; not a column.
    raw_pages: list[dict] = field(default_factory=list, repr=False)


@dataclass
class ArticleAlias:
    """Another address of an article, seen in a link: the URL as linked, and what it
    points to (site and aid). Stored in `article_aliases` once the article is stored."""

    url: str
    site: str
    aid: int
    reason: str  # same_url (a tracking or case variant) or same_aid (a dynamic twin)
    # For a dynamic twin of a multi-page article: its page k, with {page} for k.
    page_url_format: str | None = None


@dataclass
class PageEvent:
    """Something that happened to an article's page, for the store to remember:
    fetched (clear an old failure), unchanged (a 304), gone (a stored article now 404s),
    failed (after retries: the next run tries again)."""

    url: str
    site: str
    event: str
    reason: str | None = None
    channel: str | None = None
