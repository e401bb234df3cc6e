import pytest

from portalcrawler.cleaning import (
    choose_encoding,
    clean_line,
    clean_value,
    content_hash,
    parse_datetime,
    parse_info_line,
)

PLACEHOLDERS = {"未知", "佚名"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("　　【直报网北京6月2日讯】 正文 ", "【直报网北京6月2日讯】 正文"),
        ("\xa0\xa0第一句\n  第二句\t", "第一句 第二句"),
        ("\u3000", ""),
    ],
)
def test_clean_line(text, expected):
    assert clean_line(text) == expected


def test_clean_value_treats_placeholders_as_absent():
    assert clean_value(" 未知 ", PLACEHOLDERS) is None
    assert clean_value("", PLACEHOLDERS) is None
    assert clean_value(" 新华网 ", PLACEHOLDERS) == "新华网"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2023-06-02 09:59", "2023-06-02T09:59:00+08:00"),
        ("发布时间：2022-03-01 10:20:33", "2022-03-01T10:20:33+08:00"),
        ("2023年06月02日 09:59", "2023-06-02T09:59:00+08:00"),
        ("2021/4/16 8:05", "2021-04-16T08:05:00+08:00"),
        ("2021-04-16", "2021-04-16T00:00:00+08:00"),
        ("2021-13-16 10:00", None),
        ("no date", None),
    ],
)
def test_parse_datetime(text, expected):
    assert parse_datetime(text) == expected


@pytest.mark.parametrize(
    ("line", "published", "source", "author"),
    [
        (
            "时间:2023-06-02 09:59来源:人民网-人民日报海外版 作者:人民网-人民日报 点击:",
            "2023-06-02T09:59:00+08:00", "人民网-人民日报海外版", "人民网-人民日报",
        ),
        ("时间：2023-06-02 09:59 来源：新华网 作者：张三 点击：12次",
         "2023-06-02T09:59:00+08:00", "新华网", "张三"),
        ("发布时间：2022-03-01 10:20:33\xa0\xa0来源：中国经济网", "2022-03-01T10:20:33+08:00",
         "中国经济网", None),
        ("时间:2021-01-05 08:00 作者:李四 点击:", "2021-01-05T08:00:00+08:00", None, "李四"),
        ("时间:2021-01-05 08:00来源:未知 作者:佚名 点击:", "2021-01-05T08:00:00+08:00",
         None, None),
        ("", None, None, None),
    ],
)
def test_parse_info_line(line, published, source, author):
    fields = parse_info_line(line, PLACEHOLDERS)
    assert fields == {"published_at": published, "source": source, "author": author,
                      "editor": None}


def test_content_hash_ignores_whitespace_only():
    assert content_hash("第一段\n第二段") == content_hash("第一段 \n\n 第二段")
    assert content_hash("第一段") != content_hash("第二段")


GBK_PAGE = (
    '<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312" />'
    "</head><body>京津冀 喆 镕</body></html>"
).encode("gbk")


def test_header_latin1_loses_to_meta():
    # Every byte is valid Latin-1, so Scrapy's choice would decode without error.
    assert choose_encoding("ISO-8859-1", GBK_PAGE) == "gb18030"
    assert "喆" in GBK_PAGE.decode(choose_encoding("ISO-8859-1", GBK_PAGE))


def test_meta_used_without_header_charset():
    assert choose_encoding(None, GBK_PAGE) == "gb18030"


def test_utf8_bytes_beat_a_stale_gb2312_meta():
    page = GBK_PAGE.decode("gbk").encode("utf-8")
    assert choose_encoding(None, page) == "utf-8"


def test_a_real_header_charset_that_fits_is_kept():
    assert choose_encoding("gbk", GBK_PAGE) is None


def test_a_wrong_meta_falls_back_to_gb18030():
    page = GBK_PAGE.replace(b"charset=gb2312", b"charset=utf-8")
    assert choose_encoding(None, page) == "gb18030"


def test_no_declaration_at_all_reads_gbk():
    page = "<html><body>京津冀产业协同 喆</body></html>".encode("gbk")
    assert choose_encoding(None, page) == "gb18030"


@pytest.mark.parametrize(
    ("line", "field", "value"),
    [
        ('<span class="time">2023-06-02 09:59</span> 来源：人民网', "published_at",
         "2023-06-02T09:59:00+08:00"),
        ("作者：张三 编辑：小美 点击：", "author", "张三"),
        ("作者：张三 编辑：小美 点击：", "editor", "小美"),
        ("来源：人民网 责任编辑：小美", "source", "人民网"),
        ("作者：张三 点击数：12", "author", "张三"),
        ("作者：张三 【字体：大 中 小】", "author", "张三"),
        ("文章来源：人民网 发布者：admin", "source", "人民网"),
    ],
)
def test_info_line_variants(line, field, value):
    assert parse_info_line(line, PLACEHOLDERS)[field] == value


def test_utf8_with_one_broken_character_is_still_utf8():
    text = "直销企业持续加大研发投入，累计获得专利多项。" * 10
    page = ("<html><head><meta charset=gb2312></head><body><p>" + text + "</p><p>").encode("utf-8")
    page += "截断".encode()[:4] + b"</p></body></html>"  # a character cut in half
    assert choose_encoding("ISO-8859-1", page) == "utf-8"
    # GBK is not mistaken for slightly broken UTF-8.
    assert choose_encoding(None, GBK_PAGE) == "gb18030"
    gbk_long = ("<meta charset=gb2312>" + text).encode("gbk")
    assert choose_encoding(None, gbk_long) == "gb18030"
