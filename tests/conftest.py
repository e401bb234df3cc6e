from pathlib import Path

import pytest

from portalcrawler.fixtures import load

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def page():
    """Load a saved page (raw bytes plus headers) as the spider would see it."""
    return lambda case: load(FIXTURES / case)
