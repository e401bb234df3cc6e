"""Build a labelled set of near-duplicate article pairs from the replica's generator.

Each pair is two plain-text articles (one paragraph per line) and a label: True when
both are the same story (a syndicated copy with small edits), False when they are two
stories that only look alike. The negatives are hard on purpose: two reports of one
event, parts of a series sharing background, articles carrying one long boilerplate
block, articles written from the same sentence templates. The set measures a
near-duplicate detector: it must fold the positives and keep the negatives apart.

The text comes from `content.py` (its vocabulary, sentence and title templates, slot
filler and editorial rewording), so it reads like the replica's articles.
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Any

from portalcrawler.replica.content import (
    CAPTIONS,
    CITIES,
    COMPANIES,
    DISCLAIMER,
    EDITORS,
    EVENTS,
    PEOPLE,
    PRODUCTS,
    PROMO,
    SENTENCES,
    SOURCES,
    TITLES,
    TOPICS,
    _Gen,
    reword_sentence,
)

POSITIVE_KINDS = ("exact", "new_dateline", "chrome_changed", "edited_1_10", "combo")
NEGATIVE_KINDS = ("same_event", "serial", "shared_boilerplate", "same_template")
KINDS = POSITIVE_KINDS + NEGATIVE_KINDS
# Verbatim share of each body the shared paragraphs take, by kind (characters).
SHARED_RANGE = {"serial": (0.25, 0.40), "shared_boilerplate": (0.30, 0.45)}


@dataclass(frozen=True)
class Pair:
    """Two articles and whether they are the same story.

    share: for edited_1_10 and combo, the share of a's body sentences edited or dropped in b.
    shared: for serial and shared_boilerplate, the paragraphs both bodies carry verbatim.
    """

    a_title: str
    a_body: str
    b_title: str
    b_body: str
    label: bool
    kind: str
    share: float = 0.0
    shared: tuple[str, ...] = ()


# --- text beyond content.py's templates -----------------------------------------------

# Openings of an event report; each names the company, city and date of the event.
LEADS = (
    "{month}月{day}日，{co}在{city}{event}，{people}余名经销商代表及行业嘉宾出席。",
    "记者从{co}获悉，{month}月{day}日，该公司在{city}{event}。",
    "{month}月{day}日上午，{co}{event}，活动在{city}举行。",
    "{month}月{day}日，{co}在{city}{event}，吸引了业内广泛关注。",
    "日前，{co}在{city}{event}，这是该公司{year}年的一项重要活动。",
    "{co}{month}月{day}日在{city}{event}，{person}出席并讲话。",
)
# Event-report sentences on the story's facts; with SENTENCES they make the body.
EXTRA_SENTENCES = (
    "{person}在致辞中表示，{co}将把{topic}作为今后一个时期的重点工作。",
    "据{co}方面介绍，此次活动共吸引{people}余名经销商代表参加。",
    "会上，{co}发布了新一代{product}，并宣布未来三年投入{invest}亿元用于研发。",
    "{co}{year}年销售额同比增长{pct}%，增速高于行业平均水平。",
    "{person}透露，{co}计划在{city}新增{outlets}0个服务网点。",
    "与会嘉宾认为，{co}在{topic}方面的做法值得同行借鉴。",
    "据悉，{co}与{co2}还将在{city}联合开展{topic}试点。",
    "{co}相关负责人在接受记者采访时说，{product}的市场需求仍在快速增长。",
    "活动期间，{co}还组织经销商代表参观了位于{city}的生产基地。",
    "{person}强调，企业发展必须守住合规底线，决不能以牺牲消费者利益为代价。",
    "按照规划，{co}在{city}的新项目将于{year2}年投入使用。",
    "当天，{co}还向当地捐赠了价值{donation}万元的{product}。",
    "{co}方面表示，{topic}将贯穿企业发展的全过程。",
    "业内专家指出，{topic}已成为衡量直销企业竞争力的重要指标。",
    "{city}市场监管部门有关负责人出席活动并讲话。",
    "截至目前，{co}累计获得专利{patents}项，其中发明专利占比超过三成。",
    "{person}说，未来{co}将继续深耕{city}市场，进一步提升服务水平。",
    "此外，{co}还宣布启动{topic}专项行动，首期投入资金{invest}亿元。",
    "据介绍，{co}的{product}生产线已实现全流程数字化管理。",
    "值得关注的是，{co}今年在{topic}方面的投入同比增长{pct2}%。",
)
BODY_TEMPLATES = SENTENCES + EXTRA_SENTENCES
# The {num} of a SENTENCES template that states one of the story's own figures.
NUM_FACTS = (
    ("投入{num}亿元", "invest"),
    ("总投资约{num}亿元", "invest"),
    ("{num}余名经销商", "people"),
    ("专利{num}项", "patents"),
)
NUM_RANGES = (("连续{num}年", (3, 30)), ("专项检查{num}次", (3, 60)))
# A company profile, as press releases close with 「关于XX」.
PROFILE = (
    "{co}成立于{founded}年，总部位于{hq}，是一家集研发、生产、销售于一体的健康产业企业。",
    "目前，{co}拥有员工{staff}余人，在全国{provinces}个省区市设有分支机构。",
    "公司主营{product}、{product2}等{lines}大类产品，先后获得多项省部级荣誉。",
    "{licensed}年，{co}获得商务部颁发的直销经营许可证，成为较早获准开展直销业务的企业之一。",
    "多年来，{co}坚持“{motto}”的经营理念，累计投入公益资金超过{charity}亿元。",
    "{co}在{hq}建有现代化生产基地，年产能达{capacity}万吨，产品销往{countries}个国家和地区。",
    "{co}设有省级企业技术中心，与多所高校及科研院所建立了长期合作关系。",
    "近年来，{co}围绕{topic}持续发力，推动企业向高质量发展转型。",
)
MOTTOS = ("诚信、创新、共赢", "健康人生，共享未来", "以人为本，品质第一", "感恩、分享、担当")
LONG_DISCLAIMER = (
    "风险提示：本文所涉及的企业经营数据均来自企业公开披露的信息，本网未对其真实性、"
    "准确性和完整性作出任何保证，读者据此作出的任何决定，风险自担。",
    "免责声明：凡本网注明“来源：直销报道网”的所有作品，版权均属于本网，"
    "未经本网授权不得转载、摘编或利用其他方式使用上述作品；已经本网授权使用作品的，"
    "应在授权范围内使用，并注明“来源：直销报道网”。违反上述声明者，本网将追究其相关法律责任。",
    "凡本网注明“来源：XXX（非直销报道网）”的作品，均转载自其他媒体，转载目的在于传递更多信息，"
    "并不代表本网赞同其观点和对其真实性负责。如因作品内容、版权和其他问题需要同本网联系的，"
    "请在作品发表之日起30日内进行。",
    DISCLAIMER,
)
SERIES = (
    "{co}{topic}探索之路",
    "走进{co}",
    "{topic}的{co}样本",
    "聚焦直销企业{topic}",
)
SERIES_SUBTITLES = ("{city}篇", "从{product}说起", "{person}的{year}年", "{topic}新实践", "")
CHINESE_NUMERALS = "一二三四五六"
TITLE_SUFFIXES = ("（转载）", "(转载)", "-人民网", "_新华网", "—中国经济网", "（图）")
SHORT_DISCLAIMER = "（本文仅代表作者观点，不代表本网立场。）"
PROMO_2 = "更多直销行业资讯，请关注直销报道网微信公众号。"
EDITOR_LINES = ("责任编辑：{}", "（责编：{}）", "责编:{}")


# --- stories --------------------------------------------------------------------------


@dataclass
class _Story:
    """The article's own text: title, dateline and sentences grouped in paragraphs."""

    title: str
    dateline: str
    paras: list[list[str]]

    def lines(self) -> list[str]:
        """Return the paragraphs as lines, the dateline opening the first."""
        lines = ["".join(p) for p in self.paras]
        return [self.dateline + lines[0], *lines[1:]]

    @property
    def sentences(self) -> list[str]:
        """Return the sentences in order."""
        return [s for p in self.paras for s in p]


