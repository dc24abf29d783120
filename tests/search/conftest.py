"""Search test helpers: skip markers for database-specific tests."""

from __future__ import annotations

import pytest
from django.db import connection

sqlite_only = pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite-specific index")
postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="PostgreSQL-specific index"
)
