"""Render the content model as DedeCMS default-template pages (str), then GBK bytes.

Every function here reads the model and writes markup; nothing here decides content.
`host` is the request's Host header: some links are printed absolute, as the portal
mixes `http://host/…` and `/…` hrefs.
"""

from __future__ import annotations

from portalcrawler.replica.content import (
    CHANNEL_BY_FOLDER,
    CHANNELS,
    DISCLAIMER,
    PROMO,
    QR_PATH,
    SITE_NAME,
    Article,
    Block,
    Channel,
    Link,
    ListEntry,
    Run,
    Site,
)

DOCTYPE = (
    '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" '
    '"http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">'
)
ROBOTS_TXT = """User-agent: *
Disallow: /plus/ad_js.php
Disallow: /plus/advancedsearch.php
Disallow: /plus/car.php
Disallow: /plus/search.php
Disallow: /plus/count.php
Disallow: /plus/feedback_js.php
Disallow: /plus/mytag_js.php
Disallow: /plus/rss.php
Disallow: /plus/recommend.php
Disallow: /include
Disallow: /templets
Disallow: /member/
Disallow: /data/
Disallow: /tags.php
"""
EDITOR_STYLES = {
    "short": "责编:{}",
    "long": "责任编辑：{}",
    "paren": "（责任编辑：{}）",
    "strong": "<strong>责任编辑:{}</strong>",
}
PARA_PREFIX = {"indent": "\u3000\u3000", "nbsp": "&nbsp;&nbsp;", "div": "", "br": "\u3000\u3000"}
ABOUT_TEXT = (
    "直销报道网（www.chndsnews.com）是一家专注直销行业资讯的专业网站，"
    "致力于报道直销企业动态、行业政策法规与市场观察，为从业者和消费者提供客观、及时的信息服务。"
)
HOT_COUNT = 10


def encode_page(html: str) -> bytes:
    """Return the page as GBK bytes; characters outside GBK become `&#N;` as DedeCMS writes them."""
    return html.encode("gbk", errors="xmlcharrefreplace")


def esc(text: str) -> str:
    """Escape text for element content."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def esc_attr(text: str) -> str:
    """Escape text for a double-quoted attribute value."""
    return esc(text).replace('"', "&quot;")


def esc_title(text: str, named: bool = False) -> str:
    """Escape a title as DedeCMS's htmlspecialchars does, optionally with named quotes."""
    out = esc_attr(text)
    if named:
        out = out.replace("“", "&ldquo;").replace("”", "&rdquo;")
    return out


def href(path: str, host: str, absolute: bool = False) -> str:
    """Return path as printed: relative, or absolute on the request's host."""
    return f"http://{host}{path}" if absolute else path


def link_href(link: Link, host: str) -> str:
    """Return the href of an article link."""
    return href(link.path, host, link.absolute)


# --- page frame -------------------------------------------------------------------


def head(title: str, keywords: str, description: str) -> str:
    """Return the doctype and `<head>` of a page."""
    return f"""{DOCTYPE}
<html xmlns="http://www.w3.org/1999/xhtml">
<head>
<meta http-equiv="Content-Type" content="text/html; charset=gb2312" />
<title>{title}</title>
<meta name="keywords" content="{keywords}" />
<meta name="description" content="{description}" />
<link href="/templets/default/style/dedecms.css" rel="stylesheet" media="screen" type="text/css" />
<script language="javascript" type="text/javascript" src="/include/dedeajax2.js"></script>
<script language="javascript" type="text/javascript">
<!--
function CheckLogin(){{
  var taget_obj = document.getElementById('_userlogin');
  myajax = new DedeAjax(taget_obj,false,false,'','','');
  myajax.SendGet2("/member/ajax_loginsta.php");
  DedeXHTTP = null;
}}
-->
</script>
</head>
"""


