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
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import sqlite_utils
from sqlite_utils.migrations import Migrations

from portalcrawler import fingerprint

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
    "etag": str,
    "last_modified": str,
    "gone_at": str,
    "first_seen_at": str,
    "last_seen_at": str,
}

migrations = Migrations("portalcrawler")


@migrations()
def m001_articles(db: sqlite_utils.Database) -> None:
    """Create the articles table: one row per article, keyed on its canonical URL."""
    later = {"extraction_method", "etag", "last_modified", "gone_at"}
    columns = {k: v for k, v in ARTICLE_COLUMNS.items() if k not in later}
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


@migrations()
def m004_identity(db: sqlite_utils.Database) -> None:
    """Article identity: aliases of folded copies, content fingerprints, the LSH index."""
    db["article_aliases"].create(
        {"url": str, "article_url": str, "reason": str, "similarity": float,
         "site": str, "aid": int, "first_seen_at": str, "last_seen_at": str},
        pk="url",
    )
    db["article_aliases"].create_index(["article_url"])
    db["article_aliases"].create_index(["site", "aid"])
    db["fingerprints"].create({"url": str, "version": int, "minhash": bytes}, pk="url")
    # One row per (band key, article): a near-duplicate check is BANDS look-ups here.
    db.execute("create table lsh (key integer not null, url text not null,"
               " primary key (key, url)) without rowid")
    db.execute("create index lsh_url on lsh (url)")
    db["articles"].create_index(["content_hash"])


@migrations()
def m005_schedule_state(db: sqlite_utils.Database) -> None:
    """State for scheduled runs: validators and deletion marks on articles, previous
    versions, run records, and failures to try again."""
    for column in ("etag", "last_modified", "gone_at"):
        db["articles"].add_column(column, str)
    db["revisions"].create(
        {"id": int, "url": str, "title": str, "body": str, "body_html": str,
         "content_hash": str, "published_at": str, "seen_from": str, "replaced_at": str},
        pk="id",
    )
    db["revisions"].create_index(["url"])
    db["crawl_runs"].create(
        {"id": int, "spider": str, "status": str, "started_at": str, "finished_at": str,
         "finish_reason": str, "pid": int, "host": str, "arguments": str, "requests": int,
         "requests_by_kind": str, "responses_by_status": str, "articles_new": int,
         "articles_updated": int, "articles_unchanged": int, "articles_duplicate": int,
         "articles_invalid": int, "articles_gone": int, "errors": int, "failures": int,
         "exit_status": int, "stats": str},
        pk="id",
    )
    db["failures"].create(
        {"url": str, "site": str, "kind": str, "reason": str, "attempts": int,
         "channel": str, "first_failed_at": str, "last_failed_at": str},
        pk="url",
    )


@migrations()
def m006_channel_walks(db: sqlite_utils.Database) -> None:
    """Channels whose listing a finished run walked to the end: only for those may a
    later run stop early at known articles (a killed first run leaves gaps)."""
    db["channel_walks"].create({"site": str, "channel": str, "completed_at": str},
                               pk=("site", "channel"))


@migrations()
def m007_alias_copies(db: sqlite_utils.Database) -> None:
    """Keep the fields of a folded copy with its alias (JSON), so folding loses nothing."""
    db["article_aliases"].add_column("copy", str)


@dataclass(frozen=True)
class Known:
    """What the store holds of one article, for deciding whether to fetch it again."""

    url: str
    published_at: str | None
    etag: str | None
    last_modified: str | None
    gone: bool


@dataclass(frozen=True)
class Outcome:
    """What storing one article did: new, revised (content changed), unchanged,
    new_canonical, folded, alias_seen."""

    url: str
    action: str
    article_url: str
    reason: str | None = None  # same_aid, same_content, near_duplicate
    similarity: float | None = None
    folded: str | None = None  # the row that became an alias (new_canonical)


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


# Bodies this similar are one story whatever their titles say.
SURE_COPY = 0.85


