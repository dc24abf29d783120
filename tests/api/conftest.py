"""Personas and clients for the API tests."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from rest_framework.test import APIClient

from directory.accounts.models import Membership
from directory.api.tokens import create_token


@pytest.fixture(autouse=True)
def _fresh_throttles(settings):
    """Throttle counters live in the cache: every test starts with none, and generous rates
    unless it sets its own."""
    settings.API_THROTTLE_ANON = "10000/minute"
    settings.API_THROTTLE_TOKEN = "10000/minute"
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def api():
    return APIClient()


@pytest.fixture
def staff_user(db):
    return get_user_model().objects.create_user("api-staff", password="x", is_staff=True)


@pytest.fixture
def member_user(db):
    return get_user_model().objects.create_user("api-member", password="x")


@pytest.fixture
def staff_api(staff_user):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {create_token(staff_user, 'tests').raw}")
    return client


def member_client(user, firm=None) -> APIClient:
    if firm is not None:
        Membership.objects.get_or_create(user=user, firm=firm, defaults={"role": "owner"})
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {create_token(user, 'tests').raw}")
    return client
