"""Directory test fixtures."""

import pytest

from directory.firms import facet_index


@pytest.fixture(autouse=True)
def fresh_facet_index():
    """Each test starts without a cached facet index (ids may be reused across tests)."""
    facet_index.clear()
    yield
    facet_index.clear()
