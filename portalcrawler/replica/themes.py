"""Render the replica's articles through other templates: a drift set for extraction.

A portal that is redesigned keeps its articles but changes every selector around them.
Each theme here renders the same `Article` as a different template would, all of an
article's pages merged into one page, so that an extractor tuned to the default
template can be measured on pages its selectors no longer fit. The truth of every page
is the article's own `Article.truth()`: the model decides content, the themes only
decide markup (no theme adds body text, and all in-body boilerplate stays outside the
truth's body).

Themes:
- `dede_theme2`: another DedeCMS theme; body in `div#article_body`, all classes new.
- `renamed_classes`: the default template with every class renamed.
- `br_paragraphs`: the default template, body paragraphs separated only by `<br/><br/>`.
- `table_layout`: an old table-based layout without a single div.
- `new_disclaimer`: the default template with a never-seen disclaimer and promotion.
- `article_div`: a common news-CMS layout, body in `div#article.article-content`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from portalcrawler.replica.content import (
    CHANNELS,
    DISCLAIMER,
    PROMO,
    QR_PATH,
    SITE_NAME,
    Article,
    Block,
    Site,
)
from portalcrawler.replica.render import (
    comment_html,
    context_html,
    digg_html,
    editor_html,
    encode_page,
    esc,
    esc_attr,
    esc_title,
    footer,
    head,
    header,
    href,
    info_html,
    link_href,
    place,
    run_html,
    share_html,
    sidebar,
    top_box_html,
)

THEMES: tuple[str, ...] = (
    "dede_theme2",
    "renamed_classes",
    "br_paragraphs",
    "table_layout",
    "new_disclaimer",
    "article_div",
)
DEFAULT_HOST = "www.chndsnews.com"

# The new_disclaimer theme's boilerplate: matched by no keyword of the known disclaimers
# (声明, 版权, 侵权, 不代表本网观点) or promotions (二维码, 微信, 关注, 扫一扫).
NEW_DISCLAIMER = "本网所刊载信息均来自合作方及网友投稿，文责自负，欢迎读者监督指正。"
NEW_PROMO = "更多行业动态，敬请锁定直报网每日推送。"

INDENT = "\u3000\u3000"
ON = ' class="on"'
ACTIVE = ' class="active"'
BR2 = "<br/><br/>\r\n"

# Chrome shared by the themes that keep the default template's chrome.
_DEFAULT_CHROME = (
    "当前位置:",
    "顶一下",
    "踩一下",
    "分享到:",
    "------分隔线----------------------------",
    "上一篇：",
    "下一篇：",
    "发表评论",
    "请自觉遵守互联网相关的政策法规",
    "推荐阅读",
    "热点排行",
    "诚聘英才",
    "本网内容授权书",
    "Copyright © 1998 - 2013 www.Chndsnews.com All Rights Reserved",
    "京ICP备13035451号-1",
)
# The default in-body boilerplate (the standard disclaimer and promotion).
_BODY_CHROME = (DISCLAIMER, PROMO, "特别声明", "扫描二维码免费阅读", "原标题")
_THEME_CHROME: dict[str, tuple[str, ...]] = {
    "dede_theme2": (
        "欢迎访问直销报道网",
        "加入收藏",
        "您现在的位置：",
        "导读：",
        "字号：",
        "标签：",
        "分享到：",
        "新浪微博",
        "QQ空间",
        "上一篇：",
        "下一篇：",
        "相关文章",
        "网友评论",
        "已有0条评论",
        "提交评论",
        "热门资讯",
        "最新文章",
        "人物专访",
        "关注我们",
        "扫一扫关注官方微信",
        "Copyright © 2008-2024 直销报道网 版权所有",
        "本站部分内容来自网络，如有侵权请联系删除",
        "京ICP备13035451号-1",
        *_BODY_CHROME,
    ),
    "renamed_classes": _DEFAULT_CHROME + _BODY_CHROME,
    "br_paragraphs": _DEFAULT_CHROME + _BODY_CHROME,
    "table_layout": (
        "设为首页",
        "加入收藏",
        "栏目导航",
        "最新更新",
        "本类热门",
        "当前位置：",
        "点击数：",
        "【字体：",
        "【内容提要】",
        "打印本文",
        "关闭窗口",
        "返回顶部",
        "上一篇：",
        "下一篇：",
        "相关文章",
        "网友评论",
        "匿名发表",
        "关于本站",
        "网站地图",
        "Copyright © 2003-2013 www.chndsnews.com All Rights Reserved.",
        "京ICP备13035451号-1",
        *_BODY_CHROME,
    ),
    "new_disclaimer": (
        *_DEFAULT_CHROME,
        NEW_DISCLAIMER,
        NEW_PROMO,
        "文责自负",
        "敬请锁定直报网每日推送",
        *_BODY_CHROME,
    ),
    "article_div": (
        "手机版",
        "投稿邮箱",
        "当前位置：",
        "[摘要]",
        "阅读：",
        "【打印】",
        "【收藏】",
        "【关闭】",
        "上一篇：",
        "下一篇：",
        "相关阅读",
        "我要评论",
        "登录后发表评论",
        "24小时热门",
        "编辑推荐",
        "热门标签",
        "违法和不良信息举报",
        "直销报道网 版权所有 未经授权禁止转载",
        "京ICP备13035451号-1",
        *_BODY_CHROME,
    ),
}


# --- shared pieces ----------------------------------------------------------------


def _blocks(article: Article) -> list[Block]:
    """Return the article's blocks over all its pages, as one merged page."""
    return [b for page in article.pages for b in page]


