"""Invitations and memberships: create, send, accept, revoke."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from directory.accounts.models import Invitation, Membership, hash_token
from directory.firms.models import Firm

User = get_user_model()


@dataclass
class NewInvitation:
    invitation: Invitation
    token: str


def create_invitation(firm: Firm, email: str, role: str, created_by) -> NewInvitation:
    token = secrets.token_urlsafe(32)
    invitation = Invitation.objects.create(
        firm=firm,
        email=email.strip().lower(),
        role=role,
        token_hash=hash_token(token),
        created_by=created_by,
        expires_at=timezone.now() + timedelta(days=settings.INVITATION_DAYS),
    )
    return NewInvitation(invitation, token)


def send_invitation(new: NewInvitation, accept_url: str) -> None:
    context = {"invitation": new.invitation, "url": accept_url, "days": settings.INVITATION_DAYS}
    subject = render_to_string("accounts/email/invitation_subject.txt", context).strip()
    body = render_to_string("accounts/email/invitation.txt", context)
    send_mail(subject, body, None, [new.invitation.email])


def find_invitation(token: str) -> Invitation | None:
    """The usable invitation for a token, or None (unknown, used, revoked or expired)."""
    invitation = (
        Invitation.objects.select_related("firm").filter(token_hash=hash_token(token)).first()
    )
    if invitation and invitation.is_usable:
        return invitation
    return None


def accept_invitation(token: str, user=None, *, username: str = "", password: str = ""):
    """Use an invitation once: create the account if needed and the membership."""
    with transaction.atomic():
        invitation = (
            Invitation.objects.select_for_update().filter(token_hash=hash_token(token)).first()
        )
        if invitation is None or not invitation.is_usable:
            return None
        if user is None:
            user = User.objects.create_user(
                username=username, email=invitation.email, password=password
            )
        membership, created = Membership.objects.get_or_create(
            user=user, firm=invitation.firm, defaults={"role": invitation.role}
        )
        if not created and invitation.role == Membership.Role.OWNER:
            membership.role = Membership.Role.OWNER
            membership.save(update_fields=["role"])
        invitation.accepted_at = timezone.now()
        invitation.accepted_by = user
        invitation.save(update_fields=["accepted_at", "accepted_by"])
    return user


def revoke_invitation(invitation: Invitation) -> None:
    if invitation.accepted_at is None and invitation.revoked_at is None:
        invitation.revoked_at = timezone.now()
        invitation.save(update_fields=["revoked_at"])
