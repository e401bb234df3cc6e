"""Generate the replica portal's content model: channels, articles, listings and links.

The model is the single source of both the rendered pages (`render.py`) and the truth
(`Site.truth`): each body block knows its HTML ingredients and the lines it contributes,
so the truth never depends on parsing the HTML it produced.
"""

from __future__ import annotations

import random
import re
import threading
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta, timezone
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from portalcrawler.replica.server import Response

CST = timezone(timedelta(hours=8))
SITE_KEY = "chndsnews"
SITE_NAME = "直销报道网"
LIST_PAGE_SIZE = 20
SUMMARY_CHARS = 64  # DedeCMS cuts the description at a fixed length (the seed's is 64)
FIRST_AID = 116000

DISCLAIMER = (
    "【特别声明:部分文字及图片来源于网络,仅供学习和交流使用,不具有任何商业用途,"
    "其目的在于传递更多的信息,并不代表本平台赞同其观点。版权归原作者所有,"
    "如涉版权或来源标注有误,请及时和我们取得联系,我们将迅速处理,谢谢!】"
)
PROMO = "解读新闻热点、呈现敏感事件、更多独家分析,尽在以下微信公号,扫描二维码免费阅读。"
QR_PATH = "/uploads/allimg/qrcode.jpg"


@dataclass(frozen=True)
class Channel:
    """One nav channel: its folder, shown name and DedeCMS typeid."""

    folder: str
    name: str
    tid: int


CHANNELS: tuple[Channel, ...] = (
    Channel("toutiao", "头条", 1),
    Channel("yaowen", "要闻", 2),
    Channel("qiye", "企业", 3),
    Channel("renwu", "人物", 4),
    Channel("pinglun", "评论", 5),
    Channel("fagui", "法规", 6),
    Channel("caijing", "财经", 7),
)
CHANNEL_BY_FOLDER = {c.folder: c for c in CHANNELS}
CHANNEL_BY_TID = {c.tid: c for c in CHANNELS}
CHANNEL_WEIGHTS = (24, 22, 15, 10, 10, 8, 11)  # 头条 and 要闻 carry more

# The channel served by an "old server" whose Content-Type header claims ISO-8859-1.
LATIN1_FOLDER = "pinglun"


@dataclass(frozen=True)
class Run:
    """An inline piece of a paragraph.

    kind: text | strong | a | span | jsa (javascript: link) | br | comment | script.
    Only text, strong, a, span and jsa contribute text; br splits the line.
    """

    kind: str
    text: str = ""
    href: str = ""


@dataclass(frozen=True)
class Image:
    """A content image; `path` is what the truth stores, `absolute` how the src is written."""

    path: str
    absolute: bool
    caption: str | None


@dataclass(frozen=True)
class Block:
    """A block of `div.content`.

    kind: p (runs) | img | script | style | comment | empty (a `<p>&nbsp;</p>`).
    `attrs` is extra attribute text for a p (an onclick, say).
    """

    kind: str
    runs: tuple[Run, ...] = ()
    image: Image | None = None
    raw: str = ""
    attrs: str = ""

    def lines(self) -> list[str]:
        """Return the body lines this block contributes to the truth."""
        if self.kind != "p":
            return []
        lines: list[str] = []
        current: list[str] = []
        for run in self.runs:
            if run.kind == "br":
                lines.append("".join(current))
                current = []
            elif run.kind in ("text", "strong", "a", "span", "jsa"):
                current.append(run.text)
        lines.append("".join(current))
        return [s for s in (line.strip(" \t\r\n\u3000\xa0") for line in lines) if s]


@dataclass
class Article:
    """One article: what the pages show and what the truth stores."""

    aid: int
    channel: Channel
    title: str
    pubdate: datetime
    pages: list[list[Block]]
    summary: str | None
    keywords: str
    source_shown: str | None  # None: the info line has no 来源 field
    source_href: str | None  # set when the source is printed as a link
    author_shown: str | None  # None: the info line has no 作者 field
    editor: str | None
    editor_style: str  # key of render.EDITOR_STYLES
    editor_inline: bool  # after a <br/> at the end of the last paragraph
    original_title: str | None
    original_full_width: bool
    promo: bool
    info_colon: str
    info_label: str  # 时间 or 发布时间 (the latter shows seconds)
    info_sep: str  # " " or "&nbsp;"
    para_style: str  # indent | nbsp | div | br
    named_entities: bool  # write “ ” as &ldquo; &rdquo; in the title
    clicks: int
    fault: bool = False
    cross: Channel | None = None
    cross_kind: str = "static"  # static | from | comment | view
    # Set on a syndicated copy: the earlier article whose story it republishes.
    syndicated_from: Article | None = None
    # Set when the article was edited after publication: when its pages were rewritten.
    modified: datetime | None = None

    @property
    def url(self) -> str:
        """Return the path of page 1."""
        return self.page_path(1)

    def page_path(self, k: int) -> str:
        """Return the static path of page k."""
        day = self.pubdate.strftime("%Y/%m%d")
        suffix = "" if k == 1 else f"_{k}"
        return f"/{self.channel.folder}/{day}/{self.aid}{suffix}.html"

    def view_path(self, k: int = 1) -> str:
        """Return the dynamic twin path of page k."""
        if k == 1:
            return f"/plus/view.php?aid={self.aid}"
        return f"/plus/view.php?aid={self.aid}&pageno={k}"

    @property
    def source(self) -> str | None:
        """Return the truth source: DedeCMS's placeholder 未知 means none."""
        return None if self.source_shown in (None, "未知") else self.source_shown

    @property
    def author(self) -> str | None:
        """Return the truth author: DedeCMS's placeholder 佚名 means none."""
        return None if self.author_shown in (None, "佚名") else self.author_shown

    @property
    def images(self) -> list[Image]:
        """Return the content images in page order."""
        return [b.image for page in self.pages for b in page if b.image is not None]

    @property
    def body_lines(self) -> list[str]:
        """Return the body lines over all pages."""
        return [line for page in self.pages for b in page for line in b.lines()]

    @property
    def last_modified(self) -> datetime:
        """Return when the static pages were last written (Last-Modified, ETag)."""
        return self.modified or self.pubdate

    def truth(self, gone: bool = False) -> dict[str, Any]:
        """Return the dict a perfect crawler stores for this article.

        `gone` marks an article deleted from the portal since a crawler stored it.
        """
        return {
            "url": self.url,
            "aid": self.aid,
            "site": SITE_KEY,
            "channel": self.channel.name,
            "title": self.title,
            "published_at": self.pubdate.isoformat(timespec="seconds"),
            "source": self.source,
            "author": self.author,
            "editor": self.editor,
            "original_title": self.original_title,
            "summary": self.summary,
            "body": "\n".join(self.body_lines),
            "images": [{"url": i.path, "caption": i.caption} for i in self.images],
            "pages": len(self.pages),
            "gone": gone,
        }


@dataclass(frozen=True)
class Link:
    """A link to an article from the homepage, a sidebar or a listing.

    kind: static | view (view.php twin) | from (`?from=` variant) | comment (`#comment`).
    """

    article: Article
    kind: str = "static"
    absolute: bool = False
    from_folder: str = ""

    @property
    def path(self) -> str:
        """Return the link's path and query, fragment included."""
        if self.kind == "view":
            return self.article.view_path()
        if self.kind == "from":
            return f"{self.article.url}?from={self.from_folder}"
        if self.kind == "comment":
            return f"{self.article.url}#comment"
        return self.article.url


@dataclass(frozen=True)
class ListEntry:
    """One item of a channel listing: a live article, a deleted one or an external link."""

    title: str
    date: datetime
    clicks: int
    link: Link | None = None  # live article
    href: str = ""  # deleted (a path answering 404) or external (a full URL)
    preview: str | None = None
    sticky: bool = False
    intro: str = ""


