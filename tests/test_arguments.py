from datetime import date

import pytest
from scrapy.exceptions import UsageError

from portalcrawler.arguments import CrawlArgs
from portalcrawler.profile import CHNDSNEWS


def test_defaults():
    args = CrawlArgs.parse(CHNDSNEWS)
    assert args == CrawlArgs(base_url="http://www.chndsnews.com/")


def test_values_are_converted():
    args = CrawlArgs.parse(CHNDSNEWS, base_url="http://127.0.0.1:8000", channels="caijing, 头条",
                           since="2023-06-01", max_pages="3")
    assert args.base_url == "http://127.0.0.1:8000/"
    assert [c.folder for c in args.channels] == ["caijing", "toutiao"]
    assert args.since == date(2023, 6, 1)
    assert args.max_pages == 3


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ({"channels": "caijing,nosuch"}, "unknown channel 'nosuch'; accepted"),
        ({"since": "2023-6-1"}, "give YYYY-MM-DD"),
        ({"since": "2023-02-30"}, "give YYYY-MM-DD"),
        ({"max_pages": "0"}, "at least 1"),
        ({"max_pages": "two"}, "at least 1"),
        ({"base_url": "ftp://x/"}, "not an http"),
        ({"chanels": "caijing"}, "unknown argument"),
    ],
)
def test_bad_values_say_what_is_accepted(raw, message):
    with pytest.raises(UsageError, match=message):
        CrawlArgs.parse(CHNDSNEWS, **raw)
