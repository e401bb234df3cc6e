"""The profile's body rules as a table: HTML body in, article lines and fields out."""

import pytest
from lxml.html import fromstring

from portalcrawler.pages.article import images_with_captions, split_body
from portalcrawler.pages.blocks import to_lines
from portalcrawler.profile import CHNDSNEWS

RULES = CHNDSNEWS.rules
TEXT = "<p>　　工信部有关负责人表示，推动京津冀产业协同发展的主要目标已经明确。</p>"
LINE = "工信部有关负责人表示，推动京津冀产业协同发展的主要目标已经明确。"


def split(html):
    return split_body(to_lines(fromstring(f"<div>{html}</div>")), RULES)


def body(parts):
    return [line.text for line in parts.lines if line.kind == "text"]


@pytest.mark.parametrize(
    ("html", "editor"),
    [
        ("<p>责编:小美</p>", "小美"),
        ("<p>（责任编辑：赵六）</p>", "赵六"),
        ("<p><strong>责任编辑:李四</strong></p>", "李四"),
        ("<p>[责任编辑:王五]</p>", "王五"),
        ("<p>责任编辑 小美</p>", "小美"),
        ("<p>责任编辑：小美　　校对：王五</p>", "小美"),
    ],
)
def test_editor_lines_become_the_editor(html, editor):
    parts = split(TEXT + html)
    assert parts.editor == editor
    assert body(parts) == [LINE]


def test_editor_at_the_end_of_the_last_paragraph():
    parts = split("<p>　　工信部有关负责人表示，目标已经明确。（责任编辑：王五）</p>")
    assert parts.editor == "王五"
    assert body(parts) == ["工信部有关负责人表示，目标已经明确。"]


def test_editor_after_a_line_break():
    parts = split("<p>　　工信部有关负责人表示，目标已经明确。<br/>责任编辑:李四</p>")
    assert (parts.editor, body(parts)) == ("李四", ["工信部有关负责人表示，目标已经明确。"])


@pytest.mark.parametrize(
    "html",
    [
        "<p>(原标题:京津冀产业协同发展看点多)</p>",
        "<p>（原标题：京津冀产业协同发展看点多）</p>",
        "<p>原标题：京津冀产业协同发展看点多</p>",
        "<p>【原标题：京津冀产业协同发展看点多】</p>",
    ],
)
def test_original_title_notes(html):
    parts = split(TEXT + html)
    assert parts.original_title == "京津冀产业协同发展看点多"
    assert body(parts) == [LINE]


@pytest.mark.parametrize(
    "html",
    [
        "<p>【特别声明:部分文字及图片来源于网络,仅供学习和交流使用。】</p>",
        "<p>【特别声明】部分文字及图片来源于网络，仅供学习和交流使用。</p>",
        "<p>声明：本文转载自网络，版权归原作者所有，如有侵权请联系删除。</p>",
        "<p><strong>免责声明：</strong></p><p>本文仅代表作者个人观点，与本网无关。</p>",
        "<p>本文来源于网络，如有侵权，请联系删除。</p>",
        "<p>解读新闻热点、呈现敏感事件、更多独家分析,尽在以下微信公号,扫描二维码免费阅读。</p>"
        "<p><img src='/uploads/allimg/qrcode.jpg'/></p>",
        "<p><img src='/uploads/allimg/230602/1-230602100Z0.jpg'/></p><p>扫描上方二维码，关注直报网官方微信</p>",
        "<p>相关阅读：</p><p><a href='/a/1.html'>直销企业加码研发</a></p><p><a href='/a/2.html'>行业规范发展</a></p>",
    ],
)
def test_boilerplate_goes_and_article_stays(html):
    parts = split(TEXT + html)
    assert body(parts) == [LINE]
    assert [line for line in parts.lines if line.kind == "image"] == []


def test_a_long_article_line_about_qr_codes_is_kept():
    line = ("近年来，移动支付快速普及，消费者只需扫描二维码即可完成付款，"
            "这一变化深刻影响了直销企业的线下服务网络与经销商的日常经营方式。")
    assert body(split(f"<p>{line}</p>")) == [line]


@pytest.mark.parametrize(
    ("html", "caption"),
    [
        ("<p><img src='/a.jpg'/></p><p>新华社记者 杨世尧摄</p>", "新华社记者 杨世尧摄"),
        ("<p><img src='/a.jpg'/></p><p>图为工人在生产车间忙碌。</p>", "图为工人在生产车间忙碌。"),
        ("<p align='center'><img src='/a.jpg'/></p><p align='center'>安利（中国）董事长出席活动</p>",
         "安利（中国）董事长出席活动"),
        ("<p><img src='/a.jpg'/></p>" + TEXT, None),
    ],
)
def test_image_captions(html, caption):
    parts = split(html)
    assert images_with_captions(parts.lines, RULES) == [{"url": "/a.jpg", "caption": caption}]


def test_a_sentence_that_opens_with_a_statement_is_article_text():
    lines = ["声明称，公司从未授权任何个人以公司名义开展招商活动，并将依法追究相关责任。",
             "业内人士认为，此举有助于规范市场秩序。"]
    parts = split("".join(f"<p>{line}</p>" for line in lines))
    assert body(parts) == lines