def header(host: str, current: Channel | None = None, hidden: frozenset[str] = frozenset()) -> str:
    """Return the logo and the nav (the same on every page); `hidden` folders are left out."""
    items = ["<li><a href='/'>首页</a></li>"]
    for c in CHANNELS:
        if c.folder in hidden:
            continue
        # One nav entry is printed absolute, as the portal's template hard-codes it.
        target = href(f"/{c.folder}/", host, absolute=c.folder == "fagui")
        cls = " class='thisclass'" if c == current else ""
        items.append(f"<li{cls}><a href='{target}'>{c.name}</a></li>")
    items += [
        "<li><a href='/about/'>关于我们</a></li>",
        "<li><a href='/plus/guestbook.php'>联系我们</a></li>",
        "<li><a href='http://bbs.example.org/' target='_blank'>直销论坛</a></li>",
    ]
    nav = " ".join(items)
    return f"""<div class="header">
 <div class="top w960 center">
  <div class="title">
   <h1><a href="/"><img src="/templets/default/images/logo.gif" height="54" width="216" \
alt="{SITE_NAME}"/></a></h1>
  </div>
  <div class="banner"><script src='/plus/ad_js.php?aid=1' language='javascript'></script></div>
 </div>
 <div class="nav w960 center clear"><ul> {nav} </ul></div>
</div>
"""


def footer() -> str:
    """Return the footer with the portal's copyright lines."""
    return f"""<div class="footer w960 center mt1 clear">
 <div class="footer_left"></div>
 <div class="footer_body">
  <p class="powered"><a href='/about/'>关于我们</a> | <a href='/plus/guestbook.php'>联系我们</a> | \
<a href="#">诚聘英才</a> | <a href="#">服务条款</a> | <a href="#">广告服务</a> | \
<a href="#">频道合作</a> | \
<a href="#">本网内容授权书</a></p>
  <div class="copyright">Copyright &copy; 1998 - 2013 www.Chndsnews.com All Rights Reserved<br />
{SITE_NAME} &copy; 版权所有 京ICP备13035451号-1</div>
 </div>
 <div class="footer_right"></div>
</div>
<script src="/plus/count.php?view=yes&mid=1" type="text/javascript"></script>
</body>
</html>
"""


def place(channel: Channel, host: str) -> str:
    """Return the breadcrumb."""
    return (
        f"<div class=\"place\"><strong>当前位置:</strong> <a href='/'>{SITE_NAME}</a> > "
        f"<a href='{href('/' + channel.folder + '/', host)}'>{channel.name}</a> > </div>"
    )


def sidebar(site: Site, host: str, channel: Channel | None) -> str:
    """Return the right column: 推荐阅读 and 热点排行 (some links are view.php twins)."""
    rec = "\n".join(
        f'<li><a href="{link_href(link, host)}">{esc_title(link.article.title)}</a>'
        f"<p>{esc((link.article.summary or '')[:30])}...</p></li>"
        for link in site.recommend
    )
    pool = [a for a in site.articles if channel is None or a.channel == channel]
    hot = sorted(pool, key=lambda a: (-a.clicks, a.aid))[:HOT_COUNT]
    hot_items = "\n".join(f'<li><a href="{a.url}">{esc_title(a.title)}</a></li>' for a in hot)
    return f"""<div class="pright">
 <div class="commend mt1">
  <dl class="tbox light"><dt class='light'><strong>推荐阅读</strong></dt>
  <dd class='light'><ul class="d4">
{rec}
  </ul></dd></dl>
 </div>
 <div class="hot mt1">
  <dl class="tbox light"><dt class='light'><strong>热点排行</strong></dt>
  <dd class='light'><ul class="c1 ico2">
{hot_items}
  </ul></dd></dl>
 </div>
</div>
"""


# --- article page -----------------------------------------------------------------


def run_html(run: Run, prefix: str) -> str:
    """Return one inline run's markup."""
    text = esc(run.text)
    if run.kind == "strong":
        return f"<strong>{text}</strong>"
    if run.kind == "a":
        return f"<a href='{run.href}' target='_blank'>{text}</a>"
    if run.kind == "span":
        return f'<span style="color:#c00000;">{text}</span>'
    if run.kind == "jsa":
        return f'<a href="javascript:void(0);" onclick="showAd(this);return false;">{text}</a>'
    if run.kind == "br":
        return "<br />\r\n" + prefix
    if run.kind == "comment":
        return f"<!--{run.text}-->"
    if run.kind == "script":
        return f'<script type="text/javascript">{run.text}</script>'
    return text


