"""Learned boilerplate: a line that recurs verbatim across many articles of a site is
chrome, whatever its wording.

Rules catch the disclaimers and promotions someone has seen before; a portal that
pastes a new one into every article beats any rule. The learner counts, per site, in
how many newly stored articles each line appears. Once a line is in at least
`min_articles` of them, and in at least `min_share` of the site's articles stored since
the line first appeared (so a photographer's credit used now and then never qualifies,
while a disclaimer added last week does), it is learned: removed from new articles, and
from stored ones by re-cleaning their saved HTML. What is learned lives in the database
(table `boilerplate`), grows across runs, and can be listed and overridden:

    python -m portalcrawler.boilerplate [--db data/articles.db] list
    python -m portalcrawler.boilerplate block "本网所刊载信息均来自合作方…"
    python -m portalcrawler.boilerplate allow HASH
    python -m portalcrawler.boilerplate reclean [--all]
"""

from __future__ import annotations

import argparse
import hashlib
import re
import sys
from collections import Counter
from collections.abc import Iterable
from datetime import UTC, datetime, timedelta
from urllib.parse import urljoin

from lxml.html import fragment_fromstring

from portalcrawler.cleaning import clean_line, content_hash
from portalcrawler.pages.blocks import serialize
from portalcrawler.storage import ArticleStore, utc_now

# Status of a line: counted but not (yet) chrome; learned; forced by a user; kept by one.
CANDIDATE, LEARNED, BLOCKED, ALLOWED = "candidate", "learned", "blocked", "allowed"
_WS = re.compile(r"\s+")


def line_hash(text: str) -> str:
    """A line's identity: SHA-1 of its text without whitespace, 16 hex digits."""
    return hashlib.sha1(_WS.sub("", text).encode("utf-8")).hexdigest()[:16]


class BoilerplateLearner:
    """Count lines across a site's new articles, learn the recurring ones, strip them."""

    def __init__(self, store: ArticleStore, min_articles: int = 10, min_share: float = 0.5,
                 min_chars: int = 8) -> None:
        self.store = store
        self.min_articles = min_articles
        self.min_share = min_share
        self.min_chars = min_chars
        self.chrome: dict[tuple[str, str], str] = {}  # (site, hash) -> text
        self.newly_learned: set[tuple[str, str]] = set()
        self._load()

    def _load(self) -> None:
        for row in self.store.db.execute(
            "select site, hash, text from boilerplate where status in (?, ?)", [LEARNED, BLOCKED]
        ):
            self.chrome[(row[0], row[1])] = row[2]

    def prune(self, days: int = 14) -> int:
        """Forget candidates seen in one article only and not again for `days` days:
        without this, the table would hold a second copy of every body."""
        cutoff = (datetime.now(UTC) - timedelta(days=days)).replace(microsecond=0).isoformat()
        with self.store.db.atomic():
            cursor = self.store.db.execute(
                "delete from boilerplate where status = ? and articles <= 1 and"
                " last_seen_at < ?", [CANDIDATE, cutoff])
        return cursor.rowcount

    def is_chrome(self, site: str, text: str) -> bool:
        """Tell whether a body line is learned or blocked boilerplate of `site`."""
        return (site, line_hash(text)) in self.chrome

    def observe(self, site: str, lines: Iterable[str]) -> list[str]:
        """Count the lines of one newly stored article; return the texts learned now."""
        db = self.store.db
        distinct = {line_hash(t): t for t in lines if len(_WS.sub("", t)) >= self.min_chars}
        now = utc_now()
        learned = []
        with db.atomic():
            db.execute(
                "insert into boilerplate_sites (site, articles) values (?, 1) "
                "on conflict(site) do update set articles = articles + 1", [site]
            )
            total = db.execute("select articles from boilerplate_sites where site = ?",
                               [site]).fetchone()[0]
            for digest, text in distinct.items():
                db.execute(
                    "insert into boilerplate (site, hash, text, articles, since_article, status,"
                    " first_seen_at, last_seen_at) values (?, ?, ?, 1, ?, ?, ?, ?) "
                    "on conflict(site, hash) do update set articles = articles + 1,"
                    " last_seen_at = excluded.last_seen_at",
                    [site, digest, text, total, CANDIDATE, now, now],
                )
                count, since, status = db.execute(
                    "select articles, since_article, status from boilerplate"
                    " where site = ? and hash = ?", [site, digest]).fetchone()
                share = count / max(1, total - since + 1)
                if status == CANDIDATE and count >= self.min_articles and share >= self.min_share:
                    db.execute("update boilerplate set status = ? where site = ? and hash = ?",
                               [LEARNED, site, digest])
                    self.chrome[(site, digest)] = text
                    self.newly_learned.add((site, digest))
                    learned.append(text)
        return learned

    def strip(self, site: str, body: str, body_html: str) -> tuple[str, str, int]:
        """Remove learned lines from a body and its HTML; return both and how many went."""
        lines = body.split("\n") if body else []
        kept = [line for line in lines if not self.is_chrome(site, line)]
        removed = len(lines) - len(kept)
        if not removed:
            return body, body_html, 0
        return "\n".join(kept), strip_html_lines(body_html, lambda t: self.is_chrome(site, t)), \
            removed