@dataclass(frozen=True)
class Faults:
    """Site-wide faults a test can switch on; none by default."""

    robots_status: int = 200  # e.g. 503: robots.txt unavailable
    nav_hidden: frozenset[str] = frozenset()  # channel folders missing from the nav
    soft_404: bool = False  # "page not found" answered with 200 OK
    strict_retry_after: bool = False  # 503 until the Retry-After time has really passed
    crawl_delay: float | None = None  # a Crawl-delay line in robots.txt


@dataclass
class Site:
    """The whole replica: articles, listings and links, plus the server's hit counters."""

    seed: int
    size: int
    articles: list[Article]
    listings: dict[str, list[ListEntry]]
    home_top: list[Link]
    home_blocks: dict[str, list[Link]]
    recommend: list[Link]
    top_box: list[tuple[Link, str, str]]  # link, cut headline, cut summary
    deleted_paths: list[str]
    generated_at: datetime
    day: int = 1
    # Articles deleted since day 1: still in the truth (gone), no longer served.
    gone: list[Article] = field(default_factory=list)
    # Page-1 paths of the articles new, edited and deleted since the day before.
    changes: dict[str, list[str]] = field(
        default_factory=lambda: {"new": [], "edited": [], "deleted": []}
    )
    # The site as it was the day before: unchanged static article pages stay as written then.
    previous: Site | None = field(default=None, repr=False, compare=False)
    by_aid: dict[int, Article] = field(default_factory=dict)
    faults: Faults = field(default_factory=Faults)
    hits: dict[str, int] = field(default_factory=dict, repr=False, compare=False)
    first_hit: dict[str, float] = field(default_factory=dict, repr=False, compare=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False, compare=False)

    def __post_init__(self) -> None:
        self.by_aid = {a.aid: a for a in self.articles}

    @property
    def channels(self) -> list[dict[str, Any]]:
        """Return the nav channels as dicts with folder, name and tid."""
        return [{"folder": c.folder, "name": c.name, "tid": c.tid} for c in CHANNELS]

    @property
    def truth(self) -> list[dict[str, Any]]:
        """Return one dict per story that a crawler must store, by aid.

        Syndicated copies are left out: the original (earliest) article stands for its story.
        Articles deleted since day 1 stay, with `gone` set: a crawler keeps and marks them.
        """
        gone = {a.aid for a in self.gone}
        stories = sorted(self.articles + self.gone, key=lambda a: a.aid)
        return [a.truth(a.aid in gone) for a in stories if a.syndicated_from is None]

    @property
    def syndicated(self) -> list[tuple[str, str]]:
        """Return (copy page-1 path, original page-1 path) for every syndicated copy, by aid."""
        return [(a.url, a.syndicated_from.url) for a in self.articles if a.syndicated_from]

    @property
    def alias_paths(self) -> list[str]:
        """Return every linked non-canonical path that serves a truth article.

        These are view.php twins linked from the homepage, sidebars and listings
        (with the `&pageno=k` pages their pagelists link to), `?from=` variants and
        the static pages of syndicated copies (they serve a truth article's story).
        """
        paths: set[str] = set()
        for a in self.articles:
            if a.syndicated_from is not None:
                paths.update(a.page_path(k) for k in range(1, len(a.pages) + 1))
        for link in self.all_links():
            if link.kind == "view":
                paths.update(
                    link.article.view_path(k) for k in range(1, len(link.article.pages) + 1)
                )
            elif link.kind == "from":
                paths.add(link.path)
        return sorted(paths)

    @property
    def fault_paths(self) -> set[str]:
        """Return the paths that answer 503 on their first request."""
        return {a.url for a in self.articles if a.fault}

    def all_links(self) -> list[Link]:
        """Return every article link the site prints outside article bodies."""
        links = list(self.home_top) + list(self.recommend) + [t[0] for t in self.top_box]
        for block in self.home_blocks.values():
            links.extend(block)
        for entries in self.listings.values():
            links.extend(e.link for e in entries if e.link is not None)
        return links

    def listing_pages(self, folder: str) -> list[list[ListEntry]]:
        """Return a channel's listing split into pages of LIST_PAGE_SIZE."""
        entries = self.listings[folder]
        return [
            entries[i : i + LIST_PAGE_SIZE] for i in range(0, len(entries), LIST_PAGE_SIZE)
        ] or [[]]

    def page_state(self, article: Article) -> Site:
        """Return the site as it was when the article's static pages were written.

        DedeCMS writes an article's `.html` once, at publication or edit; its sidebar and
        上一篇/下一篇 stay as they were then, so the page keeps its bytes and validators.
        The faults in force are today's.
        """
        prev = self.previous
        if prev is None or prev.by_aid.get(article.aid) is not article:
            return self
        state = prev.page_state(article)
        return state if state.faults == self.faults else replace(state, faults=self.faults)

    def channel_articles(self, channel: Channel) -> list[Article]:
        """Return a channel's own articles, oldest first."""
        return [a for a in self.articles if a.channel == channel]

    def hit(self, path: str) -> int:
        """Count a request for `path` and return how many there have been."""
        with self._lock:
            self.hits[path] = self.hits.get(path, 0) + 1
            return self.hits[path]

    def reset_counters(self) -> None:
        """Forget all requests, so transient faults fire again."""
        with self._lock:
            self.hits.clear()
            self.first_hit.clear()

    def respond(self, method: str, path_qs: str, headers: dict[str, str] | None = None) -> Response:
        """Answer one HTTP request; see `server.respond`."""
        # Imported here because server.py imports this module.
        from portalcrawler.replica.server import respond

        return respond(self, method, path_qs, headers or {})


# --- vocabulary -------------------------------------------------------------------

