"""Firm members use the API as the profile form: a pending change, never a direct write."""

from __future__ import annotations

import pytest

from directory.accounts.models import ProfileChange
from directory.firms.models import Firm
from tests.api.conftest import member_client

pytestmark = pytest.mark.django_db


@pytest.fixture
def hancom(demo):
    return Firm.objects.get(slug="hancom")


def test_member_edit_becomes_a_pending_change(hancom, member_user):
    client = member_client(member_user, hancom)
    token = client.get("/api/my/firms/hancom/").json()["edit_token"]
    response = client.patch(
        "/api/my/firms/hancom/",
        {"summary_en": "Office software and AI", "edit_token": token},
        format="json",
    )
    assert response.status_code == 202, response.json()
    body = response.json()
    assert body["pending_change"]["status"] == "pending"
    assert body["values"]["summary_en"] == "Office software and AI"
    hancom.refresh_from_db()
    assert hancom.summary_en != "Office software and AI"  # the public profile waits for review
    change = ProfileChange.objects.pending().get(firm=hancom)
    assert change.submitted_by == member_user
    assert change.data["summary_en"] == "Office software and AI"


def test_a_second_edit_updates_the_same_pending_change(hancom, member_user):
    client = member_client(member_user, hancom)
    client.patch("/api/my/firms/hancom/", {"name_zh": "韩"}, format="json")
    client.patch("/api/my/firms/hancom/", {"summary_zh": "办公软件"}, format="json")
    change = ProfileChange.objects.pending().get(firm=hancom)
    assert (change.data["name_zh"], change.data["summary_zh"], change.revision) == (
        "韩",
        "办公软件",
        2,
    )


def test_member_cannot_set_staff_only_fields(hancom, member_user):
    client = member_client(member_user, hancom)
    response = client.patch(
        "/api/my/firms/hancom/", {"is_published": False, "is_verified": True}, format="json"
    )
    assert response.status_code == 400
    assert set(response.json()["error"]["fields"]) == {"is_published", "is_verified"}
    assert not ProfileChange.objects.filter(firm=hancom).exists()


def test_member_cannot_touch_another_firm(hancom, member_user):
    other = Firm.objects.exclude(pk=hancom.pk).first()
    client = member_client(member_user, hancom)
    assert client.get(f"/api/my/firms/{other.slug}/").status_code == 404
    response = client.patch(f"/api/my/firms/{other.slug}/", {"name_zh": "x"}, format="json")
    assert response.status_code == 404
    assert not ProfileChange.objects.filter(firm=other).exists()


def test_anonymous_cannot_propose(api, hancom):
    response = api.patch("/api/my/firms/hancom/", {"name_zh": "x"}, format="json")
    assert response.status_code == 401
    assert not ProfileChange.objects.exists()


def test_no_change_is_reported(hancom, member_user):
    client = member_client(member_user, hancom)
    response = client.patch("/api/my/firms/hancom/", {"name_ko": hancom.name_ko}, format="json")
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "no_changes"


def test_stale_token_is_a_conflict(hancom, member_user):
    client = member_client(member_user, hancom)
    token = client.get("/api/my/firms/hancom/").json()["edit_token"]
    client.patch("/api/my/firms/hancom/", {"name_zh": "一"}, format="json")
    response = client.patch(
        "/api/my/firms/hancom/", {"name_zh": "二", "edit_token": token}, format="json"
    )
    assert response.status_code == 409
    assert response.json()["error"]["code"] == "edit_conflict"


def test_my_firms_lists_only_mine(hancom, member_user):
    client = member_client(member_user, hancom)
    assert [f["slug"] for f in client.get("/api/my/firms/").json()] == ["hancom"]
