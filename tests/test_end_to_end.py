"""`scrapy crawl chndsnews` against the replica, checked against the replica's truth."""

import sqlite3
import subprocess
from pathlib import Path

import pytest

from portalcrawler.demo import PROJECT, crawl_command
from portalcrawler.replica import build_site, serve
from portalcrawler.verify import compare

SEED_CHROME = [
    "特别声明", "扫描二维码", "顶一下", "踩一下", "分享到", "分隔线", "发表评论",
    "请自觉遵守互联网相关的政策法规", "关于我们", "Copyright", "京ICP备13035451号",
    "当前位置", "原标题", "责编", "安利|张思维", "点击:",
]


@pytest.fixture(scope="module")
def crawl(tmp_path_factory):
    site = build_site(seed=1, size=300)
    server, base_url = serve(site, port=0)
    tmp = tmp_path_factory.mktemp("e2e")
    db, log = tmp / "articles.db", tmp / "crawl.log"
    try:
        result = subprocess.run(crawl_command(base_url, db, log), cwd=PROJECT, check=False)
    finally:
        server.shutdown()
    assert result.returncode == 0, log.read_text("utf-8")[-3000:]
    return site, base_url, db, log


def test_every_article_once_with_every_field_right(crawl):
    site, base_url, db, _ = crawl
    result = compare(db, site.truth, base_url, site.alias_paths, site.syndicated)
    assert result["missing"] == []
    assert result["extra"] == []
    assert result["rows"] == len(site.truth)
    assert {k: v for k, v in result["mismatches"].items() if v} == {}, result["examples"]
    assert result["replacement_chars"] == 0


def test_one_row_per_story_and_every_alias_recorded(crawl):
    site, base_url, db, _ = crawl
    result = compare(db, site.truth, base_url, site.alias_paths, site.syndicated)
    assert site.syndicated and site.alias_paths
    assert result["aliases_missing"] == []
    assert result["copies_not_folded"] == []
    with sqlite3.connect(db) as conn:
        assert conn.execute("select count(*) - count(distinct aid) from articles").fetchone()[0] == 0
        reasons = dict(conn.execute("select reason, count(*) from article_aliases group by 1"))
    assert reasons.get("near_duplicate", 0) + reasons.get("same_content", 0) == len(site.syndicated)


def test_crawling_again_adds_no_row_and_no_alias(crawl, tmp_path):
    site, _, db, _ = crawl
    with sqlite3.connect(db) as conn:
        before = (conn.execute("select count(*) from articles").fetchone()[0],
                  conn.execute("select count(*) from article_aliases").fetchone()[0])
    server, base_url = serve(site, port=int(crawl[1].rsplit(":", 1)[1]))
    try:
        result = subprocess.run(crawl_command(base_url, db, tmp_path / "again.log"),
                                cwd=PROJECT, check=False)
    finally:
        server.shutdown()
    assert result.returncode == 0
    with sqlite3.connect(db) as conn:
        after = (conn.execute("select count(*) from articles").fetchone()[0],
                 conn.execute("select count(*) from article_aliases").fetchone()[0])
    assert after == before


def test_seed_article(crawl):
    _, _, db, _ = crawl
    with sqlite3.connect(db) as conn:
        conn.row_factory = sqlite3.Row
        row = conn.execute("select * from articles where title = ?",
                           ["京津冀产业协同发展看点多"]).fetchone()
    assert row is not None
    assert row["published_at"] == "2023-06-02T09:59:00+08:00"
    assert (row["channel"], row["source"], row["author"], row["editor"]) == (
        "财经", "人民网-人民日报海外版", "人民网-人民日报", "小美")
    assert row["original_title"] == "京津冀产业协同发展看点多"
    assert row["body"].startswith("【直报网北京6月2日讯】")
    assert row["body"].endswith("利益分享机制。")
    for chrome in SEED_CHROME:
        assert chrome not in row["body"], chrome
        assert chrome not in row["body_html"], chrome


def test_body_html_is_sanitized(crawl):
    _, _, db, _ = crawl
    with sqlite3.connect(db) as conn:
        htmls = [r[0] for r in conn.execute("select body_html from articles")]
    for html in htmls:
        lowered = html.lower()
        for bad in ("<script", "<style", "<iframe", "onclick", "onmouse", "javascript:"):
            assert bad not in lowered


def test_database_is_wal_and_intact(crawl):
    _, _, db, _ = crawl
    with sqlite3.connect(db) as conn:
        assert conn.execute("pragma journal_mode").fetchone()[0] == "wal"
        assert conn.execute("pragma integrity_check").fetchone()[0] == "ok"


def test_log_reports_no_error(crawl):
    *_, log = crawl
    text = Path(log).read_text("utf-8")
    assert "'log_count/ERROR'" not in text
    assert "Traceback" not in text
