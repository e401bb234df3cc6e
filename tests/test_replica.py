"""Check the replica portal: determinism, encodings, the seed article, links and HTTP."""

from __future__ import annotations

import gzip
import html
import json
import re
import urllib.error
import urllib.request
from datetime import timedelta
from pathlib import Path

import pytest

from portalcrawler.replica import Site, build_site, serve
from portalcrawler.replica.__main__ import main
from portalcrawler.replica.content import CHANNELS, SEED_AID
from portalcrawler.replica.server import Response

HOST = {"Host": "127.0.0.1:8000"}
FIELDS = {
    "url",
    "aid",
    "site",
    "channel",
    "title",
    "published_at",
    "source",
    "author",
    "editor",
    "original_title",
    "summary",
    "body",
    "images",
    "pages",
    "gone",
}


@pytest.fixture(scope="module")
def site() -> Site:
    return build_site(seed=1, size=300)


def get(site: Site, path: str, headers: dict[str, str] | None = None) -> Response:
    """GET a path, retrying once on a transient 503 as a polite crawler does."""
    resp = site.respond("GET", path, {**HOST, **(headers or {})})
    if resp.status == 503:
        assert dict(resp.headers)["Retry-After"] == "1"
        resp = site.respond("GET", path, {**HOST, **(headers or {})})
    return resp


def h2(page: str) -> str:
    m = re.search(r'<div class="title"><h2>(.*?)</h2>', page)
    assert m, "no title"
    return html.unescape(m.group(1))


def test_same_seed_gives_identical_bytes(site: Site) -> None:
    other = build_site(seed=1, size=300)
    assert json.dumps(other.truth, ensure_ascii=False) == json.dumps(site.truth, ensure_ascii=False)
    assert other.alias_paths == site.alias_paths
    paths = [
        "/",
        "/toutiao/",
        "/yaowen/list_2_2.html",
        "/plus/list.php?tid=7&PageNo=1",
        "/robots.txt",
        site.truth[0]["url"],
        site.truth[-1]["url"],
        f"/plus/view.php?aid={SEED_AID}",
    ]
    for path in paths:
        assert get(other, path).body == get(site, path).body, path
    assert build_site(seed=2, size=300).truth != site.truth


def test_truth_shape(site: Site) -> None:
    truth = site.truth
    assert 280 <= len(truth) <= 300
    assert [t["aid"] for t in truth] == sorted({t["aid"] for t in truth})
    assert [t["published_at"] for t in truth] == sorted(t["published_at"] for t in truth)
    for t in truth:
        assert set(t) == FIELDS and t["gone"] is False
        assert t["site"] == "chndsnews"
        assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+08:00", t["published_at"])
        assert "2021-01-01" <= t["published_at"][:10] <= "2023-12-31"
        assert t["body"] and t["body"] == t["body"].strip() and "\n\n" not in t["body"]
        for line in t["body"].split("\n"):
            assert line == line.strip(" \u3000\xa0\t"), line
            assert not line.startswith(
                ("责编", "责任编辑", "（责任编辑", "(原标题", "（原标题", "【特别声明")
            )
            assert "扫描二维码" not in line
        assert all(not i["url"].startswith("http") for i in t["images"])
        assert "/uploads/allimg/qrcode.jpg" not in [i["url"] for i in t["images"]]
    assert {c["name"] for c in site.channels} == {t["channel"] for t in truth}


