"""Scrapy settings for portalcrawler.

Defaults are polite to the real portal: robots.txt obeyed (strictly, as RFC 9309 says),
one request at a time with a delay, AutoThrottle on. The offline demo and the tests
override the pace for the replica on loopback. Every setting of ours is documented here,
once, and listed in the README's settings table (a test keeps the two in step).
"""

BOT_NAME = "portalcrawler"
SPIDER_MODULES = ["portalcrawler.spiders"]
NEWSPIDER_MODULE = "portalcrawler.spiders"
# Our `crawl` command checks spider arguments before anything starts.
COMMANDS_MODULE = "portalcrawler.commands"

# --- Our settings -------------------------------------------------------------------

# SQLite file the articles are written to; its folder is created if missing.
ARTICLES_DB = "data/articles.db"
# Articles per transaction: a killed run loses at most this many.
ARTICLES_DB_BATCH_SIZE = 20
# Keep each article's pages as served (compressed, table raw_pages), so that articles
# can be re-cleaned with new rules or learned boilerplate without downloading again.
ARTICLES_DB_SAVE_PAGES = True
# Item fields that must be non-empty for an article to be stored.
PORTAL_REQUIRED_FIELDS = ["url", "title", "body", "published_at", "channel"]
# Bodies shorter than this many characters are not stored as articles.
PORTAL_MIN_BODY_CHARS = 20
# Selector overrides for the portal profile, e.g. {"content": "div.article-body"}
# after a redesign; keys are the fields of profile.Selectors.
PORTAL_SELECTORS = {}
# More template chrome to remove from article bodies (layer 1), as CSS selectors.
PORTAL_CHROME_SELECTORS = []
# More boilerplate lines (layer 2): {name: regular expression}; a body line matching one
# is dropped and counted as cleaning/<name>_line.
PORTAL_CHROME_PATTERNS = {}
# When the selectors find no believable body (missing, too short, mostly links), read
# the page with generic main-content extraction instead; the row records which did.
PORTAL_FALLBACK = True

# Third cleaning layer: learn lines that recur verbatim across a site's articles.
PORTAL_BOILERPLATE_LEARN = True
# A line is learned once it is in this many newly stored articles of the site...
PORTAL_BOILERPLATE_MIN_ARTICLES = 10
# ...and in at least this share of the site's articles stored since it first appeared.
PORTAL_BOILERPLATE_MIN_SHARE = 0.5

# Canaries (portalcrawler/extensions.py): above any of these limits the run is marked
# failed and `scrapy crawl` exits with status 1. Shares are fractions of the articles read,
# counted once at least 10 were read.
PORTAL_CANARY_LIMITS = {
    "storage_error": 0,
    "errors": 10,
    "no_homepage": 0,
    "invalid_share": 0.1,
    "failed_share": 0.1,
    "soft_404": 5,
    "empty_listing": 2,
    "channel_missing": 2,
    "fallback_share": 0.5,
}

EXTENSIONS = {
    "portalcrawler.extensions.CanaryReport": 500,
    # After the canaries: the run record holds their verdict. Also the run lock.
    "portalcrawler.runs.RunRecorder": 600,
}

# Scheduled runs. Stored articles published within this many days are fetched again
# (conditionally: If-None-Match / If-Modified-Since) to pick up edits and deletions;
# older ones are never fetched again. 0: never refresh.
PORTAL_REFRESH_DAYS = 3
# A channel's listing walk stops after this many pages in a row that end on a known
# article (listings run newest first, so everything after it is known too; new articles
# sit above it); -a full=1 walks every page. 0: never stop early.
PORTAL_EARLY_STOP_PAGES = 1
# A page that failed (an error after retries, a 404, a page that is never a valid
# article) is tried again by this many runs in all; then only -a full=1 tries it.
PORTAL_FAILURE_RETRIES = 3

# Two bodies whose character-shingle Jaccard similarity is at least this (and whose titles
# agree, unless the bodies are at least 0.85 alike) are one story: the later copy is
# folded into the earlier as an alias (reason near_duplicate; its fields and pages are
# kept). Lower catches copies edited more heavily, and risks folding serial reports that
# share background paragraphs, or notices written from one template; higher keeps
# lightly edited copies apart.
PORTAL_NEAR_DUP_THRESHOLD = 0.65

# --- Politeness ---------------------------------------------------------------------

USER_AGENT = "portalcrawler/0.1 (+news archive; Scrapy)"
ROBOTSTXT_OBEY = True
CONCURRENT_REQUESTS = 8
CONCURRENT_REQUESTS_PER_DOMAIN = 2
DOWNLOAD_DELAY = 1.0
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 1.0
AUTOTHROTTLE_MAX_DELAY = 30.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 1.0
DOWNLOAD_TIMEOUT = 30
RETRY_ENABLED = True
RETRY_TIMES = 3
# The portal's pages are small; anything huge is not an article page.
DOWNLOAD_MAXSIZE = 16 * 1024 * 1024
DOWNLOAD_WARNSIZE = 4 * 1024 * 1024

# robots.txt's Crawl-delay is obeyed (Scrapy ignores it), up to this many seconds.
PORTAL_CRAWL_DELAY_MAX = 60
# Wait as long as Retry-After asks (503, 429), up to this many seconds; longer, and the
# page is left for the next run.
PORTAL_RETRY_AFTER_MAX = 120

DOWNLOADER_MIDDLEWARES = {
    "scrapy.downloadermiddlewares.robotstxt.RobotsTxtMiddleware": None,
    "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
    "portalcrawler.middlewares.RetryAfterMiddleware": 550,
    "portalcrawler.middlewares.StrictRobotsTxtMiddleware": 100,
    # After HttpCompressionMiddleware (590) has decompressed the body.
    "portalcrawler.middlewares.EncodingMiddleware": 580,
    # Early, so that every download is counted once, retries included.
    "portalcrawler.middlewares.RequestKindStats": 50,
}

ITEM_PIPELINES = {
    "portalcrawler.pipelines.ValidatePipeline": 100,
    "portalcrawler.pipelines.DedupPipeline": 200,
    "portalcrawler.pipelines.BoilerplatePipeline": 300,
    "portalcrawler.pipelines.StoragePipeline": 900,
}

# --- Safety -------------------------------------------------------------------------

# A crawler has no use for a console or a remote-control port listening on the host.
TELNETCONSOLE_ENABLED = False
REMOTE_CONTROL_ENABLED = False

LOG_LEVEL = "INFO"
FEED_EXPORT_ENCODING = "utf-8"
