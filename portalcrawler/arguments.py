"""Spider arguments, parsed into a typed object before the first request.

A bad value stops the run with a message that says what is accepted, instead of a
crawl that silently does something else.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from urllib.parse import urlsplit

from scrapy.exceptions import UsageError

from portalcrawler.profile import Channel, PortalProfile

ACCEPTED = ("base_url", "channels", "since", "max_pages", "full")


def argument_error(message: str) -> UsageError:
    """A usage error without Scrapy's help text: the message is enough."""
    return UsageError(message, print_help=False)


@dataclass(frozen=True)
class CrawlArgs:
    """What one run crawls."""

    base_url: str
    channels: tuple[Channel, ...] = ()  # empty: every channel of the nav
    since: date | None = None
    max_pages: int | None = None  # listing pages per channel; None: all
    full: bool = False  # walk every listing page, even past pages of known articles

    @classmethod
    def parse(cls, profile: PortalProfile, **raw: str | None) -> CrawlArgs:
        """Check and convert the raw `-a` arguments; raise UsageError on a bad one."""
        unknown = sorted(set(raw) - set(ACCEPTED))
        if unknown:
            raise argument_error(
                f"unknown argument(s) {', '.join(unknown)}; accepted: {', '.join(ACCEPTED)}"
            )
        return cls(
            base_url=_base_url(raw.get("base_url") or profile.base_url),
            channels=_channels(profile, raw.get("channels")),
            since=_since(raw.get("since")),
            max_pages=_max_pages(raw.get("max_pages")),
            full=_flag("full", raw.get("full")),
        )


def _base_url(value: str) -> str:
    parts = urlsplit(value.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise argument_error(
            f"base_url {value!r} is not an http(s) URL; e.g. -a base_url=http://www.chndsnews.com/"
        )
    path = parts.path if parts.path.endswith("/") else parts.path + "/"
    return f"{parts.scheme}://{parts.netloc}{path}"


def _channels(profile: PortalProfile, value: str | None) -> tuple[Channel, ...]:
    if value is None or not value.strip():
        return ()
    chosen: list[Channel] = []
    for key in (part.strip() for part in value.replace("，", ",").split(",")):
        if not key:
            continue
        channel = profile.channel(key)
        if channel is None:
            accepted = ", ".join(f"{c.folder} ({c.name})" for c in profile.channels)
            raise argument_error(
                f"channels: unknown channel {key!r}; accepted, by folder or name: {accepted}"
            )
        if channel not in chosen:
            chosen.append(channel)
    return tuple(chosen)


def _since(value: str | None) -> date | None:
    if value is None or not value.strip():
        return None
    try:
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
            raise ValueError(value)
        return date.fromisoformat(value.strip())
    except ValueError:
        raise argument_error(
            f"since {value!r} is not a date; give YYYY-MM-DD, e.g. -a since=2023-06-01"
        ) from None


def _max_pages(value: str | None) -> int | None:
    if value is None or not str(value).strip():
        return None
    try:
        pages = int(str(value).strip())
    except ValueError:
        pages = 0
    if pages < 1:
        raise argument_error(f"max_pages {value!r} must be a whole number of at least 1")
    return pages


def _flag(name: str, value: str | None) -> bool:
    if value is None:
        return False
    text = str(value).strip().lower()
    if text in ("1", "true", "yes", "on"):
        return True
    if text in ("0", "false", "no", "off", ""):
        return False
    raise argument_error(f"{name} {value!r} must be 1 or 0 (also true/false, yes/no)")
