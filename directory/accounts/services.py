"""ORM side of the review workflow, invitations and freshness. Views call these; the decisions
themselves live in ``review.py`` as plain functions."""

from __future__ import annotations

import secrets
import uuid
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from directory.firms.models import Country, Firm, FirmContact, Specialty

from . import review
from .logos import THUMBNAIL_SIZES, CleanLogo, make_thumbnail
from .models import Invitation, Membership, ProfileChange, hash_token

User = get_user_model()


class EditConflict(Exception):
    """The profile (or its pending change) changed since the edit form was opened."""

    def __init__(self, token: str, current: dict[str, Any], changed_by=None):
        super().__init__("profile changed since the form was opened")
        self.token = token
        self.current = current
        self.changed_by = changed_by


class ReviewConflict(Exception):
    """Approving would overwrite fields that changed since the member opened the form."""

    def __init__(self, fields: list[str]):
        super().__init__(", ".join(fields))
        self.fields = fields


class NoChanges(Exception):
    """The proposal equals what is already there."""


# --- snapshots -------------------------------------------------------------------------------


def snapshot(firm: Firm) -> dict[str, Any]:
    """The member-editable values of a firm as plain data (see ``review``)."""
    data: dict[str, Any] = {field: getattr(firm, field) for field in review.SCALAR_FIELDS}
    data["specialties"] = sorted(firm.specialties.values_list("slug", flat=True))
    data["target_markets"] = sorted(firm.target_markets.values_list("code", flat=True))
    data["contacts"] = [
        {key: getattr(contact, key) for key in review.CONTACT_KEYS}
        for contact in firm.contacts.order_by("position", "pk")
    ]
    data["logo"] = firm.logo.name or ""
    return review.normalise(data)


def open_change(firm: Firm) -> ProfileChange | None:
    return ProfileChange.objects.pending().filter(firm=firm).first()


def current_token(firm: Firm, *, for_staff: bool = False) -> str:
    """The edit token of the firm right now (staff edit the approved profile directly)."""
    approved = snapshot(firm)
    if for_staff:
        return review.edit_token(approved)
    change = open_change(firm)
    return review.edit_token(
        approved, change.pk if change else None, change.revision if change else 0
    )


def editing_start(firm: Firm, *, for_staff: bool = False) -> dict[str, Any]:
    """What a member's edit form starts from: their pending change if any, else the profile."""
    if not for_staff:
        change = open_change(firm)
        if change:
            return review.normalise(change.data)
    return snapshot(firm)


# --- submitting, withdrawing -----------------------------------------------------------------


def _store_pending_logo(change: ProfileChange, logo: CleanLogo) -> None:
    if change.logo:
        # A newer proposal replaces the older one; the older file was never public.
        change.logo.delete(save=False)
    change.logo.save(f"logo{logo.extension}", ContentFile(logo.content), save=False)


@transaction.atomic
def submit_change(
    firm: Firm,
    user,
    proposed: dict[str, Any],
    token: str,
    logo: CleanLogo | None = None,
) -> ProfileChange:
    """Create the firm's pending change, or update the open one. Never overwrites unseen work."""
    firm = Firm.objects.select_for_update().get(pk=firm.pk)
    change = ProfileChange.objects.select_for_update().pending().filter(firm=firm).first()
    approved = snapshot(firm)
    now_token = review.edit_token(
        approved, change.pk if change else None, change.revision if change else 0
    )
    if token != now_token:
        current = review.normalise(change.data) if change else approved
        raise EditConflict(now_token, current, change.updated_by if change else None)
    proposed = review.normalise({**proposed, "logo": approved["logo"]})
    if logo is None:
        if change is None and not review.diff(approved, proposed):
            raise NoChanges
        if change is not None and not review.diff(change.data, proposed):
            raise NoChanges
    if change is None:
        change = ProfileChange(firm=firm, submitted_by=user, base=approved)
    else:
        review.next_status(change.status, "update")
        change.revision += 1
    change.base = approved
    change.data = proposed
    change.updated_by = user
    if logo is not None:
        _store_pending_logo(change, logo)
    change.save()
    return change


def withdraw_change(change: ProfileChange, user) -> ProfileChange:
    with transaction.atomic():
        change = ProfileChange.objects.select_for_update().get(pk=change.pk)
        change.status = review.next_status(change.status, "withdraw")
        change.updated_by = user
        change.save()
    return change


# --- applying --------------------------------------------------------------------------------


def _apply_logo(firm: Firm, content: bytes, extension: str) -> None:
    """Store a cleaned logo and make its thumbnails, once, now."""
    firm.logo.save(f"logo{extension}", ContentFile(content), save=False)
    stem = uuid.uuid4().hex
    for size_name, side in THUMBNAIL_SIZES.items():
        getattr(firm, f"logo_{size_name}").save(
            f"{stem}-{side}.png", ContentFile(make_thumbnail(content, side)), save=False
        )


def _apply_contacts(firm: Firm, contacts: list[dict[str, Any]], user, reason: str) -> None:
    existing = {c.pk: c for c in firm.contacts.all()}
    keep = set()
    for position, item in enumerate(contacts):
        contact = existing.get(item.get("id")) or FirmContact(firm=firm)
        for key in ("name", "title", "email", "phone", "share_with_partners"):
            setattr(contact, key, item[key])
        contact.position = position
        contact._history_user = user
        contact._change_reason = reason
        contact.save()
        keep.add(contact.pk)
    for pk, contact in existing.items():
        if pk not in keep:
            contact._history_user = user
            contact._change_reason = reason
            contact.delete()


