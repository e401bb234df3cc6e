"""Site knowledge: everything portalcrawler knows about one portal, as data.

A portal profile holds the portal's channels, the CSS selectors of each page role, its
URL patterns and the text rules that tell chrome from article. Spiders and page modules
read a profile and hold no site knowledge of their own, so adjusting to a redesign, or
adding a neighbouring portal, means editing data here, not code.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Any


@dataclass(frozen=True)
class Channel:
    """One channel of a portal: its folder (`/caijing/`) and its name as shown (财经)."""

    folder: str
    name: str


@dataclass(frozen=True)
class Selectors:
    """CSS selectors for each page role. Each is tried as given; none may be empty."""

    # Homepage
    nav_links: str = (
        "div.nav a, #navMenu a, ul#navmenu a, ul.nav a, #nav a, div.menu a, ul.menu a, "
        "#menu a, div.navbar a"
    )
    # Listing pages
    listing_items: str = "div.listbox ul li, ul.e2 li, div.list ul li"
    # The entry's article link; failing that, its first link to an article page.
    listing_link: str = "a.title"
    listing_spans: str = "span"
    listing_pagelist: str = (
        "ul.pagelist a, div.pagelist a, div.dede_pages a, div.pages a, div.page a, "
        "ul.pagelist span, div.pagelist span"
    )
    # Article pages
    breadcrumb_links: str = "div.place a, div.position a, div.location a, .crumb a, .weizhi a"
    title: str = "div.title h2, div.title h1, div.viewbox h1, div.viewbox h2, h1.title"
    info: str = "div.info"
    intro: str = "div.intro"
    content: str = "div.content"
    article_pagelist: str = "div.dede_pages ul.pagelist a, ul.pagelist a, div.pages a"


@dataclass(frozen=True)
class LineRule:
    """A whole body line that is boilerplate: what it is, how to know it, and the longest
    line it may be (longer lines are article text that happens to match)."""

    name: str
    pattern: re.Pattern[str]
    max_chars: int | None = None

    def matches(self, line: str) -> bool:
        """Tell whether `line` is this kind of boilerplate."""
        if self.max_chars is not None and len(line) > self.max_chars:
            return False
        return self.pattern.search(line) is not None


@dataclass(frozen=True)
class TextRules:
    """Rules applied to the lines of an article body and to its fields."""

    # Values DedeCMS prints when a field was left empty: they mean "absent".
    placeholders: frozenset[str] = frozenset({"未知", "佚名", "不详", "admin"})
    # Elements inside the body that are never article text.
    body_chrome_selectors: tuple[str, ...] = (
        "script",
        "style",
        "iframe",
        "noscript",
        "object",
        "form",
        "#contentMidPicAD",
        "div.dede_pages",
        "div.newdigg",
        "div.boxoff",
        "div.handle",
        "div.context",
        ".bdsharebuttonbox",
        ".bshare-custom",
        "div.share",
        ".diggbox",
    )
    # A line that is wholly an editor credit; group "name" is the editor.
    editor_line: re.Pattern[str] = re.compile(
        r"^[（(\[【]?\s*(?:责任编辑|责编|编辑)(?:\s*[:：]\s*|\s+)"
        r"(?P<name>[^\s（）()\[\]【】:：]+(?: [^\s（）()\[\]【】:：]+)?)\s*[）)\]】]?"
        r"(?:\s+(?:校对|审核|审校|终审|责任校对|监制)\s*[:：]?\s*\S+)*$"
    )
    # An editor credit at the end of a paragraph of text, after the last sentence.
    editor_suffix: re.Pattern[str] = re.compile(
        r"^(?P<text>.*[。！？!?”」）)])\s*[（(\[【]?\s*(?:责任编辑|责编|编辑)\s*[:：]\s*"
        r"(?P<name>[^（）()。，,\[\]【】\s]{1,20})\s*[）)\]】]?$"
    )
    original_title_line: re.Pattern[str] = re.compile(
        r"^[（(【\[]?\s*原(?:标)?题\s*[:：]\s*(?P<title>.+?)\s*[）)】\]]?$"
    )
    original_title_suffix: re.Pattern[str] = re.compile(
        r"^(?P<text>.*[。！？!?”」])\s*[（(【\[]\s*原(?:标)?题\s*[:：]\s*(?P<title>.+?)\s*[）)】\]]$"
    )
    # A line that opens a block of links to other articles: it and what follows go.
    related_heading: re.Pattern[str] = re.compile(
        r"^[【\[]?\s*(?:相关(?:阅读|新闻|文章|链接|报道)|推荐阅读|延伸阅读|更多阅读)\s*[】\]]?\s*[:：]?$"
    )
    # Whole lines that are site boilerplate wherever they appear in a body.
    chrome_lines: tuple[LineRule, ...] = (
        # 特别声明/免责声明/版权声明…, or a bare 声明 used as a label (声明：, 【声明】);
        # not a sentence that opens with 声明 (声明称，公司…).
        LineRule("disclaimer", re.compile(
            r"^[【\[]?\s*(?:(?:特别|免责|版权|郑重)声明|声明\s*(?:[】\]]|[:：]))"), 400),
        LineRule("disclaimer", re.compile(
            r"如有侵权|侵权.{0,6}删除|不代表本(?:站|网|平台)(?:的)?(?:观点|立场)"), 200),
        # Promotion: only short lines, so that an article about QR payments keeps its text.
        LineRule("promotion", re.compile(
            r"(?:扫描|扫码|扫一扫|长按|识别|关注|订阅|下载|添加|搜索|打开)[^。；]{0,15}"
            r"(?:二维码|微信|公众号|公号|APP|App|app|客户端|专区|抖音|微博)|"
            r"(?:二维码|公众号|公号|微信号|客户端)[^。；]{0,15}(?:扫描|关注|识别|下载|阅读)|"
            r"^扫一扫|相关资讯请关注|敬请(?:关注|锁定)"), 60),
        LineRule("separator", re.compile(r"^[-—_=]{6,}\s*分隔线\s*[-—_=]*$")),
        LineRule("widget", re.compile(
            r"^(?:分享到|上一篇|下一篇|打印本页|关闭窗口|返回顶部)\s*[:：]?"), 80),
        # A row of bracketed buttons: 【打印】【收藏】【关闭】, [字体:大 中 小].
        # (Not a dateline alone on its line: 【直报网北京6月2日讯】 has digits and 讯.)
        LineRule("widget", re.compile(r"^(?:[【\[]\s*[^】\]\d讯]{1,12}\s*[】\]]\s*)+$"), 60),
    )
    # Images that are decoration or promotion, by their src or alt.
    chrome_images: re.Pattern[str] = re.compile(
        r"qrcode|erweima|ewm|二维码|weixin|wechat|微信|/wx[._]|/logo|spacer|blank\.gif",
        re.IGNORECASE,
    )
    # What a "not found" page says, when a server answers it with 200 OK (a soft 404).
    soft_404: re.Pattern[str] = re.compile(
        r"页面不存在|文档不存在|文章不存在|信息不存在|页面没有找到|找不到(?:该|此|您要的)?(?:页面|文章)|"
        r"已被删除|无此(?:文章|信息)|Page Not Found|404 Not Found",
        re.IGNORECASE,
    )
    # A disclaimer heading alone on its line (免责声明：): its text is the next line.
    disclaimer_heading: re.Pattern[str] = re.compile(
        r"^[【\[]?\s*(?:特别|免责|版权|郑重)?声明\s*[】\]]?\s*[:：]?\s*$"
    )
    # Labels a description box may open with.
    summary_label: re.Pattern[str] = re.compile(
        r"^[\[【]?\s*(?:核心提示|摘要|导读|内容提要|提要|导语)\s*[\]】]?\s*[:：]?\s*"
    )
    # A short line right after an image that describes it.
    caption_line: re.Pattern[str] = re.compile(
        r"(?:摄|摄影|供图|资料图|图片来源|图源)[）)]?$|^[（(]?(?:图为|图：|图:|图/|图片)"
    )
    caption_max_chars: int = 80


@dataclass(frozen=True)
class PortalProfile:
    """One portal: identity, channels, URL patterns, selectors and text rules."""

    name: str
    title: str
    base_url: str
    channels: tuple[Channel, ...]
    # Nav entries that are not channels, by their text.
    nav_ignore: frozenset[str] = frozenset()
    selectors: Selectors = field(default_factory=Selectors)
    rules: TextRules = field(default_factory=TextRules)
    # Article page: /{folder}/{YYYY}/{MMDD}/{aid}.html or {aid}_{page}.html
    article_path: re.Pattern[str] = re.compile(
        r"^/(?P<folder>[\w-]+)/(?:[\w-]+/)*(?P<year>\d{4})/(?P<mmdd>\d{4})/"
        r"(?P<aid>\d+)(?:_(?P<page>\d+))?\.html$"
    )
    # The dynamic twin of an article page, and its URL-rewritten form view-{aid}-{page}.html.
    article_twin_path: str = "/plus/view.php"
    article_twin_rewrite: re.Pattern[str] = re.compile(
        r"^/plus/view-(?P<aid>\d+)-(?P<page>\d+)\.html$"
    )
    # Listing pages: the channel folder (with or without its slash), index.html or
    # list_{tid}_{n}.html.
    # Sub-channels nest (/caijing/hongguan/), and DedeCMS's default puts channels under
    # /a/ (/a/caijing/): the folder is the whole path.
    listing_path: re.Pattern[str] = re.compile(
        r"^/(?P<folder>[\w-]+(?:/[\w-]+)*?)"
        r"(?:/(?P<rest>index\.html?|list_(?P<tid>\d+)_(?P<page>\d+)\.html)?)?$"
    )
    listing_twin_path: str = "/plus/list.php"
    # Query parameters that only track where a click came from.
    tracking_params: frozenset[str] = frozenset(
        {"from", "spm", "utm_source", "utm_medium", "utm_campaign", "utm_term",
         "utm_content", "share", "fromid", "sessionid", "phpsessid"}
    )
    timezone: str = "+08:00"

    def channel(self, key: str) -> Channel | None:
        """Find a channel by folder or by name (case-insensitive for folders)."""
        key = key.strip().strip("/")
        for channel in self.channels:
            if key.lower() == channel.folder.lower() or key == channel.name:
                return channel
        return None

    def with_overrides(self, overrides: dict[str, Any]) -> PortalProfile:
        """Return a copy with selectors replaced, e.g. {"content": "div.article"}."""
        return replace(self, selectors=replace(self.selectors, **overrides))

    def with_chrome(self, selectors: list[str], patterns: dict[str, str]) -> PortalProfile:
        """Return a copy whose first two cleaning layers are extended: more template
        selectors, more named line patterns ({"promotion": "关注.*视频号"})."""
        rules = replace(
            self.rules,
            body_chrome_selectors=(*self.rules.body_chrome_selectors, *selectors),
            chrome_lines=(*self.rules.chrome_lines,
                          *(LineRule(name, re.compile(p)) for name, p in patterns.items())),
        )
        return replace(self, rules=rules)


CHNDSNEWS = PortalProfile(
    name="chndsnews",
    title="直销报道网",
    base_url="http://www.chndsnews.com/",
    # The nav of the portal. Only 头条 (/toutiao/) is confirmed by public scrapers;
    # the others are the nav as best known. A channel found in the live nav but not
    # listed here is still crawled and counted as nav/unlisted_channel.
    channels=(
        Channel("toutiao", "头条"),
        Channel("yaowen", "要闻"),
        Channel("qiye", "企业"),
        Channel("renwu", "人物"),
        Channel("pinglun", "评论"),
        Channel("fagui", "法规"),
        Channel("caijing", "财经"),
    ),
    nav_ignore=frozenset(
        {"首页", "网站首页", "关于我们", "联系我们", "诚聘英才", "服务条款", "广告服务",
         "频道合作", "本网内容授权书", "网站地图", "留言", "论坛", "直销论坛"}
    ),
)

PROFILES: dict[str, PortalProfile] = {CHNDSNEWS.name: CHNDSNEWS}