def test_seed_article_truth(site: Site) -> None:
    seed = next(t for t in site.truth if t["aid"] == SEED_AID)
    assert seed["url"] == "/caijing/2023/0602/116352.html"
    assert seed["channel"] == "财经"
    assert seed["title"] == "京津冀产业协同发展看点多"
    assert seed["published_at"] == "2023-06-02T09:59:00+08:00"
    assert seed["source"] == "人民网-人民日报海外版"
    assert seed["author"] == "人民网-人民日报"
    assert seed["editor"] == "小美"
    assert seed["original_title"] == "京津冀产业协同发展看点多"
    assert seed["summary"].startswith("河北省秦皇岛市海港区") and seed["summary"].endswith(
        "图为工人在秦"
    )
    lines = seed["body"].split("\n")
    assert lines[0].startswith("【直报网北京6月2日讯】(人民网-人民日报海外版)")
    assert lines[1] == "新华社记者 杨世尧摄"
    assert lines[-1].endswith("利益分享机制。")
    assert seed["images"] == [
        {"url": "/uploads/allimg/230602/1-230602095Z0.jpg", "caption": "新华社记者 杨世尧摄"}
    ]
    assert seed["pages"] == 1
    page = get(site, seed["url"]).body.decode("gbk")
    page = page[page.index("<body") :]
    text = html.unescape(re.sub(r"<script.*?</script>|<[^>]+>", "", page, flags=re.S))
    order = [
        "安利|张思维:焕发自我",
        "当前位置:",
        "京津冀产业协同发展看点多",
        "时间:2023-06-02 09:59来源:",
        "图为工人在秦",
        "【直报网北京6月2日讯】",
        "新华社记者 杨世尧摄",
        "(原标题:",
        "责编:小美",
        "【特别声明:",
        "扫描二维码免费阅读",
        "顶一下",
        "分享到:",
        "------分隔线",
        "发表评论",
        "评价:",
        "关于我们 | 联系我们",
        "京ICP备13035451号-1",
    ]
    positions = [text.index(s) for s in order]
    assert positions == sorted(positions)


def test_every_truth_page_answers_gbk_with_its_title(site: Site) -> None:
    for t in site.truth:
        for k in range(1, t["pages"] + 1):
            path = t["url"] if k == 1 else t["url"].replace(".html", f"_{k}.html")
            resp = get(site, path)
            assert resp.status == 200, path
            page = resp.body.decode("gbk")  # strict: raises on any non-GBK byte
            assert '<meta http-equiv="Content-Type" content="text/html; charset=gb2312" />' in page
            assert h2(page) == t["title"]


def test_body_lines_are_on_the_pages(site: Site) -> None:
    """Cross-check model and markup: every truth line shows in div.content, in order."""
    for article in site.articles:
        text = ""
        for k in range(1, len(article.pages) + 1):
            page = get(site, article.page_path(k)).body.decode("gbk")
            content = page.split('<div class="content">')[1].split('<div class="dede_pages">')[0]
            content = re.sub(
                r"<script.*?</script>|<style.*?</style>|<!--.*?-->", "", content, flags=re.S
            )
            text += re.sub(r"\s", "", html.unescape(re.sub(r"<[^>]+>", "", content)))
        pos = 0
        for line in article.body_lines:
            pos = text.index(re.sub(r"\s", "", line), pos)


def test_truth_has_no_mojibake_and_real_characters(site: Site) -> None:
    def strings(t: dict) -> list[str]:
        out = [v for k, v in t.items() if isinstance(v, str)]
        return out + [i["caption"] for i in t["images"] if i["caption"]]

    non_gb2312 = 0
    for t in site.truth:
        for s in strings(t):
            assert "\ufffd" not in s
            assert not re.search(r"[\u0080-\u024f]|&#\d+;|&[a-z]+;", s), s
        joined = "".join(strings(t))
        try:
            joined.encode("gb2312")
        except UnicodeEncodeError:
            non_gb2312 += 1
    assert non_gb2312 >= 30
    assert any("𠮷" in t["body"] or "㛃" in t["body"] for t in site.truth)
    # Characters outside GBK are sent as numeric references, as DedeCMS does.
    t = next(t for t in site.truth if "㛃" in t["body"] or "𠮷" in t["body"])
    page = get(site, t["url"]).body
    assert b"&#14019;" in page or b"&#134071;" in page


def test_latin1_header_on_the_old_server_channel(site: Site) -> None:
    pinglun = next(t for t in site.truth if t["channel"] == "评论")
    for path in ("/pinglun/", "/pinglun/list_5_1.html", pinglun["url"]):
        resp = get(site, path)
        assert dict(resp.headers)["Content-Type"] == "text/html; charset=ISO-8859-1"
        assert b"charset=gb2312" in resp.body
    other = next(t for t in site.truth if t["channel"] != "评论")
    assert dict(get(site, other["url"]).headers)["Content-Type"] == "text/html"