def _last_p(blocks: list[Block]) -> int:
    """Return the index of the last text block, or -1."""
    return max((i for i, b in enumerate(blocks) if b.kind == "p"), default=-1)


def _title(article: Article) -> str:
    """Return the title as printed."""
    return esc_title(article.title, article.named_entities)


def _date(article: Article) -> str:
    """Return the publication time as printed (with seconds only where the truth has them)."""
    fmt = "%Y-%m-%d %H:%M:%S" if article.pubdate.second else "%Y-%m-%d %H:%M"
    return article.pubdate.strftime(fmt)


def _source(article: Article) -> str:
    """Return the shown source as printed (a link when it has one)."""
    src = esc(article.source_shown or "")
    if article.source_href:
        src = f"<a href='{article.source_href}' target='_blank'>{src}</a>"
    return src


def _counter(article: Article) -> str:
    """Return DedeCMS's click-count script."""
    return (
        f'<script src="/plus/count.php?view=yes&aid={article.aid}&mid=1" '
        'type="text/javascript"></script>'
    )


def _original_note(article: Article) -> str | None:
    """Return the 原标题 note as printed, if the article has one."""
    if article.original_title is None:
        return None
    t = esc(article.original_title)
    return f"（原标题：{t}）" if article.original_full_width else f"(原标题:{t})"


def _img(block: Block, host: str) -> str:
    """Return a bare `<img>` tag for an image block."""
    assert block.image is not None
    src = href(block.image.path, host, block.image.absolute)
    return f'<img alt="" src="{src}" border="0" style="width: 550px; height: 366px;" />'


def _runs(block: Block, prefix: str = INDENT) -> str:
    """Return a text block's inline markup, each of its lines opening with `prefix`."""
    return prefix + "".join(run_html(r, prefix) for r in block.runs)


def _noise(block: Block) -> str:
    """Return the markup of a block that carries no text (script, style, comment)."""
    if block.kind == "script":
        return f'<script type="text/javascript">{block.raw}</script>'
    if block.kind == "style":
        return f'<style type="text/css">{block.raw}</style>'
    return f"<!--{block.raw}-->"


def _p_body(
    article: Article,
    host: str,
    inline_editor: bool = True,
    divs: bool = True,
) -> list[str]:
    """Return one `<p>` per block (or the article's div style if `divs`), editor maybe inline."""
    blocks = _blocks(article)
    last_p = _last_p(blocks)
    inline = inline_editor and article.editor is not None and article.editor_inline
    prefix = {"nbsp": "&nbsp;&nbsp;", "div": ""}.get(article.para_style, INDENT)
    parts = []
    for i, block in enumerate(blocks):
        if block.kind == "p":
            tail = "<br/>" + editor_html(article) if inline and i == last_p else ""
            inner = _runs(block, prefix) + tail
            if divs and article.para_style == "div":
                parts.append(f'<div style="text-indent: 2em;"{block.attrs}>{inner}</div>')
            else:
                parts.append(f"<p{block.attrs}>{inner}</p>")
        elif block.kind == "img":
            parts.append(f'<p style="text-align: center;">{_img(block, host)}</p>')
        elif block.kind == "empty":
            parts.append("<p>&nbsp;</p>")
        else:
            parts.append(_noise(block))
    return parts


