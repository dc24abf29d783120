"""No open sign-up: staff invite by email; links are single-use and expire; staff revoke."""

import re
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.utils import timezone

from directory.accounts.models import Invitation, Membership

pytestmark = pytest.mark.django_db

STRONG = "Gagyo-firm-2026!"


def invite(client, people, email="new.person@example.com", role="editor"):
    client.force_login(people.staff)
    response = client.post(
        "/staff/reviews/invitations/", {"email": email, "firm": people.firm.pk, "role": role}
    )
    assert response.status_code == 302
    client.logout()
    return re.search(r"https?://\S+/accounts/invite/(\S+)/", mail.outbox[-1].body).group(1)


def test_invited_person_sets_password_and_becomes_member(client, people):
    token = invite(client, people)
    assert mail.outbox[-1].to == ["new.person@example.com"]
    assert not Invitation.objects.filter(token_hash=token).exists()  # only the hash is stored
    page = client.get(f"/accounts/invite/{token}/")
    assert page.status_code == 200 and people.firm.name_ko in page.content.decode()
    response = client.post(
        f"/accounts/invite/{token}/",
        {"username": "newperson", "password1": STRONG, "password2": STRONG},
    )
    assert response.status_code == 302
    user = get_user_model().objects.get(username="newperson")
    assert user.email == "new.person@example.com"
    assert Membership.objects.get(user=user).firm == people.firm
    assert client.get("/my/").status_code == 200  # logged in


def test_invitation_link_works_only_once(client, people):
    token = invite(client, people)
    data = {"username": "first", "password1": STRONG, "password2": STRONG}
    client.post(f"/accounts/invite/{token}/", data)
    client.logout()
    response = client.post(f"/accounts/invite/{token}/", dict(data, username="second"))
    assert response.status_code == 404
    assert not get_user_model().objects.filter(username="second").exists()


def test_expired_invitation_is_refused(client, people, settings):
    token = invite(client, people)
    Invitation.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    assert client.get(f"/accounts/invite/{token}/").status_code == 404


def test_invitation_expires_after_configured_days(client, people, settings):
    settings.INVITATION_DAYS = 3
    invite(client, people)
    invitation = Invitation.objects.get()
    assert abs(invitation.expires_at - timezone.now() - timedelta(days=3)) < timedelta(minutes=1)


def test_revoked_invitation_is_refused(client, people):
    token = invite(client, people)
    client.force_login(people.staff)
    client.post(f"/staff/reviews/invitations/{Invitation.objects.get().pk}/revoke/")
    client.logout()
    assert client.get(f"/accounts/invite/{token}/").status_code == 404


def test_unknown_token_is_a_404(client, db):
    assert client.get("/accounts/invite/not-a-token/").status_code == 404


def test_weak_or_mismatched_password_is_refused_with_message(client, people):
    token = invite(client, people)
    response = client.post(
        f"/accounts/invite/{token}/", {"username": "weak", "password1": "1234", "password2": "1234"}
    )
    assert response.status_code == 200 and "errorlist" in response.content.decode()
    response = client.post(
        f"/accounts/invite/{token}/",
        {"username": "weak", "password1": STRONG, "password2": STRONG + "x"},
    )
    assert "errorlist" in response.content.decode()
    assert not get_user_model().objects.filter(username="weak").exists()
    assert Invitation.objects.get().accepted_at is None


def test_taken_username_is_refused(client, people):
    token = invite(client, people)
    response = client.post(
        f"/accounts/invite/{token}/",
        {"username": people.owner.username, "password1": STRONG, "password2": STRONG},
    )
    assert "errorlist" in response.content.decode()


def test_existing_user_accepts_while_logged_in(client, people):
    token = invite(client, people, email=people.outsider.email, role="owner")
    client.force_login(people.outsider)
    assert client.get(f"/accounts/invite/{token}/").status_code == 200
    client.post(f"/accounts/invite/{token}/")
    membership = Membership.objects.get(user=people.outsider, firm=people.firm)
    assert membership.role == "owner"


def test_staff_revokes_membership(client, people):
    client.force_login(people.staff)
    membership = Membership.objects.get(user=people.editor)
    assert client.get("/staff/reviews/memberships/").status_code == 200
    client.post(f"/staff/reviews/memberships/{membership.pk}/revoke/")
    assert not Membership.objects.filter(pk=membership.pk).exists()
    client.force_login(people.editor)
    assert client.get(f"/my/firms/{people.firm.slug}/edit/").status_code == 404


def test_bad_invitation_form_shows_errors(client, people):
    client.force_login(people.staff)
    response = client.post(
        "/staff/reviews/invitations/", {"email": "not-an-email", "firm": "", "role": "boss"}
    )
    assert response.status_code == 200 and "errorlist" in response.content.decode()
    assert not Invitation.objects.exists() and not mail.outbox


def test_signup_is_not_open(client, db):
    assert client.get("/accounts/signup/").status_code == 404
    assert client.get("/accounts/register/").status_code == 404