def block_html(block: Block, article: Article, host: str, tail: str = "") -> str:
    """Return one body block's markup; `tail` is non-body markup closing the paragraph."""
    if block.kind == "img" and block.image is not None:
        src = href(block.image.path, host, block.image.absolute)
        return (
            f'<p style="text-align: center;"><img alt="" src="{src}" '
            'style="width: 550px; height: 366px;" /></p>'
        )
    if block.kind == "script":
        return f'<script type="text/javascript">{block.raw}</script>'
    if block.kind == "style":
        return f'<style type="text/css">{block.raw}</style>'
    if block.kind == "comment":
        return f"<!--{block.raw}-->"
    if block.kind == "empty":
        return "<p>&nbsp;</p>"
    prefix = PARA_PREFIX[article.para_style]
    inner = prefix + "".join(run_html(r, prefix) for r in block.runs) + tail
    if article.para_style == "div":
        return f'<div style="text-indent: 2em;"{block.attrs}>{inner}</div>'
    return f"<p{block.attrs}>{inner}</p>"


def editor_html(article: Article) -> str:
    """Return the editor line's markup (without its paragraph)."""
    return EDITOR_STYLES[article.editor_style].format(esc(article.editor or ""))


def content_html(article: Article, k: int, host: str) -> str:
    """Return the inside of `div.content` for page k (the extras close the last page)."""
    blocks = article.pages[k - 1]
    last = k == len(article.pages)
    inline_editor = last and article.editor is not None and article.editor_inline
    last_p = max((i for i, b in enumerate(blocks) if b.kind == "p"), default=-1)
    parts = [
        '<div id="contentMidPicAD" style="float:right; clear:both; top:0; '
        'vertical-align:top;"></div>'
    ]
    for i, block in enumerate(blocks):
        tail = "<br/>" + editor_html(article) if inline_editor and i == last_p else ""
        parts.append(block_html(block, article, host, tail))
    if last:
        prefix = PARA_PREFIX[article.para_style]
        if article.original_title is not None:
            t = esc(article.original_title)
            note = f"（原标题：{t}）" if article.original_full_width else f"(原标题:{t})"
            parts.append(f"<p>{prefix}{note}</p>")
        if article.editor is not None and not article.editor_inline:
            parts.append(f'<p style="text-align: right;">{editor_html(article)}</p>')
        parts.append(f"<p>{prefix}{DISCLAIMER}</p>")
        if article.promo:
            parts.append(f"<p>{prefix}{PROMO}</p>")
            parts.append(
                f'<p style="text-align: center;"><img src="{QR_PATH}" alt="" '
                'width="200" height="200" /></p>'
            )
    return "\r\n".join(parts)


def info_html(article: Article) -> str:
    """Return the inside of `div.info` with the article's variant of the fields."""
    c, sep = article.info_colon, article.info_sep
    fmt = "%Y-%m-%d %H:%M:%S" if article.info_label == "发布时间" else "%Y-%m-%d %H:%M"
    out = f"<small>{article.info_label}{c}</small>{article.pubdate.strftime(fmt)}"
    if sep != " ":
        out += sep
    if article.source_shown is not None:
        src = esc(article.source_shown)
        if article.source_href:
            src = f"<a href='{article.source_href}' target='_blank'>{src}</a>"
        out += f"<small>来源{c}</small>{src}{sep}"
    if article.author_shown is not None:
        out += f"<small>作者{c}</small>{esc(article.author_shown)}{sep}"
    out += (
        f'<small>点击{c}</small><script src="/plus/count.php?view=yes&aid={article.aid}&mid=1" '
        "type='text/javascript' language=\"javascript\"></script>次"
    )
    return out


def article_pagelist(article: Article, k: int, dynamic: bool) -> str:
    """Return the `ul.pagelist` items of a multi-page article, as DedeCMS prints them."""
    n = len(article.pages)
    if n == 1:
        return ""

    def target(j: int) -> str:
        if dynamic:
            return f"view.php?aid={article.aid}" + ("" if j == 1 else f"&pageno={j}")
        return f"{article.aid}.html" if j == 1 else f"{article.aid}_{j}.html"

    items = [f"<li><a>共{n}页: </a></li>"]
    items.append(f"<li><a href='{target(k - 1) if k > 1 else '#'}'>上一页</a></li>")
    for j in range(1, n + 1):
        if j == k:
            items.append(f"<li class=\"thisclass\"><a href='#'>{j}</a></li>")
        else:
            items.append(f"<li><a href='{target(j)}'>{j}</a></li>")
    items.append(f"<li><a href='{target(k + 1) if k < n else '#'}'>下一页</a></li>")
    return "".join(items)


