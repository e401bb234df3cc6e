"""Scheduled runs: day 1 then day 2 of the replica into one database."""

import json
import sqlite3
import subprocess
from datetime import date, timedelta

import pytest

from portalcrawler.demo import PROJECT, crawl_command
from portalcrawler.replica import build_site, serve
from portalcrawler.verify import compare

SEED, SIZE = 2, 60


@pytest.fixture(scope="module")
def two_days(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("days")
    db = tmp / "articles.db"
    day1, day2 = build_site(seed=SEED, size=SIZE), build_site(seed=SEED, size=SIZE, day=2)
    window = (date.today() - (day1.generated_at.date() - timedelta(days=60))).days
    port, results = 0, []
    for number, site in ((1, day1), (2, day2)):
        server, base_url = serve(site, port=port)
        port = server.server_address[1]
        try:
            run = subprocess.run(crawl_command(base_url, db, tmp / f"day{number}.log",
                                               extra={"PORTAL_REFRESH_DAYS": str(window)}),
                                 cwd=PROJECT, check=False)
        finally:
            server.shutdown()
        results.append((run.returncode, compare(db, site.truth, base_url, site.alias_paths,
                                                site.syndicated)))
    with sqlite3.connect(db) as conn:
        conn.row_factory = sqlite3.Row
        runs = [dict(r) for r in conn.execute("select * from crawl_runs order by id")]
    return day1, day2, db, results, runs, window


def test_both_days_store_the_truth(two_days):
    *_, results, _, _ = two_days
    for returncode, result in results:
        assert returncode == 0
        assert (result["missing"], result["extra"]) == ([], [])
        assert {k: v for k, v in result["mismatches"].items() if v} == {}


def test_day_two_fetches_only_what_changed(two_days):
    _, day2, db, _, runs, window = two_days

    kinds = json.loads(runs[1]["requests_by_kind"])
    new = [a for a in day2.truth if a["url"] in day2.changes["new"]]
    assert kinds["article"] == len(new)
    assert kinds.get("article_page", 0) == sum(a["pages"] - 1 for a in new)
    assert kinds["listing"] == len(day2.channels)  # page 1 of each: the rest is known
    with sqlite3.connect(db) as conn:
        stored_in_window = conn.execute(
            "select count(*) from articles where published_at >= ? and first_seen_at < ?",
            [(date.today() - timedelta(days=window)).isoformat(), runs[1]["started_at"]],
        ).fetchone()[0]
    assert kinds["refresh"] == stored_in_window


def test_the_edit_is_stored_with_its_revision_and_the_deletion_marked(two_days):
    _, day2, db, _, runs, _ = two_days
    (edited,), (deleted,) = day2.changes["edited"], day2.changes["deleted"]
    with sqlite3.connect(db) as conn:
        revisions = conn.execute("select url from revisions").fetchall()
        gone = conn.execute("select url from articles where gone_at is not null").fetchall()
        first_seen = conn.execute("select first_seen_at from articles where url like ?",
                                  [f"%{edited}"]).fetchone()[0]
    assert [r[0].endswith(edited) for r in revisions] == [True]
    assert [g[0].endswith(deleted) for g in gone] == [True]
    assert first_seen < runs[1]["started_at"]  # kept from day 1
    assert (runs[1]["articles_updated"], runs[1]["articles_gone"]) == (1, 1)


def test_run_records(two_days):
    *_, runs, _ = two_days
    assert [r["status"] for r in runs] == ["finished", "finished"]
    assert all(r["finished_at"] >= r["started_at"] and r["exit_status"] == 0 for r in runs)
    assert runs[0]["articles_new"] > 0 and runs[1]["articles_unchanged"] > 0