def test_view_php_twin_answers_the_same_article(site: Site) -> None:
    twins = [p for p in site.alias_paths if p.startswith("/plus/view.php") and "pageno" not in p]
    assert len(twins) >= 10
    for path in twins:
        aid = int(path.rsplit("=", 1)[1])
        static = site.by_aid[aid].url
        dyn = get(site, path)
        assert dict(dyn.headers)["X-Powered-By"] == "PHP/5.2.17"
        assert h2(dyn.body.decode("gbk")) == h2(get(site, static).body.decode("gbk"))
    for path in site.alias_paths:
        assert get(site, path).status == 200, path


def test_listings_reach_every_article_through_next_links(site: Site) -> None:
    found: set[str] = set()
    external = 0
    for channel in site.channels:
        path = f"/{channel['folder']}/"
        seen = 0
        while path:
            resp = get(site, path)
            assert resp.status == 200, path
            page = resp.body.decode("gbk")
            seen += 1
            for href in re.findall(r'<a href="([^"]+)" class="title">', page):
                href = re.sub(r"^http://127\.0\.0\.1:8000", "", href).split("#")[0]
                if href.startswith("http"):
                    external += 1
                elif href.endswith(".html") or ".html?" in href:
                    found.add(href.split("?")[0])
            nxt = re.search(r"<li><a href='([^']+)'>下一页</a></li>", page)
            path = f"/{channel['folder']}/{nxt.group(1)}" if nxt else ""
        assert seen == len(site.listing_pages(channel["folder"]))
        assert (
            get(site, f"/{channel['folder']}/list_{channel['tid']}_{seen + 1}.html").status == 404
        )
    assert {t["url"] for t in site.truth} <= found
    assert external == 2
    copies = {copy for copy, _ in site.syndicated}
    assert copies <= found  # listed like any article, so a crawler fetches them
    deleted = found - {t["url"] for t in site.truth} - copies
    assert deleted and all(get(site, p).status == 404 for p in deleted)


def test_listing_twins_and_sticky(site: Site) -> None:
    assert get(site, "/caijing/index.html").body == get(site, "/caijing/").body
    assert get(site, "/caijing/list_7_1.html").body == get(site, "/caijing/").body
    dyn = get(site, "/plus/list.php?tid=7&PageNo=1").body.decode("gbk")
    assert "list.php?tid=7&TotalResult=" in dyn
    page = get(site, "/yaowen/").body.decode("gbk")
    dates = re.findall(r'<span class="date">(\d{4}-\d\d-\d\d)', page)
    assert dates[0] < dates[1]  # the sticky item is old
    assert dates[1:] == sorted(dates[1:], reverse=True)


def test_syndicated_copies(site: Site) -> None:
    """A few stories come back later under a new aid, slightly edited; truth keeps the original."""
    pairs = site.syndicated
    assert 6 <= len(pairs) <= 10
    assert len(build_site(seed=2, size=60).syndicated) >= 3
    truth_urls = {t["url"] for t in site.truth}
    assert len(truth_urls) == 300 and len(site.articles) == 300 + len(pairs)
    by_url = {a.url: a for a in site.articles}
    for copy_path, orig_path in pairs:
        copy, orig = by_url[copy_path], by_url[orig_path]
        assert copy_path not in truth_urls and orig_path in truth_urls
        assert copy_path in site.alias_paths
        assert copy.syndicated_from is orig and copy.aid > orig.aid
        assert orig.pubdate < copy.pubdate <= orig.pubdate + timedelta(days=28)
        assert copy.title != orig.title and copy.title.startswith(orig.title)
        assert copy.editor != orig.editor
        # 1-10% of the sentences edited or dropped (a changed dateline aside).
        strip = re.compile(r"^(【直报网[^】]*讯】|（直报网讯）)")
        a = [strip.sub("", s) for s in re.findall(r"[^。\n]*。", orig.truth()["body"])]
        b = [strip.sub("", s) for s in re.findall(r"[^。\n]*。", copy.truth()["body"])]
        changed = len(set(a) - set(b))
        assert 1 <= changed <= len(a) // 10, (copy_path, changed, len(a))
        page = get(site, copy_path)
        assert page.status == 200 and h2(page.body.decode("gbk")) == copy.title
    assert [a.aid for a in site.articles] == sorted(a.aid for a in site.articles)
    assert [a.pubdate for a in site.articles] == sorted(a.pubdate for a in site.articles)


