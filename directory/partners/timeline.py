"""A connection timeline event in words, from the data it stores, in the active language."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.utils import formats
from django.utils.text import capfirst
from django.utils.translation import gettext as _

if TYPE_CHECKING:
    from .models import ConnectionEvent

# The connection fields a "changes" event can name, in the order they are shown.
CHANGE_FIELDS = ("owner", "next_step", "due_date")


def change_data(connection, changed: list[str]) -> dict:
    """What ``update_connection`` changed, as data: names and ISO dates, no sentences."""
    changes: dict[str, str] = {}
    for name in changed:
        value = getattr(connection, name)
        if name == "owner":
            value = (value.get_full_name() or value.get_username()) if value else ""
        elif isinstance(value, datetime.date):
            value = value.isoformat()
        changes[name] = value or ""
    return {"changes": changes}


def _value(name: str, value: str) -> str:
    if not value:
        return "—"
    if name == "due_date":
        try:
            return formats.date_format(datetime.date.fromisoformat(value), "Y-m-d")
        except ValueError:
            return value
    return value


def event_sentence(event: ConnectionEvent) -> str:
    from .models import Connection, Engagement

    data = event.data or {}
    if "changes" in data:
        parts = []
        for name in CHANGE_FIELDS:
            if name in data["changes"]:
                label = capfirst(str(Connection._meta.get_field(name).verbose_name))
                parts.append(f"{label}: {_value(name, data['changes'][name])}")
        return "; ".join(parts)
    if "engagement" in data:
        engagement = Engagement.objects.filter(pk=data["engagement"]).first()
        if engagement is not None and data.get("left_out"):
            return _("Not yet connected after: %(title)s") % {"title": engagement.title}
        if engagement is not None:
            return _("From the engagement: %(title)s") % {"title": engagement.title}
    return event.text
