"""Spiders: crawl strategy only (what to request next), never how to parse."""