class ArticleStore:
    """Read and write articles in one SQLite database."""

    # Candidates sharing a band checked by exact similarity, at most (the best ones
    # share many bands; a flood of weak candidates means a template, not a copy).
    max_candidates = 50

    def __init__(self, db: str | Path | sqlite_utils.Database,
                 near_dup_threshold: float = 0.65) -> None:
        self.near_dup_threshold = near_dup_threshold
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

    def upsert_articles(self, articles: Iterable[Mapping[str, Any]],
                        now: str | None = None) -> list[Outcome]:
        """Store articles in one transaction, one row per story; say what became of each.

        An article is matched, in this order, by URL (the row is updated, `first_seen_at`
        kept), by a URL already folded as an alias, by site and aid, by exact content
        and by near-duplicate content (Jaccard of character shingles at least
        `near_dup_threshold`). A match is folded, not dropped: the copy becomes a row in
        `article_aliases`, and the canonical row is the earliest published copy, then
        the first seen. An article may carry `raw_pages` (dicts of url, headers, body
        bytes): they are saved, compressed, with a row it creates or updates.
        """
        now = now or utc_now()
        outcomes = []
        with self.db.atomic():
            for article in articles:
                outcomes.append(self._place(dict(article), now))
        return outcomes

    def _row(self, article: dict, now: str) -> dict:
        row = {key: article.get(key) for key in ARTICLE_COLUMNS}
        if not isinstance(row["images"], str):
            row["images"] = json.dumps(row["images"] or [], ensure_ascii=False)
        row["last_seen_at"] = now
        row["first_seen_at"] = row["first_seen_at"] or now
        return row

    def _place(self, article: dict, now: str) -> Outcome:
        url = article["url"]
        existing = self.db.execute("select first_seen_at, content_hash from articles where"
                                   " url = ?", [url]).fetchone()
        if existing:
            article["first_seen_at"] = existing[0]
            revised = existing[1] != article.get("content_hash")
            if revised:
                self._keep_revision(url, now)
            article["gone_at"] = None  # it answers again
            self._write(article, now)
            return Outcome(url, "revised" if revised else "unchanged", url)
        alias = self.db.execute("select article_url from article_aliases where url = ?",
                                [url]).fetchone()
        if alias and self.has_article(alias[0]):
            self._touch_alias(url, now)
            return Outcome(url, "alias_seen", alias[0])
        match = self._match(article)
        if match is None:
            article["first_seen_at"] = now
            self._write(article, now)
            return Outcome(url, "new", url)
        target, reason, score = match
        if self._comes_first(article, target, reason):
            # The newcomer is the earlier copy: it takes the row, the old row folds.
            article["first_seen_at"] = now
            self._write(article, now)
            self._fold(target, url, reason, score, now)
            return Outcome(url, "new_canonical", url, reason, score, folded=target)
        self._add_alias(url, target, reason, score, now, article.get("site"), article.get("aid"),
                        article if reason != "same_aid" else None)
        self._save_pages(url, article.get("raw_pages") or [], now)
        return Outcome(url, "folded", target, reason, score)

    def _match(self, article: dict) -> tuple[str, str, float] | None:
        """The stored article this one is a copy of: (url, reason, similarity), or None."""
        aid, site = article.get("aid"), article.get("site")
        if aid is not None:
            row = self.db.execute("select url from articles where site = ? and aid = ?",
                                  [site, aid]).fetchone()
            if row:
                return row[0], "same_aid", 1.0
        body = article.get("body") or ""
        if not body.strip():
            return None
        digest = article.get("content_hash")
        if digest:
            row = self.db.execute("select url from articles where content_hash = ? limit 1",
                                  [digest]).fetchone()
            if row:
                return row[0], "same_content", 1.0
        best = self.near_duplicate(body)
        if best is None or best[1] < self.near_dup_threshold:
            return None
        # Below SURE_COPY, the titles must agree too: articles written from one template
        # (licence notices, results) share most sentences, not a title.
        if best[1] >= SURE_COPY or self._titles_agree(article.get("title"), best[0]):
            return best[0], "near_duplicate", best[1]
        return None

    def _titles_agree(self, title: str | None, url: str) -> bool:
        row = self.db.execute("select title from articles where url = ?", [url]).fetchone()
        return fingerprint.title_similarity(title or "", (row[0] if row else "") or "") >= 0.5

    def near_duplicate(self, body: str) -> tuple[str, float] | None:
        """The most similar stored article sharing an LSH band with `body`, and the
        similarity; None when no stored article shares a band."""
        hashed, _, keys = fingerprint.fingerprint(body)
        if not keys:
            return None
        marks = ", ".join("?" for _ in keys)
        candidates = [row[0] for row in self.db.execute(
            f"select url from lsh where key in ({marks}) group by url"
            " order by count(*) desc limit ?", [*keys, self.max_candidates])]
        best = None
        for candidate in candidates:
            row = self.db.execute("select body from articles where url = ?", [candidate]).fetchone()
            if row is None:
                continue
            score = fingerprint.jaccard(hashed, fingerprint.shingles(row[0] or ""))
            if best is None or score > best[1]:
                best = (candidate, score)
        return best

    def _keep_revision(self, url: str, now: str) -> None:
        """Copy the stored version of an article into `revisions` before it changes."""
        self.db.execute(
            "insert into revisions (url, title, body, body_html, content_hash, published_at,"
            " seen_from, replaced_at) select url, title, body, body_html, content_hash,"
            " published_at, first_seen_at, ? from articles where url = ?", [now, url])

    def _comes_first(self, article: dict, target: str, reason: str) -> bool:
        """Whether `article` should be the canonical copy rather than the stored `target`.

        The same article at two addresses (same_aid): the static URL (no query string)
        wins over a dynamic one. Copies of a story: the earliest published wins (an
        unknown time counts as last), then the first seen (the stored one).
        """
        if reason == "same_aid":
            return "?" in target and "?" not in article["url"]
        row = self.db.execute("select published_at from articles where url = ?",
                              [target]).fetchone()
        mine, theirs = article.get("published_at"), row[0] if row else None
        return bool(mine) and (not theirs or mine < theirs)

    def _write(self, article: dict, now: str) -> None:
        row = self._row(article, now)
        url = row["url"]
        self.db["articles"].upsert(row, pk="url", alter=False)
        self._index(url, row["body"] or "")
        self._save_pages(url, article.get("raw_pages") or [], now)

    def _index(self, url: str, body: str) -> None:
        """(Re)write the body's fingerprint and its LSH band keys."""
        self.db.execute("delete from lsh where url = ?", [url])
        _, signature, keys = fingerprint.fingerprint(body)
        self.db.execute(
            "insert or replace into fingerprints (url, version, minhash) values (?, ?, ?)",
            [url, fingerprint.VERSION, signature.tobytes()])
        self.db.conn.executemany("insert or ignore into lsh (key, url) values (?, ?)",
                                 [(key, url) for key in keys])

    def _save_pages(self, url: str, pages: list[dict], now: str) -> None:
        if not pages:
            return
        self.db.execute("delete from raw_pages where url = ?", [url])
        self.db["raw_pages"].insert_all(
            [{"url": url, "page": number, "page_url": page["url"],
              "headers": json.dumps(page.get("headers") or {}, ensure_ascii=False),
              "body": zlib.compress(page["body"], 6), "fetched_at": now}
             for number, page in enumerate(pages, start=1)],
            pk=("url", "page"))

    def _fold(self, old: str, into: str, reason: str, score: float, now: str) -> None:
        """Turn the stored article `old` into an alias of `into`, its aliases with it."""
        site, aid = self.db.execute("select site, aid from articles where url = ?",
                                    [old]).fetchone()
        self.db.execute("update article_aliases set article_url = ? where article_url = ?",
                        [into, old])
        copy = self.db.execute("select * from articles where url = ?", [old]).fetchone()
        columns = [d[0] for d in self.db.execute("select * from articles limit 0").description]
        for table in ("articles", "fingerprints", "lsh"):
            self.db.execute(f"delete from {table} where url = ?", [old])
        # Its saved pages stay, and its fields go with the alias: folding loses nothing.
        self._add_alias(old, into, reason, score, now, site, aid,
                        dict(zip(columns, copy, strict=True)))

    def _add_alias(self, url: str, target: str, reason: str, score: float, now: str,
                   site: str | None = None, aid: int | None = None,
                   copy: dict | None = None) -> None:
        if url == target:
            return
        copy_json = None
        if copy is not None:
            copy = {k: v for k, v in copy.items() if k not in ("raw_pages", "body_html")}
            copy_json = json.dumps(copy, ensure_ascii=False, default=str)
        self.db.execute(
            "insert into article_aliases (url, article_url, reason, similarity, site, aid,"
            " copy, first_seen_at, last_seen_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?)"
            " on conflict(url) do update set article_url = excluded.article_url,"
            " copy = coalesce(excluded.copy, copy), last_seen_at = excluded.last_seen_at",
            [url, target, reason, round(score, 4), site, aid, copy_json, now, now])

    def _touch_alias(self, url: str, now: str) -> None:
        self.db.execute("update article_aliases set last_seen_at = ? where url = ?", [now, url])

    def add_alias(self, url: str, site: str, aid: int, reason: str,
                  now: str | None = None) -> str | None:
        """Record `url` as another address of the article (site, aid); return the
        article's URL, or None while no such article is stored."""
        target = self.article_url_for(site, aid)
        if target is None or target == url:
            return target
        with self.db.atomic():
            self._add_alias(url, target, reason, 1.0, now or utc_now(), site, aid)
        return target

    def article_url_for(self, site: str, aid: int) -> str | None:
        """The stored row holding article `aid` of `site`, itself or folded into another."""
        row = self.db.execute("select url from articles where site = ? and aid = ?",
                              [site, aid]).fetchone()
        if row is None:
            row = self.db.execute("select article_url from article_aliases where site = ? and"
                                  " aid = ? limit 1", [site, aid]).fetchone()
        return row[0] if row else None

    def aliases(self) -> list[dict]:
        """Every alias row."""
        return [dict(zip(("url", "article_url", "reason", "similarity"), row, strict=True))
                for row in self.db.execute(
                    "select url, article_url, reason, similarity from article_aliases")]

    def known(self, site: str) -> dict[int, Known]:
        """Every article of `site` the store holds, by aid: rows, and copies folded away
        (those carry no validators: they are never fetched again)."""
        known = {}
        for aid, url in self.db.execute(
                "select aid, url from article_aliases where site = ? and aid is not null",
                [site]):
            known[aid] = Known(url, None, None, None, False)
        for aid, url, published, etag, modified, gone in self.db.execute(
                "select aid, url, published_at, etag, last_modified, gone_at from articles"
                " where site = ? and aid is not null", [site]):
            known[aid] = Known(url, published, etag, modified, gone is not None)
        return known

    def touch(self, url: str, now: str | None = None) -> bool:
        """Note that an article was seen unchanged (a 304); False if it is not stored."""
        with self.db.atomic():
            cursor = self.db.execute(
                "update articles set last_seen_at = ?, gone_at = null where url = ?",
                [now or utc_now(), url])
        return cursor.rowcount > 0

    def mark_gone(self, url: str, now: str | None = None) -> bool:
        """Mark a stored article as gone (its page answers 404); it is never deleted."""
        with self.db.atomic():
            cursor = self.db.execute(
                "update articles set gone_at = coalesce(gone_at, ?) where url = ?",
                [now or utc_now(), url])
        return cursor.rowcount > 0

    def record_failure(self, url: str, site: str, kind: str, reason: str,
                       channel: str | None = None, now: str | None = None) -> None:
        """Remember a page that failed after retries; the next run tries it again."""
        now = now or utc_now()
        with self.db.atomic():
            self.db.execute(
                "insert into failures (url, site, kind, reason, attempts, channel,"
                " first_failed_at, last_failed_at) values (?, ?, ?, ?, 1, ?, ?, ?)"
                " on conflict(url) do update set reason = excluded.reason,"
                " attempts = attempts + 1, last_failed_at = excluded.last_failed_at",
                [url, site, kind, reason, channel, now, now])

    def clear_failure(self, url: str) -> None:
        """Forget a failure: the page was fetched."""
        with self.db.atomic():
            self.db.execute("delete from failures where url = ?", [url])

    def failures(self, site: str) -> list[dict]:
        """Pages of `site` that failed in earlier runs."""
        cursor = self.db.execute(
            "select url, kind, reason, attempts, channel from failures where site = ?", [site])
        return [dict(zip(("url", "kind", "reason", "attempts", "channel"), row, strict=True))
                for row in cursor]

    def start_run(self, spider: str, pid: int, host: str, arguments: dict,
                  now: str | None = None) -> int:
        """Record the start of a run; runs still marked running were killed.

        When the previous run of this spider did not finish (killed, interrupted), it may
        have stored a channel's newest articles and not the older new ones: the channels'
        walks are forgotten, so that this run walks them to the end again.
        """
        with self.db.atomic():
            self.db.execute("update crawl_runs set status = 'killed', finish_reason ="
                            " coalesce(finish_reason, 'killed') where status = 'running'")
            last = self.db.execute("select status from crawl_runs where spider = ?"
                                   " order by id desc limit 1", [spider]).fetchone()
            if last and last[0] not in ("finished", "failed"):
                self.db.execute("delete from channel_walks")
            # Failures whose page is stored by now (fetched by a listing walk).
            self.db.execute("delete from failures where url in (select url from articles)"
                            " or url in (select url from article_aliases)")
            table = self.db["crawl_runs"].insert({
                "spider": spider, "status": "running", "started_at": now or utc_now(),
                "pid": pid, "host": host,
                "arguments": json.dumps(arguments, ensure_ascii=False, sort_keys=True),
            })
            return table.last_pk

    def finish_run(self, run_id: int, fields: Mapping[str, Any]) -> None:
        """Record the end of a run."""
        row = {k: (json.dumps(v, ensure_ascii=False, sort_keys=True, default=str)
                   if isinstance(v, dict) else v) for k, v in fields.items()}
        with self.db.atomic():
            self.db["crawl_runs"].update(run_id, row)

    def walked_channels(self, site: str) -> set[str]:
        """Channels of `site` that a finished run has walked to the end."""
        return {row[0] for row in self.db.execute(
            "select channel from channel_walks where site = ?", [site])}

    def mark_walked(self, site: str, channels: Iterable[str], now: str | None = None) -> None:
        """Record channels walked to the end by a run that finished."""
        now = now or utc_now()
        with self.db.atomic():
            self.db.conn.executemany(
                "insert into channel_walks (site, channel, completed_at) values (?, ?, ?)"
                " on conflict(site, channel) do update set completed_at = excluded.completed_at",
                [(site, channel, now) for channel in channels])

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
            if "body" in changes:
                self._index(url, changes["body"] or "")

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

    def close(self) -> None:
        """Close the connection (a WAL checkpoint happens on the last close)."""
        self.db.close()