COMPANIES = (
    "安利（中国）",
    "完美（中国）",
    "无限极",
    "新时代健康",
    "康宝莱",
    "如新",
    "玫琳凯",
    "天狮集团",
    "隆力奇",
    "中脉科技",
    "绿之韵",
    "春芝堂",
    "华莱健",
    "日出东方",
    "三生（中国）",
    "宝健",
    "和治友德",
    "美乐家",
    "尚赫",
    "理想科技",
    "福瑞达",
    "金士力",
    "大自然",
    "嘉康利",
)
CITIES = (
    "北京",
    "上海",
    "广州",
    "深圳",
    "天津",
    "杭州",
    "南京",
    "武汉",
    "成都",
    "长沙",
    "郑州",
    "西安",
    "济南",
    "福州",
    "昆明",
    "珠海",
    "中山",
    "江门",
    "青岛",
    "厦门",
)
PEOPLE = (
    "王建国",
    "李明",
    "张伟",
    "刘洋",
    "陈静",
    "杨帆",
    "赵磊",
    "黄丽",
    "周强",
    "吴敏",
    "徐鹏",
    "孙悦",
    "马超",
    "胡斌",
    "郭涛",
    "林峰",
    "何晓东",
    "罗文",
    "梁红",
    "宋立",
)
# Names whose characters exist in GBK but not in GB2312: a gb2312 decoder breaks on them.
GBK_PEOPLE = (
    "王珺",
    "李喆",
    "张堃",
    "陈昇",
    "刘玥",
    "赵祎",
    "孙旻",
    "朱镕",
    "郭燊",
    "何犇",
    "钱甦",
)
GBK_PLACES = ("昇平镇", "玥湖公园", "燊海产业园", "堃元村", "珺琦路")
# Characters outside GBK: DedeCMS writes them as numeric character references.
NON_GBK_PEOPLE = ("𠮷田一郎", "王㛃", "李㛃")
SOURCES = (
    "人民网",
    "新华网",
    "中国经济网",
    "经济日报",
    "中国新闻网",
    "央视网",
    "证券时报",
    "直销报道网",
    "中国消费者报",
    "21世纪经济报道",
    "南方日报",
    "中国质量报",
)
SOURCE_HOSTS = {
    "人民网": "http://www.people.com.cn/",
    "新华网": "http://www.xinhuanet.com/",
    "中国经济网": "http://www.ce.cn/",
    "央视网": "http://www.cctv.com/",
}
AUTHORS = ("记者 李明", "本网记者", "张伟", "陈静", "周强", "直报网编辑部", "刘洋 吴敏", "黄丽")
EDITORS = ("小美", "王五", "赵六", "李四", "小雅", "张三", "林然")
PRODUCTS = (
    "营养补充剂",
    "美容护肤品",
    "健康食品",
    "净水器",
    "保健茶饮",
    "个人护理用品",
    "功能饮料",
)
EVENTS = (
    "召开年度经销商大会",
    "新工厂正式投产",
    "获评年度社会责任企业",
    "启动乡村振兴公益项目",
    "发布可持续发展报告",
    "举行品牌升级发布会",
    "捐资助学活动走进山区",
    "研发中心落成启用",
    "签约数字化转型合作",
    "开展消费者权益保护宣传周活动",
    "举办健康中国主题论坛",
)
TOPICS = (
    "直销行业规范发展",
    "消费者权益保护",
    "数字化转型",
    "健康产业升级",
    "社会责任担当",
    "科技创新驱动",
    "品牌国际化",
    "合规经营体系",
    "产品质量提升",
    "乡村振兴",
)
SENTENCES = (
    "{co}相关负责人表示，公司将继续坚持规范经营，把{topic}放在更加突出的位置。",
    "据了解，{co}今年在{city}投入{num}亿元用于{product}的研发与生产。",
    "{year}年，{co}实现销售额同比增长{pct}%，其中{product}贡献显著。",
    "业内人士认为，{topic}是直销企业实现高质量发展的必由之路。",
    "{person}在接受采访时指出，企业要在{topic}上下足功夫，才能赢得消费者的信任。",
    "活动现场，来自{city}等地的{num}余名经销商代表参加了交流。",
    "数据显示，截至{year}年底，{co}在全国已建成服务网点{num}0余个。",
    "{co}还与{co2}就{topic}达成合作意向，双方将在{city}共建示范基地。",
    "市场监管部门提醒消费者，购买{product}时应认准正规渠道，谨防虚假宣传。",
    "据介绍，该项目总投资约{num}亿元，预计{year}年全面建成投产。",
    "{person}表示，{topic}不是一句口号，而是要落实到每一个环节。",
    "近年来，{co}持续加大研发投入，累计获得专利{num}项。",
    "与会专家围绕{topic}展开深入研讨，并提出了多项建设性意见。",
    "{co}方面透露，下一步将在{city}设立区域服务中心，进一步完善服务体系。",
    "记者注意到，{product}已成为不少直销企业新的增长点。",
    "{year}年以来，{city}市场监管局共开展直销企业专项检查{num}次。",
    "{co}负责人{person}介绍，公司已连续{num}年开展志愿服务活动。",
    "业内普遍认为，行业正从规模扩张转向质量提升的新阶段。",
    "该负责人同时强调，任何以拉人头、收取入门费为特征的行为都涉嫌传销，必须坚决抵制。",
    "在{topic}方面，{co}建立了覆盖研发、生产、销售的全链条管理制度。",
)
SUBHEADS = (
    "一、坚持规范经营",
    "二、强化科技创新",
    "三、履行社会责任",
    "四、深耕健康产业",
    "服务体系再升级",
    "数字化赋能发展",
    "专家观点",
)
TITLES = (
    "{co}{event}",
    "{co}：以{topic}助力高质量发展",
    "{city}：{topic}工作取得新进展",
    "{co}{year}年业绩发布 {product}增长亮眼",
    "聚焦{topic} {co}在{city}{event}",
    "{person}：{topic}要久久为功",
    "{year}年直销行业{topic}观察",
    "{co}与{co2}签署战略合作协议",
)
# Titles that carry characters DedeCMS writes as entities: &amp; &quot; &ldquo;.
ENTITY_TITLES = (
    "{co}举办R&D开放日 共话{topic}",
    '{co}启动"健康中国"公益行',
    "{co}“{topic}”项目落地{city}",
    "Q&A：{topic}的五个关键问题",
)
CAPTIONS = ("新华社记者 {person}摄", "（图片来源：{source}）", "图为{co}{event}现场。")

# --- the seed article and the three headline boxes, copied from the portal's page ----

SEED_AID = 116352
SEED_TITLE = "京津冀产业协同发展看点多"
SEED_DATELINE = "【直报网北京6月2日讯】"
SEED_LINES = (
    "(人民网-人民日报海外版)河北省秦皇岛市海港区通过搭建产业创新扶持平台、加强精准服务等措施,"
    "培育“专精特新”中小企业,助力京津冀产业协同发展。图为工人在秦皇岛市海港区一家汽车电路企业的生产车间忙碌。",
    "新华社记者 杨世尧摄",
    "产业协同发展是京津冀协同发展战略三个率先突破领域之一,对疏解北京非首都功能、推动区域高质量发展具有重要意义。"
    "近日,工业和信息化部会同国家发展改革委、科技部等有关部门以及京津冀三地政府共同编制了《京津冀产业协同发展实施方案》。",
    "据介绍,京津冀产业协同发展已取得积极进展。2022年,京津冀地区工业增加值实现25114.4亿元,是2013年的1.5倍,"
    "年均增长4.5%,占全国比重为6.3%。三地强化优质企业培育,筑牢工业稳增长压舱石。截至2022年底,"
    "京津冀地区共有规模以上工业企业25160家,比2013年增加了15.8%;累计培育国家级专精特新“小巨人”企业1100多家、"
    "“专精特新”中小企业7000多家,占全国比重分别达到12%和9%。",
    "产业结构持续优化。北京高精尖产业快速发展,科技创新中心建设高位推进。2014年以来北京全市累计退出一般制造和污染企业近3000家。"
    "天津构建以智能科技产业为引领的现代化产业体系,加快建设全国先进制造研发基地,国家级企业技术中心累计达到77家,"
    "位列全国主要城市第三。河北产业转型升级试验区建设取得重大成效,制造业单位数区域占比由协同前的54.6%提升至2021年的79.3%。",
    "工信部有关负责人表示,推动京津冀产业协同发展的主要目标是,到2025年,京津冀产业分工定位更加清晰,"
    "产业链创新链深度融合,综合实力迈上新台阶,协同创新实现新突破,现代化产业体系不断完善,"
    "培育形成一批竞争力强的先进制造业集群和优势产业链,对京津冀高质量发展的支撑作用更加凸显。",
    "围绕上述目标,未来将加快推动优化区域产业分工和生产力布局、提升产业基础高级化和产业链现代化水平、"
    "增强区域产业创新体系整体效能、协同打造数字经济新优势、培育壮大优质企业群体等。",
    "提升产业基础高级化和产业链现代化水平。包括深化产业链区域协作,协同培育新能源汽车和智能网联汽车、生物医药、氢能、"
    "工业互联网、高端工业母机、机器人等6条重点产业链。建立重点产业链供应链关键环节监测和协同保障机制,增强产业链供应链韧性和竞争力。",
    "增强区域产业创新体系整体效能。瞄准人工智能、集成电路、生命科学、空天科技等前沿领域,强化京津冀关键核心技术攻关,"
    "着力攻克一批产业链共性技术和关键核心技术。推动开放型创新载体建设,加强重点实验室等平台建设,"
    "打造产学研结合的跨京津冀科技创新生态,联合实施一批科技重大项目。",
    "工信部负责人表示,将持续推进京津冀深化改革创新,推进资质互认、信息互通,加快政务服务一体化,"
    "打造市场化法治化国际化营商环境,切实保护好中小企业合法权益。在京津冀地区探索实行产业协同链长负责制,"
    "协同开展产业链强链补链畅链工作。探索建立跨区域重大项目、园区共建的协同招商、落地实施、利益分享机制。",
)
SEED_SUMMARY = (
    "河北省秦皇岛市海港区通过搭建产业创新扶持平台、加强精准服务等措施,培育“专精特新”中小企业,"
    "助力京津冀产业协同发展。图为工人在秦"
)
SEED_IMAGE = "/uploads/allimg/230602/1-230602095Z0.jpg"

