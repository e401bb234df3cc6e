"""直销报道网 (www.chndsnews.com): the portal spider with the chndsnews profile."""

from portalcrawler.profile import CHNDSNEWS
from portalcrawler.spiders.portal import PortalSpider


class ChndsnewsSpider(PortalSpider):
    """Crawl 直销报道网 into ARTICLES_DB.

    Arguments: base_url, channels (comma list of folders or names), since (YYYY-MM-DD),
    max_pages (listing pages per channel).
    """

    name = "chndsnews"
    profile = CHNDSNEWS