@dataclass
class _Chrome:
    """Lines a portal adds around a story: promotion, photo caption, editor, disclaimer."""

    promo_start: str | None = None
    caption: str | None = None
    editor: str | None = None
    disclaimer: str | None = None
    promo_end: str | None = None


def _facts(gen: _Gen, **fixed: Any) -> dict[str, Any]:
    """Return the facts of one story: company, city, date, people, numbers; `fixed` wins."""
    rng = gen.rng
    facts: dict[str, Any] = dict(gen.slots("plain"))
    when = date(rng.randint(2021, 2023), rng.randint(1, 12), rng.randint(1, 28))
    facts.update(
        when=when,
        month=str(when.month),
        day=str(when.day),
        year=str(when.year - rng.randint(0, 1)),
        year2=str(when.year + rng.randint(1, 3)),
        topics=[facts["topic"], gen.pick([t for t in TOPICS if t != facts["topic"]])],
        products=[facts["product"], gen.pick([p for p in PRODUCTS if p != facts["product"]])],
        people=str(rng.randint(3, 30) * 100),
        invest=str(rng.randint(2, 30)),
        pct2=str(rng.randint(5, 60)),
        outlets=str(rng.randint(5, 90)),
        patents=str(rng.randint(30, 900)),
        donation=str(rng.randint(5, 500)),
        nums={},  # the number each SENTENCES template prints for this story
    )
    facts.update(fixed)
    return facts


