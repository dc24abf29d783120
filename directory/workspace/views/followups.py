"""Follow-ups due or overdue, per owner."""

from __future__ import annotations

from django.conf import settings
from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils import timezone

from directory.accounts.permissions import staff_required
from directory.partners import services

PER_PAGE = settings.STAFF_PER_PAGE


@staff_required
def followups(request):
    days = settings.FOLLOWUPS_DAYS
    page = Paginator(services.followups_queryset(days=days), PER_PAGE * 2).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "staff/followups.html",
        {
            "groups": services.group_by_owner(page.object_list),
            "days": days,
            "today": timezone.localdate(),
            "total": page.paginator.count,
            "page_obj": page,
            "is_paginated": page.has_other_pages(),
        },
    )
