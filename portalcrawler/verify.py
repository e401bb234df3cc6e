"""Compare a crawled database with the replica's truth, field by field.

Used by the end-to-end test and by `python -m portalcrawler.demo --verify`.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections import Counter
from pathlib import Path
from urllib.parse import urljoin

from lxml.html import fromstring

from portalcrawler.cleaning import clean_line, content_hash

_WS = re.compile(r"\s+")


def char_f1(got: str, want: str) -> float:
    """Character-level bag F1, whitespace removed: the multiset intersection of the
    characters over each side's total."""
    got_chars, want_chars = Counter(_WS.sub("", got)), Counter(_WS.sub("", want))
    common = sum((got_chars & want_chars).values())
    if not common:
        return 0.0
    precision = common / sum(got_chars.values())
    recall = common / sum(want_chars.values())
    return 2 * precision * recall / (precision + recall)


def leaks(body: str, chrome: list[str]) -> int:
    """How many of the chrome strings occur in the body (whitespace ignored)."""
    flat = _WS.sub("", body)
    return sum(1 for string in chrome if _WS.sub("", string) and _WS.sub("", string) in flat)


COMPARED = ("aid", "site", "channel", "title", "published_at", "source", "author", "editor",
            "original_title", "summary", "body", "images", "pages")


def html_lines(body_html: str) -> list[str]:
    """The text lines of a stored body_html, one per paragraph or heading."""
    if not body_html.strip():
        return []
    root = fromstring(f"<div>{body_html}</div>")
    lines = (clean_line(element.text_content()) for element in root)
    return [line for line in lines if line]


def compare(db: str | Path, truth: list[dict], base_url: str, alias_paths: list[str] = (),
            syndicated: list[tuple[str, str]] = ()) -> dict:
    """Count, per field, the truth articles whose stored value differs.

    Returns {"missing": [...urls], "extra": [...urls], "mismatches": Counter,
    "examples": {field: (url, stored, expected)}, "replacement_chars": int}.
    """
    with sqlite3.connect(db) as conn:
        conn.row_factory = sqlite3.Row
        rows = {row["url"]: dict(row) for row in conn.execute("select * from articles")}
    expected = {urljoin(base_url, article["url"]): article for article in truth}
    mismatches: Counter[str] = Counter({name: 0 for name in (*COMPARED, "body_html",
                                                             "content_hash", "gone")})
    examples: dict[str, tuple] = {}
    replacement = 0
    for url, want in expected.items():
        row = rows.get(url)
        if row is None:
            continue
        stored = dict(row)
        stored["images"] = json.loads(row["images"] or "[]")
        want = dict(want)
        want["images"] = [{"url": urljoin(base_url, i["url"]), "caption": i["caption"]}
                          for i in want["images"]]
        for name in COMPARED:
            if stored.get(name) != want.get(name):
                mismatches[name] += 1
                examples.setdefault(name, (url, stored.get(name), want.get(name)))
        if "gone" in want and want["gone"] != (row.get("gone_at") is not None):
            mismatches["gone"] += 1
            examples.setdefault("gone", (url, row.get("gone_at"), want["gone"]))
        if html_lines(row["body_html"] or "") != (row["body"] or "").split("\n"):
            mismatches["body_html"] += 1
            examples.setdefault("body_html", (url, row["body_html"], row["body"]))
        if row["content_hash"] != content_hash(row["body"] or ""):
            mismatches["content_hash"] += 1
    for row in rows.values():
        replacement += sum(str(value).count("\ufffd") for value in row.values() if value)
    with sqlite3.connect(db) as conn:
        aliases = {url: target for url, target in conn.execute(
            "select url, article_url from article_aliases")}
    wrong_copies = [copy for copy, original in syndicated
                    if aliases.get(urljoin(base_url, copy)) != urljoin(base_url, original)]
    return {
        "missing": sorted(set(expected) - set(rows)),
        "extra": sorted(set(rows) - set(expected)),
        "mismatches": mismatches,
        "examples": examples,
        "replacement_chars": replacement,
        "rows": len(rows),
        "truth": len(expected),
        "aliases": len(aliases),
        "aliases_missing": sorted({urljoin(base_url, p) for p in alias_paths} - set(aliases)),
        "copies_not_folded": wrong_copies,
    }


def report(result: dict) -> str:
    """Print a comparison as a few lines."""
    lines = [
        f"truth articles {result['truth']}, rows {result['rows']}, missing "
        f"{len(result['missing'])}, extra {len(result['extra'])}, U+FFFD "
        f"{result['replacement_chars']}",
        "mismatches per field: " + ", ".join(f"{k} {v}" for k, v in result["mismatches"].items()),
        f"aliases recorded {result['aliases']}, replica aliases missing "
        f"{len(result['aliases_missing'])}, syndicated copies not folded into their original "
        f"{len(result['copies_not_folded'])}",
    ]
    for name, (url, got, want) in result["examples"].items():
        lines.append(f"  e.g. {name} at {url}:\n    got  {got!r:.300}\n    want {want!r:.300}")
    for url in result["missing"][:5]:
        lines.append(f"  missing {url}")
    for url in result["extra"][:5]:
        lines.append(f"  extra {url}")
    return "\n".join(lines)
