"""Serve a deterministic, hostile replica of 直销报道网 (a DedeCMS portal) for tests.

`build_site` makes the content model (the truth), `render` turns it into DedeCMS-like
GBK pages and `serve` answers HTTP on the loopback interface.
"""

from portalcrawler.replica.content import Faults, Site, build_site
from portalcrawler.replica.server import Response, serve

__all__ = ["Faults", "Response", "Site", "build_site", "serve"]
