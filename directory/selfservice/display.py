"""Turn snapshot values and diffs into words for templates."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from directory.accounts.review import FieldChange
from directory.firms.models import Country, Firm, SizeBand, Specialty


def field_label(field: str) -> str:
    if field == "contacts":
        return _("contact persons")
    return str(Firm._meta.get_field(field).verbose_name)


def _names(model, key: str, values: list[str]) -> str:
    """Names in the active language (Korean where a translation is missing)."""
    if not values:
        return ""
    lookup = {
        getattr(obj, key): obj.tr("name").text
        for obj in model.objects.filter(**{f"{key}__in": values})
    }
    return ", ".join(lookup.get(v, v) for v in values)


def show(field: str, value: Any) -> str:
    if value in (None, "", []):
        return ""
    if field == "specialties":
        return _names(Specialty, "slug", value)
    if field == "target_markets":
        return _names(Country, "code", value)
    if field == "logo":
        # A file name means nothing to readers; the page shows the logo itself.
        return _("logo image")
    if field == "size_band":
        return str(dict(SizeBand.choices).get(value, value))
    if field == "contacts":
        return "\n".join(
            " · ".join(part for part in (c["name"], c["title"], c["email"], c["phone"]) if part)
            for c in value
        )
    return str(value)


def rows(changes: list[FieldChange]) -> list[dict[str, str]]:
    return [
        {
            "field": c.field,
            "label": field_label(c.field),
            "old": show(c.field, c.old),
            "new": show(c.field, c.new),
        }
        for c in changes
    ]