def _editor_p(article: Article) -> list[str]:
    """Return the editor paragraph, unless there is none or it sits inline."""
    if article.editor is None or article.editor_inline:
        return []
    return [f'<p style="text-align: right;">{editor_html(article)}</p>']


def _standard_tail(article: Article) -> list[str]:
    """Return the default template's paragraphs after the text: note, editor, boilerplate."""
    parts = []
    note = _original_note(article)
    if note:
        parts.append(f"<p>{INDENT}{note}</p>")
    parts += _editor_p(article)
    parts.append(f"<p>{INDENT}{DISCLAIMER}</p>")
    if article.promo:
        parts.append(f"<p>{INDENT}{PROMO}</p>")
        parts.append(
            f'<p style="text-align: center;"><img src="{QR_PATH}" alt="" width="200" '
            'height="200" /></p>'
        )
    return parts


def _related(site: Site, article: Article, n: int = 8) -> list[Article]:
    """Return the n articles of the same channel nearest in time, newest first."""
    same = [a for a in site.channel_articles(article.channel) if a is not article]
    near = sorted(same, key=lambda a: (abs((a.pubdate - article.pubdate).total_seconds()), a.aid))
    return sorted(near[:n], key=lambda a: a.pubdate, reverse=True)


def _hot(site: Site, n: int) -> list[Article]:
    """Return the n most clicked articles of the site."""
    return sorted(site.articles, key=lambda a: (-a.clicks, a.aid))[:n]


def _latest(site: Site, n: int) -> list[Article]:
    """Return the n newest articles of the site."""
    return sorted(site.articles, key=lambda a: (a.pubdate, a.aid), reverse=True)[:n]


def _neighbours(site: Site, article: Article) -> tuple[Article | None, Article | None]:
    """Return the previous and next article of the same channel."""
    same = site.channel_articles(article.channel)
    i = same.index(article)
    return (same[i - 1] if i > 0 else None, same[i + 1] if i + 1 < len(same) else None)


def _a(article: Article | None) -> str:
    """Return a link to an article, or 没有了 when there is none."""
    if article is None:
        return "没有了"
    return f"<a href='{article.url}'>{esc_title(article.title)}</a>"


# --- the default template and its variants ------------------------------------------


