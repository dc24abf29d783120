"""API tokens: hashed at rest, shown once, revocable, last use noted; the staff page."""

from __future__ import annotations

import pytest
from django.utils import timezone

from directory.api.models import ApiToken
from directory.api.tokens import create_token, find_token, hash_token, revoke_token
from tests.factories import make_firm, make_member, make_staff

pytestmark = pytest.mark.django_db


def test_only_the_hash_is_stored():
    new = create_token(make_staff(), "script")
    stored = ApiToken.objects.get()
    assert new.raw.startswith("gg_") and len(new.raw) > 40
    assert stored.key_hash == hash_token(new.raw)
    assert new.raw not in str(ApiToken.objects.values().get())
    assert stored.prefix == new.raw[:10]


def test_find_token_notes_last_use_and_refuses_revoked():
    new = create_token(make_staff(), "script")
    assert find_token(new.raw).pk == new.token.pk
    assert ApiToken.objects.get().last_used_at is not None
    assert revoke_token(new.token) is True
    assert revoke_token(new.token) is False
    assert find_token(new.raw) is None


def test_tokens_of_inactive_users_do_not_work():
    user = make_staff()
    new = create_token(user, "script")
    user.is_active = False
    user.save()
    assert find_token(new.raw) is None


def test_revoked_token_is_refused_by_the_api(api, db):
    new = create_token(make_staff(), "script")
    api.credentials(HTTP_AUTHORIZATION=f"Bearer {new.raw}")
    assert api.get("/api/staff/connections/").status_code == 200
    revoke_token(new.token)
    assert api.get("/api/staff/connections/").status_code == 401


def test_tokens_page_permissions(client, db):
    url = "/staff/api-tokens/"
    response = client.get(url)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    client.force_login(make_member(make_firm()))
    assert client.get(url).status_code == 403
    assert client.post(url, {"name": "x"}).status_code == 403
    assert not ApiToken.objects.exists()
    client.force_login(make_staff())
    assert client.get(url).status_code == 200


def test_staff_create_a_token_shown_once(client, db):
    staff = make_staff()
    client.force_login(staff)
    response = client.post("/staff/api-tokens/", {"name": "CRM sync"})
    assert response.status_code == 200
    raw = response.context["new_token"].raw
    assert raw in response.content.decode()
    assert response["Cache-Control"].startswith("max-age=0")
    token = ApiToken.objects.get()
    assert (token.user, token.created_by, token.name) == (staff, staff, "CRM sync")
    again = client.get("/staff/api-tokens/")
    assert raw not in again.content.decode()
    assert token.prefix in again.content.decode()


def test_staff_issue_a_token_for_a_firm_member(client, db):
    member = make_member(make_firm(), username="firm-person")
    client.force_login(make_staff())
    client.post("/staff/api-tokens/", {"name": "member script", "username": "firm-person"})
    assert ApiToken.objects.get().user == member
    response = client.post("/staff/api-tokens/", {"name": "x", "username": "nobody"})
    assert response.context["form"].errors["username"]
    assert ApiToken.objects.count() == 1


def test_staff_revoke_a_token(client, db):
    new = create_token(make_staff(), "old")
    client.force_login(make_staff())
    response = client.post(f"/staff/api-tokens/{new.token.pk}/revoke/")
    assert response.status_code == 302
    new.token.refresh_from_db()
    assert new.token.revoked_at is not None and new.token.revoked_at <= timezone.now()


def test_member_cannot_revoke(client, db):
    new = create_token(make_staff(), "keep")
    client.force_login(make_member(make_firm()))
    assert client.post(f"/staff/api-tokens/{new.token.pk}/revoke/").status_code == 403
    new.token.refresh_from_db()
    assert new.token.revoked_at is None


def test_tokens_page_in_english(client, db):
    client.force_login(make_staff())
    assert "API tokens" in client.get("/en/staff/api-tokens/").content.decode()