def context_html(site: Site, article: Article, host: str) -> str:
    """Return 上一篇/下一篇 for the neighbouring articles of the same channel."""
    same = site.channel_articles(article.channel)
    i = same.index(article)
    prev = f"<a href='{same[i - 1].url}'>{esc_title(same[i - 1].title)}</a>" if i > 0 else "没有了"
    nxt = (
        f"<a href='{same[i + 1].url}'>{esc_title(same[i + 1].title)}</a>"
        if i + 1 < len(same)
        else "没有了"
    )
    return f"<ul>\r\n<li>上一篇：{prev} </li>\r\n<li>下一篇：{nxt} </li>\r\n</ul>"


def top_box_html(site: Site, host: str) -> str:
    """Return the three headline boxes printed on top of every article page."""
    items = []
    for link, headline, summary in site.top_box:
        a = link.article
        pic = f"/uploads/allimg/{a.pubdate:%y%m%d}/1-{a.pubdate:%y%m%d%H%M}-lp.jpg"
        target = link_href(link, host)
        items.append(
            f"<li><a href='{target}' class='preview'>"
            f"<img src='{pic}' alt='{esc_attr(headline)}' /></a>"
            f"<h3><a href='{target}'>{esc(headline)}</a></h3><p>{esc(summary)}</p></li>"
        )
    return (
        '<div class="w960 center clear mt1"><div class="topbox"><ul class="d5">\n'
        + "\n".join(items)
        + "\n</ul></div></div>\n"
    )


def digg_html(article: Article) -> str:
    """Return DedeCMS's 顶一下/踩一下 widget (with its onclick handlers)."""
    return (
        '<div class="newdigg" id="newdigg">'
        '<div class="diggbox digg_good" '
        "onmousemove=\"this.style.backgroundPosition='left bottom';\" "
        "onmouseout=\"this.style.backgroundPosition='left top';\" "
        f"onclick=\"javascript:postDigg('good',{article.aid})\">"
        '<div class="digg_act">顶一下</div><div class="digg_num">(0)</div>'
        '<div class="digg_percent">'
        '<div class="digg_percent_bar"><span style="width:0%"></span></div>'
        '<div class="digg_percent_num">0%</div></div></div>'
        f'<div class="diggbox digg_bad" onclick="javascript:postDigg(\'bad\',{article.aid})">'
        '<div class="digg_act">踩一下</div><div class="digg_num">(0)</div>'
        '<div class="digg_percent">'
        '<div class="digg_percent_bar"><span style="width:0%"></span></div>'
        '<div class="digg_percent_num">0%</div></div></div>'
        "</div>"
    )


def share_html() -> str:
    """Return the 分享到: box and its script."""
    return (
        '<div class="bdsharebuttonbox"><span>分享到:</span>'
        '<a href="#" class="bds_qzone" data-cmd="qzone"></a>'
        '<a href="#" class="bds_tsina" data-cmd="tsina"></a>'
        '<a href="#" class="bds_weixin" data-cmd="weixin"></a></div>'
        '<script>window._bd_share_config={"common":{"bdText":"","bdPic":""},"share":{}};</script>'
    )


def comment_html(article: Article) -> str:
    """Return the comment form (发表评论, the rules line, 评价:)."""
    return f"""<div class="feedback">
<form action="/plus/feedback.php?action=send" method="post" name="feedback">
<input type="hidden" name="dopost" value="send" />
<input type="hidden" name="aid" value="{article.aid}" />
<dl class="tbox"><dt><strong>发表评论</strong></dt>
<dd><div class="dcmp-title">
<small>请自觉遵守互联网相关的政策法规，严禁发布色情、暴力、反动的言论。</small></div>
<div class="dcmp-stand"><strong>评价:</strong>
<input type="radio" name="feedbacktype" checked="1" value="feedback" id="dcmp-stand-neu" />
<label for="dcmp-stand-neu"><img src="/templets/default/images/cmt-neu.gif" /></label>
<input type="radio" name="feedbacktype" value="good" id="dcmp-stand-good" />
<label for="dcmp-stand-good"><img src="/templets/default/images/cmt-good.gif" /></label>
<input type="radio" name="feedbacktype" value="bad" id="dcmp-stand-bad" />
<label for="dcmp-stand-bad"><img src="/templets/default/images/cmt-bad.gif" /></label></div>
<div class="dcmp-content"><textarea cols="60" name="msg" rows="5" class="ipt-txt"></textarea></div>
<div class="dcmp-submit">
<input type="image" src="/templets/default/images/btn-submit.gif" /></div></dd></dl>
</form></div>"""