def test_transient_fault_then_success(site: Site) -> None:
    site.reset_counters()
    path = sorted(site.fault_paths)[0]
    first = site.respond("GET", path, HOST)
    assert first.status == 503 and dict(first.headers)["Retry-After"] == "1"
    assert site.respond("GET", path, HOST).status == 200


def test_conditional_requests_and_gzip(site: Site) -> None:
    url = site.truth[10]["url"]
    resp = get(site, url)
    headers = dict(resp.headers)
    assert get(site, url, {"If-None-Match": headers["ETag"]}).status == 304
    assert get(site, url, {"If-Modified-Since": headers["Last-Modified"]}).status == 304
    assert get(site, url, {"If-None-Match": '"nope"'}).status == 200
    assert "X-Powered-By" not in headers and headers["Server"] == "Apache/2.2.22"
    zipped = 0
    for t in site.truth[:60]:
        r = get(site, t["url"], {"Accept-Encoding": "gzip, deflate"})
        if dict(r.headers).get("Content-Encoding") == "gzip":
            zipped += 1
            assert gzip.decompress(r.body) == get(site, t["url"]).body
    assert 1 <= zipped <= 20
    head = site.respond("HEAD", "/", HOST)
    assert head.status == 200 and head.body == b"" and int(dict(head.headers)["Content-Length"]) > 0


def test_other_paths(site: Site) -> None:
    robots = get(site, "/robots.txt")
    assert dict(robots.headers)["Content-Type"] == "text/plain"
    assert b"Disallow: /plus/search.php" in robots.body and b"view.php" not in robots.body
    for path in ("/plus/guestbook.php", "/nothing/here.html", "/plus/view.php?aid=1"):
        resp = get(site, path)
        assert resp.status == 404 and "页面不存在" in resp.body.decode("gbk")
    assert get(site, "/about/").status == 200
    img = get(site, "/uploads/allimg/230602/1-230602095Z0.jpg")
    assert dict(img.headers)["Content-Type"] == "image/jpeg" and img.body.startswith(b"\xff\xd8")
    assert get(site, "/plus/count.php?view=yes&aid=116352&mid=1").body.startswith(
        b"document.write('"
    )
    home = get(site, "/").body.decode("gbk")
    assert "<li><a href='/toutiao/'>头条</a></li>" in home
    assert "http://127.0.0.1:8000/" in home and "/plus/view.php?aid=" in home


def test_served_over_http(site: Site) -> None:
    server, base = serve(site)
    try:
        with urllib.request.urlopen(base + "/robots.txt", timeout=5) as r:
            assert r.status == 200 and r.read().startswith(b"User-agent: *")
        with urllib.request.urlopen(base + "/caijing/2023/0602/116352.html", timeout=5) as r:
            assert r.headers["Content-Type"] == "text/html"
            assert "京津冀产业协同发展看点多" in r.read().decode("gbk")
        with pytest.raises(urllib.error.HTTPError) as err:
            urllib.request.urlopen(base + "/plus/guestbook.php", timeout=5)
        assert err.value.code == 404
    finally:
        server.shutdown()


def test_truth_cli(tmp_path: Path) -> None:
    out = tmp_path / "truth.json"
    assert main(["--truth", str(out), "--size", "40"]) == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    assert len(data) == 40 and any(t["aid"] == SEED_AID for t in data)


# --- day 2: the same portal a day later ----------------------------------------------


@pytest.fixture(scope="module")
def day2() -> Site:
    return build_site(seed=1, size=300, day=2)


def listing_hrefs(site: Site, path: str) -> list[str]:
    """Return the article paths a listing page links to, in order."""
    page = get(site, path).body.decode("gbk")
    hrefs = re.findall(r'<a href="([^"]+)" class="title">', page)
    return [re.sub(r"^http://127\.0\.0\.1:8000", "", h).split("?")[0].split("#")[0] for h in hrefs]


def newest_ten(site: Site) -> list[str]:
    return [a.url for a in sorted(site.articles, key=lambda a: a.pubdate, reverse=True)[:10]]


