"""Login, logout, password change and reset, and brute-force lockout."""

import re

import pytest
from django.core import mail

pytestmark = pytest.mark.django_db

NEW = "Another-strong-pass-77"


def test_login_page_logs_in_and_redirects_to_next(client, people):
    page = client.get("/accounts/login/")
    assert page.status_code == 200
    response = client.post(
        "/accounts/login/",
        {"username": "owner", "password": "correct-horse-battery", "next": "/my/"},
    )
    assert response.status_code == 302 and response["Location"] == "/my/"


@pytest.mark.parametrize(
    ("username", "prefix", "landing"),
    [
        ("owner", "", "/my/"),
        ("staff", "", "/staff/"),
        ("nobody", "", "/"),
        ("owner", "/en", "/en/my/"),
        ("staff", "/zh-hans", "/zh-hans/staff/"),
    ],
)
def test_login_without_next_lands_members_on_my_and_staff_on_workspace(
    client, people, username, prefix, landing
):
    response = client.post(
        f"{prefix}/accounts/login/", {"username": username, "password": "correct-horse-battery"}
    )
    assert response.status_code == 302 and response["Location"] == landing


def test_login_next_wins_over_role_landing_but_not_when_unsafe(client, people):
    response = client.post(
        "/accounts/login/",
        {"username": "staff", "password": "correct-horse-battery", "next": "/firms/"},
    )
    assert response["Location"] == "/firms/"
    client.logout()
    response = client.post(
        "/accounts/login/",
        {"username": "staff", "password": "correct-horse-battery", "next": "https://evil.example/"},
    )
    assert response["Location"] == "/staff/"


def test_login_page_exists_in_every_language(client, db):
    for prefix in ("", "/en", "/zh-hans"):
        assert client.get(f"{prefix}/accounts/login/").status_code == 200


def test_logout_needs_post_and_shows_page(client, people):
    client.force_login(people.owner)
    response = client.post("/accounts/logout/")
    assert response.status_code in (200, 302)
    assert client.get("/my/").status_code == 302


def test_password_change(client, people):
    client.force_login(people.owner)
    assert client.get("/accounts/password_change/").status_code == 200
    response = client.post(
        "/accounts/password_change/",
        {"old_password": "correct-horse-battery", "new_password1": NEW, "new_password2": NEW},
    )
    assert response.status_code == 302
    people.owner.refresh_from_db()
    assert people.owner.check_password(NEW)
    assert client.get(response["Location"]).status_code == 200


def test_password_reset_by_email(client, people):
    assert client.get("/accounts/password_reset/").status_code == 200
    client.post("/accounts/password_reset/", {"email": people.owner.email})
    assert len(mail.outbox) == 1
    link = re.search(r"https?://[^/\s]+(/\S+/)", mail.outbox[0].body).group(1)
    response = client.get(link, follow=True)
    assert response.status_code == 200
    form_url = response.redirect_chain[-1][0]
    response = client.post(form_url, {"new_password1": NEW, "new_password2": NEW})
    assert response.status_code == 302
    people.owner.refresh_from_db()
    assert people.owner.check_password(NEW)
    assert client.get("/accounts/reset/done/").status_code == 200


def test_password_reset_for_unknown_email_reveals_nothing(client, db):
    response = client.post("/accounts/password_reset/", {"email": "nobody@example.com"})
    assert response.status_code == 302
    assert not mail.outbox


def test_login_is_locked_after_repeated_failures(client, people, settings):
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 5
    for _ in range(5):
        response = client.post("/accounts/login/", {"username": "owner", "password": "wrong"})
    assert response.status_code == 429
    # Even the right password is refused while locked.
    response = client.post(
        "/accounts/login/", {"username": "owner", "password": "correct-horse-battery"}
    )
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
