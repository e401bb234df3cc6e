"""Article pages, read from saved pages (raw bytes plus the headers they came with)."""

import json
from pathlib import Path

import pytest

from portalcrawler.pages.article import merge_article, parse_article_page
from portalcrawler.profile import CHNDSNEWS

FIXTURES = Path(__file__).parent / "fixtures" / "article"
BASE = "http://127.0.0.1:8640/"
CHROME = ["特别声明", "扫描二维码", "顶一下", "踩一下", "分享到", "分隔线", "发表评论",
          "请自觉遵守", "关于我们", "Copyright", "京ICP备", "当前位置", "原标题", "责编",
          "责任编辑", "上一篇", "下一篇", "点击："]


def read(page, *cases):
    pages = [parse_article_page(page(f"article/{case}"), CHNDSNEWS, BASE) for case in cases]
    fields, removed = merge_article(pages, CHNDSNEWS)
    return pages, fields, removed


def expected(case):
    return json.loads((FIXTURES / case / "expected.json").read_text("utf-8"))


@pytest.mark.parametrize(
    ("cases", "truth"),
    [
        (("seed",), "seed"),
        (("multipage_p1", "multipage_p2", "multipage_p3"), "multipage_p1"),
        (("latin1_header_outside_gbk", "latin1_header_outside_gbk_p2"),
         "latin1_header_outside_gbk"),
        (("view_php_twin",), "view_php_twin"),
    ],
)
def test_fields_equal_the_truth(page, cases, truth):
    _, fields, _ = read(page, *cases)
    want = expected(truth)
    for name in ("aid", "channel", "title", "published_at", "source", "author", "editor",
                 "original_title", "summary", "body", "images", "pages"):
        assert fields[name] == want[name], name


def test_seed_page(page):
    (first,), fields, removed = read(page, "seed")
    assert first.title == "京津冀产业协同发展看点多"
    assert first.channel == "财经"
    assert first.published_at == "2023-06-02T09:59:00+08:00"
    assert first.summary.endswith("图为工人在秦")
    assert first.page_urls == {}
    assert fields["body"].startswith("【直报网北京6月2日讯】")
    assert fields["body"].endswith("利益分享机制。")
    assert "新华社记者 杨世尧摄" in fields["body"].split("\n")
    assert fields["images"][0]["caption"] == "新华社记者 杨世尧摄"
    assert fields["editor"] == "小美"
    assert removed["editor_line"] == 1
    assert removed["original_title_line"] == 1
    assert removed["disclaimer_line"] == 1
    assert removed["promotion_line"] == 1
    assert removed["chrome_image"] == 1  # the QR code


def test_multipage_links_and_merge(page):
    pages, fields, _ = read(page, "multipage_p1", "multipage_p2", "multipage_p3")
    assert sorted(pages[0].page_urls) == [2, 3]
    assert pages[0].page_urls[2].endswith("/qiye/2021/0217/116027_2.html")
    assert sorted(pages[2].page_urls) == [1, 2]
    assert fields["pages"] == 3
    # Each page's lines appear in page order.
    texts = ["\n".join(line.text for line in p.lines if line.kind == "text") for p in pages]
    assert fields["body"].index(texts[1].split("\n")[0]) < fields["body"].index(texts[2].split("\n")[0])


def test_a_lying_latin1_header_does_not_garble(page):
    response = page("article/latin1_header_outside_gbk")
    assert response.headers[b"Content-Type"].endswith(b"ISO-8859-1")
    _, fields, _ = read(page, "latin1_header_outside_gbk", "latin1_header_outside_gbk_p2")
    assert fields["title"].startswith("\U00020bb7")  # 𠮷, outside GBK, sent as &#134071;
    text = fields["title"] + fields["body"]
    assert "\ufffd" not in text and "Ã" not in text and "Ö" not in text


def test_twin_page_knows_its_aid(page):
    (first,), _, _ = read(page, "view_php_twin")
    assert first.aid == 116036
    assert first.url.endswith("/plus/view.php?aid=116036")


@pytest.mark.parametrize("case", ["seed", "multipage_p1", "multipage_p2", "multipage_p3",
                                  "latin1_header_outside_gbk", "latin1_header_outside_gbk_p2",
                                  "view_php_twin"])
def test_invariants(page, case):
    (one,), fields, _ = read(page, case)
    assert fields["body"]
    for chrome in CHROME:
        assert chrome not in fields["body"], chrome
        assert chrome not in fields["body_html"], chrome
    assert all(image["url"].startswith("http://") for image in fields["images"])
    assert "<script" not in fields["body_html"] and "onclick" not in fields["body_html"]
    assert one.published_at is None or one.published_at.endswith("+08:00")
