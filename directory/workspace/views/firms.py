"""Firms as staff see them (the profile with private data and pipeline)."""

from __future__ import annotations

from django.conf import settings
from django.shortcuts import get_object_or_404, render

from directory.accounts.permissions import staff_required
from directory.firms.models import Firm

PER_PAGE = settings.STAFF_PER_PAGE


@staff_required
def firm_detail(request, slug):
    firm = get_object_or_404(Firm.objects.select_related("cluster"), slug=slug)
    ctx = {
        "firm": firm,
        "connections": firm.connections.select_related("partner", "owner").order_by(
            "partner__name_ko"
        ),
        "participations": firm.participations.select_related("engagement")
        .prefetch_related("engagement__partners")
        .order_by("-engagement__date", "-engagement__pk"),
    }
    return render(request, "staff/firm_detail.html", ctx)
