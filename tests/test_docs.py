"""The README documents every setting and spider argument of ours, with its default."""

import re
from pathlib import Path

from portalcrawler import settings
from portalcrawler.arguments import ACCEPTED

README = (Path(__file__).parent.parent / "README.md").read_text("utf-8")
OURS = [name for name in dir(settings) if name.startswith(("ARTICLES_DB", "PORTAL_"))]


def test_every_setting_of_ours_is_in_the_readme_table():
    assert OURS
    for name in OURS:
        assert re.search(rf"^\| `{name}` \| ", README, re.M), name


def test_every_spider_argument_is_in_the_readme_table():
    for name in ACCEPTED:
        assert re.search(rf"^\| `{name}` \| ", README, re.M), name