def _other_facts(gen: _Gen, facts: dict[str, Any], keep: Sequence[str] = ()) -> dict[str, Any]:
    """Return facts of a different story: company, city, person, event, topics all new."""
    other = _facts(gen, **{k: facts[k] for k in keep})
    for key, pool in (
        ("co", COMPANIES),
        ("city", CITIES),
        ("person", PEOPLE),
        ("event", EVENTS),
        ("source", SOURCES),
    ):
        if key not in keep:
            other[key] = gen.pick([v for v in pool if v != facts[key]])
    other["co2"] = gen.pick(
        [c for c in COMPANIES if c not in (other["co"], facts["co"], facts["co2"])]
    )
    other["topics"] = gen.rng.sample([t for t in TOPICS if t not in facts["topics"]], 2)
    other["products"] = gen.rng.sample([p for p in PRODUCTS if p not in facts["products"]], 2)
    other["topic"], other["product"] = other["topics"][0], other["products"][0]
    return other


def _fill(template: str, facts: dict[str, Any], rng: random.Random) -> str:
    """Return one sentence: the template on the story's facts, topic and product varying."""
    nums = facts["nums"]
    if template not in nums:
        # A figure the story states elsewhere is the same figure here.
        key = next((k for marker, k in NUM_FACTS if marker in template), None)
        low, high = next((r for marker, r in NUM_RANGES if marker in template), (2, 98))
        nums[template] = facts[key] if key else str(rng.randint(low, high))
    values = {
        **facts,
        "topic": rng.choice(facts["topics"]),
        "product": rng.choice(facts["products"]),
        "num": nums[template],
    }
    return template.format(**values)


def _group(rng: random.Random, sentences: list[str], lead: str | None = None) -> list[list[str]]:
    """Return the sentences in paragraphs of 2-4, the lead opening the first."""
    rest = list(sentences)
    first = [lead] if lead is not None else []
    first += [rest.pop(0) for _ in range(min(len(rest), rng.randint(1, 2)))]
    paras = [first]
    while rest:
        n = min(len(rest), rng.randint(2, 4))
        paras.append(rest[:n])
        rest = rest[n:]
    if len(paras[-1]) == 1 and len(paras) > 2:
        last = paras.pop()
        paras[-1] = paras[-1] + last  # no one-sentence paragraph at the end
    return paras


def _dateline(rng: random.Random, facts: dict[str, Any]) -> str:
    """Return a dateline for the story: the portal's own, its short form, or none."""
    r = rng.random()
    if r < 0.55:
        return f"【直报网{facts['city']}{facts['month']}月{facts['day']}日讯】"
    return "（直报网讯）" if r < 0.7 else ""


def _other_dateline(rng: random.Random, facts: dict[str, Any], current: str) -> str:
    """Return the dateline of a republication: moved to its own date and city, or dropped."""
    when = facts["when"] + timedelta(days=rng.randint(1, 10))
    city = rng.choice(CITIES)
    options = [
        f"【直报网{city}{when.month}月{when.day}日讯】",
        "",
        "（直报网讯）",
        f"（{rng.choice(('人民网', '新华网', '中国经济网'))}）",
    ]
    if current:
        options.append("")  # dropping it is the commonest edit
    return rng.choice([d for d in options if d != current])


def _title(gen: _Gen, facts: dict[str, Any], template: str | None = None) -> str:
    """Return a headline on the facts."""
    return (template or gen.pick(TITLES)).format(**facts)


@dataclass(frozen=True)
class _Plan:
    """The templates a story was written from: headline, lead and body, in order."""

    title: str
    lead: str
    body: tuple[str, ...]


