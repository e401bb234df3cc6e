"""Spider arguments and site faults, each checked by a real crawl of a small replica."""

import re
import sqlite3
import subprocess
import sys

import pytest

from portalcrawler.demo import PROJECT, crawl_command
from portalcrawler.replica import Faults, build_site, serve

SIZE = 60


def crawl(tmp_path, site=None, args=None, extra=None):
    site = site or build_site(seed=2, size=SIZE)
    server, base_url = serve(site, port=0)
    db, log = tmp_path / "articles.db", tmp_path / "crawl.log"
    try:
        result = subprocess.run(crawl_command(base_url, db, log, extra=extra, args=args),
                                cwd=PROJECT, check=False, capture_output=True, text=True)
    finally:
        server.shutdown()
    rows = []
    if db.exists():
        with sqlite3.connect(db) as conn:
            conn.row_factory = sqlite3.Row
            rows = [dict(r) for r in conn.execute("select * from articles")]
    text = log.read_text("utf-8") if log.exists() else result.stderr
    return site, result, rows, text


def test_channels_and_max_pages_limit_the_crawl(tmp_path):
    site, result, rows, _ = crawl(tmp_path, args={"channels": "caijing,头条", "max_pages": "1"})
    assert result.returncode == 0
    assert rows
    assert {r["channel"] for r in rows} <= {"财经", "头条"}
    first_pages = {e.link.article.aid for folder in ("caijing", "toutiao")
                   for e in site.listing_pages(folder)[0] if e.link is not None}
    # Cross-listed articles keep their home channel, so only aids are compared.
    assert {r["aid"] for r in rows} <= first_pages


def test_since_skips_older_articles(tmp_path):
    # Big enough for listings of several pages, so the walk can stop early.
    site, result, rows, log = crawl(tmp_path, site=build_site(seed=2, size=300),
                                    args={"since": "2023-01-01"})
    assert result.returncode == 0
    want = {a["aid"] for a in site.truth if a["published_at"] >= "2023-01-01"}
    assert {r["aid"] for r in rows} == want
    assert "listing/stopped_at_since" in log


def test_bad_argument_stops_before_any_request(tmp_path):
    _, result, rows, _ = crawl(tmp_path, args={"channels": "nosuch"})
    assert result.returncode == 2
    assert "unknown channel 'nosuch'" in result.stderr and "caijing (财经)" in result.stderr
    assert rows == [] and not (tmp_path / "articles.db").exists()


def test_unusable_database_path_stops_the_run(tmp_path):
    (tmp_path / "dir.db").mkdir()
    _, result, _, _ = crawl(tmp_path, extra={"ARTICLES_DB": str(tmp_path / "dir.db")})
    assert result.returncode == 2
    assert "is a directory" in result.stderr


def test_robots_txt_unavailable_means_nothing_is_crawled(tmp_path):
    site = build_site(seed=2, size=SIZE)
    site.faults = Faults(robots_status=503)
    _, result, rows, log = crawl(tmp_path, site=site, extra={"RETRY_TIMES": "1"})
    assert rows == []
    assert "Canary past its limit: no_homepage" in log
    assert result.returncode == 1
    assert "'robotstxt/unavailable_disallow_all': 1" in log
    assert "'robotstxt/forbidden': 1" in log  # the homepage, and nothing after it


def test_channel_missing_from_nav_is_reported_and_still_crawled(tmp_path):
    site = build_site(seed=2, size=SIZE)
    site.faults = Faults(nav_hidden=frozenset({"fagui"}))
    _, result, rows, log = crawl(tmp_path, site=site)
    assert result.returncode == 0
    assert "Channel 法规 (/fagui/) is missing from the homepage nav" in log
    assert "'nav/channel_missing': 1" in log
    assert len(rows) == len(site.truth)


@pytest.mark.parametrize("value", ["0", "-1", "x"])
def test_bad_max_pages(tmp_path, value):
    _, result, _, _ = crawl(tmp_path, args={"max_pages": value})
    assert result.returncode == 2 and "max_pages" in result.stderr


def test_a_bad_chrome_pattern_stops_the_run(tmp_path):
    _, result, _, _ = crawl(tmp_path, extra={"PORTAL_CHROME_PATTERNS": '{"promo": "关注("}'})
    assert result.returncode == 2
    assert "not a regular expression" in result.stderr


