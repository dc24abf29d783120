"""Personas for the stewardship tests: anonymous, a firm member, staff."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.factories import make_firm, make_member, make_staff

SAMPLE = Path(__file__).resolve().parents[2] / "docs" / "examples" / "firms-sample.csv"


@pytest.fixture
def staff(db):
    return make_staff(username="steward", first_name="지은", email="steward@example.com")


@pytest.fixture
def member(db):
    return make_member(make_firm(slug="members-firm"))


@pytest.fixture
def staff_client(client, staff):
    client.force_login(staff)
    return client


@pytest.fixture
def member_client(client, member):
    client.force_login(member)
    return client