def _story(
    gen: _Gen,
    facts: dict[str, Any],
    pool: Sequence[str] = BODY_TEMPLATES,
    n_sentences: tuple[int, int] = (12, 26),
    lead: str | None = None,
) -> tuple[_Story, _Plan]:
    """Return a story on the facts (no template used twice) and the plan it followed."""
    rng = gen.rng
    plan = _Plan(
        gen.pick(TITLES),
        lead or gen.pick(LEADS),
        tuple(rng.sample(list(pool), min(len(pool), rng.randint(*n_sentences)))),
    )
    sentences = [_fill(t, facts, rng) for t in plan.body]
    paras = _group(rng, sentences, plan.lead.format(**facts))
    return _Story(_title(gen, facts, plan.title), _dateline(rng, facts), paras), plan


# --- chrome and edits -----------------------------------------------------------------


def _chrome(rng: random.Random, facts: dict[str, Any]) -> _Chrome:
    """Return random chrome: an editor line, a disclaimer, a promotion, a caption, or none."""
    return _Chrome(
        editor=rng.choice(EDITOR_LINES).format(rng.choice(EDITORS)) if rng.random() < 0.7 else None,
        disclaimer=DISCLAIMER if rng.random() < 0.3 else None,
        promo_end=rng.choice((PROMO, PROMO_2)) if rng.random() < 0.3 else None,
        caption=_caption(rng, facts) if rng.random() < 0.4 else None,
    )


def _caption(rng: random.Random, facts: dict[str, Any], avoid: str | None = None) -> str:
    """Return a photo caption on the facts, other than `avoid`."""
    options = [c.format(**facts) for c in CAPTIONS]
    options += [f"新华社记者 {rng.choice(PEOPLE)}摄", f"图为活动现场。（{facts['source']}供图）"]
    return rng.choice([c for c in options if c != avoid])


def _change_chrome(rng: random.Random, facts: dict[str, Any], chrome: _Chrome) -> _Chrome:
    """Return the chrome with one or two lines added, removed or changed."""
    out = replace(chrome)
    for what in rng.sample(("editor", "disclaimer", "promo_start", "promo_end", "caption"), 2)[
        : rng.randint(1, 2)
    ]:
        if what == "editor":
            editor = rng.choice(EDITOR_LINES).format(rng.choice(EDITORS))
            out.editor = None if chrome.editor and rng.random() < 0.5 else editor
            if out.editor == chrome.editor:
                out.editor = None
        elif what == "disclaimer":
            options = [None, DISCLAIMER, SHORT_DISCLAIMER]
            out.disclaimer = rng.choice([d for d in options if d != chrome.disclaimer])
        elif what in ("promo_start", "promo_end"):
            options = [None, PROMO, PROMO_2]
            setattr(out, what, rng.choice([p for p in options if p != getattr(chrome, what)]))
        else:
            out.caption = _caption(rng, facts, avoid=chrome.caption)
    return out


def _render(story: _Story, chrome: _Chrome) -> str:
    """Return the body: one paragraph per line, chrome around the story."""
    lines = story.lines()
    if chrome.caption:
        lines.insert(1, chrome.caption)
    before = [chrome.promo_start] if chrome.promo_start else []
    after = [x for x in (chrome.editor, chrome.disclaimer, chrome.promo_end) if x]
    return "\n".join(before + lines + after)


def _edit(rng: random.Random, story: _Story, lo: float, hi: float) -> tuple[_Story, float]:
    """Return the story with a share in [lo, hi] of its sentences reworded or dropped."""
    n = len(story.sentences)
    k_min, k_max = max(1, math.ceil(lo * n)), math.floor(hi * n)
    if k_min > k_max:
        raise ValueError(f"{n} sentences cannot be edited by {lo:.0%}-{hi:.0%}")
    k = min(k_max, max(k_min, round(rng.uniform(lo, hi) * n)))
    paras = [list(p) for p in story.paras]
    # One edit per paragraph at most, so a drop never empties a paragraph.
    for pi in rng.sample(range(len(paras)), k):
        si = rng.randrange(len(paras[pi]))
        if len(paras[pi]) >= 2 and rng.random() < 0.4:
            del paras[pi][si]
        else:
            paras[pi][si] = reword_sentence(paras[pi][si], rng)
    return replace(story, paras=paras), k / n


# --- one pair per kind ------------------------------------------------------------------


