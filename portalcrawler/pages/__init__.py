"""Extraction: pure functions from a response to plain data, one module per page role."""
