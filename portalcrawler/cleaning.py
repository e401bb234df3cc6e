"""Small pure clean-up functions for text, dates, info lines and encodings."""

from __future__ import annotations

import codecs
import hashlib
import re
from collections.abc import Iterable

from w3lib.encoding import html_body_declared_encoding, resolve_encoding

_SPACE_RUN = re.compile(r"[ \t\r\n\f\v\xa0\u2002\u2003\u2009\u200b\u3000\ufeff]+")
# Edges of a line: ASCII and full-width spaces, nbsp, zero-width spaces.
_EDGE = " \t\r\n\f\v\xa0\u3000\u2002\u2003\u2009\u200b\ufeff"


def clean_line(text: str) -> str:
    """Collapse runs of whitespace to one space and strip the line's edges, including
    the full-width indent (　　) that Chinese paragraphs open with."""
    return _SPACE_RUN.sub(" ", text).strip(_EDGE)


def clean_value(text: str | None, placeholders: Iterable[str] = ()) -> str | None:
    """Clean a short field; None when it is empty or a placeholder such as 未知."""
    if text is None:
        return None
    value = clean_line(text)
    if not value or value in placeholders:
        return None
    return value


_DATETIME = re.compile(
    r"(?P<y>\d{4})\s*[-/.年]\s*(?P<m>\d{1,2})\s*[-/.月]\s*(?P<d>\d{1,2})\s*日?"
    r"(?:\s*(?P<H>\d{1,2})\s*[:：时]\s*(?P<M>\d{1,2})(?:\s*[:：分]\s*(?P<S>\d{1,2}))?)?"
)


def parse_datetime(text: str, tz: str = "+08:00") -> str | None:
    """Find the first date (and time) in `text`; return ISO 8601 with `tz`, or None.

    Accepts 2023-06-02 09:59, 2023/6/2 9:59:33, 2023年06月02日 09:59 and a bare date
    (midnight). An impossible date gives None rather than a guess.
    """
    match = _DATETIME.search(text)
    if not match:
        return None
    y, m, d = int(match["y"]), int(match["m"]), int(match["d"])
    hh, mm, ss = (int(match[g]) if match[g] else 0 for g in ("H", "M", "S"))
    if not (1 <= m <= 12 and 1 <= d <= 31 and hh < 24 and mm < 60 and ss < 60):
        return None
    return f"{y:04d}-{m:02d}-{d:02d}T{hh:02d}:{mm:02d}:{ss:02d}{tz}"


# Labels of the DedeCMS info line. "other" labels only end the field before them.
_INFO_LABELS = {
    "time": ("发布时间", "更新时间", "时间", "日期", "发表时间"),
    "source": ("文章来源", "信息来源", "来源", "稿源", "出处"),
    "author": ("作者", "撰文", "记者"),
    "editor": ("责任编辑", "责编", "编辑"),
    "other": ("点击数", "点击次数", "点击", "浏览次数", "浏览", "阅读数", "阅读量", "阅读",
              "人气", "发布者", "发布人", "录入", "字号", "字体", "评论"),
}
_ANY_LABEL = "|".join(
    sorted((label for labels in _INFO_LABELS.values() for label in labels), key=len, reverse=True)
)
_INFO_FIELD = re.compile(rf"(?P<label>{_ANY_LABEL})\s*[:：]\s*")
# Widgets printed inside the info line: 【字体：大 中 小】, [打印], [关闭].
_INFO_WIDGET = re.compile(r"[【\[][^】\]]{0,20}[】\]]")


def parse_info_line(text: str, placeholders: Iterable[str] = (), tz: str = "+08:00") -> dict:
    """Split an info line such as `时间:2023-06-02 09:59来源:某报 作者:某人 点击:` into
    `published_at`, `source`, `author` and `editor`; an absent or placeholder field is None.
    A date with no label (`<span class="time">2023-06-02</span>`) still counts."""
    text = _INFO_WIDGET.sub(" ", _SPACE_RUN.sub(" ", text))
    found: dict[str, str] = {}
    marks = list(_INFO_FIELD.finditer(text))
    for mark, following in zip(marks, [*marks[1:], None], strict=False):
        end = following.start() if following else len(text)
        label = mark["label"]
        key = next(k for k, labels in _INFO_LABELS.items() if label in labels)
        found.setdefault(key, text[mark.end() : end])
    published = parse_datetime(found["time"], tz) if "time" in found else None
    if published is None:
        published = parse_datetime(text, tz)
    return {
        "published_at": published,
        "source": clean_value(_trim_separators(found.get("source")), placeholders),
        "author": clean_value(_trim_separators(found.get("author")), placeholders),
        "editor": clean_value(_trim_separators(found.get("editor")), placeholders),
    }


def _trim_separators(value: str | None) -> str | None:
    """Drop the separators an info line puts between its fields (spaces, |, commas)."""
    return value.strip(" ,，;；|｜/") if value is not None else None


def content_hash(body: str) -> str:
    """SHA-256 of the body with all whitespace removed, so layout changes do not count."""
    return hashlib.sha256(re.sub(r"\s+", "", body).encode("utf-8")).hexdigest()


# Header charsets that old servers send by default whatever the page is written in.
_DEFAULT_HEADER_CHARSETS = {"iso-8859-1", "latin-1", "latin1", "us-ascii", "ascii",
                            "windows-1252", "cp1252"}


def _decodes(body: bytes, encoding: str) -> bool:
    try:
        codecs.decode(body, encoding)
    except (UnicodeDecodeError, LookupError):
        return False
    return True


def _mostly_utf8(body: bytes) -> bool:
    """Whether the body is UTF-8 save for at most 1% bad sequences among its non-ASCII
    characters (GBK read as UTF-8 is mostly bad sequences)."""
    text = body.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    if not bad:
        return True
    wide = sum(1 for char in text if ord(char) > 127) - bad
    return wide >= 20 and bad <= wide // 100


def choose_encoding(header_charset: str | None, body: bytes) -> str | None:
    """Pick the encoding to read an HTML body with, or None to keep Scrapy's choice.

    Scrapy lets the HTTP header's charset beat the page's <meta>. That is wrong in two
    common cases: an old server adding ISO-8859-1 to every page (GBK turns into silent
    mojibake, since every byte is valid Latin-1), and pages saved as UTF-8 whose <meta>
    still says gb2312. Trust, in order: a header charset that is not a server default
    and decodes the body; UTF-8 when the body is valid UTF-8; the <meta> charset when it
    decodes the body; GB18030 (a superset of GBK and GB2312) when that does.
    """
    header = resolve_encoding(header_charset) if header_charset else None
    trusted = header and header_charset.lower() not in _DEFAULT_HEADER_CHARSETS
    if trusted and _decodes(body, header):
        return None
    # Text in GBK is almost never valid UTF-8, while UTF-8 text often decodes as
    # GB18030 into nonsense: so UTF-8 with non-ASCII bytes wins, even with a stray bad
    # byte or two (a summary cut in the middle of a character).
    if not body.isascii() and _mostly_utf8(body):
        return "utf-8"
    declared = html_body_declared_encoding(body)
    if declared and _decodes(body, declared):
        return declared
    # Declared wrongly or not at all: Chinese portals write GBK when not UTF-8.
    if not body.isascii() and _decodes(body, "gb18030"):
        return "gb18030"
    return declared
