"""Rate limits: anonymous clients per address, signed-in clients per token."""

from __future__ import annotations

import pytest

from directory.api.tokens import create_token
from tests.factories import make_staff

pytestmark = pytest.mark.django_db


def test_anonymous_clients_are_throttled(api, settings, db):
    settings.API_THROTTLE_ANON = "3/minute"
    for _ in range(3):
        assert api.get("/api/clusters/").status_code == 200
    response = api.get("/api/clusters/")
    assert response.status_code == 429
    assert response.json()["error"]["code"] == "throttled"
    assert int(response["Retry-After"]) > 0
    assert response.json()["error"]["retry_after"] > 0


def test_each_token_has_its_own_budget(api, settings, db):
    settings.API_THROTTLE_ANON = "1/minute"
    settings.API_THROTTLE_TOKEN = "2/minute"
    staff = make_staff()
    first, second = create_token(staff, "a").raw, create_token(staff, "b").raw
    api.credentials(HTTP_AUTHORIZATION=f"Bearer {first}")
    assert [api.get("/api/clusters/").status_code for _ in range(3)] == [200, 200, 429]
    api.credentials(HTTP_AUTHORIZATION=f"Bearer {second}")
    assert api.get("/api/clusters/").status_code == 200


def test_forwarded_for_does_not_escape_the_anonymous_limit(api, settings, db):
    settings.API_THROTTLE_ANON = "1/minute"
    assert api.get("/api/clusters/", HTTP_X_FORWARDED_FOR="10.0.0.1").status_code == 200
    assert api.get("/api/clusters/", HTTP_X_FORWARDED_FOR="10.0.0.2").status_code == 429


def test_a_bad_rate_setting_fails_the_system_check(settings):
    from directory.api.checks import throttle_rates

    settings.API_THROTTLE_ANON = "lots"
    assert [e.id for e in throttle_rates(None)] == ["api.E001"]
