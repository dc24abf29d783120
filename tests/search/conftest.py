"""Search test helpers: skip markers for database-specific tests."""

from __future__ import annotations

import pytest
from django.db import connection

sqlite_only = pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite-specific index")
postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="PostgreSQL-specific index"
)


@pytest.fixture(autouse=True)
def fresh_facet_index():
    """Each test starts without the directory's cached facet index."""
    from directory.firms import facet_index

    facet_index.clear()
    yield
    facet_index.clear()