def strip_html_lines(body_html: str, is_chrome) -> str:
    """Drop the top-level elements of a body_html whose text is a chrome line."""
    if not body_html.strip():
        return body_html
    root = fragment_fromstring(body_html, create_parent="div")
    for element in list(root):
        text = clean_line(element.text_content())
        if text and is_chrome(text):
            root.remove(element)
    return "\n".join(serialize(element) for element in root)


def set_status(store: ArticleStore, site: str, text_or_hash: str, status: str) -> str:
    """Block a line (by text) or allow one (by text or hash); return its hash."""
    digest = text_or_hash if re.fullmatch(r"[0-9a-f]{16}", text_or_hash) else \
        line_hash(text_or_hash)
    now = utc_now()
    text = text_or_hash if digest != text_or_hash else None
    with store.db.atomic():
        store.db.execute(
            "insert into boilerplate (site, hash, text, articles, since_article, status,"
            " first_seen_at, last_seen_at) values (?, ?, ?, 0, 0, ?, ?, ?) "
            "on conflict(site, hash) do update set status = excluded.status",
            [site, digest, text or "", status, now, now],
        )
    return digest


def reclean(store: ArticleStore, profile, learner: BoilerplateLearner,
            only: set[tuple[str, str]] | None = None, min_body: int = 20,
            fallback: bool = True) -> Counter:
    """Re-derive body fields of stored articles from their saved pages, no download.

    With `only`, just the articles whose body holds one of those (site, hash) lines.
    Fields read off the page head (title, time, source…) are left as stored.
    """
    from portalcrawler.fixtures import response_from_saved
    from portalcrawler.pages.article import merge_article, parse_article_page

    counts: Counter[str] = Counter()
    rows = store.db.execute("select url, site, body from articles where site = ?",
                            [profile.name]).fetchall()
    for url, site, body in rows:
        if only is not None:
            digests = {line_hash(line) for line in (body or "").split("\n")}
            if not any((site, d) in only for d in digests):
                continue
        saved = store.raw_pages(url)
        if not saved:
            counts["reclean/no_saved_pages"] += 1
            continue
        pages = [parse_article_page(response_from_saved(page), profile,
                                    urljoin(page["url"], "/"), fallback) for page in saved]
        fields, _ = merge_article(pages, profile)
        new_body, new_html, _ = learner.strip(site, fields["body"], fields["body_html"])
        if len(new_body) < min_body:
            # What is left would not be an article: keep the stored version, and say so.
            counts["reclean/kept_too_short"] += 1
            continue
        changes = {
            "body": new_body, "body_html": new_html, "images": fields["images"],
            "editor": fields["editor"], "original_title": fields["original_title"],
            "content_hash": content_hash(new_body),
            "extraction_method": fields["extraction_method"],
        }
        store.update_article(url, changes)
        counts["reclean/articles"] += 1
    return counts


def main(argv: list[str] | None = None) -> int:
    from portalcrawler.profile import PROFILES

    parser = argparse.ArgumentParser(description="List and override learned boilerplate.")
    parser.add_argument("--db", default="data/articles.db")
    parser.add_argument("--site", default="chndsnews", choices=sorted(PROFILES))
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("list", help="lines counted, with their status")
    block = commands.add_parser("block", help="treat a line as boilerplate from now on")
    block.add_argument("text")
    allow = commands.add_parser("allow", help="never treat a line as boilerplate")
    allow.add_argument("text_or_hash")
    again = commands.add_parser("reclean", help="re-clean stored articles from saved pages")
    again.add_argument("--all", action="store_true",
                       help="every article, not only those holding boilerplate lines")
    options = parser.parse_args(argv)
    store = ArticleStore(options.db)
    try:
        if options.command == "list":
            rows = store.db.execute(
                "select hash, status, articles, text from boilerplate where site = ? "
                "and (status != ? or articles >= 2) order by status = ?, articles desc",
                [options.site, CANDIDATE, CANDIDATE]).fetchall()
            for digest, status, count, text in rows:
                print(f"{digest}  {status:9s} {count:6d}  {text[:80]}")
            return 0
        if options.command == "block":
            print(set_status(store, options.site, options.text, BLOCKED))
        elif options.command == "allow":
            print(set_status(store, options.site, options.text_or_hash, ALLOWED))
        learner = BoilerplateLearner(store)
        only = None if getattr(options, "all", False) else {
            key for key in learner.chrome if key[0] == options.site}
        counts = reclean(store, PROFILES[options.site], learner, only)
        print(f"re-cleaned {counts['reclean/articles']} articles "
              f"({counts['reclean/no_saved_pages']} without saved pages)")
        return 0
    finally:
        store.close()


if __name__ == "__main__":
    sys.exit(main())
