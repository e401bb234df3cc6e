import sqlite3

import pytest
import sqlite_utils

from portalcrawler.storage import ArticleStore, StorageError, check_path, migrations


def article(url="http://www.chndsnews.com/caijing/2023/0602/116352.html", **changes):
    row = {
        "url": url, "aid": 116352, "site": "chndsnews", "channel": "财经",
        "title": "京津冀产业协同发展看点多", "published_at": "2023-06-02T09:59:00+08:00",
        "source": "人民网", "author": None, "editor": "小美", "original_title": None,
        "summary": None, "body": "第一段\n第二段", "body_html": "<p>第一段</p><p>第二段</p>",
        "images": [{"url": "http://www.chndsnews.com/a.jpg", "caption": "新华社记者 杨世尧摄"}],
        "content_hash": "abc", "pages": 1,
    }
    row.update(changes)
    return row


@pytest.fixture
def store():
    store = ArticleStore(sqlite_utils.Database(memory=True))
    yield store
    store.close()


def test_schema_is_migrated_once(store):
    assert set(store.db["articles"].columns_dict) >= {"url", "aid", "body_html", "first_seen_at"}
    ArticleStore(store.db)  # applying again is a no-op
    assert store.db["_sqlite_migrations"].count == len(migrations._migrations)


def test_upsert_inserts_then_updates_keeping_first_seen(store):
    store.upsert_articles([article()], now="2026-01-01T00:00:00+00:00")
    store.upsert_articles([article(title="新标题")], now="2026-01-02T00:00:00+00:00")
    assert store.count() == 1
    row = store.article(article()["url"])
    assert row["title"] == "新标题"
    assert row["first_seen_at"] == "2026-01-01T00:00:00+00:00"
    assert row["last_seen_at"] == "2026-01-02T00:00:00+00:00"
    assert row["images"][0]["caption"] == "新华社记者 杨世尧摄"


def test_nulls_stay_null(store):
    store.upsert_articles([article()])
    row = store.db.execute("select author, summary from articles").fetchone()
    assert row == (None, None)


def test_a_failing_batch_writes_nothing(store):
    store.upsert_articles([article()])
    with pytest.raises(sqlite3.IntegrityError):
        store.upsert_articles([article(url="http://x/2.html"), article(url="http://x/3.html", body=None)])
    assert store.count() == 1


def test_file_database_is_in_wal_mode(tmp_path):
    store = ArticleStore(tmp_path / "sub" / "articles.db")
    assert store.db.journal_mode == "wal"
    store.close()


def test_check_path_refuses_what_cannot_be_a_database(tmp_path):
    with pytest.raises(StorageError, match="is a directory"):
        check_path(tmp_path)
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"not sqlite at all")
    with pytest.raises(StorageError, match="not a SQLite database"):
        check_path(junk)
