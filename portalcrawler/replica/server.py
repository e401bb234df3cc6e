"""Answer HTTP requests for the replica, as a pure function and as a loopback server.

`respond` maps (method, path and query, headers) to a `Response`; the only state is the
per-path hit counter on the Site, which drives the transient 503s. `serve` wraps it in a
`ThreadingHTTPServer` running in a daemon thread.
"""

from __future__ import annotations

import gzip
import re
import threading
import time
import zlib
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import format_datetime, parsedate_to_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

from portalcrawler.replica import render
from portalcrawler.replica.content import (
    CHANNEL_BY_FOLDER,
    CHANNEL_BY_TID,
    LATIN1_FOLDER,
    Channel,
    Site,
)

DEFAULT_HOST = "www.chndsnews.com"
SERVER = "Apache/2.2.22"
POWERED_BY = "PHP/5.2.17"
# The site's templates and images date from the 2013 redesign.
FILES_MTIME = datetime(2013, 6, 1, 8, 0, tzinfo=UTC)

ARTICLE_RE = re.compile(r"^/([a-z]+)/(\d{4})/(\d{4})/(\d+)(?:_(\d+))?\.html$")
LIST_RE = re.compile(r"^/([a-z]+)/list_(\d+)_(\d+)\.html$")
IMAGE_RE = re.compile(r"^/uploads/allimg/[\w/.-]+\.(jpg|jpeg|gif)$")
FOLDER_RE = re.compile(r"^/([a-z]+)/?(index\.html)?$")

# A 1x1 grey baseline JPEG: SOI, JFIF, one quantisation table, SOF0, a one-code DC and
# AC Huffman table, and a scan whose only bits are "DC diff 0, end of block".
TINY_JPEG = (
    b"\xff\xd8"
    b"\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"
    b"\xff\xdb\x00\x43\x00" + b"\x01" * 64 + b"\xff\xc0\x00\x0b\x08\x00\x01\x00\x01\x01\x01\x11\x00"
    b"\xff\xc4\x00\x14\x00\x01" + b"\x00" * 15 + b"\x00"
    b"\xff\xc4\x00\x14\x10\x01" + b"\x00" * 15 + b"\x00"
    b"\xff\xda\x00\x08\x01\x01\x00\x00\x3f\x00"
    b"\x3f"
    b"\xff\xd9"
)
TINY_GIF = (
    b"GIF89a\x01\x00\x01\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff!\xf9\x04\x01\x00\x00\x00\x00"
    b",\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;"
)


@dataclass
class Response:
    """One HTTP answer: status, headers in order, body bytes (empty for HEAD and 304)."""

    status: int
    headers: list[tuple[str, str]]
    body: bytes


@dataclass
class _Page:
    """What a route produced, before the HTTP layer adds its headers."""

    status: int
    body: bytes
    content_type: str = "text/html"
    mtime: datetime | None = None  # set on static files: Last-Modified and ETag
    extra: list[tuple[str, str]] = field(default_factory=list)
    html: bool = True


def _html(
    status: int, text: str, channel: Channel | None = None, mtime: datetime | None = None
) -> _Page:
    """Return an HTML page as GBK bytes with the header its server sends."""
    # The "old server" of 评论 claims ISO-8859-1 in its header; the meta tag is right.
    latin1 = channel is not None and channel.folder == LATIN1_FOLDER
    ctype = "text/html; charset=ISO-8859-1" if latin1 else "text/html"
    return _Page(status, render.encode_page(text), ctype, mtime)


def _not_found() -> _Page:
    """Return the DedeCMS 404 page."""
    return _html(404, render.render_404())


def _int(query: dict[str, list[str]], name: str, default: int | None = None) -> int | None:
    """Return an integer query parameter, matched case-insensitively, or default."""
    for key, values in query.items():
        if key.lower() == name.lower() and values:
            try:
                return int(values[0])
            except ValueError:
                return None
    return default


