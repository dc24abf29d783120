"""Fixtures for the matching tests."""

from __future__ import annotations

import pytest

from directory.matching import profiles
from tests.factories import make_staff


@pytest.fixture(autouse=True)
def _fresh_profile_cache():
    """Each test starts with an empty profile cache (the cache is per process)."""
    profiles.clear_cache()
    yield
    profiles.clear_cache()


@pytest.fixture
def staff(db):
    return make_staff()


@pytest.fixture
def staff_client(client, staff):
    client.force_login(staff)
    return client
