"""Profile freshness: confirming a profile is still accurate, finding stale ones."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone
from django.utils.translation import gettext as _

from directory.firms.models import Firm


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