def test_extra_chrome_pattern_removes_lines(tmp_path):
    # A sentence the replica's generator opens many paragraphs with, made chrome.
    site = build_site(seed=2, size=SIZE)
    opening = "该负责人同时强调"
    expected = sum(line.startswith(opening) for a in site.truth for line in a["body"].split("\n"))
    assert expected > 0
    _, result, rows, log = crawl(tmp_path, site=site,
                                 extra={"PORTAL_CHROME_PATTERNS": f'{{"custom": "^{opening}"}}'})
    assert result.returncode == 0
    assert not any(line.startswith(opening) for r in rows for line in r["body"].split("\n"))
    # Counted on every page read, the syndicated copies (folded later) included.
    counted = int(re.search(r"'cleaning/custom_line': (\d+)", log)[1])
    assert counted >= expected


def test_soft_404_pages_are_not_stored_and_fail_the_run(tmp_path):
    site = build_site(seed=2, size=SIZE)
    site.faults = Faults(soft_404=True)
    dead = len(site.deleted_paths)
    assert dead > 0
    _, result, rows, log = crawl(tmp_path, site=site,
                                 extra={"PORTAL_CANARY_LIMITS": '{"soft_404": 0}'})
    assert f"'article/soft_404': {dead}" in log
    assert len(rows) == len(site.truth)
    assert "Canary past its limit: soft_404" in log
    assert result.returncode == 1


def test_broken_body_selector_uses_the_fallback_and_says_so(tmp_path):
    site = build_site(seed=2, size=SIZE)
    _, result, rows, log = crawl(tmp_path, site=site,
                                 extra={"PORTAL_SELECTORS": '{"content": "div.no-such-body"}'})
    truth = {a["aid"]: a for a in site.truth}
    assert len(rows) == len(truth)
    assert all(r["extraction_method"] == "fallback" for r in rows)
    assert all(r["body"] == truth[r["aid"]]["body"] for r in rows)
    # Counted on every article read, the syndicated copies (folded later) included.
    assert f"'article/method/fallback': {len(site.articles)}" in log
    assert "Canary past its limit: fallback_share" in log
    assert result.returncode == 1


def test_boilerplate_can_be_blocked_allowed_and_recleaned_without_download(tmp_path):
    site = build_site(seed=2, size=SIZE)
    _, result, rows, _ = crawl(tmp_path, site=site)  # the server is gone after this
    assert result.returncode == 0
    db = tmp_path / "articles.db"
    target = next(r for r in rows if len(r["body"].split("\n")) > 3)
    line = target["body"].split("\n")[2]

    def cli(*args):
        return subprocess.run([sys.executable, "-m", "portalcrawler.boilerplate", "--db", str(db),
                               *args], cwd=PROJECT, capture_output=True, text=True, check=True)

    cli("block", line)
    assert "blocked" in cli("list").stdout
    with sqlite3.connect(db) as conn:
        body = conn.execute("select body from articles where url = ?", [target["url"]]).fetchone()[0]
    assert line not in body.split("\n")
    assert len(body.split("\n")) == len(target["body"].split("\n")) - 1
    cli("allow", line)
    cli("reclean", "--all")
    with sqlite3.connect(db) as conn:
        body = conn.execute("select body from articles where url = ?", [target["url"]]).fetchone()[0]
    assert body == target["body"]


def test_retry_after_is_waited_for(tmp_path):
    # The replica's overloaded pages keep answering 503 until their Retry-After (1 s)
    # has passed: retrying at once, as Scrapy does, would fail them all.
    site = build_site(seed=2, size=SIZE)
    site.faults = Faults(strict_retry_after=True)
    overloaded = len(site.fault_paths)
    assert overloaded > 0
    _, result, rows, log = crawl(tmp_path, site=site)
    assert result.returncode == 0
    assert len(rows) == len(site.truth)
    assert f"'retry/retry_after_waits': {overloaded}" in log
    assert "'retry/max_reached'" not in log


def test_crawl_delay_of_robots_txt_is_obeyed(tmp_path):
    site = build_site(seed=2, size=20)
    site.faults = Faults(crawl_delay=0.05)
    _, result, rows, log = crawl(tmp_path, site=site)
    assert result.returncode == 0
    assert len(rows) == len(site.truth)
    assert "robots.txt asks for a Crawl-delay of 0.05 s: obeyed" in log
    assert "'robotstxt/crawl_delay': 0.05" in log