def apply_values(
    firm: Firm,
    values: dict[str, Any],
    *,
    user,
    reason: str,
    logo_content: bytes | None = None,
    logo_extension: str = ".png",
    extra: dict[str, Any] | None = None,
) -> None:
    """Write a snapshot (and staff-only ``extra`` fields) to the firm: one history record."""
    values = review.normalise(values)
    for field in review.SCALAR_FIELDS:
        setattr(firm, field, values[field])
    for field, value in (extra or {}).items():
        setattr(firm, field, value)
    if logo_content is not None:
        _apply_logo(firm, logo_content, logo_extension)
    firm.skip_history_when_saving = True
    try:
        firm.save()
        firm.specialties.set(Specialty.objects.filter(slug__in=values["specialties"]))
        firm.target_markets.set(Country.objects.filter(code__in=values["target_markets"]))
        _apply_contacts(firm, values["contacts"], user, reason)
    finally:
        del firm.skip_history_when_saving
    firm._history_user = user
    firm._change_reason = reason
    firm.save()


def direct_edit(
    firm: Firm,
    user,
    proposed: dict[str, Any],
    token: str,
    logo: CleanLogo | None = None,
    extra: dict[str, Any] | None = None,
) -> None:
    """Staff edit the approved profile directly, recorded in the history like an approval."""
    with transaction.atomic():
        firm = Firm.objects.select_for_update().get(pk=firm.pk)
        approved = snapshot(firm)
        now_token = review.edit_token(approved)
        if token != now_token:
            raise EditConflict(now_token, approved)
        apply_values(
            firm,
            {**proposed, "logo": approved["logo"]},
            user=user,
            reason=_("Direct edit by staff"),
            logo_content=logo.content if logo else None,
            logo_extension=logo.extension if logo else ".png",
            extra=extra,
        )


def change_reason(change: ProfileChange) -> str:
    # The history page recognises this prefix to show who approved the change.
    return f"change #{change.pk}"


def approve_change(change_id: int, reviewer, comment: str = "", *, force: bool = False):
    """Apply a pending change atomically. Raises ReviewConflict unless ``force``."""
    with transaction.atomic():
        change = ProfileChange.objects.select_for_update().get(pk=change_id)
        firm = Firm.objects.select_for_update().get(pk=change.firm_id)
        review.next_status(change.status, "approve")
        current = snapshot(firm)
        clashes = review.conflicts(change.base, current, change.data)
        if clashes and not force:
            raise ReviewConflict(clashes)
        merged = review.merge(change.base, current, change.data)
        logo_content = None
        extension = ".png"
        if change.logo:
            with change.logo.open("rb") as fh:
                logo_content = fh.read()
            extension = "." + change.logo.name.rsplit(".", 1)[-1]
        apply_values(
            firm,
            merged,
            user=change.submitted_by,
            reason=change_reason(change),
            logo_content=logo_content,
            logo_extension=extension,
        )
        change.status = "approved"
        change.reviewed_by = reviewer
        change.reviewed_at = timezone.now()
        change.review_comment = comment
        change.save()
        transaction.on_commit(lambda: notify_member(change))
    return change


def reject_change(change_id: int, reviewer, comment: str = "") -> ProfileChange:
    with transaction.atomic():
        change = ProfileChange.objects.select_for_update().get(pk=change_id)
        change.status = review.next_status(change.status, "reject")
        change.reviewed_by = reviewer
        change.reviewed_at = timezone.now()
        change.review_comment = comment
        change.save()
        transaction.on_commit(lambda: notify_member(change))
    return change


def notify_member(change: ProfileChange) -> None:
    """Email the submitter the decision (the workspace shows it too)."""
    user = change.submitted_by
    if not user or not user.email:
        return
    context = {"change": change, "firm": change.firm, "user": user}
    subject = render_to_string("accounts/email/change_decided_subject.txt", context).strip()
    body = render_to_string("accounts/email/change_decided.txt", context)
    send_mail(subject, body, None, [user.email])


# --- history ---------------------------------------------------------------------------------

RESTORABLE_FIELDS = review.SCALAR_FIELDS


def restore_field(firm: Firm, history_id: int, field: str, user) -> None:
    """Staff put back a field's value from an earlier version (itself a recorded change)."""
    if field not in RESTORABLE_FIELDS:
        raise ValueError(field)
    with transaction.atomic():
        firm = Firm.objects.select_for_update().get(pk=firm.pk)
        record = firm.history.get(history_id=history_id)
        setattr(firm, field, getattr(record, field))
        firm._history_user = user
        firm._change_reason = _("Restored %(field)s from %(date)s") % {
            "field": field,
            "date": timezone.localtime(record.history_date).strftime("%Y-%m-%d %H:%M"),
        }
        firm.save()


# --- freshness -------------------------------------------------------------------------------


def confirm_profile(firm: Firm, user) -> None:
    """ "My profile is still accurate": one click, recorded like any other change."""
    firm.last_confirmed_at = timezone.now()
    firm._history_user = user
    firm._change_reason = _("Profile confirmed as accurate")
    firm.save(update_fields=["last_confirmed_at", "updated_at"])


def stale_firms(months: int):
    """Firms whose profile was last confirmed (or created) more than ``months`` ago."""
    from django.db.models import Q
    from django.db.models.functions import Coalesce

    cutoff = timezone.now() - timedelta(days=round(months * 30.44))
    return (
        Firm.objects.annotate(confirmed=Coalesce("last_confirmed_at", "created_at"))
        .filter(Q(confirmed__lt=cutoff))
        .order_by("confirmed", "name_ko")
    )


# --- invitations and memberships -------------------------------------------------------------


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