# The headline boxes printed on top of every article page: (full title, headline as cut,
# summary as cut, the article's first paragraph, date).
TOP_BOX = (
    (
        "安利|张思维:焕发自我，做更好的自己",
        "安利|张思维:焕发自我",
        "最近大热的《灌篮高手》,铭刻了几代人的青春回忆。多个年龄段的人都纷纷冲进电影",
        "最近大热的《灌篮高手》,铭刻了几代人的青春回忆。多个年龄段的人都纷纷冲进电影院，"
        "在熟悉的旋律里重温少年时代的热血与梦想。",
        datetime(2023, 5, 19, 10, 30, tzinfo=CST),
    ),
    (
        "完美(中国)古润金:对标新要求 展现新作为",
        "完美(中国)古润金:对",
        "编者按:2023年是全面贯彻党的二十大精神的开局之年,也是实施“十四五”规划承上启",
        "编者按:2023年是全面贯彻党的二十大精神的开局之年,也是实施“十四五”规划承上启下的关键之年。"
        "直报网特别推出系列访谈，听企业家谈发展。",
        datetime(2023, 5, 24, 15, 8, tzinfo=CST),
    ),
    (
        "无限极李惠森:一群人可以走得更远",
        "无限极李惠森:一群人可",
        "今年是无限极创业的第31个年头,一路走来,我有很多的感悟和收获,而其中,我体会",
        "今年是无限极创业的第31个年头,一路走来,我有很多的感悟和收获,而其中,我体会最深的，"
        "是一群人可以走得更远。",
        datetime(2023, 5, 29, 9, 12, tzinfo=CST),
    ),
)


# --- generation -------------------------------------------------------------------


