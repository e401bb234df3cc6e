import pytest

from portalcrawler.profile import CHNDSNEWS
from portalcrawler.urls import Kind, canonicalize, classify

BASE = "http://www.chndsnews.com/"


@pytest.mark.parametrize(
    ("url", "kind", "canonical", "aid", "page"),
    [
        ("http://www.chndsnews.com/toutiao/2021/0416/116351.html", Kind.ARTICLE,
         "http://www.chndsnews.com/toutiao/2021/0416/116351.html", 116351, 1),
        ("HTTP://WWW.CHNDSNEWS.COM:80/toutiao/2021/0416/116351_3.html?from=toutiao#comment",
         Kind.ARTICLE, "http://www.chndsnews.com/toutiao/2021/0416/116351.html", 116351, 3),
        ("http://www.chndsnews.com/plus/view.php?aid=116351&pageno=2", Kind.ARTICLE_TWIN,
         "http://www.chndsnews.com/plus/view.php?aid=116351", 116351, 2),
        ("http://www.chndsnews.com/caijing/", Kind.LISTING, "http://www.chndsnews.com/caijing/", None, 1),
        ("http://www.chndsnews.com/caijing/list_7_3.html", Kind.LISTING,
         "http://www.chndsnews.com/caijing/list_7_3.html", None, 3),
        ("http://www.people.com.cn/n1/2023/0602/c1004-1.html", Kind.EXTERNAL,
         "http://www.people.com.cn/n1/2023/0602/c1004-1.html", None, 1),
        ("http://www.chndsnews.com/plus/search.php?q=1", Kind.OTHER,
         "http://www.chndsnews.com/plus/search.php?q=1", None, 1),
        ("javascript:void(0)", Kind.OTHER, "javascript:void(0)", None, 1),
    ],
)
def test_classify(url, kind, canonical, aid, page):
    info = classify(url, CHNDSNEWS, BASE)
    assert (info.kind, info.url, info.aid, info.page) == (kind, canonical, aid, page)


@pytest.mark.parametrize(
    ("path", "folder", "page"),
    [("/caijing/hongguan/", "caijing/hongguan", 1), ("/a/caijing/", "a/caijing", 1),
     ("/a/caijing/list_7_3.html", "a/caijing", 3), ("/caijing", "caijing", 1)],
)
def test_nested_channel_folders_are_listings(path, folder, page):
    info = classify(BASE.rstrip("/") + path, CHNDSNEWS, BASE)
    assert (info.kind, info.folder, info.page) == (Kind.LISTING, folder, page)


def test_dedecms_own_folders_are_not_channels():
    for path in ("/plus/", "/member/", "/a/", "/templets/default/"):
        assert classify(BASE.rstrip("/") + path, CHNDSNEWS, BASE).kind is not Kind.LISTING


def test_port_of_a_replica_is_kept_and_matched():
    info = classify("http://127.0.0.1:8123/qiye/2022/0101/116400.html", CHNDSNEWS,
                    "http://127.0.0.1:8123/")
    assert info.kind is Kind.ARTICLE
    assert classify("http://127.0.0.1:9999/qiye/", CHNDSNEWS, "http://127.0.0.1:8123/").kind is Kind.EXTERNAL


def test_canonicalize_drops_tracking_but_keeps_meaningful_query():
    assert canonicalize("http://a.com/plus/list.php?tid=7&utm_source=x&PageNo=2", CHNDSNEWS) == \
        "http://a.com/plus/list.php?PageNo=2&tid=7"
