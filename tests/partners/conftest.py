"""Personas and settings for the staff workspace tests."""

from __future__ import annotations

import pytest

from tests.factories import make_firm, make_member, make_staff


@pytest.fixture(autouse=True)
def _private_root(settings, tmp_path):
    """Attachments go to a temporary private folder, never into var/."""
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"


@pytest.fixture
def staff(db):
    return make_staff(first_name="지은", last_name="김", email="staff@example.com")


@pytest.fixture
def member(db):
    return make_member(make_firm())


@pytest.fixture
def staff_client(client, staff):
    client.force_login(staff)
    return client


@pytest.fixture
def member_client(client, member):
    client.force_login(member)
    return client