def test_day_one_is_the_default_site(site: Site) -> None:
    one = build_site(seed=1, size=300, day=1)
    assert json.dumps(one.truth, ensure_ascii=False) == json.dumps(site.truth, ensure_ascii=False)
    assert one.changes == {"new": [], "edited": [], "deleted": []} and one.gone == []
    assert one.day == 1 and one.previous is None
    for path in ("/", "/toutiao/", "/yaowen/list_2_3.html", site.truth[5]["url"]):
        assert get(one, path).body == get(site, path).body
    with pytest.raises(ValueError):
        build_site(seed=1, size=300, day=3)


def test_day_two_changes(site: Site, day2: Site) -> None:
    changes = day2.changes
    assert set(changes) == {"new", "edited", "deleted"}
    assert len(changes["edited"]) == 1 and len(changes["deleted"]) == 1
    (edited,), (deleted,) = changes["edited"], changes["deleted"]
    recent = newest_ten(site)
    assert edited in recent and deleted in recent and edited != deleted
    syndicated = {p for pair in site.syndicated for p in pair}
    assert deleted not in syndicated and deleted != site.by_aid[SEED_AID].url
    assert day2.generated_at == site.generated_at + timedelta(days=1)
    # New articles: about size/30, after every day-1 article, in at least three channels.
    new = [a for a in day2.articles if a.url in changes["new"]]
    assert len(new) == len(changes["new"]) == 10
    assert min(a.aid for a in new) > max(a.aid for a in site.articles)
    assert min(a.pubdate for a in new) > max(a.pubdate for a in site.articles)
    assert max(a.pubdate for a in new) < day2.generated_at
    per_channel = [sum(a.channel == c for a in new) for c in CHANNELS]
    assert sum(n > 0 for n in per_channel) >= 3 and len(set(per_channel)) > 1
    assert any(len(a.pages) > 1 for a in new)
    small = build_site(seed=2, size=60, day=2)
    assert len(small.changes["new"]) >= 4
    assert len({a.channel for a in small.articles if a.url in small.changes["new"]}) >= 3
    # Truth: day 1's, the edited article in its new version, the deleted one gone, plus the new.
    before = {t["url"]: t for t in site.truth}
    after = {t["url"]: t for t in day2.truth}
    assert [t["aid"] for t in day2.truth] == sorted(after[u]["aid"] for u in after)
    assert set(after) == set(before) | set(changes["new"])
    assert [u for u, t in after.items() if t["gone"]] == [deleted]
    assert after[deleted] == {**before[deleted], "gone": True}
    old, now = before[edited]["body"].split("\n"), after[edited]["body"].split("\n")
    assert len(now) == len(old) + 1 and sum(a != b for a, b in zip(old, now, strict=False)) == 1
    assert {k for k in before[edited] if before[edited][k] != after[edited][k]} == {"body"}
    for url, t in before.items():
        if url not in (edited, deleted):
            assert after[url] == t, url
    assert all(not after[u]["gone"] for u in changes["new"])


def test_day_two_listings_and_homepage(site: Site, day2: Site) -> None:
    (deleted,) = day2.changes["deleted"]
    new_by_folder: dict[str, list[str]] = {}
    for a in day2.articles:
        if a.url in day2.changes["new"]:
            new_by_folder.setdefault(a.channel.folder, []).append(a.url)
    for c in CHANNELS:
        first = listing_hrefs(day2, f"/{c.folder}/")
        fresh = new_by_folder.get(c.folder, [])
        # Newest first, on top of page 1 (under 要闻's sticky item).
        top = first[1:] if c.folder == "yaowen" else first
        assert top[: len(fresh)] == fresh[::-1], c.folder
        for n in range(1, len(day2.listing_pages(c.folder)) + 1):
            assert deleted not in listing_hrefs(day2, f"/{c.folder}/list_{c.tid}_{n}.html")
        # Pagination shifts: day 1's entries are pushed down by the new ones.
        if fresh and len(site.listings[c.folder]) > 40:
            day1_page1 = listing_hrefs(site, f"/{c.folder}/")
            page2 = listing_hrefs(day2, f"/{c.folder}/list_{c.tid}_2.html")
            assert day1_page1[-1] in page2
    # Listings lose only the deleted article and gain only the new ones.
    for folder, entries in site.listings.items():
        was = [e.link.article.aid if e.link else e.href for e in entries]
        now = [e.link.article.aid if e.link else e.href for e in day2.listings[folder]]
        gone = {a.aid for a in day2.gone}
        fresh = {a.aid for a in day2.articles if a.url in day2.changes["new"]}
        assert [x for x in was if x not in gone] == [x for x in now if x not in fresh], folder
    # A channel without new or deleted entries keeps its listing bytes.
    touched = set(new_by_folder) | {
        folder
        for folder, entries in site.listings.items()
        if any(e.link is not None and e.link.article.url == deleted for e in entries)
    }
    quiet = [c for c in CHANNELS if c.folder not in touched]
    assert quiet
    for c in quiet:
        for n in range(1, len(site.listing_pages(c.folder)) + 1):
            path = f"/{c.folder}/list_{c.tid}_{n}.html"
            assert get(day2, path).body == get(site, path).body, path

    def on_home(s: Site, url: str) -> bool:
        home = get(s, "/").body.decode("gbk")
        aid = url.rsplit("/", 1)[1][:-5]
        return f'{url}"' in home or f'view.php?aid={aid}"' in home

    assert on_home(site, deleted) and not on_home(day2, deleted)
    assert all(on_home(day2, url) for url in day2.changes["new"])
    one, two = dict(get(site, "/").headers), dict(get(day2, "/").headers)
    assert one["Last-Modified"] != two["Last-Modified"]


