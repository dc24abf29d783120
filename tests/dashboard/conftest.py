"""Personas for the dashboard tests: anonymous, a firm member and staff."""

from __future__ import annotations

import pytest

from tests.factories import make_firm, make_member, make_staff


@pytest.fixture
def staff(db):
    return make_staff(username="dash-staff", first_name="지은", last_name="김")


@pytest.fixture
def member(db):
    return make_member(make_firm(slug="members-firm", name_ko="멤버기업"))


@pytest.fixture
def staff_client(client, staff):
    client.force_login(staff)
    return client


@pytest.fixture
def member_client(client, member):
    client.force_login(member)
    return client