class _Gen:
    """Hold the random source and produce articles; every draw goes through self.rng."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.titles: set[str] = {SEED_TITLE, *(t[0] for t in TOP_BOX)}

    def pick(self, seq: tuple[str, ...] | list[str]) -> str:
        """Return one element of seq."""
        return seq[self.rng.randrange(len(seq))]

    def slots(self, names: str) -> dict[str, str]:
        """Return values for template slots; `names` says which name pool to use."""
        co = self.pick(COMPANIES)
        co2 = self.pick([c for c in COMPANIES if c != co])
        if names == "nongbk" and self.rng.random() < 0.6:
            person = self.pick(NON_GBK_PEOPLE)
        elif names in ("gbk", "nongbk") and self.rng.random() < 0.5:
            person = self.pick(GBK_PEOPLE)
        else:
            person = self.pick(PEOPLE)
        city = self.pick(CITIES)
        if names == "gbk" and self.rng.random() < 0.3:
            city = city + self.pick(GBK_PLACES)
        return {
            "co": co,
            "co2": co2,
            "person": person,
            "city": city,
            "topic": self.pick(TOPICS),
            "product": self.pick(PRODUCTS),
            "event": self.pick(EVENTS),
            "num": str(self.rng.randint(2, 98)),
            "pct": f"{self.rng.randint(3, 40)}.{self.rng.randint(0, 9)}",
            "year": str(self.rng.choice((2020, 2021, 2022, 2023))),
            "source": self.pick(SOURCES),
        }

    def sentence_text(self, names: str) -> str:
        """Return one filled sentence."""
        return self.pick(SENTENCES).format(**self.slots(names))

    def paragraph_runs(self, names: str, markup: dict[str, bool]) -> list[Run]:
        """Return the runs of one body paragraph, with inline markup when allowed."""
        runs: list[Run] = []
        for _ in range(self.rng.randint(2, 4)):
            text = self.sentence_text(names)
            r = self.rng.random()
            if markup["strong"] and r < 0.12:
                runs.append(Run("strong", text))
            elif markup["a"] and r < 0.22:
                # Link the leading words of the sentence, as editors link company names.
                cut = self.rng.randint(2, 5)
                runs += [
                    Run("a", text[:cut], f"/{self.pick([c.folder for c in CHANNELS])}/"),
                    Run("text", text[cut:]),
                ]
            elif markup["span"] and r < 0.3:
                runs.append(Run("span", text))
            elif markup["jsa"] and r < 0.36:
                runs += [Run("jsa", text[:4]), Run("text", text[4:])]
            elif markup["comment"] and r < 0.4:
                runs += [Run("text", text), Run("comment", " 编辑修改 ")]
            elif markup["script"] and r < 0.45:
                # An ad script pasted mid-paragraph: its document.write text is not body.
                ad = "document.write('<a href=\"/plus/ad_js.php?aid=7\">点击咨询</a>');"
                runs += [Run("text", text), Run("script", ad)]
            else:
                runs.append(Run("text", text))
        return _merge_text(runs)

    def article(
        self,
        aid: int,
        channel: Channel,
        pubdate: datetime,
        show_seconds: bool,
        flags: dict[str, Any],
    ) -> Article:
        """Return a generated article with its variants drawn from self.rng."""
        rng = self.rng
        names = flags["names"]
        # Titles are unique over the site, so that only real duplicates look alike.
        for _ in range(50):
            s = self.slots(names)
            s["year"] = str(pubdate.year - rng.randint(0, 1))
            if flags["entities"]:
                title = self.pick(ENTITY_TITLES).format(**s)
            else:
                title = self.pick(TITLES).format(**s)
            if names != "plain" and rng.random() < 0.5:
                # Put the unusual name in the title too.
                title = (
                    f"{s['person']}：{s['topic']}要久久为功"
                    if rng.random() < 0.5
                    else f"{title}（{s['person']}）"
                )
            if title not in self.titles:
                break
        self.titles.add(title)
        markup = {
            k: rng.random() < p
            for k, p in (
                ("strong", 0.3),
                ("a", 0.25),
                ("span", 0.1),
                ("jsa", 0.05),
                ("comment", 0.15),
                ("script", 0.04),
            )
        }
        n_pages = rng.randint(2, 4) if flags["multipage"] else 1
        n_paras = rng.randint(4, 9) * n_pages if n_pages == 1 else rng.randint(4, 6) * n_pages
        paras = [self.paragraph_runs(names, markup) for _ in range(n_paras)]
        if names != "plain":
            # Make sure the article really carries such a name in its body.
            paras[0].append(Run("text", f"{s['person']}说，{s['topic']}需要久久为功。"))
            paras[0] = _merge_text(paras[0])
        # The dateline opens the first paragraph; the summary leaves it out.
        summary_text = "".join(
            r.text for r in paras[0] if r.kind in ("text", "strong", "a", "span", "jsa")
        )
        r = rng.random()
        if r < 0.5:
            paras[0].insert(
                0, Run("text", f"【直报网{self.pick(CITIES)}{pubdate.month}月{pubdate.day}日讯】")
            )
        elif r < 0.65:
            paras[0].insert(0, Run("text", "（直报网讯）"))
        paras[0] = _merge_text(paras[0])
        para_style = rng.choices(("indent", "nbsp", "div", "br"), (60, 20, 10, 10))[0]
        units: list[list[Block]] = [[Block("p", tuple(p))] for p in paras]
        if para_style != "br" and rng.random() < 0.2 and n_paras >= 5:
            # Subheads as strong-only paragraphs.
            for pos in sorted(rng.sample(range(2, n_paras), min(2, n_paras - 2)), reverse=True):
                units.insert(pos, [Block("p", (Run("strong", self.pick(SUBHEADS)),))])
        if para_style == "br":
            units = _group_with_br(units, rng)
        # Images: after a paragraph (never at the very end), caption paragraph half the time.
        if flags["images"]:
            day = pubdate.strftime("%y%m%d")
            stamp = pubdate.strftime("%y%m%d%H%M")[:-1]
            positions = sorted(
                rng.sample(range(1, len(units)), min(rng.randint(1, 2), len(units) - 1)),
                reverse=True,
            )
            for idx, pos in enumerate(positions):
                letter = self.pick(tuple("ABCDEFGHJKLMNPQRSTUVWXYZ"))
                path = f"/uploads/allimg/{day}/1-{stamp}{letter}{idx}.jpg"
                caption = (
                    self.pick(CAPTIONS).format(**self.slots(names)) if rng.random() < 0.5 else None
                )
                unit = [Block("img", image=Image(path, rng.random() < 0.3, caption))]
                if caption:
                    unit.append(Block("p", (Run("text", caption),)))
                units.insert(pos, unit)
        # Noise that contributes no text.
        noise: list[Block] = []
        if rng.random() < 0.25:
            noise.append(Block("empty"))
        if rng.random() < 0.15:
            noise.append(Block("comment", raw=f" 正文第{rng.randint(2, 5)}段 "))
        if rng.random() < 0.06:
            noise.append(
                Block(
                    "script",
                    raw="document.write('<a href=\"/plus/ad_js.php?aid=3\">广告位招租</a>');",
                )
            )
        if rng.random() < 0.05:
            noise.append(Block("style", raw=".content p{line-height:2em;text-indent:2em}"))
        for block in noise:
            units.insert(rng.randrange(1, len(units)), [block])
        if rng.random() < 0.05:
            # A paragraph with an onclick handler (pasted from another CMS).
            for unit in units:
                if unit[0].kind == "p":
                    unit[0] = Block(
                        "p", unit[0].runs, attrs=" onclick=\"window.open('/plus/count.php')\""
                    )
                    break
        pages = _split_pages(units, n_pages)
        # Info line variants.
        r = rng.random()
        if r < 0.08:
            source_shown, source_href = None, None
        elif r < 0.16:
            source_shown, source_href = "未知", None
        elif r < 0.3:
            source_shown = self.pick(tuple(SOURCE_HOSTS))
            source_href = SOURCE_HOSTS[source_shown]
        else:
            source_shown, source_href = self.pick(SOURCES), None
        r = rng.random()
        if r < 0.15:
            author_shown = None
        elif r < 0.3:
            author_shown = "佚名"
        elif names != "plain" and r < 0.6:
            author_shown = f"记者 {s['person']}"
        else:
            author_shown = self.pick(AUTHORS)
        editor = self.pick(EDITORS) if rng.random() < 0.85 else None
        editor_style = rng.choice(("short", "long", "paren", "strong"))
        editor_inline = editor is not None and para_style != "br" and rng.random() < 0.2
        original = None
        if rng.random() < 0.35:
            original = (
                title if rng.random() < 0.5 else self.pick(TITLES).format(**self.slots("plain"))
            )
        summary = None if rng.random() < 0.1 else summary_text[:SUMMARY_CHARS]
        return Article(
            aid=aid,
            channel=channel,
            title=title,
            pubdate=pubdate,
            pages=pages,
            summary=summary,
            keywords=f"{s['co'].split('（')[0]},{s['topic']}",
            source_shown=source_shown,
            source_href=source_href,
            author_shown=author_shown,
            editor=editor,
            editor_style=editor_style,
            editor_inline=editor_inline,
            original_title=original,
            original_full_width=rng.random() < 0.5,
            promo=rng.random() < 0.8,
            info_colon="：" if show_seconds or rng.random() < 0.15 else ":",
            info_label="发布时间" if show_seconds else "时间",
            info_sep="&nbsp;" if rng.random() < 0.2 else " ",
            para_style=para_style,
            named_entities=flags["entities"] and rng.random() < 0.7,
            clicks=rng.randint(20, 9000),
        )


def _merge_text(runs: list[Run]) -> list[Run]:
    """Return runs with adjacent text runs joined (keeps the markup minimal)."""
    out: list[Run] = []
    for run in runs:
        if out and run.kind == "text" and out[-1].kind == "text":
            out[-1] = Run("text", out[-1].text + run.text)
        else:
            out.append(run)
    return out


def _group_with_br(units: list[list[Block]], rng: random.Random) -> list[list[Block]]:
    """Join paragraphs into `<p>` groups whose lines are separated by `<br/>`."""
    out: list[list[Block]] = []
    i = 0
    while i < len(units):
        n = rng.randint(2, 3)
        runs: list[Run] = []
        for unit in units[i : i + n]:
            if runs:
                runs.append(Run("br"))
            runs.extend(unit[0].runs)
        out.append([Block("p", tuple(runs))])
        i += n
    return out


def _split_pages(units: list[list[Block]], n_pages: int) -> list[list[Block]]:
    """Split units into n_pages pages, each opening with text and holding some."""
    if n_pages == 1:
        return [[b for unit in units for b in unit]]
    starts = [i for i, unit in enumerate(units) if unit[0].kind == "p" and i > 0]
    step = len(starts) / n_pages
    cuts = [starts[int(step * k)] for k in range(1, n_pages)]
    bounds = [0, *cuts, len(units)]
    return [[b for unit in units[bounds[k] : bounds[k + 1]] for b in unit] for k in range(n_pages)]


def _seed_article() -> Article:
    """Return the portal's own page as seen in the seed, as an article of the model."""
    first = Block("p", (Run("text", SEED_DATELINE + SEED_LINES[0]),))
    image = Block("img", image=Image(SEED_IMAGE, False, SEED_LINES[1]))
    blocks = [first, image, Block("p", (Run("text", SEED_LINES[1]),))]
    blocks += [Block("p", (Run("text", line),)) for line in SEED_LINES[2:]]
    return Article(
        aid=SEED_AID,
        channel=CHANNEL_BY_FOLDER["caijing"],
        title=SEED_TITLE,
        pubdate=datetime(2023, 6, 2, 9, 59, tzinfo=CST),
        pages=[blocks],
        summary=SEED_SUMMARY,
        keywords="京津冀,产业,协同发展",
        source_shown="人民网-人民日报海外版",
        source_href=None,
        author_shown="人民网-人民日报",
        editor="小美",
        editor_style="short",
        editor_inline=False,
        original_title=SEED_TITLE,
        original_full_width=False,
        promo=True,
        info_colon=":",
        info_label="时间",
        info_sep=" ",
        para_style="indent",
        named_entities=False,
        clicks=316,
    )


def _top_box_article(gen: _Gen, aid: int, spec: tuple[str, str, str, str, datetime]) -> Article:
    """Return one of the three articles the headline boxes on top of every page link to."""
    title, _, _, first, when = spec
    paras = [[Run("text", first)]] + [
        gen.paragraph_runs(
            "plain", {k: False for k in ("strong", "a", "span", "jsa", "comment", "script")}
        )
        for _ in range(4)
    ]
    return Article(
        aid=aid,
        channel=CHANNEL_BY_FOLDER["renwu"],
        title=title,
        pubdate=when,
        pages=[[Block("p", tuple(p)) for p in paras]],
        summary=first[:SUMMARY_CHARS],
        keywords="人物,访谈",
        source_shown="直销报道网",
        source_href=None,
        author_shown="直报网编辑部",
        editor="小雅",
        editor_style="long",
        editor_inline=False,
        original_title=None,
        original_full_width=True,
        promo=True,
        info_colon=":",
        info_label="时间",
        info_sep=" ",
        para_style="indent",
        named_entities=False,
        clicks=gen.rng.randint(2000, 9000),
    )