def _positive(gen: _Gen, kind: str) -> Pair:
    """Return a pair of one story: the original and a republished copy."""
    rng = gen.rng
    facts = _facts(gen)
    a, _ = _story(gen, facts)
    b = replace(a)
    b_title = a.title
    share = 0.0
    chrome_a = _chrome(rng, facts)
    chrome_b = chrome_a
    if kind in ("new_dateline", "combo"):
        b.dateline = _other_dateline(rng, facts, a.dateline)
        if rng.random() < 0.85:
            b_title = a.title + rng.choice(TITLE_SUFFIXES)
    if kind in ("chrome_changed", "combo"):
        chrome_b = _change_chrome(rng, facts, chrome_a)
    if kind == "edited_1_10":
        b, share = _edit(rng, a, 0.01, 0.10)
    elif kind == "combo":
        b, share = _edit(rng, b, 0.05, 0.10)
    return Pair(a.title, _render(a, chrome_a), b_title, _render(b, chrome_b), True, kind, share)


def _same_event(gen: _Gen) -> Pair:
    """Return two reports of one event: same company, city, date and numbers, own wording."""
    rng = gen.rng
    facts = _facts(gen)
    # Each reporter writes from half of the templates, so no sentence is shared.
    pool = rng.sample(list(BODY_TEMPLATES), len(BODY_TEMPLATES))
    half = len(pool) // 2
    leads = rng.sample([lead for lead in LEADS if "{day}" in lead], 2)
    a, _ = _story(gen, facts, pool[:half], (10, 18), leads[0])
    b, _ = _story(gen, facts, pool[half:], (10, 18), leads[1])
    titles = rng.sample(TITLES, 2)
    a.title, b.title = _title(gen, facts, titles[0]), _title(gen, facts, titles[1])
    return Pair(
        a.title,
        _render(a, _chrome(rng, facts)),
        b.title,
        _render(b, _chrome(rng, facts)),
        False,
        "same_event",
    )


def _profile(gen: _Gen, facts: dict[str, Any], n_paras: int) -> list[str]:
    """Return n_paras paragraphs of the company's profile, two sentences each."""
    rng = gen.rng
    values = {
        **facts,
        "founded": str(rng.randint(1990, 2008)),
        "licensed": str(rng.randint(2006, 2016)),
        "hq": rng.choice(CITIES),
        "staff": str(rng.randint(5, 90) * 100),
        "provinces": str(rng.randint(18, 31)),
        "product2": facts["products"][1],
        "lines": str(rng.randint(3, 9)),
        "motto": rng.choice(MOTTOS),
        "charity": str(rng.randint(2, 20)),
        "capacity": str(rng.randint(2, 50)),
        "countries": str(rng.randint(5, 40)),
    }
    sentences = [t.format(**values) for t in PROFILE]
    return ["".join(sentences[2 * i : 2 * i + 2]) for i in range(n_paras)]


def _fill_to_share(
    gen: _Gen,
    facts: dict[str, Any],
    body: Callable[[_Story], list[str]],
    shared: list[str],
    target: float,
) -> _Story:
    """Return a short story grown sentence by sentence until the shared lines' share <= target.

    `body` places the story's lines among the shared ones (and any chrome).
    """
    rng = gen.rng
    story, plan = _story(gen, facts, n_sentences=(1, 2))
    shared_chars = sum(map(len, shared))
    templates = [t for t in rng.sample(BODY_TEMPLATES, len(BODY_TEMPLATES)) if t not in plan.body]
    first, sentences = story.paras[0], [s for p in story.paras[1:] for s in p]
    while templates:
        total = sum(map(len, body(replace(story, paras=[first, *_chunk(sentences)]))))
        if shared_chars / total <= target:
            break
        sentences.append(_fill(templates.pop(), facts, rng))
    return replace(story, paras=[first, *_chunk(sentences)])


def _chunk(sentences: list[str]) -> list[list[str]]:
    """Return the sentences in paragraphs of three (the last of two to four)."""
    paras = [sentences[i : i + 3] for i in range(0, len(sentences), 3)]
    if len(paras) > 1 and len(paras[-1]) == 1:
        last = paras.pop()
        paras[-1] = paras[-1] + last
    return paras


def _share(lines: list[str], shared: Sequence[str]) -> float:
    """Return the share of the body's characters in the shared lines."""
    return sum(len(x) for x in lines if x in shared) / sum(map(len, lines))


