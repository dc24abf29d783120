"""Firms as staff see them (the profile with private data and pipeline)."""

from __future__ import annotations

from django.conf import settings
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse

from directory.accounts.permissions import staff_required
from directory.accounts.services.bulk_invitations import STATUS_LABELS, invitation_status
from directory.core.pagination import forgiving_page
from directory.firms.models import Firm, FirmRedirect
from directory.partners.services import history_rows

PER_PAGE = settings.STAFF_PER_PAGE


@staff_required
def firm_detail(request, slug):
    firm = Firm.objects.select_related("cluster").filter(slug=slug).first()
    if firm is None:
        moved = FirmRedirect.objects.select_related("firm").filter(old_slug=slug).first()
        if moved is None:
            raise Http404
        return redirect(reverse("staff:firm-detail", args=[moved.firm.slug]), permanent=True)
    connections = firm.connections.select_related("partner", "owner").order_by(
        "partner__name_ko", "pk"
    )
    page, _notice = forgiving_page(Paginator(connections, PER_PAGE), request.GET.get("page"))
    ctx = {
        "firm": firm,
        "connections": page.object_list,
        "page_obj": page,
        "is_paginated": page.has_other_pages(),
        "participations": firm.participations.select_related("engagement")
        .prefetch_related("engagement__partners")
        .order_by("-engagement__date", "-engagement__pk"),
        "invitation_status": STATUS_LABELS[invitation_status([firm.pk])[firm.pk]],
        "contacts": firm.contacts.all(),
        "history": history_rows(firm),
    }
    return render(request, "staff/firm_detail.html", ctx)
