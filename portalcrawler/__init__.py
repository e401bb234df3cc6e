"""portalcrawler: crawl Chinese news portals into a SQLite file, every article once, clean."""
