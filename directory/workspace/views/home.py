"""The workspace home page: pipeline counts, follow-ups due and upcoming engagements."""

from __future__ import annotations

from django.conf import settings
from django.shortcuts import render
from django.utils import timezone

from directory.accounts.models import ProfileChange
from directory.accounts.permissions import staff_required
from directory.partners import services
from directory.partners.models import (
    Connection,
    Engagement,
    OverseasPartner,
)
from directory.workspace.display import stage_rows

PER_PAGE = settings.STAFF_PER_PAGE


@staff_required
def home(request):
    today = timezone.localdate()
    connections = Connection.objects.all()
    ctx = {
        "stage_counts": stage_rows(services.stage_counts(connections)),
        "overdue_count": connections.overdue(today=today).count(),
        "due_count": connections.due_soon(days=settings.FOLLOWUPS_DAYS, today=today).count(),
        "upcoming": Engagement.objects.upcoming().prefetch_related("partners")[:5],
        "partner_count": OverseasPartner.objects.active().count(),
        "engagement_count": Engagement.objects.count(),
        "pending_changes": ProfileChange.objects.pending().count(),
        "my_due": Connection.objects.due_soon(days=settings.FOLLOWUPS_DAYS, today=today)
        .filter(owner=request.user)
        .select_related("firm", "partner")
        .order_by("due_date")[:10],
    }
    return render(request, "staff/home.html", ctx)
