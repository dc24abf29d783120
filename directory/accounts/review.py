"""The review workflow as plain functions on plain data (no ORM, no request).

A profile *snapshot* is a dict of the member-editable values of a firm: text fields as strings,
``founded_year`` as int or None, ``specialties`` (slugs) and ``target_markets`` (ISO codes) as
sorted lists, ``contacts`` as a list of dicts, ``logo`` as the stored file name. A pending
change stores the snapshot it was made against (``base``) and the proposed one.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from directory.firms.profile_fields import (
    LANGUAGES,
    MEMBER_EDITABLE_FIELDS,
    PROFILE_LIST_FIELDS,
    PROFILE_SCALAR_FIELDS,
    PROFILE_TEXT_FIELDS,
    TRILINGUAL,
)

TEXT_FIELDS = PROFILE_TEXT_FIELDS
SCALAR_FIELDS = PROFILE_SCALAR_FIELDS
LIST_FIELDS = PROFILE_LIST_FIELDS
CONTACT_KEYS: tuple[str, ...] = ("id", "name", "title", "email", "phone", "share_with_partners")
EDITABLE_FIELDS = MEMBER_EDITABLE_FIELDS

Snapshot = Mapping[str, Any]


@dataclass(frozen=True)
class FieldChange:
    field: str
    old: Any
    new: Any


class StatusError(Exception):
    """The change is not in a state that allows this action."""


def normalise(snapshot: Snapshot) -> dict[str, Any]:
    """A canonical copy: only editable fields, lists sorted, contacts in order without blanks."""
    out: dict[str, Any] = {}
    for field in TEXT_FIELDS:
        out[field] = (snapshot.get(field) or "").strip()
    year = snapshot.get("founded_year")
    out["founded_year"] = int(year) if year not in (None, "") else None
    for field in LIST_FIELDS:
        out[field] = sorted({str(v) for v in snapshot.get(field) or ()})
    contacts = []
    for contact in snapshot.get("contacts") or ():
        item = {key: contact.get(key) for key in CONTACT_KEYS}
        for key in ("name", "title", "email", "phone"):
            item[key] = (item[key] or "").strip()
        item["share_with_partners"] = bool(item["share_with_partners"])
        if item["name"]:
            contacts.append(item)
    out["contacts"] = contacts
    out["logo"] = snapshot.get("logo") or ""
    return out


def fingerprint(snapshot: Snapshot) -> str:
    """A short stable hash of a snapshot: equal snapshots, equal fingerprints."""
    canonical = json.dumps(normalise(snapshot), sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(canonical.encode()).hexdigest()[:20]


def _contacts_equal(a: list, b: list) -> bool:
    strip = [{k: v for k, v in c.items() if k != "id"} for c in a]
    return strip == [{k: v for k, v in c.items() if k != "id"} for c in b]


def _same(field: str, a: Any, b: Any) -> bool:
    if field == "contacts":
        return _contacts_equal(a, b)
    return a == b


def diff(old: Snapshot, new: Snapshot) -> list[FieldChange]:
    """Field-by-field differences, in the order of ``EDITABLE_FIELDS``."""
    old_n, new_n = normalise(old), normalise(new)
    return [
        FieldChange(field, old_n[field], new_n[field])
        for field in EDITABLE_FIELDS
        if not _same(field, old_n[field], new_n[field])
    ]


def conflicts(base: Snapshot, current: Snapshot, proposed: Snapshot) -> list[str]:
    """Fields changed both since ``base`` in ``current`` and, differently, in ``proposed``."""
    base_n, cur_n, prop_n = normalise(base), normalise(current), normalise(proposed)
    return [
        field
        for field in EDITABLE_FIELDS
        if not _same(field, cur_n[field], base_n[field])
        and not _same(field, prop_n[field], base_n[field])
        and not _same(field, prop_n[field], cur_n[field])
    ]


def merge(base: Snapshot, current: Snapshot, proposed: Snapshot) -> dict[str, Any]:
    """Apply what the proposal changed (relative to ``base``) onto ``current``.

    Fields the proposal left alone keep their current value, so an unrelated edit made since
    (e.g. by staff) survives. In a conflicting field the proposal wins: callers check
    ``conflicts`` first and only merge conflicting changes when a reviewer insists.
    """
    result = normalise(current)
    for change in diff(base, proposed):
        result[change.field] = change.new
    return result


def completeness(snapshot: Snapshot) -> dict[str, Any]:
    """Which profile fields are missing, per language and overall, with a percentage."""
    snap = normalise(snapshot)
    per_language = {
        lang: [base for base in TRILINGUAL if not snap[f"{base}_{lang}"]] for lang in LANGUAGES
    }
    general_fields = ("logo", "website", "address", "size_band", "specialties", "target_markets")
    general = [field for field in general_fields if not snap[field]]
    if not snap["contacts"]:
        general.append("contacts")
    total = len(TRILINGUAL) * len(LANGUAGES) + len(general_fields) + 1
    missing = sum(len(v) for v in per_language.values()) + len(general)
    return {
        "per_language": per_language,
        "general": general,
        "percent": round(100 * (total - missing) / total),
    }


# Status transitions of a pending change.
TRANSITIONS: dict[str, dict[str, str]] = {
    "pending": {
        "update": "pending",
        "approve": "approved",
        "reject": "rejected",
        "withdraw": "withdrawn",
    },
}


def next_status(status: str, action: str) -> str:
    """The status after ``action``; raises StatusError when the action is not allowed."""
    try:
        return TRANSITIONS[status][action]
    except KeyError:
        raise StatusError(f"cannot {action} a change that is {status}") from None


def edit_token(approved: Snapshot, pending_id: int | None = None, revision: int = 0) -> str:
    """What an edit form was opened against: the approved profile and the open pending change.

    If either differs when the form is saved, someone else saved in between.
    """
    return f"{fingerprint(approved)}:{pending_id or 0}:{revision if pending_id else 0}"