def render_article(site: Site, article: Article, k: int, host: str, dynamic: bool = False) -> str:
    """Return page k of an article (static path, or the view.php twin when dynamic)."""
    title = esc_title(article.title, article.named_entities)
    description = esc_attr(article.summary or "")
    digg, share, comment = digg_html(article), share_html(), comment_html(article)
    body = f"""<body class="articleview">
{header(host, article.channel, site.faults.nav_hidden)}{top_box_html(site, host)}\
<div class="w960 center clear mt1">
<div class="pleft">
{place(article.channel, host)}
<div class="viewbox">
<div class="title"><h2>{title}</h2></div>
<div class="info">
 {info_html(article)}
</div>
<div class="intro">{esc(article.summary or "")}</div>
<div class="content">
<table width='100%'>
<tr>
<td>
{content_html(article, k, host)}
</td>
</tr>
</table>
</div>
<div class="dede_pages"><ul class="pagelist">{article_pagelist(article, k, dynamic)}</ul></div>
{digg}
{share}
<div class="boxoff"><strong>------分隔线----------------------------</strong></div>
<div class="handle">
<div class="context">{context_html(site, article, host)}</div>
</div>
</div>
{comment}
</div>
{sidebar(site, host, article.channel)}</div>
"""
    return head(f"{title}_{SITE_NAME}", esc_attr(article.keywords), description) + body + footer()


# --- listing pages ----------------------------------------------------------------


def entry_html(entry: ListEntry, host: str) -> str:
    """Return one `li` of a listing, as DedeCMS's list_article.htm prints it."""
    target = link_href(entry.link, host) if entry.link is not None else entry.href
    named = entry.link.article.named_entities if entry.link is not None else False
    title = esc_title(entry.title, named)
    if entry.sticky:
        title = f"<b>{title}</b>"
    pic = (
        f"<a href='{target}' class='preview'><img src='{entry.preview}'/></a>\n"
        if entry.preview
        else ""
    )
    flag = "[置顶] " if entry.sticky else ""
    return (
        f'<li>\n{pic}<a href="{target}" class="title">{title}</a>\n'
        f'<span class="info">{flag}<small>点击：</small>{entry.clicks} '
        "<small>好评：</small>0</span>"
        f'<span class="date">{entry.date:%Y-%m-%d %H:%M}</span>\n'
        f'<p class="intro">{esc(entry.intro)}...</p>\n</li>'
    )


def listing_pagelist(channel: Channel, n: int, total_pages: int, total: int, dynamic: bool) -> str:
    """Return a listing's `ul.pagelist` items (DedeCMS GetPageListST, listsize 5)."""

    def target(j: int) -> str:
        if dynamic:
            return f"list.php?tid={channel.tid}&TotalResult={total}&PageNo={j}"
        return f"list_{channel.tid}_{j}.html"

    items = []
    if n != 1:
        items.append(f"<li><a href='{target(1)}'>首页</a></li>")
        items.append(f"<li><a href='{target(n - 1)}'>上一页</a></li>")
    else:
        items.append("<li><a>首页</a></li>")
    list_len = 5
    last = list_len * 2 + 1
    if n >= last:
        first, last = n - list_len, min(n + list_len, total_pages)
    else:
        first, last = 1, min(last, total_pages)
    for j in range(first, last + 1):
        items.append(
            f'<li class="thisclass">{j}</li>'
            if j == n
            else f"<li><a href='{target(j)}'>{j}</a></li>"
        )
    if n != total_pages and total_pages > 1:
        items.append(f"<li><a href='{target(n + 1)}'>下一页</a></li>")
        items.append(f"<li><a href='{target(total_pages)}'>末页</a></li>")
    else:
        items.append("<li><a>末页</a></li>")
    items.append(
        f'<li><span class="pageinfo">共 <strong>{total_pages}</strong>页'
        f"<strong>{total}</strong>条</span></li>"
    )
    return "\r\n".join(items)


def render_listing(site: Site, channel: Channel, n: int, host: str, dynamic: bool = False) -> str:
    """Return listing page n of a channel (static, or the list.php twin when dynamic)."""
    pages = site.listing_pages(channel.folder)
    total = len(site.listings[channel.folder])
    items = "\n".join(entry_html(e, host) for e in pages[n - 1])
    body = f"""<body class="articlelist">
{header(host, channel, site.faults.nav_hidden)}<div class="w960 center clear mt1">
<div class="pleft">
{place(channel, host)}
<div class="listbox">
<ul class="e2">
{items}
</ul>
</div>
<div class="dede_pages">
<ul class="pagelist">
{listing_pagelist(channel, n, len(pages), total, dynamic)}
</ul>
</div>
</div>
{sidebar(site, host, channel)}</div>
"""
    return (
        head(f"{channel.name}_{SITE_NAME}", channel.name, f"{SITE_NAME}{channel.name}频道")
        + body
        + footer()
    )


