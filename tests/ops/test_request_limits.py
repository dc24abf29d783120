"""Bodies larger than MAX_REQUEST_BYTES are refused by Content-Length before anything reads them."""

import pytest
from django.test import Client

from directory.firms.models import Firm


@pytest.fixture
def small_limit(settings):
    settings.MAX_REQUEST_BYTES = 1000


def test_anonymous_oversized_post_gets_413_before_parsing(client, small_limit, db, monkeypatch):
    def never(*args, **kwargs):  # pragma: no cover - reached only if the body were parsed
        raise AssertionError("the body was parsed")

    monkeypatch.setattr("django.http.request.HttpRequest._load_post_and_files", never)
    response = client.post(
        "/accounts/login/",
        data=b"x" * 2000,
        content_type="application/octet-stream",
    )
    assert response.status_code == 413
    assert response["Connection"] == "close"
    assert "413" in response.content.decode()


@pytest.mark.parametrize(
    ("prefix", "phrase"),
    [("", "너무 큽니다"), ("/en", "What you sent is too large"), ("/zh-hans", "过大")],
)
def test_413_page_is_translated(client, small_limit, db, prefix, phrase):
    response = client.post(f"{prefix}/accounts/login/", data=b"x" * 2000, content_type="text/plain")
    assert response.status_code == 413
    assert phrase in response.content.decode()


def test_signed_in_staff_are_limited_too(client, small_limit, db):
    from tests.factories import make_staff

    client.force_login(make_staff())
    response = client.post("/staff/partners/new/", data=b"x" * 5000, content_type="text/plain")
    assert response.status_code == 413
    assert not Firm.objects.exists()


def test_a_declared_length_within_the_limit_passes(client, small_limit, db):
    response = client.post("/accounts/login/", {"username": "a", "password": "b"})
    assert response.status_code == 200


def test_a_lying_content_length_is_refused_before_reading():
    """A client that declares 300 MB is refused whatever it actually sends."""
    client = Client()
    response = client.generic(
        "POST", "/accounts/login/", data=b"", CONTENT_LENGTH=str(300 * 1024 * 1024)
    )
    assert response.status_code == 413
