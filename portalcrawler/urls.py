"""URL rules: the canonical form of a URL and what kind of page it points to."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from urllib.parse import parse_qsl, urlsplit, urlunsplit

from w3lib.url import canonicalize_url, url_query_cleaner

from portalcrawler.profile import PortalProfile

_DEFAULT_PORTS = {"http": 80, "https": 443}
# DedeCMS's own folders: never channels.
_NOT_CHANNELS = frozenset({"plus", "member", "include", "templets", "data", "uploads",
                           "images", "js", "css", "special", "a", "tags"})


class Kind(Enum):
    """What a URL of the portal points to."""

    ARTICLE = "article"
    ARTICLE_TWIN = "article_twin"  # /plus/view.php?aid=N
    LISTING = "listing"
    EXTERNAL = "external"
    OTHER = "other"


@dataclass(frozen=True)
class UrlInfo:
    """A classified, canonical URL."""

    url: str
    kind: Kind
    aid: int | None = None
    page: int = 1
    folder: str | None = None


def canonicalize(url: str, profile: PortalProfile) -> str:
    """Return the one spelling of `url`: lower-case host, no default port, no fragment,
    no tracking parameters, sorted query."""
    url = url_query_cleaner(url, sorted(profile.tracking_params), remove=True, unique=False)
    parts = urlsplit(canonicalize_url(url, keep_fragments=False))
    host = (parts.hostname or "").lower()
    if parts.port and parts.port != _DEFAULT_PORTS.get(parts.scheme):
        host = f"{host}:{parts.port}"
    return urlunsplit((parts.scheme.lower(), host, parts.path or "/", parts.query, ""))


def _site_key(url: str) -> tuple[str, int | None]:
    parts = urlsplit(url)
    host = (parts.hostname or "").removeprefix("www.")
    # http and https on their default ports are the same site; other ports are not.
    port = parts.port if parts.port not in (None, 80, 443) else None
    return host, port


def same_site(url: str, base_url: str) -> bool:
    """Tell whether `url` is on the portal's host: `www.` and http/https do not matter,
    a non-default port does (a replica on loopback is a different site from another)."""
    return _site_key(url) == _site_key(base_url)


def classify(url: str, profile: PortalProfile, base_url: str) -> UrlInfo:
    """Canonicalize `url` and tell what it is. Article pages `{aid}_N.html` map to page 1."""
    if urlsplit(url).scheme not in ("http", "https"):
        return UrlInfo(url, Kind.OTHER)
    canonical = canonicalize(url, profile)
    if not same_site(canonical, base_url):
        return UrlInfo(canonical, Kind.EXTERNAL)
    parts = urlsplit(canonical)
    match = profile.article_path.match(parts.path)
    if match:
        page = int(match["page"] or 1)
        first = parts.path.replace(f"_{page}.html", ".html") if match["page"] else parts.path
        first_url = urlunsplit((parts.scheme, parts.netloc, first, "", ""))
        return UrlInfo(first_url, Kind.ARTICLE, int(match["aid"]), page, match["folder"])
    query = dict(parse_qsl(parts.query))
    if parts.path == profile.article_twin_path and query.get("aid", "").isdigit():
        aid = int(query["aid"])
        page = int(query["pageno"]) if query.get("pageno", "").isdigit() else 1
        twin = urlunsplit((parts.scheme, parts.netloc, parts.path, f"aid={aid}", ""))
        return UrlInfo(twin, Kind.ARTICLE_TWIN, aid, page)
    match = profile.article_twin_rewrite.match(parts.path)
    if match:
        twin = urlunsplit((parts.scheme, parts.netloc, profile.article_twin_path,
                           f"aid={match['aid']}", ""))
        return UrlInfo(twin, Kind.ARTICLE_TWIN, int(match["aid"]), int(match["page"] or 1))
    if parts.path == profile.listing_twin_path and query.get("tid", "").isdigit():
        page = int(query["PageNo"]) if query.get("PageNo", "").isdigit() else 1
        return UrlInfo(canonical, Kind.LISTING, page=page)
    match = profile.listing_path.match(parts.path)
    if match and match["folder"].split("/")[-1] not in _NOT_CHANNELS and \
            match["folder"].split("/")[0] not in _NOT_CHANNELS - {"a"}:
        page = int(match["page"] or 1)
        folder_url = urlunsplit((parts.scheme, parts.netloc, f"/{match['folder']}/", "", ""))
        url = folder_url if not match["rest"] else canonical
        return UrlInfo(url, Kind.LISTING, page=page, folder=match["folder"])
    return UrlInfo(canonical, Kind.OTHER)