def test_day_two_deleted_pages_answer_404(site: Site, day2: Site) -> None:
    (gone,) = day2.gone
    assert gone.url == day2.changes["deleted"][0] and gone.aid not in day2.by_aid
    paths = [gone.page_path(k) for k in range(1, len(gone.pages) + 1)] + [gone.view_path()]
    for path in paths:
        assert get(site, path).status == 200, path
        assert get(day2, path).status == 404, path
    for path in day2.changes["new"]:
        assert get(day2, path).status == 200 and get(site, path).status == 404


def test_day_two_validators(site: Site, day2: Site) -> None:
    (edited,) = day2.changes["edited"]
    one = dict(get(site, edited).headers)
    two = dict(get(day2, edited).headers)
    assert one["ETag"] != two["ETag"] and one["Last-Modified"] != two["Last-Modified"]
    assert get(day2, edited, {"If-None-Match": one["ETag"]}).status == 200
    assert get(day2, edited, {"If-Modified-Since": one["Last-Modified"]}).status == 200
    assert get(day2, edited, {"If-None-Match": two["ETag"]}).status == 304
    fixed = day2.by_aid[int(edited.rsplit("/", 1)[1][:-5])]
    assert fixed.modified is not None and fixed.pubdate < fixed.modified < day2.generated_at
    # Unchanged articles keep their bytes and validators, however near the changes they sit.
    changed = set(day2.changes["edited"]) | set(day2.changes["deleted"])
    for url in [u for u in newest_ten(site) if u not in changed] + [site.truth[10]["url"]]:
        resp = get(site, url)
        assert get(day2, url).body == resp.body, url
        headers = dict(resp.headers)
        assert get(day2, url, {"If-None-Match": headers["ETag"]}).status == 304, url
        assert get(day2, url, {"If-Modified-Since": headers["Last-Modified"]}).status == 304, url


def test_day_two_leaves_every_other_article_page_alone() -> None:
    one, two = build_site(seed=2, size=60), build_site(seed=2, size=60, day=2)
    changed = set(two.changes["edited"]) | set(two.changes["deleted"])
    for a in one.articles:
        if a.url in changed:
            continue
        for k in range(1, len(a.pages) + 1):
            r1, r2 = get(one, a.page_path(k)), get(two, a.page_path(k))
            assert (r1.status, r1.headers, r1.body) == (r2.status, r2.headers, r2.body)


def test_day_two_is_deterministic(day2: Site) -> None:
    other = build_site(seed=1, size=300, day=2)
    assert other.changes == day2.changes
    assert json.dumps(other.truth, ensure_ascii=False) == json.dumps(day2.truth, ensure_ascii=False)
    assert other.alias_paths == day2.alias_paths
    for path in ["/", "/toutiao/", "/yaowen/list_2_2.html", *day2.changes["new"][:3]]:
        assert get(other, path).body == get(day2, path).body, path
    assert build_site(seed=2, size=300, day=2).changes != day2.changes
