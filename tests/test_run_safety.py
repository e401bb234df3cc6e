"""One run at a time, and runs that are stopped (SIGTERM) or killed (SIGKILL)."""

import json
import signal
import sqlite3
import subprocess

import pytest

from portalcrawler.demo import PROJECT, crawl_command
from portalcrawler.replica import build_site, serve
from portalcrawler.runs import EXIT_LOCKED
from portalcrawler.verify import compare

SIZE = 80


@pytest.fixture
def replica():
    site = build_site(seed=4, size=SIZE)
    server, base_url = serve(site, port=0)
    yield site, base_url
    server.shutdown()


def start(base_url, db, log, **settings):
    """Start a crawl whose DEBUG log comes on stderr, one line per event."""
    extra = {"LOG_LEVEL": "DEBUG", **settings}
    command = [part for part in crawl_command(base_url, db, None, extra=extra)]
    return subprocess.Popen(command, cwd=PROJECT, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True)


def read_until(process, marker, count):
    """Read the child's log until `count` lines have started with `marker`; return them.
    (Scrapy logs each scraped item on the line after "Scraped from <200 …>".)"""
    lines, seen = [], 0
    for line in process.stderr:
        lines.append(line)
        seen += line.startswith(marker)
        if seen >= count:
            return lines
    raise AssertionError(f"the run ended before {count} x {marker!r}")


def test_two_runs_started_together_one_runs_the_other_exits(replica, tmp_path):
    site, base_url = replica
    db = tmp_path / "articles.db"
    # One request at a time, so that the run that gets the lock is still running
    # when the other one asks for it.
    slow = {"CONCURRENT_REQUESTS_PER_DOMAIN": "1", "DOWNLOAD_DELAY": "0.02"}
    runs = [start(base_url, db, None, **slow) for _ in range(2)]
    outputs = [run.communicate()[1] for run in runs]
    codes = sorted(run.returncode for run in runs)
    assert codes == [0, EXIT_LOCKED], codes
    loser = outputs[[run.returncode for run in runs].index(EXIT_LOCKED)]
    assert "Another run is active" in loser and '"pid":' in loser
    assert "'downloader/request_count'" not in loser  # it requested nothing
    with sqlite3.connect(db) as conn:
        runs_recorded = conn.execute("select status from crawl_runs").fetchall()
    assert runs_recorded == [("finished",)]
    assert compare(db, site.truth, base_url)["missing"] == []


def test_sigterm_stores_everything_fetched_so_far(replica, tmp_path):
    site, base_url = replica
    db = tmp_path / "articles.db"
    run = start(base_url, db, None, CONCURRENT_REQUESTS_PER_DOMAIN="2",
                DOWNLOAD_DELAY="0.01")
    read_until(run, "Article(url=", 25)
    run.send_signal(signal.SIGTERM)
    log = run.communicate()[1]
    assert "shutting down gracefully" in log
    with sqlite3.connect(db) as conn:
        rows = conn.execute("select count(*) from articles").fetchone()[0]
        assert conn.execute("pragma integrity_check").fetchone()[0] == "ok"
        (status, reason, stats) = conn.execute(
            "select status, finish_reason, stats from crawl_runs").fetchone()
    stats = json.loads(stats)
    assert (status, reason) == ("interrupted", "shutdown")
    assert run.returncode == 1  # not a complete run
    assert 0 < rows < len(site.truth)
    # Every article the run produced reached the database.
    assert rows == stats.get("pipeline/stored/new", 0)
    assert stats.get("item_dropped_count", 0) == 0


def test_sigkill_then_a_normal_run_completes_the_set(replica, tmp_path):
    site, base_url = replica
    db = tmp_path / "articles.db"
    run = start(base_url, db, None)
    read_until(run, "Article(url=", 30)
    run.send_signal(signal.SIGKILL)
    run.communicate()
    with sqlite3.connect(db) as conn:
        assert conn.execute("pragma integrity_check").fetchone()[0] == "ok"
        assert conn.execute("select status from crawl_runs").fetchall() == [("running",)]
    again = subprocess.run(crawl_command(base_url, db, tmp_path / "again.log"), cwd=PROJECT,
                           check=False)
    assert again.returncode == 0
    result = compare(db, site.truth, base_url)
    assert (result["missing"], result["extra"]) == ([], [])
    with sqlite3.connect(db) as conn:
        assert conn.execute("pragma integrity_check").fetchone()[0] == "ok"
        assert conn.execute("select count(*) - count(distinct aid) from articles").fetchone()[0] == 0
        statuses = [r[0] for r in conn.execute("select status from crawl_runs order by id")]
    assert statuses == ["killed", "finished"]


def test_a_run_after_an_interrupted_one_walks_channels_to_the_end(replica, tmp_path):
    """A stopped run may have stored a channel's newest articles only; the next run must
    not stop at them (it forgets the channel walks of earlier runs)."""
    site, base_url = replica
    db = tmp_path / "articles.db"
    run = start(base_url, db, None, CONCURRENT_REQUESTS_PER_DOMAIN="2", DOWNLOAD_DELAY="0.01")
    read_until(run, "Article(url=", 25)
    run.send_signal(signal.SIGTERM)
    run.communicate()
    again = subprocess.run(crawl_command(base_url, db, tmp_path / "again.log"), cwd=PROJECT,
                           check=False)
    assert again.returncode == 0
    result = compare(db, site.truth, base_url)
    assert (result["missing"], result["extra"]) == ([], [])