def route(site: Site, path: str, query: dict[str, list[str]], host: str) -> _Page:
    """Return the page for a path (the query only matters on dynamic .php paths)."""
    generated = site.generated_at
    if path in ("/", "/index.html"):
        return _html(200, render.render_home(site, host), mtime=generated)
    if path == "/robots.txt":
        if site.faults.robots_status != 200:
            return _html(site.faults.robots_status, render.render_503())
        robots = render.ROBOTS_TXT
        if site.faults.crawl_delay is not None:
            robots += f"Crawl-delay: {site.faults.crawl_delay:g}\n"
        return _Page(200, robots.encode("ascii"), "text/plain", FILES_MTIME, html=False)
    if path in ("/about/", "/about/index.html"):
        return _html(200, render.render_about(site, host), mtime=generated)
    if path.startswith("/plus/"):
        return _dynamic(site, path, query, host)
    if IMAGE_RE.match(path):
        is_gif = path.endswith(".gif")
        body, ctype = (TINY_GIF, "image/gif") if is_gif else (TINY_JPEG, "image/jpeg")
        return _Page(200, body, ctype, FILES_MTIME, html=False)
    m = FOLDER_RE.match(path)
    if m and (m.group(1) in CHANNEL_BY_FOLDER or m.group(1) == "about"):
        if not path.endswith("/") and m.group(2) is None:
            # Apache's mod_dir: a folder without its slash is redirected.
            return _Page(301, b"", extra=[("Location", f"http://{host}{path}/")])
        if m.group(1) == "about":
            return _not_found()
        channel = CHANNEL_BY_FOLDER[m.group(1)]
        return _html(200, render.render_listing(site, channel, 1, host), channel, generated)
    m = LIST_RE.match(path)
    if m:
        channel = CHANNEL_BY_FOLDER.get(m.group(1))
        n = int(m.group(3))
        if channel is None or channel.tid != int(m.group(2)):
            return _not_found()
        if not 1 <= n <= len(site.listing_pages(channel.folder)):
            return _not_found()
        return _html(200, render.render_listing(site, channel, n, host), channel, generated)
    m = ARTICLE_RE.match(path)
    if m:
        folder, year, mmdd, aid, k = m.groups()
        article = site.by_aid.get(int(aid))
        if article is None or article.channel.folder != folder:
            return _not_found()
        if article.pubdate.strftime("%Y%m%d") != year + mmdd:
            return _not_found()
        page = 1 if k is None else int(k)
        # DedeCMS never writes an `_1.html`; page 1 is the bare aid.
        if k == "1" or not 1 <= page <= len(article.pages):
            return _not_found()
        # A static page is as it was written: unchanged since day 1, it keeps its bytes.
        text = render.render_article(site.page_state(article), article, page, host)
        return _html(200, text, article.channel, article.last_modified)
    return _not_found()


def _dynamic(site: Site, path: str, query: dict[str, list[str]], host: str) -> _Page:
    """Return the answer of a /plus/ PHP script (no Last-Modified: PHP sends none)."""
    if path == "/plus/view.php":
        article = site.by_aid.get(_int(query, "aid") or -1)
        page = _int(query, "pageno", 1)
        if article is None or page is None or not 1 <= page <= len(article.pages):
            return _not_found()
        text = render.render_article(site, article, page, host, dynamic=True)
        return _html(200, text, article.channel)
    if path == "/plus/list.php":
        channel = CHANNEL_BY_TID.get(_int(query, "tid") or -1)
        page = _int(query, "PageNo", 1)
        if (
            channel is None
            or page is None
            or not 1 <= page <= len(site.listing_pages(channel.folder))
        ):
            return _not_found()
        return _html(200, render.render_listing(site, channel, page, host, dynamic=True), channel)
    if path == "/plus/count.php":
        article = site.by_aid.get(_int(query, "aid") or -1)
        clicks = article.clicks if article is not None else 0
        return _Page(
            200,
            f"document.write('{clicks}');".encode("ascii"),
            "application/x-javascript",
            html=False,
        )
    return _not_found()


def _http_date(when: datetime) -> str:
    """Return an RFC 7231 date."""
    return format_datetime(when.astimezone(UTC), usegmt=True)


def _not_modified(headers: dict[str, str], etag: str, mtime: datetime) -> bool:
    """Return whether the conditional request headers say the client's copy is current."""
    inm = headers.get("if-none-match")
    if inm is not None:
        tags = {t.strip().removeprefix("W/") for t in inm.split(",")}
        return "*" in tags or etag in tags
    ims = headers.get("if-modified-since")
    if ims is None:
        return False
    try:
        since = parsedate_to_datetime(ims)
    except (TypeError, ValueError):
        return False
    if since.tzinfo is None:
        since = since.replace(tzinfo=UTC)
    return mtime.replace(microsecond=0) <= since


def _gzip_chosen(path: str) -> bool:
    """Return whether this path is one of the few served gzip-compressed."""
    return zlib.crc32(path.encode("utf-8")) % 6 == 0