# --- other pages ------------------------------------------------------------------


def render_home(site: Site, host: str) -> str:
    """Return the homepage: latest headlines and one block per channel."""
    top = site.home_top
    lead = ""
    if top:
        lead = f'<h2><a href="{link_href(top[0], host)}">{esc_title(top[0].article.title)}</a></h2>'
    rest = "\n".join(
        f'<li><a href="{link_href(link, host)}">{esc_title(link.article.title)}</a></li>'
        for link in top[1:]
    )
    blocks = []
    for folder, links in site.home_blocks.items():
        c = CHANNEL_BY_FOLDER[folder]
        # 财经's "more" goes to the dynamic listing twin, as a hand-edited template does.
        more = f"/plus/list.php?tid={c.tid}" if folder == "caijing" else f"/{folder}/"
        lis = "\n".join(
            f'<li><span>{link.article.pubdate:%m-%d}</span><a href="{link_href(link, host)}">'
            f"{esc_title(link.article.title)}</a></li>"
            for link in links
        )
        blocks.append(
            '<div class="listbox"><dl class="tbox">'
            f"<dt><strong><a href='/{folder}/'>{c.name}</a></strong>"
            f"<span class=\"more\"><a href='{more}'>更多...</a></span></dt>\n"
            f'<dd><ul class="d1 ico3">\n{lis}\n</ul></dd></dl></div>'
        )
    body = f"""<body class="index">
{header(host, hidden=site.faults.nav_hidden)}<div class="w960 center clear mt1">
<div class="pleft">
<div class="headline">{lead}<ul class="c1 ico1">
{rest}
</ul></div>
{chr(10).join(blocks)}
</div>
{sidebar(site, host, None)}</div>
"""
    return (
        head(
            f"{SITE_NAME}_直销行业门户",
            "直销,直销新闻,直销企业",
            f"{SITE_NAME}，专业的直销行业资讯门户。",
        )
        + body
        + footer()
    )


def render_about(site: Site, host: str) -> str:
    """Return the single page 关于我们 (no listing, a paragraph of text)."""
    body = f"""<body class="articleview">
{header(host, hidden=site.faults.nav_hidden)}<div class="w960 center clear mt1">
<div class="pleft">
<div class="place"><strong>当前位置:</strong> <a href='/'>{SITE_NAME}</a> > 关于我们</div>
<div class="viewbox">
<div class="title"><h2>关于我们</h2></div>
<div class="content"><p>\u3000\u3000{ABOUT_TEXT}</p></div>
</div>
</div>
</div>
"""
    return head(f"关于我们_{SITE_NAME}", "关于我们", ABOUT_TEXT[:40]) + body + footer()


def render_404() -> str:
    """Return DedeCMS's 404 page."""
    return f"""{DOCTYPE}
<html xmlns="http://www.w3.org/1999/xhtml">
<head>
<meta http-equiv="Content-Type" content="text/html; charset=gb2312" />
<title>404 - 页面不存在_{SITE_NAME}</title>
<style type="text/css">body{{font:12px/1.5 "宋体";}} .error{{width:500px;margin:80px auto;}}</style>
</head>
<body>
<div class="error">
<h2>404 Not Found</h2>
<p>对不起，您访问的页面不存在或已被删除！</p>
<p><a href="/">返回{SITE_NAME}首页</a></p>
</div>
</body>
</html>
"""


def render_503() -> str:
    """Return Apache's 503 page (ASCII)."""
    return (
        '<!DOCTYPE HTML PUBLIC "-//IETF//DTD HTML 2.0//EN">\n<html><head>\n'
        "<title>503 Service Temporarily Unavailable</title>\n</head><body>\n"
        "<h1>Service Temporarily Unavailable</h1>\n"
        "<p>The server is temporarily unable to service your\n"
        "request due to maintenance downtime or capacity\nproblems. Please try again later.</p>\n"
        "<hr>\n<address>Apache/2.2.22 Server</address>\n</body></html>\n"
    )