def _assign_aids(rng: random.Random, n: int, seed_index: int) -> list[int]:
    """Return n increasing aids with gaps, the one at seed_index being SEED_AID."""
    before = seed_index
    base = min(FIRST_AID, SEED_AID - before - before // 3)
    aids = [*sorted(rng.sample(range(base, SEED_AID), before)), SEED_AID]
    while len(aids) < n:
        aids.append(aids[-1] + 1 + (rng.randint(1, 3) if rng.random() < 0.3 else 0))
    return aids


# --- syndicated copies --------------------------------------------------------------

DATELINE_RE = re.compile(r"^(【直报网[^】]*讯】|（直报网讯）)")
SENTENCE_RE = re.compile(r"[^。]*。|[^。]+")
EDITABLE_KINDS = ("text", "strong", "span")  # runs whose whole sentences an editor may touch
COPY_SUFFIXES = ("（转载）", "(转载)", "（转载）", "（图）", "（组图）")
REWORDINGS = (
    ("表示", "指出"),
    ("据了解", "据悉"),
    ("业内人士认为", "有业内人士指出"),
    ("认为", "表示"),
    ("持续", "不断"),
    ("进一步", "更好地"),
    ("继续", "始终"),
    ("展开", "进行了"),
    ("提醒", "提示"),
    ("必须", "应当"),
    ("显著", "突出"),
    ("数据显示", "统计显示"),
    ("记者注意到", "本网注意到"),
    ("达成", "形成"),
    ("全面", "正式"),
)
REWORD_OPENINGS = ("同时，", "此外，", "另外，", "值得一提的是，")


def reword_sentence(sentence: str, rng: random.Random) -> str:
    """Return the sentence with one small editorial change: a synonym or an added opening."""
    options = [(a, b) for a, b in REWORDINGS if a in sentence]
    if options and rng.random() < 0.8:
        old, new = options[rng.randrange(len(options))]
        return sentence.replace(old, new, 1)
    return REWORD_OPENINGS[rng.randrange(len(REWORD_OPENINGS))] + sentence


def _walk_sentences(
    pages: list[list[Block]], fn: Callable[[int, str], str]
) -> tuple[list[list[Block]], int]:
    """Return pages with each whole body sentence passed through fn, and the sentence count.

    fn(paragraph_no, sentence) returns the sentence to print, "" to drop it. Only whole
    sentences of text runs are passed: one cut by a link run or an image caption is kept.
    The count is every sentence of the body, whole or not.
    """
    out: list[list[Block]] = []
    para_no = total = 0
    for page in pages:
        new_page: list[Block] = []
        prev: Block | None = None
        for block in page:
            caption = prev is not None and prev.kind == "img"
            prev = block
            if block.kind != "p" or caption:
                new_page.append(block)
                continue
            runs: list[Run] = []
            boundary = True  # does the next text start a sentence?
            for run in block.runs:
                if run.kind not in EDITABLE_KINDS:
                    if run.kind == "br":
                        boundary = True
                    elif run.kind in ("a", "jsa"):
                        total += run.text.count("。")
                        boundary = run.text.endswith("。")
                    runs.append(run)
                    continue
                pieces: list[str] = []
                for piece in SENTENCE_RE.findall(run.text):
                    whole = boundary and piece.endswith("。")
                    total += piece.endswith("。")
                    pieces.append(fn(para_no, piece) if whole else piece)
                    boundary = piece.endswith("。")
                if "".join(pieces):
                    runs.append(Run(run.kind, "".join(pieces), run.href))
            new_page.append(replace(block, runs=tuple(runs)))
            para_no += 1
        out.append(new_page)
    return out, total


def _new_dateline(orig: Article, when: datetime, rng: random.Random) -> list[list[Block]]:
    """Return the pages with the dateline changed to the copy's date, dropped or added."""
    pages = [list(page) for page in orig.pages]
    first = pages[0][0]
    if first.kind != "p" or not first.runs or first.runs[0].kind != "text":
        return pages
    text = first.runs[0].text
    m = DATELINE_RE.match(text)
    city = CITIES[rng.randrange(len(CITIES))]
    fresh = f"【直报网{city}{when.month}月{when.day}日讯】"
    r = rng.random()
    if m is None:
        text = fresh + text if r < 0.5 else text
    elif r < 0.55:
        text = fresh + text[m.end() :]
    elif r < 0.85:
        text = text[m.end() :]
    else:
        text = "（直报网讯）" + text[m.end() :]
    pages[0][0] = replace(first, runs=(Run("text", text), *first.runs[1:]))
    return pages


def _copy(orig: Article, aid: int, when: datetime, rng: random.Random) -> Article | None:
    """Return orig republished under aid at `when`, with 1-10% of its sentences edited.

    None when the body has too few sentences for a 1-10% share to be possible.
    """
    pages = _new_dateline(orig, when, rng)
    whole: list[tuple[int, str]] = []

    def collect(para: int, sentence: str) -> str:
        whole.append((para, sentence))
        return sentence

    _, total = _walk_sentences(pages, collect)
    if total < 10:
        return None
    want = max(1, min(total // 10, round(rng.uniform(0.01, 0.10) * total)))
    per_para: dict[int, int] = {}
    for p, _ in whole:
        per_para[p] = per_para.get(p, 0) + 1
    # At most one edit per paragraph, so a dropped sentence never empties one.
    chosen: dict[int, int] = {}
    for i in rng.sample(range(len(whole)), len(whole)):
        if len(chosen) < want and whole[i][0] not in chosen.values():
            chosen[i] = whole[i][0]
    if len(chosen) < want:
        return None
    edits: dict[int, str] = {}
    for i, p in chosen.items():
        sentence = whole[i][1]
        drop = per_para[p] >= 2 and rng.random() < 0.4
        edits[i] = "" if drop else reword_sentence(sentence, rng)
    seen = iter(range(len(whole)))
    pages, _ = _walk_sentences(pages, lambda p, s: edits.get(next(seen), s))
    others = [c for c in CHANNELS if c != orig.channel]
    channel = orig.channel if rng.random() < 0.5 else others[rng.randrange(len(others))]
    editor = rng.choice([e for e in EDITORS if e != orig.editor])
    return replace(
        orig,
        aid=aid,
        channel=channel,
        title=orig.title + COPY_SUFFIXES[rng.randrange(len(COPY_SUFFIXES))],
        pubdate=when,
        pages=pages,
        editor=editor,
        editor_style=rng.choice(("short", "long", "paren", "strong")),
        editor_inline=orig.editor_inline and orig.editor is not None,
        clicks=rng.randint(20, 3000),
        fault=False,
        cross=None,
        cross_kind="static",
        syndicated_from=orig,
    )


def _free_slot(
    articles: list[Article], i: int, rng: random.Random, used: set[int]
) -> tuple[int, datetime] | None:
    """Return an unused aid gap about 1-20 days after articles[i], with a time inside it.

    The gap nearest the drawn delay wins, later ones first; none past four weeks.
    """
    start = articles[i].pubdate
    target = start + timedelta(days=rng.randint(1, 20), hours=rng.randint(0, 9))
    j0 = max(j for j in range(i, len(articles)) if j == i or articles[j].pubdate <= target)
    for j in [*range(j0, len(articles) - 1), *range(j0 - 1, i - 1, -1)]:
        a, b = articles[j], articles[j + 1]
        if a.pubdate >= start + timedelta(days=27):
            continue
        minutes = int((b.pubdate - a.pubdate).total_seconds() // 60)
        # One copy per gap keeps aids and dates in the same order.
        if b.aid - a.aid > 1 and a.aid not in used and minutes >= 2:
            used.add(a.aid)
            return a.aid + 1, (a.pubdate + timedelta(minutes=rng.randint(1, minutes - 1))).replace(
                second=0
            )
    return None


def _syndicate(seed: int, size: int, articles: list[Article]) -> list[Article]:
    """Return about one copy per forty articles: a story republished later under a new aid.

    `articles` is in aid order. A separate random stream keeps the rest of the site
    as it was without copies.
    """
    rng = random.Random(f"syndicated:{seed}")
    special = {SEED_AID, *(t[0] for t in TOP_BOX)}
    pool = [i for i, a in enumerate(articles) if a.aid not in special and a.title not in special]
    n = min(max(3, round(size / 40)), len(pool) // 10)
    copies: list[Article] = []
    used: set[int] = set()
    for i in rng.sample(pool, len(pool)):
        if len(copies) == n:
            break
        slot = _free_slot(articles, i, rng, used)
        if slot is None:
            continue
        copy = _copy(articles[i], *slot, rng)
        if copy is None:
            used.discard(slot[0] - 1)
            continue
        copies.append(copy)
    return copies


def build_site(seed: int = 1, size: int = 300, day: int = 1) -> Site:
    """Build the replica's whole content model; same seed, size and day, same site.

    Day 1 is the portal as first crawled. Day 2 is the same portal a day later: a few
    new articles on top of their listings, one recent article edited, one deleted
    (see `Site.changes`); every other page keeps its bytes.
    """
    if size < 5:
        raise ValueError(
            "size must be at least 5 (the seed and headline articles are always there)"
        )
    if day not in (1, 2):
        raise ValueError("day must be 1 or 2")
    site = _first_day(seed, size)
    return site if day == 1 else _next_day(site)


def _first_day(seed: int, size: int) -> Site:
    """Build the site of day 1."""
    gen = _Gen(seed)
    rng = gen.rng
    start = datetime(2021, 1, 1, tzinfo=CST)
    days = (datetime(2023, 12, 31, tzinfo=CST) - start).days + 1
    # Publication times for the generated articles; the special ones have fixed times.
    plans: list[tuple[datetime, int, str]] = []  # (pubdate, order, role)
    n_special = 1 + len(TOP_BOX)
    for i in range(size - n_special):
        show_seconds = rng.random() < 0.08
        when = start + timedelta(
            days=rng.randrange(days),
            hours=rng.randint(7, 22),
            minutes=rng.randrange(60),
            seconds=rng.randint(1, 59) if show_seconds else 0,
        )
        plans.append((when, i, "s" if show_seconds else "m"))
    plans.append((datetime(2023, 6, 2, 9, 59, tzinfo=CST), -1, "seed"))
    for k, spec in enumerate(TOP_BOX):
        plans.append((spec[4], -2 - k, f"top{k}"))
    plans.sort(key=lambda p: (p[0], p[1]))
    seed_index = next(i for i, p in enumerate(plans) if p[2] == "seed")
    aids = _assign_aids(rng, len(plans), seed_index)

    n_gen = size - n_special
    faults = set(rng.sample(range(n_gen), max(1, n_gen // 60)))
    multipage = set(rng.sample(range(n_gen), round(n_gen / 8)))
    articles: list[Article] = []
    gen_index = 0
    for (when, _, role), aid in zip(plans, aids, strict=True):
        if role == "seed":
            articles.append(_seed_article())
            continue
        if role.startswith("top"):
            articles.append(_top_box_article(gen, aid, TOP_BOX[int(role[3:])]))
            continue
        r = rng.random()
        flags = {
            "names": "nongbk" if r < 0.03 else "gbk" if r < 0.2 else "plain",
            "entities": rng.random() < 0.08,
            "multipage": gen_index in multipage,
            "images": rng.random() < 0.33,
        }
        channel = rng.choices(CHANNELS, CHANNEL_WEIGHTS)[0]
        article = gen.article(aid, channel, when, role == "s", flags)
        article.fault = gen_index in faults
        articles.append(article)
        gen_index += 1

    # Cross-listing: about one in fifteen also shows in a second channel's listing.
    for article in articles:
        if article.aid == SEED_AID or rng.random() >= 1 / 15:
            continue
        article.cross = CHANNEL_BY_FOLDER[
            "yaowen" if article.channel.folder == "toutiao" else "toutiao"
        ]
        if rng.random() < 0.25:
            article.cross = rng.choice([c for c in CHANNELS if c != article.channel])
        article.cross_kind = rng.choices(("static", "from", "comment", "view"), (35, 25, 15, 25))[0]

    # Syndicated copies take aids from the gaps, so they are never "deleted" articles.
    copies = _syndicate(seed, size, articles)
    articles = sorted(articles + copies, key=lambda a: a.aid)
    taken = set(aids) | {c.aid for c in copies}
    deleted_aids = [a for a in range(aids[0], aids[-1]) if a not in taken]
    site = Site(
        seed=seed,
        size=size,
        articles=articles,
        listings={},
        home_top=[],
        home_blocks={},
        recommend=[],
        top_box=[],
        deleted_paths=[],
        generated_at=max(a.pubdate for a in articles) + timedelta(hours=1),
    )
    _build_listings(site, rng, deleted_aids)
    _build_links(site, rng)
    return site


def _entry(link: Link) -> ListEntry:
    """Return the listing entry of a live article."""
    a = link.article
    images = a.images
    preview = images[0].path.replace(".jpg", "-lp.jpg") if images else None
    return ListEntry(
        a.title, a.pubdate, a.clicks, link=link, preview=preview, intro=(a.summary or "")[:40]
    )


def _build_listings(site: Site, rng: random.Random, deleted_aids: list[int]) -> None:
    """Fill site.listings: own and cross-listed articles, deleted and external entries, a sticky."""
    by_folder: dict[str, list[ListEntry]] = {c.folder: [] for c in CHANNELS}
    for a in site.articles:
        by_folder[a.channel.folder].append(_entry(Link(a, absolute=rng.random() < 0.05)))
        if a.cross is not None:
            link = Link(a, kind=a.cross_kind, from_folder=a.cross.folder)
            by_folder[a.cross.folder].append(_entry(link))
    # Entries whose article was deleted after the listing was generated: they answer 404.
    for aid in rng.sample(deleted_aids, min(len(deleted_aids), max(1, site.size // 120))):
        neighbour = min(site.articles, key=lambda a: abs(a.aid - aid))
        folder = rng.choice(CHANNELS).folder
        when = neighbour.pubdate + timedelta(minutes=rng.randint(1, 50))
        path = f"/{folder}/{when:%Y/%m%d}/{aid}.html"
        site.deleted_paths.append(path)
        by_folder[folder].append(
            ListEntry(f"{gen_title(rng)}", when, rng.randint(10, 500), href=path)
        )
    # DedeCMS "跳转" articles: the listing links straight to another site.
    for folder, href, when in (
        (
            "toutiao",
            "http://www.people.com.cn/n1/2023/0315/c1004-32644321.html",
            datetime(2023, 3, 15, 8, tzinfo=CST),
        ),
        (
            "yaowen",
            "http://www.people.com.cn/n1/2022/0908/c1004-32522470.html",
            datetime(2022, 9, 8, 8, tzinfo=CST),
        ),
    ):
        by_folder[folder].append(
            ListEntry(f"{gen_title(rng)}", when, rng.randint(10, 500), href=href)
        )
    for entries in by_folder.values():
        entries.sort(key=lambda e: e.date, reverse=True)
    # A sticky (置顶) item: an old article pinned on top of 要闻's page 1.
    entries = by_folder["yaowen"]
    live = [i for i, e in enumerate(entries) if e.link is not None]
    if not live:  # only at tiny sizes
        site.listings = by_folder
        return
    sticky = entries.pop(live[-1])
    entries.insert(
        0,
        ListEntry(
            sticky.title,
            sticky.date,
            sticky.clicks,
            link=sticky.link,
            preview=sticky.preview,
            sticky=True,
            intro=sticky.intro,
        ),
    )
    site.listings = by_folder


def gen_title(rng: random.Random) -> str:
    """Return a plausible headline for an entry that is not a live article."""
    return rng.choice(TITLES).format(
        co=rng.choice(COMPANIES),
        co2=rng.choice(COMPANIES),
        city=rng.choice(CITIES),
        topic=rng.choice(TOPICS),
        event=rng.choice(EVENTS),
        product=rng.choice(PRODUCTS),
        person=rng.choice(PEOPLE),
        year="2022",
    )


def _build_links(site: Site, rng: random.Random) -> None:
    """Choose the homepage, sidebar and headline-box links (some as view.php twins)."""
    newest = sorted(site.articles, key=lambda a: a.pubdate, reverse=True)

    def link(a: Article, p_view: float) -> Link:
        kind = "view" if rng.random() < p_view else "static"
        return Link(a, kind=kind, absolute=rng.random() < 0.4)

    site.home_top = [link(a, 0.3) for a in newest[:10]]
    site.home_blocks = {
        c.folder: [link(a, 0.15) for a in newest if a.channel == c][:6] for c in CHANNELS
    }
    pool = sorted(site.articles, key=lambda a: a.clicks, reverse=True)[:40]
    site.recommend = [link(a, 0.5) for a in rng.sample(pool, min(8, len(pool)))]
    boxes = [a for a in site.articles if a.title in {t[0] for t in TOP_BOX}]
    boxes.sort(key=lambda a: a.pubdate)
    site.top_box = [
        (Link(a, kind="view" if k == 1 else "static"), spec[1], spec[2])
        for k, (a, spec) in enumerate(zip(boxes, TOP_BOX, strict=True))
    ]


# --- the next day -------------------------------------------------------------------

ADDENDA = (
    "（更新）记者从{co}获悉，上述{product}项目已于近日通过验收，后续进展本网将持续关注。",
    "（补充报道）另据{city}市场监管部门介绍，{year}年以来当地已开展{topic}专题培训{num}场。",
    "（更新）{co}方面最新回应称，{person}所述数据系初步统计，最终结果以年报为准。",
)


def _recent_candidates(site: Site) -> list[Article]:
    """Return the newest ten articles that may be edited or deleted, newest first.

    The seed and headline-box articles, syndicated copies and their originals, the
    sticky item, recommended articles and those with a transient fault are left alone.
    """
    newest = sorted(site.articles, key=lambda a: (a.pubdate, a.aid), reverse=True)[:10]
    special = {SEED_AID} | {link.article.aid for link, _, _ in site.top_box}
    special |= {link.article.aid for link in site.recommend}
    for a in site.articles:
        if a.syndicated_from is not None:
            special |= {a.aid, a.syndicated_from.aid}
    for entries in site.listings.values():
        special |= {e.link.article.aid for e in entries if e.sticky and e.link is not None}
    return [a for a in newest if a.aid not in special and not a.fault]


def _edit(article: Article, gen: _Gen, when: datetime) -> Article | None:
    """Return the article with one sentence corrected and one paragraph appended.

    The corrected sentence is a whole one past the first paragraph (which feeds the
    summary); None when there is none.
    """
    rng = gen.rng
    whole: list[tuple[int, str]] = []

    def collect(para: int, sentence: str) -> str:
        whole.append((para, sentence))
        return sentence

    _walk_sentences(article.pages, collect)
    later = [i for i, (para, _) in enumerate(whole) if para >= 1]
    if not later:
        return None
    target = later[rng.randrange(len(later))]
    fixed = reword_sentence(whole[target][1], rng)
    seen = iter(range(len(whole)))
    pages, _ = _walk_sentences(article.pages, lambda p, s: fixed if next(seen) == target else s)
    addendum = gen.pick(ADDENDA).format(**gen.slots("plain"))
    pages[-1] = [*pages[-1], Block("p", (Run("text", addendum),))]
    return replace(article, pages=pages, modified=when)


def _next_day(prev: Site) -> Site:
    """Return the site one day after `prev`: new articles, one edited, one deleted.

    Unchanged articles are the very objects of `prev`, so their static pages render
    from `prev` (see `Site.page_state`). A separate random stream leaves day 1 as it was.
    """
    gen = _Gen(prev.seed)
    gen.rng = rng = random.Random(f"day2:{prev.seed}")
    gen.titles |= {a.title for a in prev.articles}
    start = prev.generated_at
    candidates = _recent_candidates(prev)
    order = rng.sample(candidates, len(candidates))
    edited = None
    for a in order:
        edit_time = start + timedelta(hours=rng.randint(2, 20), minutes=rng.randrange(60))
        edited = _edit(a, gen, edit_time)
        if edited is not None:
            break
    others = [a for a in order if edited is None or a.aid != edited.aid]
    if edited is None or not others:
        raise ValueError("day 2 needs two recent articles to edit and delete: use a larger size")
    deleted = others[0]

    # New articles: published through the day, in at least three channels.
    n = max(4, round(prev.size / 30))
    channels: list[Channel] = []
    while len(channels) < 3:  # three distinct channels, weighted, then any
        pick = rng.choices(CHANNELS, CHANNEL_WEIGHTS)[0]
        channels += [pick] if pick not in channels else []
    channels += rng.choices(CHANNELS, CHANNEL_WEIGHTS, k=n - 3)
    minutes = sorted(rng.sample(range(20, 23 * 60), n))
    multipage = set(rng.sample(range(n), max(1, round(n / 8))))
    aid = max(a.aid for a in prev.articles)
    fresh: list[Article] = []
    for i, (channel, minute) in enumerate(zip(channels, minutes, strict=True)):
        aid += 1 + (rng.randint(1, 3) if rng.random() < 0.3 else 0)
        show_seconds = rng.random() < 0.08
        when = start + timedelta(minutes=minute, seconds=rng.randint(1, 59) if show_seconds else 0)
        r = rng.random()
        flags = {
            "names": "nongbk" if r < 0.03 else "gbk" if r < 0.2 else "plain",
            "entities": rng.random() < 0.08,
            "multipage": i in multipage,
            "images": rng.random() < 0.33,
        }
        article = gen.article(aid, channel, when, show_seconds, flags)
        article.clicks = rng.randint(20, 600)  # a day old: few readers yet
        fresh.append(article)

    def keep(link: Link) -> Link | None:
        """Return the link as of day 2: None for the deleted article, re-pointed if edited."""
        if link.article is deleted:
            return None
        return replace(link, article=edited) if link.article.aid == edited.aid else link

    articles = [edited if a.aid == edited.aid else a for a in prev.articles if a is not deleted]
    articles += fresh
    listings: dict[str, list[ListEntry]] = {}
    for folder, entries in prev.listings.items():
        kept: list[ListEntry] = []
        for e in entries:
            link = keep(e.link) if e.link is not None else None
            if e.link is None or link is not None:
                kept.append(e if link is None or link is e.link else replace(e, link=link))
        top = next((i for i, e in enumerate(kept) if not e.sticky), len(kept))
        new = [
            _entry(Link(a, absolute=rng.random() < 0.05))
            for a in reversed(fresh)
            if a.channel.folder == folder
        ]
        listings[folder] = kept[:top] + new + kept[top:]

    old_links = {link.article.aid: link for link in prev.home_top}
    for block in prev.home_blocks.values():
        old_links.update((link.article.aid, link) for link in block)

    def home_link(a: Article, p_view: float) -> Link:
        """Return the day-1 homepage link of a still-listed article, else a new one."""
        old = old_links.get(a.aid)
        if old is not None:
            return keep(old) or old
        kind = "view" if rng.random() < p_view else "static"
        return Link(a, kind=kind, absolute=rng.random() < 0.4)

    newest = sorted(articles, key=lambda a: a.pubdate, reverse=True)
    site = Site(
        seed=prev.seed,
        size=prev.size,
        articles=articles,
        listings=listings,
        home_top=[home_link(a, 0.3) for a in newest[:10]],
        home_blocks={
            c.folder: [home_link(a, 0.15) for a in newest if a.channel == c][:6] for c in CHANNELS
        },
        recommend=[link for link in map(keep, prev.recommend) if link is not None],
        top_box=list(prev.top_box),
        deleted_paths=list(prev.deleted_paths),
        generated_at=start + timedelta(days=1),
        day=prev.day + 1,
        gone=[*prev.gone, deleted],
        changes={
            "new": [a.url for a in fresh],
            "edited": [edited.url],
            "deleted": [deleted.url],
        },
        previous=prev,
        faults=prev.faults,
    )
    return site
