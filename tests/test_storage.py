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
        store.upsert_articles([article(url="http://x/2.html", aid=2, body="另一篇文章的正文。"),
                               article(url="http://x/3.html", aid=3, body=None)])
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


STORY = "\n".join([
    "【直报网北京6月2日讯】工信部会同国家发展改革委等部门编制了京津冀产业协同发展实施方案。",
    "方案提出，到2025年京津冀产业分工定位更加清晰，产业链创新链深度融合。",
    "三地将协同培育新能源汽车、生物医药、氢能、工业互联网等6条重点产业链。",
    "工信部负责人表示，将持续推进京津冀深化改革创新，打造市场化法治化国际化营商环境。",
    "在京津冀地区探索实行产业协同链长负责制，协同开展产业链强链补链畅链工作。",
])
OTHER = "\n".join([
    "安利（中国）日前在广州召开年度经销商大会，发布了新一轮数字化转型计划。",
    "公司负责人介绍，今年将在研发上投入更多资金，重点布局营养保健食品。",
    "与会经销商围绕合规经营、消费者权益保护等议题展开讨论。",
])


def story(url, aid, published, body=STORY, **changes):
    return article(url=url, aid=aid, published_at=published, body=body,
                   content_hash=f"h{hash(body)}", **changes)


def test_the_same_url_twice_is_one_row(store):
    first = store.upsert_articles([story("http://a/1.html", 1, "2023-06-02T09:59:00+08:00")])
    again = store.upsert_articles([story("http://a/1.html", 1, "2023-06-02T09:59:00+08:00")])
    assert [o.action for o in first + again] == ["new", "unchanged"]
    assert store.count() == 1 and store.aliases() == []


def test_dynamic_twin_gives_way_to_the_static_url(store):
    store.upsert_articles([story("http://a/plus/view.php?aid=7", 7, "2023-06-02T09:59:00+08:00")])
    (outcome,) = store.upsert_articles([story("http://a/caijing/2023/0602/7.html", 7,
                                              "2023-06-02T09:59:00+08:00")])
    assert (outcome.action, outcome.reason) == ("new_canonical", "same_aid")
    assert store.db.execute("select url from articles").fetchall() == [
        ("http://a/caijing/2023/0602/7.html",)]
    assert store.aliases() == [{"url": "http://a/plus/view.php?aid=7",
                                "article_url": "http://a/caijing/2023/0602/7.html",
                                "reason": "same_aid", "similarity": 1.0}]


def test_an_exact_copy_folds_into_the_earliest_published(store):
    store.upsert_articles([story("http://a/2.html", 2, "2023-06-09T10:00:00+08:00")])
    store.add_alias("http://a/plus/view.php?aid=2", "chndsnews", 2, "same_aid")
    (outcome,) = store.upsert_articles([story("http://b/1.html", 1, "2023-06-02T09:59:00+08:00")])
    assert (outcome.action, outcome.reason, outcome.folded) == (
        "new_canonical", "same_content", "http://a/2.html")
    assert [r[0] for r in store.db.execute("select url from articles")] == ["http://b/1.html"]
    by_url = {a["url"]: a for a in store.aliases()}
    assert by_url["http://a/2.html"]["reason"] == "same_content"
    # The folded row's own aliases now point at the canonical row.
    assert by_url["http://a/plus/view.php?aid=2"]["article_url"] == "http://b/1.html"


def test_a_later_near_copy_is_folded_with_its_similarity(store):
    store.upsert_articles([story("http://a/1.html", 1, "2023-06-02T09:59:00+08:00")])
    lines = STORY.split("\n")
    copy = "\n".join(["【直报网上海6月9日讯】" + lines[0].split("】", 1)[1], *lines[1:4]])
    (outcome,) = store.upsert_articles([story("http://c/9.html", 9, "2023-06-09T09:00:00+08:00",
                                              body=copy, title="京津冀产业协同发展看点多（转载）")])
    assert (outcome.action, outcome.reason) == ("folded", "near_duplicate")
    assert 0.7 <= outcome.similarity < 1.0
    assert store.count() == 1


def test_different_articles_stay_apart(store):
    store.upsert_articles([story("http://a/1.html", 1, "2023-06-02T09:59:00+08:00")])
    (outcome,) = store.upsert_articles([story("http://a/3.html", 3, "2023-06-03T09:59:00+08:00",
                                              body=OTHER)])
    assert outcome.action == "new" and store.count() == 2


def test_storing_the_same_copies_again_adds_nothing(store):
    batch = [story("http://a/1.html", 1, "2023-06-02T09:59:00+08:00"),
             story("http://c/9.html", 9, "2023-06-09T09:00:00+08:00")]
    store.upsert_articles(batch)
    before = (store.count(), store.aliases())
    outcomes = store.upsert_articles(batch)
    assert [o.action for o in outcomes] == ["unchanged", "alias_seen"]
    assert (store.count(), store.aliases()) == before


def test_an_edit_keeps_the_previous_version_and_first_seen(store):
    store.upsert_articles([story("http://a/1.html", 1, "2023-06-02T09:59:00+08:00")],
                          now="2026-01-01T00:00:00+00:00")
    edited = STORY + "\n工信部有关负责人补充说明了方案的实施步骤。"
    (outcome,) = store.upsert_articles([story("http://a/1.html", 1, "2023-06-02T09:59:00+08:00",
                                              body=edited)], now="2026-01-02T00:00:00+00:00")
    assert outcome.action == "revised"
    row = store.article("http://a/1.html")
    assert (row["body"], row["first_seen_at"]) == (edited, "2026-01-01T00:00:00+00:00")
    (revision,) = store.db.execute("select body, replaced_at from revisions").fetchall()
    assert revision == (STORY, "2026-01-02T00:00:00+00:00")


def test_gone_articles_are_marked_never_deleted(store):
    store.upsert_articles([story("http://a/1.html", 1, "2023-06-02T09:59:00+08:00")])
    assert store.mark_gone("http://a/1.html", now="2026-01-03T00:00:00+00:00")
    assert store.count() == 1
    assert store.article("http://a/1.html")["gone_at"] == "2026-01-03T00:00:00+00:00"
    assert store.known("chndsnews")[1].gone


def test_failures_are_remembered_until_fetched(store):
    store.record_failure("http://a/9.html", "chndsnews", "article", "503", "财经")
    store.record_failure("http://a/9.html", "chndsnews", "article", "TimeoutError", "财经")
    assert store.failures("chndsnews") == [{"url": "http://a/9.html", "kind": "article",
                                            "reason": "TimeoutError", "attempts": 2,
                                            "channel": "财经"}]
    store.clear_failure("http://a/9.html")
    assert store.failures("chndsnews") == []


def test_run_records(store):
    first = store.start_run("chndsnews", 1, "host", {"since": "2023-06-01"})
    second = store.start_run("chndsnews", 2, "host", {})
    store.finish_run(second, {"status": "finished", "articles_new": 3,
                              "responses_by_status": {"200": 5}})
    rows = {r["id"]: r for r in store.db["crawl_runs"].rows}
    assert rows[first]["status"] == "killed"  # never finished: its process died
    assert rows[second]["status"] == "finished" and rows[second]["responses_by_status"] == '{"200": 5}'
