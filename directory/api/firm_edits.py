"""Firm writes through the API, on top of the review flow's services
(``directory.accounts.services``): staff create and edit directly, with history; a member's
edit becomes a pending change, exactly as the profile form does it."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from directory.accounts import services as accounts
from directory.accounts.models import ProfileChange
from directory.firms.models import Firm

from . import errors

STAFF_ONLY = ("slug", "is_published", "is_verified", "cluster", "business_registration_number")


def as_snapshot_values(validated: dict[str, Any]) -> dict[str, Any]:
    """Serializer output as review snapshot values (slugs and codes for the link fields)."""
    values = {k: v for k, v in validated.items() if k != "edit_token" and k not in STAFF_ONLY}
    if "specialties" in values:
        values["specialties"] = [s.slug for s in values["specialties"]]
    if "target_markets" in values:
        values["target_markets"] = [c.code for c in values["target_markets"]]
    for key, value in values.items():
        if value is None and key != "founded_year":
            values[key] = ""
    return values


@transaction.atomic
def create_firm(validated: dict[str, Any], user) -> Firm:
    """A new firm made by staff; its history starts with them."""
    values = dict(validated)
    specialties = values.pop("specialties", [])
    markets = values.pop("target_markets", [])
    firm = Firm(**values)
    firm._history_user = user
    firm._change_reason = _("Created through the API")
    firm.save()
    firm.specialties.set(specialties)
    firm.target_markets.set(markets)
    return firm


def edit_as_staff(firm: Firm, validated: dict[str, Any], user) -> None:
    """Staff change the approved profile directly (one history record, like the workspace)."""
    token = validated.get("edit_token") or accounts.current_token(firm, for_staff=True)
    extra = {key: validated[key] for key in STAFF_ONLY if key in validated}
    proposed = {**accounts.snapshot(firm), **as_snapshot_values(validated)}
    try:
        accounts.direct_edit(firm, user, proposed, token, extra=extra)
    except accounts.EditConflict as conflict:
        raise errors.EditConflict(conflict.token) from conflict


def propose_as_member(firm: Firm, validated: dict[str, Any], user) -> ProfileChange:
    """A member's edit: creates or updates the firm's pending change, never the profile."""
    token = validated.get("edit_token") or accounts.current_token(firm)
    proposed = {**accounts.editing_start(firm), **as_snapshot_values(validated)}
    try:
        return accounts.submit_change(firm, user, proposed, token)
    except accounts.EditConflict as conflict:
        raise errors.EditConflict(conflict.token) from conflict
    except accounts.NoChanges as nothing:
        raise errors.NoChanges from nothing
