"""Restoring an earlier value of a field from the firm's history."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from directory.accounts import review
from directory.firms.models import Firm

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