def respond(site: Site, method: str, path_qs: str, headers: dict[str, str]) -> Response:
    """Answer one request; the same inputs (and hit count) give the same bytes."""
    low = {k.lower(): v for k, v in headers.items()}
    host = low.get("host") or DEFAULT_HOST
    parts = urlsplit(path_qs)
    path = parts.path or "/"
    hits = site.hit(path)
    base = [("Server", SERVER)]
    if method not in ("GET", "HEAD"):
        body = render.encode_page(render.render_404())
        return Response(
            405,
            [
                *base,
                ("Allow", "GET, HEAD"),
                ("Content-Length", str(len(body))),
                ("Content-Type", "text/html"),
            ],
            body,
        )
    overloaded = hits == 1
    if site.faults.strict_retry_after and path in site.fault_paths:
        # A server that means its Retry-After: it keeps failing until the time is up.
        overloaded = time.monotonic() - site.first_hit.setdefault(path, time.monotonic()) < 1.0
    if overloaded and path in site.fault_paths:
        # A transient overload: the first request of a few article pages fails.
        body = render.render_503().encode("ascii")
        return Response(
            503,
            [
                *base,
                ("Retry-After", "1"),
                ("Content-Length", str(len(body))),
                ("Content-Type", "text/html; charset=iso-8859-1"),
            ],
            body,
        )
    page = route(site, path, parse_qs(parts.query, keep_blank_values=True), host)
    if page.status == 404 and site.faults.soft_404:
        # Misconfigured servers answer their "not found" page with 200 OK.
        page.status = 200
    out = list(base)
    if path.endswith(".php"):
        out.append(("X-Powered-By", POWERED_BY))
    out += page.extra
    body = page.body
    if page.mtime is not None and page.status == 200:
        etag = f'"{len(body):x}-{int(page.mtime.timestamp()) * 1_000_000:x}"'
        out += [
            ("Last-Modified", _http_date(page.mtime)),
            ("ETag", etag),
            ("Accept-Ranges", "bytes"),
        ]
        if _not_modified(low, etag, page.mtime):
            return Response(304, out, b"")
    if page.html:
        out.append(("Vary", "Accept-Encoding"))
        if page.status == 200 and "gzip" in low.get("accept-encoding", "") and _gzip_chosen(path):
            body = gzip.compress(body, mtime=0)
            out.append(("Content-Encoding", "gzip"))
    out += [("Content-Length", str(len(body))), ("Content-Type", page.content_type)]
    return Response(page.status, out, b"" if method == "HEAD" else body)


class _Handler(BaseHTTPRequestHandler):
    """Pass each request to Site.respond and write its answer."""

    protocol_version = "HTTP/1.1"
    # Headers and body go out in two writes; with Nagle on, keep-alive clients wait
    # for a delayed ACK (40 ms) on every response.
    disable_nagle_algorithm = True
    server: ReplicaServer

    def _answer(self, method: str) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        if length:
            self.rfile.read(length)
        resp = self.server.site.respond(method, self.path, dict(self.headers.items()))
        self.send_response_only(resp.status)
        self.send_header("Date", self.date_time_string())
        for name, value in resp.headers:
            self.send_header(name, value)
        self.end_headers()
        if method != "HEAD" and resp.status != 304:
            self.wfile.write(resp.body)

    def do_GET(self) -> None:
        self._answer("GET")

    def do_HEAD(self) -> None:
        self._answer("HEAD")

    def do_POST(self) -> None:
        self._answer("POST")

    def log_message(self, format: str, *args: object) -> None:
        """Stay quiet: no per-request lines on stderr."""


class ReplicaServer(ThreadingHTTPServer):
    """A threading HTTP server bound to one Site; shutdown() also closes the socket."""

    daemon_threads = True

    def __init__(self, site: Site, address: tuple[str, int]) -> None:
        self.site = site
        super().__init__(address, _Handler)

    def handle_error(self, request: object, client_address: object) -> None:
        """Stay quiet when a client goes away mid-request (a crawl killed on purpose)."""
        import sys

        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)

    def shutdown(self) -> None:
        """Stop serving and release the socket."""
        super().shutdown()
        self.server_close()


def serve(site: Site, host: str = "127.0.0.1", port: int = 0) -> tuple[ReplicaServer, str]:
    """Start serving site in a daemon thread; return the server and its base URL."""
    server = ReplicaServer(site, (host, port))
    thread = threading.Thread(target=server.serve_forever, name="replica-server", daemon=True)
    thread.start()
    return server, f"http://{host}:{server.server_address[1]}"