def _default_page(site: Site, article: Article, host: str, content: str) -> str:
    """Return the default template's article page around the given `div.content` inside."""
    title = _title(article)
    # The default template's own widgets: these themes are that template, redrawn.
    digg, share, comment = digg_html(article), share_html(), comment_html(article)
    body = f"""<body class="articleview">
{header(host, article.channel)}{top_box_html(site, host)}\
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
{content}
</td>
</tr>
</table>
</div>
<div class="dede_pages"><ul class="pagelist"></ul></div>
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
    return (
        head(f"{title}_{SITE_NAME}", esc_attr(article.keywords), esc_attr(article.summary or ""))
        + body
        + footer()
    )


_AD_SLOT = (
    '<div id="contentMidPicAD" style="float:right; clear:both; top:0; vertical-align:top;"></div>'
)

# renamed_classes: every class token of the default template gets a new name.
_RENAMES = {
    "content": "art-txt",
    "title": "art-title",
    "info": "art-meta",
    "place": "art-place",
    "intro": "art-desc",
    "dede_pages": "art-pages",
    "pagelist": "art-pagelist",
    "newdigg": "art-digg",
    "boxoff": "art-sep",
    "viewbox": "art-main",
    "handle": "art-handle",
    "context": "art-prevnext",
    "feedback": "art-comment",
    "pleft": "col-l",
    "pright": "col-r",
    "header": "site-head",
    "nav": "site-nav",
    "footer": "site-foot",
    "copyright": "site-copy",
    "powered": "site-links",
    "articleview": "page-article",
    "thisclass": "cur",
    "tbox": "box",
    "light": "box-lt",
}


def _rename(page: str) -> str:
    """Return the page with every class token (and the digg box's id) renamed."""

    def token(name: str) -> str:
        return _RENAMES.get(name, "art-" + name.replace("_", "-"))

    def attr(m: re.Match[str]) -> str:
        q = m.group(1)
        return f"class={q}{' '.join(token(t) for t in m.group(2).split())}{q}"

    page = re.sub(r"""class=(["'])(.*?)\1""", attr, page)
    return page.replace('id="newdigg"', 'id="art-digg"')


def _renamed_classes(site: Site, article: Article, host: str) -> str:
    """Return the default page with every class renamed."""
    content = "\r\n".join([_AD_SLOT, *_p_body(article, host), *_standard_tail(article)])
    return _rename(_default_page(site, article, host, content))


def _new_disclaimer(site: Site, article: Article, host: str) -> str:
    """Return the default page with a new disclaimer after the text and a new promotion."""
    parts = [_AD_SLOT, *_p_body(article, host), f"<p>{INDENT}{NEW_DISCLAIMER}</p>"]
    note = _original_note(article)
    if note:
        parts.append(f"<p>{INDENT}{note}</p>")
    parts += _editor_p(article)
    parts.append(f"<p>{INDENT}<strong>{NEW_PROMO}</strong></p>")
    return _default_page(site, article, host, "\r\n".join(parts))


def _br_text(article: Article, host: str, sep: str) -> str:
    """Return the body and its boilerplate as text lines separated by `sep` (no `<p>`)."""
    items: list[str] = []  # text items, joined by sep
    pending = ""  # markup without text, glued to the next item
    for block in _blocks(article):
        if block.kind == "p":
            items.append(pending + _runs(block))
        elif block.kind == "img":
            items.append(pending + _img(block, host))
        elif block.kind == "empty":
            items.append(pending + "&nbsp;")
        else:
            pending += _noise(block)
            continue
        pending = ""
    note = _original_note(article)
    if note:
        items.append(INDENT + note)
    if article.editor is not None:
        items.append(editor_html(article))
    items.append(INDENT + DISCLAIMER)
    if article.promo:
        items.append(INDENT + PROMO)
        items.append(f'<img src="{QR_PATH}" alt="" width="200" height="200" />')
    return sep.join(items) + pending


def _br_paragraphs(site: Site, article: Article, host: str) -> str:
    """Return the default page whose body is `<br/><br/>`-separated text in one cell."""
    return _default_page(site, article, host, _AD_SLOT + "\r\n" + _br_text(article, host, BR2))


# --- dede_theme2 ------------------------------------------------------------------


def _theme2_info(article: Article) -> str:
    """Return the theme's info line: one span per field."""
    spans = [f"<span>{article.info_label}：{_date(article)}</span>"]
    if article.source_shown is not None:
        spans.append(f"<span>来源：{_source(article)}</span>")
    if article.author_shown is not None:
        spans.append(f"<span>作者：{esc(article.author_shown)}</span>")
    spans.append(f"<span>浏览：{_counter(article)}次</span>")
    spans.append(
        '<span class="font">字号：<a href="javascript:doZoom(16)">大</a> '
        '<a href="javascript:doZoom(14)">中</a> <a href="javascript:doZoom(12)">小</a></span>'
    )
    return "".join(spans)


def _dede_theme2(site: Site, article: Article, host: str) -> str:
    """Return the article in another DedeCMS theme (div.article_con, div#article_body)."""
    title = _title(article)
    nav = "".join(
        f"<li{ON if c == article.channel else ''}><a href='/{c.folder}/'>{c.name}</a></li>"
        for c in CHANNELS
    )
    desc = (
        f'<div class="arc-desc"><strong>导读：</strong>{esc(article.summary)}</div>'
        if article.summary
        else ""
    )
    body = "\r\n".join(
        [
            '<div class="arc-ad"><script src="/plus/ad_js.php?aid=5"></script></div>',
            *_p_body(article, host),
            *_standard_tail(article),
        ]
    )
    tags = " ".join(
        f'<a href="/tags.php?/{esc_attr(k)}/">{esc(k)}</a>' for k in article.keywords.split(",")
    )
    prev, nxt = _neighbours(site, article)
    related = "\n".join(
        f"<li><span>{a.pubdate:%m-%d}</span><a href='{a.url}' title='{esc_attr(a.title)}'>"
        f"{esc_title(a.title)}</a></li>"
        for a in _related(site, article)
    )
    hot = "\n".join(
        f"<li><em>{i}</em><a href='{a.url}'>{esc_title(a.title)}</a></li>"
        for i, a in enumerate(_hot(site, 20), 1)
    )
    latest = "\n".join(
        f"<li><a href='{href(a.url, host, True)}'>{esc_title(a.title)}</a>"
        f"<span>{a.pubdate:%m-%d}</span></li>"
        for a in _latest(site, 10)
    )
    people = "\n".join(
        f"<li><a href='{link_href(link, host)}'><img src='/uploads/allimg/people{i}.jpg' "
        f"alt='{esc_attr(cut)}' /></a><h4><a href='{link_href(link, host)}'>{esc(cut)}</a></h4>"
        f"<p>{esc(summary)}</p></li>"
        for i, (link, cut, summary) in enumerate(site.top_box)
    )
    page = f"""<!DOCTYPE html>
<html>
<head>
<meta http-equiv="Content-Type" content="text/html; charset=gb2312" />
<title>{title}-{SITE_NAME}</title>
<meta name="keywords" content="{esc_attr(article.keywords)}" />
<meta name="description" content="{esc_attr(article.summary or "")}" />
<link href="/templets/theme2/css/style.css" rel="stylesheet" type="text/css" />
<script type="text/javascript" src="/templets/theme2/js/jquery.min.js"></script>
</head>
<body>
<div class="topbar"><div class="wrap"><span class="fl">欢迎访问直销报道网！</span>\
<span class="fr"><a href="/member/login.php">登录</a> | <a href="/member/reg_new.php">注册</a> | \
<a href="javascript:addFav();">加入收藏</a></span></div></div>
<div class="head wrap"><a class="logo" href="/"><img src="/templets/theme2/images/logo.png" \
alt="{SITE_NAME}" /></a>
<form class="search" action="/plus/search.php" method="get"><input type="text" name="q" />\
<button type="submit">搜索</button></form></div>
<div class="menu"><ul class="wrap"><li><a href="/">网站首页</a></li>{nav}</ul></div>
<div class="wrap mt10 clearfix">
<div class="main-left">
<div class="crumbs">您现在的位置：<a href="/">首页</a> &gt; \
<a href='/{article.channel.folder}/'>{article.channel.name}</a> &gt; 正文</div>
<div class="article_con">
<h1 class="arc-title">{title}</h1>
<div class="arc-info">{_theme2_info(article)}</div>
{desc}
<div id="article_body">
{body}
</div>
<div class="arc-tags">标签：{tags}</div>
<div class="arc-share">分享到：<a href="#" class="share-wx">微信</a>\
<a href="#" class="share-wb">新浪微博</a><a href="#" class="share-qz">QQ空间</a></div>
<div class="arc-prenext"><p>上一篇：{_a(prev)}</p><p>下一篇：{_a(nxt)}</p></div>
<div class="related"><div class="hd"><h3>相关文章</h3></div>
<ul>
{related}
</ul></div>
<div class="arc-comment"><div class="hd"><h3>网友评论</h3></div>
<form action="/plus/feedback.php?action=send" method="post">
<input type="hidden" name="aid" value="{article.aid}" />
<textarea name="msg" rows="4"></textarea>
<p>已有0条评论，<a href="/plus/feedback.php?aid={article.aid}">查看全部</a></p>
<button type="submit">提交评论</button></form></div>
</div>
</div>
<div class="main-right">
<div class="side-box"><div class="hd"><h3>热门资讯</h3></div><ul class="hot-list">
{hot}
</ul></div>
<div class="side-box"><div class="hd"><h3>最新文章</h3></div><ul class="new-list">
{latest}
</ul></div>
<div class="side-box"><div class="hd"><h3>人物专访</h3></div><ul class="pic-list">
{people}
</ul></div>
<div class="side-box"><div class="hd"><h3>关注我们</h3></div>\
<img src="{QR_PATH}" alt="" /><p>扫一扫关注官方微信</p></div>
</div>
</div>
<div class="foot">
<p><a href="/about/">关于我们</a> | <a href="/plus/guestbook.php">联系我们</a> | \
<a href="#">广告服务</a> | <a href="#">网站地图</a></p>
<p>Copyright &copy; 2008-2024 {SITE_NAME} 版权所有</p>
<p>本站部分内容来自网络，如有侵权请联系删除</p>
<p><a href="http://beian.miit.gov.cn/">京ICP备13035451号-1</a></p>
</div>
</body>
</html>
"""
    return page


# --- table_layout -----------------------------------------------------------------


def _cell_links(articles: list[Article], host: str, dates: bool = False) -> str:
    """Return a table cell's worth of `·` links separated by `<br>`."""
    return "<br>\n".join(
        f"·<a href='{href(a.url, host, i % 3 == 0)}' target=_blank>{esc_title(a.title)}</a>"
        + (f"<font color=#999999>({a.pubdate:%m-%d})</font>" if dates else "")
        for i, a in enumerate(articles)
    )


def _side_table(heading: str, cell: str) -> str:
    """Return one sidebar box of the table layout."""
    return (
        "<table width=100% border=0 cellpadding=4 cellspacing=1 bgcolor=#cccccc>"
        f"<tr><td bgcolor=#e6e6e6 height=24><b>{heading}</b></td></tr>\n"
        f"<tr><td bgcolor=#ffffff style='line-height:180%'>{cell}</td></tr></table>\n"
    )


def _table_layout(site: Site, article: Article, host: str) -> str:
    """Return the article in an old table-only layout (no div anywhere)."""
    title = _title(article)
    if article.aid % 2:
        title_row = f"<tr><td align=center height=50><font size=5><b>{title}</b></font></td></tr>"
    else:
        title_row = f'<tr><td class="title" align=center height=50>{title}</td></tr>'
    info = f"{article.info_label}：{_date(article)}"
    if article.source_shown is not None:
        info += f"&nbsp;&nbsp;来源：{_source(article)}"
    if article.author_shown is not None:
        info += f"&nbsp;&nbsp;作者：{esc(article.author_shown)}"
    info += f"&nbsp;&nbsp;点击数：{_counter(article)}次"
    summary_row = (
        f"<tr><td bgcolor=#f7f7f7 style='padding:6px'>【内容提要】{esc(article.summary)}</td></tr>"
        if article.summary
        else ""
    )
    if article.aid % 3 == 0:
        body = _br_text(article, host, "<br>\n")
    else:
        parts = _p_body(article, host, inline_editor=False, divs=False)
        note = _original_note(article)
        if note:
            parts.append(f"<p>{INDENT}{note}</p>")
        if article.editor is not None:
            parts.append(f"<p align=right>{editor_html(article)}</p>")
        parts.append(f"<p>{INDENT}{DISCLAIMER}</p>")
        if article.promo:
            parts.append(f"<p>{INDENT}{PROMO}</p>")
            parts.append(f"<p align=center><img src='{QR_PATH}' border=0></p>")
        body = "\n".join(parts)
    nav = " | ".join(
        ["<a href='/'><font color=#ffffff>首页</font></a>"]
        + [f"<a href='/{c.folder}/'><font color=#ffffff>{c.name}</font></a>" for c in CHANNELS]
    )
    channels = "<br>\n".join(f"·<a href='/{c.folder}/'>{c.name}</a>" for c in CHANNELS)
    same = [a for a in site.channel_articles(article.channel) if a is not article]
    channel_hot = sorted(same, key=lambda a: (-a.clicks, a.aid))[:10]
    prev, nxt = _neighbours(site, article)
    return f"""<html>
<head>
<meta http-equiv="Content-Type" content="text/html; charset=gb2312">
<title>{title}--{SITE_NAME}</title>
<meta name="keywords" content="{esc_attr(article.keywords)}">
<style type="text/css">td {{font-size: 12px}} a {{color: #000000; text-decoration: none}}</style>
<script language="javascript">function fontZoom(size){{document.getElementById('fontzoom')\
.style.fontSize=size+'px'}}</script>
</head>
<body topmargin=0 leftmargin=0 bgcolor=#ffffff>
<a name="top"></a>
<table width=778 border=0 align=center cellpadding=0 cellspacing=0>
<tr><td width=300 height=70><img src="/images/logo.gif" width=280 height=60 \
alt="{SITE_NAME}"></td>
<td align=right valign=bottom><a href="/">设为首页</a> | <a href="#">加入收藏</a> | \
<a href="/plus/guestbook.php">联系我们</a></td></tr>
</table>
<table width=778 border=0 align=center cellpadding=0 cellspacing=0 bgcolor=#003399>
<tr><td height=28 align=center><b>{nav}</b></td></tr>
</table>
<table width=778 border=0 align=center cellpadding=0 cellspacing=0>
<tr>
<td width=200 valign=top bgcolor=#f0f0f0>
{_side_table("栏目导航", channels)}\
{_side_table("最新更新", _cell_links(_latest(site, 12), host))}\
{_side_table("本类热门", _cell_links(channel_hot, host))}\
</td>
<td width=8></td>
<td width=570 valign=top>
<table width=100% border=0 cellpadding=0 cellspacing=0>
<tr><td height=28>当前位置：<a href="/">首页</a> &gt;&gt; \
<a href="/{article.channel.folder}/">{article.channel.name}</a> &gt;&gt; 正文</td></tr>
</table>
<table width=96% border=0 align=center cellpadding=0 cellspacing=0>
{title_row}
<tr><td align=center height=25><font color=#666666>{info}</font>&nbsp;&nbsp;【字体：\
<a href="javascript:fontZoom(16)">大</a> <a href="javascript:fontZoom(14)">中</a> \
<a href="javascript:fontZoom(12)">小</a>】</td></tr>
<tr><td height=1 bgcolor=#cccccc></td></tr>
{summary_row}
<tr><td id="fontzoom" style="font-size:14px; line-height:200%; padding-top:10px">
{body}
</td></tr>
<tr><td align=right height=30>【<a href="javascript:window.print()">打印本文</a>】\
【<a href="javascript:window.close()">关闭窗口</a>】【<a href="#top">返回顶部</a>】</td></tr>
<tr><td height=1 bgcolor=#cccccc></td></tr>
<tr><td style="line-height:200%">上一篇：{_a(prev)}<br>下一篇：{_a(nxt)}</td></tr>
<tr><td>{_side_table("相关文章", _cell_links(_related(site, article), host, dates=True))}</td></tr>
<tr><td><form action="/plus/feedback.php?action=send" method=post>
<input type=hidden name=aid value={article.aid}>
<table width=100% border=0 cellpadding=4 cellspacing=1 bgcolor=#cccccc>
<tr><td bgcolor=#e6e6e6><b>网友评论</b></td></tr>
<tr><td bgcolor=#ffffff>用户名：<input name=username size=12> \
<input type=checkbox name=notuser value=1>匿名发表<br>
<textarea name=msg cols=60 rows=5></textarea><br><input type=submit value="发表评论"></td></tr>
</table></form></td></tr>
</table>
</td>
</tr>
</table>
<table width=778 border=0 align=center cellpadding=6 cellspacing=0 bgcolor=#eeeeee>
<tr><td align=center style="line-height:180%"><a href="/about/">关于本站</a> | \
<a href="#">网站帮助</a> | <a href="#">广告合作</a> | <a href="#">网站地图</a><br>
Copyright &copy; 2003-2013 www.chndsnews.com All Rights Reserved.<br>
京ICP备13035451号-1</td></tr>
</table>
</body>
</html>
"""


# --- article_div ------------------------------------------------------------------


def _article_div(site: Site, article: Article, host: str) -> str:
    """Return the article in a common news-CMS layout (div#article.article-content)."""
    title = _title(article)
    meta = [f'<span class="time">{_date(article)}</span>']
    if article.source_shown is not None:
        meta.append(f'<span class="source">来源：{_source(article)}</span>')
    if article.author_shown is not None:
        meta.append(f'<span class="author">作者：{esc(article.author_shown)}</span>')
    meta.append(f'<span class="views">阅读：{_counter(article)}</span>')
    summary = (
        f'<p class="article-summary">[摘要]{esc(article.summary)}</p>' if article.summary else ""
    )
    parts = _p_body(article, host, inline_editor=False)
    note = _original_note(article)
    if note:
        parts.append(f"<p>{INDENT}{note}</p>")
    if article.editor is not None:
        parts.append(f'<p class="editor">{editor_html(article)}</p>')
    parts.append(f'<p class="statement">{DISCLAIMER}</p>')
    if article.promo:
        parts.append(f'<p class="wx-promo">{PROMO}<br/><img src="{QR_PATH}" alt="" /></p>')
    prev, nxt = _neighbours(site, article)
    related = "\n".join(
        f"<li><a href='{a.url}'>{esc_title(a.title)}</a><em>{a.pubdate:%Y-%m-%d}</em></li>"
        for a in _related(site, article, 6)
    )
    hot = "\n".join(
        f"<li><i>{i}</i><a href='{href(a.url, host, True)}'>{esc_title(a.title)}</a></li>"
        for i, a in enumerate(_hot(site, 12), 1)
    )
    recommend = "\n".join(
        f"<li><a href='{link_href(link, host)}'>{esc_title(link.article.title)}</a>"
        f"<p>{esc((link.article.summary or '')[:30])}…</p></li>"
        for link in site.recommend
    )
    tags = " ".join(f"<a href='/tags.php'>{t}</a>" for t in ("直销", "健康产业", "企业动态"))
    nav = "".join(
        f"<a href='/{c.folder}/'{ACTIVE if c == article.channel else ''}>{c.name}</a>"
        for c in CHANNELS
    )
    return f"""<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="gbk">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title} - {SITE_NAME}</title>
<meta name="keywords" content="{esc_attr(article.keywords)}">
<meta name="description" content="{esc_attr(article.summary or "")}">
<link rel="stylesheet" href="/static/css/main.css">
</head>
<body>
<header class="site-header">
<div class="container"><a class="logo" href="/"><img src="/static/img/logo.png" \
alt="{SITE_NAME}"></a>
<div class="header-links"><a href="/m/">手机版</a><span>投稿邮箱：tougao@chndsnews.com</span></div>
</div>
<nav class="main-nav"><div class="container"><a href="/">首页</a>{nav}</div></nav>
</header>
<div class="container clearfix">
<div class="main">
<div class="position">当前位置：<a href="/">首页</a> &gt; \
<a href="/{article.channel.folder}/">{article.channel.name}</a></div>
<div class="article-head">
<h1>{title}</h1>
<p class="article-meta">{"".join(meta)}</p>
</div>
{summary}
<div id="article" class="article-content">
{chr(10).join(parts)}
</div>
<div class="article-tools">【<a href="javascript:window.print();">打印</a>】\
【<a href="javascript:addFav();">收藏</a>】【<a href="javascript:window.close();">关闭</a>】</div>
<div class="article-nav"><p>上一篇：{_a(prev)}</p><p>下一篇：{_a(nxt)}</p></div>
<div class="article-related"><h3>相关阅读</h3>
<ul>
{related}
</ul></div>
<div class="comment-box"><h3>我要评论</h3>
<form action="/plus/feedback.php?action=send" method="post">
<input type="hidden" name="aid" value="{article.aid}">
<p class="tip">登录后发表评论，<a href="/member/login.php">登录</a></p>
<textarea name="msg"></textarea>
<button type="submit">发布</button></form></div>
</div>
<aside class="side">
<section class="side-box"><h3>24小时热门</h3><ol>
{hot}
</ol></section>
<section class="side-box"><h3>编辑推荐</h3><ul>
{recommend}
</ul></section>
<section class="side-box"><h3>热门标签</h3><p>{tags}</p></section>
</aside>
</div>
<footer class="site-footer"><div class="container">
<p><a href="/about/">关于我们</a> · <a href="/plus/guestbook.php">联系我们</a> · \
<a href="#">违法和不良信息举报</a></p>
<p>{SITE_NAME} 版权所有 未经授权禁止转载 京ICP备13035451号-1</p>
</div></footer>
</body>
</html>
"""


# --- public API -------------------------------------------------------------------

_RENDERERS: dict[str, Callable[[Site, Article, str], str]] = {
    "dede_theme2": _dede_theme2,
    "renamed_classes": _renamed_classes,
    "br_paragraphs": _br_paragraphs,
    "table_layout": _table_layout,
    "new_disclaimer": _new_disclaimer,
    "article_div": _article_div,
}


def _check(theme: str) -> None:
    """Raise ValueError for an unknown theme."""
    if theme not in _RENDERERS:
        raise ValueError(f"unknown theme {theme!r}; choose one of {', '.join(THEMES)}")


def render_theme(site: Site, article: Article, theme: str, host: str = DEFAULT_HOST) -> bytes:
    """Return the article, all its pages merged into one, rendered by `theme` as GBK bytes."""
    _check(theme)
    return encode_page(_RENDERERS[theme](site, article, host))


def drift_pages(
    site: Site, theme: str, limit: int | None = None
) -> list[tuple[str, bytes, dict[str, Any]]]:
    """Return (url path, page bytes, truth) for the site's truth articles, the first `limit`.

    Syndicated copies are left out: the drift set measures extraction, one page per story.
    """
    _check(theme)
    canonical = [a for a in site.articles if a.syndicated_from is None]
    articles = canonical if limit is None else canonical[:limit]
    return [(a.url, render_theme(site, a, theme), a.truth()) for a in articles]


def chrome_strings(theme: str) -> list[str]:
    """Return short chrome strings of a theme that must never appear in an extracted body."""
    _check(theme)
    return list(dict.fromkeys(_THEME_CHROME[theme]))
