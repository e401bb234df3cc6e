"""The SQLite store of articles, on sqlite-utils. Knows nothing of Scrapy.

One `ArticleStore` is the one writer of a database file: it switches the file to WAL
(sqlite-utils opens in rollback-journal mode), applies the schema migrations, and writes
articles in small transactions, so that a killed run loses at most the batch in flight
and readers (Datasette, sqlite3) never block the crawl.
"""

from __future__ import annotations

import json
import sqlite3
import zlib
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import sqlite_utils
from sqlite_utils.migrations import Migrations

ARTICLE_COLUMNS: dict[str, type] = {
    "url": str,
    "aid": int,
    "site": str,
    "channel": str,
    "title": str,
    "published_at": str,
    "source": str,
    "author": str,
    "editor": str,
    "original_title": str,
    "summary": str,
    "body": str,
    "body_html": str,
    "images": str,
    "content_hash": str,
    "pages": int,
    "extraction_method": str,
    "first_seen_at": str,
    "last_seen_at": str,
}

migrations = Migrations("portalcrawler")


@migrations()
def m001_articles(db: sqlite_utils.Database) -> None:
    """Create the articles table: one row per article, keyed on its canonical URL."""
    columns = {k: v for k, v in ARTICLE_COLUMNS.items() if k != "extraction_method"}
    db["articles"].create(
        columns, pk="url", not_null={"site", "body", "first_seen_at", "last_seen_at"}
    )
    db["articles"].create_index(["site", "aid"])
    db["articles"].create_index(["published_at"])


@migrations()
def m002_extraction_method(db: sqlite_utils.Database) -> None:
    """Record which method read each body: the profile's selectors or the fallback."""
    if "extraction_method" not in db["articles"].columns_dict:
        db["articles"].add_column("extraction_method", str)


@migrations()
def m003_raw_pages_and_boilerplate(db: sqlite_utils.Database) -> None:
    """Keep each article's pages as served (for re-cleaning without a download) and the
    counts behind learned boilerplate."""
    db["raw_pages"].create(
        {"url": str, "page": int, "page_url": str, "headers": str, "body": bytes,
         "fetched_at": str},
        pk=("url", "page"),
    )
    db["boilerplate"].create(
        {"site": str, "hash": str, "text": str, "articles": int, "since_article": int,
         "status": str, "first_seen_at": str, "last_seen_at": str},
        pk=("site", "hash"),
    )
    db["boilerplate"].create_index(["site", "status"])
    db["boilerplate_sites"].create({"site": str, "articles": int}, pk="site")


class StorageError(Exception):
    """The database cannot be opened or written; the message says why."""


def check_path(path: str | Path) -> Path:
    """Check that `path` can hold a SQLite database; create its folder. Raise StorageError."""
    if str(path) == ":memory:":
        return Path(path)
    path = Path(path).expanduser()
    if path.exists() and path.is_dir():
        raise StorageError(f"ARTICLES_DB {str(path)!r} is a directory; give a file path")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StorageError(f"ARTICLES_DB {str(path)!r}: cannot create its folder: {exc}") from exc
    if path.exists():
        with path.open("rb") as handle:
            head = handle.read(16)
        if head and head != b"SQLite format 3\x00":
            raise StorageError(f"ARTICLES_DB {str(path)!r} exists and is not a SQLite database")
    return path


def utc_now() -> str:
    """The current time, ISO 8601 in UTC with seconds."""
    return datetime.now(UTC).replace(microsecond=0).isoformat()


class ArticleStore:
    """Read and write articles in one SQLite database."""

    def __init__(self, db: str | Path | sqlite_utils.Database) -> None:
        if isinstance(db, sqlite_utils.Database):
            self.db = db
        else:
            path = check_path(db)
            try:
                self.db = sqlite_utils.Database(path)
                self.db.execute("PRAGMA busy_timeout = 10000")
                if str(path) != ":memory:":
                    self.db.enable_wal()
            except sqlite3.DatabaseError as exc:
                raise StorageError(f"ARTICLES_DB {str(path)!r}: {exc}") from exc
        try:
            migrations.apply(self.db)
        except sqlite3.DatabaseError as exc:
            raise StorageError(f"cannot migrate the database: {exc}") from exc

    def upsert_articles(self, articles: Iterable[Mapping[str, Any]], now: str | None = None) -> int:
        """Insert or update articles by URL in one transaction; keep `first_seen_at`.

        An article may carry `raw_pages` (dicts of url, headers, body bytes): they are
        saved, compressed, in the same transaction. Return how many rows were written.
        """
        now = now or utc_now()
        rows = []
        pages = []
        for article in articles:
            for number, page in enumerate(article.get("raw_pages") or [], start=1):
                pages.append({
                    "url": article["url"], "page": number, "page_url": page["url"],
                    "headers": json.dumps(page.get("headers") or {}, ensure_ascii=False),
                    "body": zlib.compress(page["body"], 6), "fetched_at": now,
                })
            row = {key: article.get(key) for key in ARTICLE_COLUMNS}
            if not isinstance(row["images"], str):
                row["images"] = json.dumps(row["images"] or [], ensure_ascii=False)
            row["last_seen_at"] = now
            rows.append(row)
        if not rows:
            return 0
        first_seen = self._first_seen([row["url"] for row in rows])
        for row in rows:
            row["first_seen_at"] = first_seen.get(row["url"], now)
        with self.db.atomic():
            self.db["articles"].upsert_all(rows, pk="url", alter=False)
            if pages:
                urls = sorted({page["url"] for page in pages})
                marks = ", ".join("?" for _ in urls)
                self.db.execute(f"delete from raw_pages where url in ({marks})", urls)
                self.db["raw_pages"].insert_all(pages, pk=("url", "page"))
        return len(rows)

    def has_article(self, url: str) -> bool:
        """Tell whether an article with this URL is stored."""
        return self.db.execute("select 1 from articles where url = ?", [url]).fetchone() is not None

    def raw_pages(self, url: str) -> list[dict]:
        """The saved pages of an article, in page order, bodies decompressed."""
        cursor = self.db.execute(
            "select page_url, headers, body from raw_pages where url = ? order by page", [url])
        return [{"url": page_url, "headers": json.loads(headers), "body": zlib.decompress(body)}
                for page_url, headers, body in cursor.fetchall()]

    def update_article(self, url: str, changes: Mapping[str, Any]) -> None:
        """Change some fields of a stored article (no other field is touched)."""
        changes = dict(changes)
        if "images" in changes and not isinstance(changes["images"], str):
            changes["images"] = json.dumps(changes["images"] or [], ensure_ascii=False)
        with self.db.atomic():
            self.db["articles"].update(url, changes)

    def _first_seen(self, urls: list[str]) -> dict[str, str]:
        marks = ", ".join("?" for _ in urls)
        cursor = self.db.execute(
            f"select url, first_seen_at from articles where url in ({marks})", urls
        )
        return dict(cursor.fetchall())

    def article(self, url: str) -> dict | None:
        """One article by URL, with `images` decoded, or None."""
        rows = list(self.db["articles"].rows_where("url = ?", [url]))
        if not rows:
            return None
        row = rows[0]
        row["images"] = json.loads(row["images"] or "[]")
        return row

    def count(self) -> int:
        """How many articles are stored."""
        return self.db["articles"].count

    def integrity_ok(self) -> bool:
        """Run SQLite's integrity check."""
        return self.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"

    def close(self) -> None:
        """Close the connection (a WAL checkpoint happens on the last close)."""
        self.db.close()
