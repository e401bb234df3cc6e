"""Saved pages: a page's bytes exactly as served, plus the headers that decide how they
are read. Capturing a page that broke extraction is one command:

    python -m portalcrawler.fixtures URL tests/fixtures/article/NAME

which writes `body.bin` (the raw bytes), `info.json` (URL, status, headers) and
`expected.json` (what the page modules read from it now: edit it to the truth).
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
import urllib.request
from pathlib import Path

from scrapy.http import HtmlResponse, Response
from scrapy.http.headers import Headers

from portalcrawler.middlewares import with_right_encoding


def response_from_saved(page: dict) -> Response:
    """Rebuild the response a spider saw from a saved page: url, headers, body bytes."""
    response = HtmlResponse(
        url=page["url"],
        status=page.get("status", 200),
        headers=Headers(page.get("headers") or {}),
        body=page["body"],
    )
    return with_right_encoding(response)


def load(folder: str | Path) -> Response:
    """Rebuild the response a spider would see for a page saved as a test fixture."""
    folder = Path(folder)
    info = json.loads((folder / "info.json").read_text("utf-8"))
    return response_from_saved({**info, "body": (folder / "body.bin").read_bytes()})


def save(url: str, folder: str | Path) -> Path:
    """Fetch `url` and save its bytes and headers under `folder`."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    request = urllib.request.Request(url, headers={"User-Agent": "portalcrawler-fixtures"})
    with urllib.request.urlopen(request, timeout=30) as answer:
        body = answer.read()
        headers = {key: value for key, value in answer.headers.items()
                   if key.lower() in ("content-type", "content-encoding", "last-modified")}
        status = answer.status
    if headers.get("Content-Encoding", "").lower() == "gzip":
        import gzip

        body = gzip.decompress(body)
        headers.pop("Content-Encoding")
    (folder / "body.bin").write_bytes(body)
    info = {"url": url, "status": status, "headers": headers}
    (folder / "info.json").write_text(json.dumps(info, ensure_ascii=False, indent=2) + "\n",
                                      "utf-8")
    return folder


def describe(folder: str | Path) -> dict:
    """What the page modules read from a saved page now, as plain JSON data."""
    from portalcrawler.pages.article import merge_article, parse_article_page
    from portalcrawler.pages.listing import parse_listing
    from portalcrawler.profile import CHNDSNEWS

    response = load(folder)
    role = Path(folder).parent.name
    if role == "listing":
        page = parse_listing(response, CHNDSNEWS)
        return {"items": [dataclasses.asdict(i) for i in page.items], "next_url": page.next_url}
    article = parse_article_page(response, CHNDSNEWS, response.url)
    fields, _ = merge_article([article], CHNDSNEWS)
    fields.pop("body_html")
    return fields


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Save a page as a test fixture.")
    parser.add_argument("url")
    parser.add_argument("folder", help="tests/fixtures/<page role>/<case>")
    options = parser.parse_args(argv)
    folder = save(options.url, options.folder)
    expected = describe(folder)
    (folder / "expected.json").write_text(
        json.dumps(expected, ensure_ascii=False, indent=2) + "\n", "utf-8")
    print(f"saved {folder}: check expected.json against the page by hand")
    return 0


if __name__ == "__main__":
    sys.exit(main())
