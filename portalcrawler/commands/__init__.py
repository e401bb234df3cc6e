"""Project commands: `crawl` overrides Scrapy's to check arguments before it starts."""
