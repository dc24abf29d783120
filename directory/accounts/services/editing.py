"""Editing a firm profile: snapshots, pending changes (submit, withdraw) and applying values."""

from __future__ import annotations

import uuid
from typing import Any

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _

from directory.accounts import review
from directory.accounts.logos import THUMBNAIL_SIZES, CleanLogo, make_thumbnail
from directory.accounts.models import ProfileChange
from directory.firms.models import Country, Firm, FirmContact, Specialty


class EditConflict(Exception):
    """The profile (or its pending change) changed since the edit form was opened."""

    def __init__(self, token: str, current: dict[str, Any], changed_by=None):
        super().__init__("profile changed since the form was opened")
        self.token = token
        self.current = current
        self.changed_by = changed_by


class NoChanges(Exception):
    """The proposal equals what is already there."""


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