def _serial(gen: _Gen) -> Pair:
    """Return two parts of a series: own main text around shared background paragraphs."""
    rng = gen.rng
    lo, hi = SHARED_RANGE["serial"]
    facts_a = _facts(gen)
    facts_b = _other_facts(gen, facts_a, keep=("co",))
    # The next part runs a few days later.
    when = facts_a["when"] + timedelta(days=rng.randint(1, 7))
    facts_b.update(when=when, month=str(when.month), day=str(when.day))
    series = rng.choice(SERIES).format(**facts_a)
    shared = [
        f"编者按：{facts_a['year']}年是{facts_a['co']}发展的关键之年。围绕{facts_a['topic']}，"
        f"直报网推出“{series}”系列报道，从不同侧面展现企业的探索与实践。",
        *_profile(gen, facts_a, rng.randint(1, 2)),
    ]
    part = rng.randint(0, len(CHINESE_NUMERALS) - 2)
    out = []
    for k, facts in enumerate((facts_a, facts_b)):
        editor = rng.choice(EDITOR_LINES).format(rng.choice(EDITORS))

        def body(s: _Story, editor: str = editor) -> list[str]:
            # The background follows the lead paragraph, as series parts recap it.
            lines = s.lines()
            return [lines[0], *shared, *lines[1:], editor]

        story = _fill_to_share(gen, facts, body, shared, rng.uniform(lo + 0.02, hi - 0.02))
        sub = rng.choice(SERIES_SUBTITLES).format(**facts)
        title = f"{series}（{CHINESE_NUMERALS[part + k]}）" + (f"：{sub}" if sub else "")
        out.append((title, "\n".join(body(story))))
    return Pair(out[0][0], out[0][1], out[1][0], out[1][1], False, "serial", shared=tuple(shared))


def _shared_boilerplate(gen: _Gen) -> Pair:
    """Return two different articles closing with the same long block: a profile or a disclaimer."""
    rng = gen.rng
    lo, hi = SHARED_RANGE["shared_boilerplate"]
    facts_a = _facts(gen)
    if rng.random() < 0.6:
        # Two press releases of one company, each closing with its 「关于XX」 profile.
        facts_b = _other_facts(gen, facts_a, keep=("co",))
        shared = [f"关于{facts_a['co']}", *_profile(gen, facts_a, rng.randint(3, 4))]
    else:
        facts_b = _other_facts(gen, facts_a)
        shared = list(LONG_DISCLAIMER)
    out = []
    for facts in (facts_a, facts_b):
        editor = rng.choice(EDITOR_LINES).format(rng.choice(EDITORS))

        def body(s: _Story, editor: str = editor) -> list[str]:
            return [*s.lines(), *shared, editor]

        story = _fill_to_share(gen, facts, body, shared, rng.uniform(lo + 0.02, hi - 0.02))
        out.append((story.title, "\n".join(body(story))))
    return Pair(
        out[0][0],
        out[0][1],
        out[1][0],
        out[1][1],
        False,
        "shared_boilerplate",
        shared=tuple(shared),
    )


def _same_template(gen: _Gen) -> Pair:
    """Return two articles written from the same templates in the same order, on other facts."""
    rng = gen.rng
    facts_a = _facts(gen)
    facts_b = _other_facts(gen, facts_a)
    a, plan = _story(gen, facts_a)
    sentences = [plan.lead.format(**facts_b)] + [_fill(t, facts_b, rng) for t in plan.body]
    paras: list[list[str]] = []
    for p in a.paras:
        paras.append(sentences[: len(p)])
        sentences = sentences[len(p) :]
    dateline = a.dateline
    if dateline.startswith("【"):
        dateline = f"【直报网{facts_b['city']}{facts_b['month']}月{facts_b['day']}日讯】"
    b = _Story(_title(gen, facts_b, plan.title), dateline, paras)
    chrome = _chrome(rng, facts_a)
    chrome_b = replace(chrome, caption=_caption(rng, facts_b) if chrome.caption else None)
    return Pair(a.title, _render(a, chrome), b.title, _render(b, chrome_b), False, "same_template")


_MAKERS: dict[str, Callable[[_Gen], Pair]] = {
    **{k: (lambda gen, k=k: _positive(gen, k)) for k in POSITIVE_KINDS},
    "same_event": _same_event,
    "serial": _serial,
    "shared_boilerplate": _shared_boilerplate,
    "same_template": _same_template,
}


def labelled_pairs(seed: int = 1, n: int = 400) -> list[Pair]:
    """Return n labelled pairs, the kinds in turn (so any prefix stays balanced).

    Same seed and n, same pairs; a larger n extends a smaller one's list.
    """
    gen = _Gen(seed)
    return [_MAKERS[KINDS[i % len(KINDS)]](gen) for i in range(n)]
