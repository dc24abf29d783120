"""Probable duplicate firms and merging two of them (preview, then merge)."""

from __future__ import annotations

from django.apps import apps
from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from directory.accounts.permissions import staff_required
from directory.accounts.services.merging import MERGE_FIELDS, merge_firms, preview, related_counts
from directory.core.pagination import forgiving_page
from directory.firms import duplicates
from directory.firms.models import Firm
from directory.workspace import duplicate_index

PAIRS_PER_PAGE = settings.STAFF_PER_PAGE
REASONS = {
    duplicates.SAME_BRN: gettext_lazy("same registration number"),
    duplicates.SAME_NAME: gettext_lazy("same name"),
    duplicates.SIMILAR_NAME: gettext_lazy("similar name"),
}


def probable_pairs() -> list[duplicates.Pair]:
    """The pairs from the per-process index (``workspace/duplicate_index.py``): one query per
    request while nothing changed, and only the changed firms re-paired after an edit."""
    return duplicate_index.current_pairs()


@staff_required
def duplicate_list(request):
    pairs = probable_pairs()
    page, _notice = forgiving_page(Paginator(pairs, PAIRS_PER_PAGE), request.GET.get("page"))
    ids = {pk for pair in page.object_list for pk in (pair.a, pair.b)}
    firms = Firm.objects.only("slug", "name_ko", "name_en", "name_zh", "is_published").in_bulk(ids)
    rows = [
        {
            "a": firms[p.a],
            "b": firms[p.b],
            "reasons": [REASONS[r] for r in p.reasons],
            "similarity": p.similarity,
            "shared": p.shared,
        }
        for p in page.object_list
        if p.a in firms and p.b in firms
    ]
    ctx = {
        "rows": rows,
        "page_obj": page,
        "is_paginated": page.has_other_pages(),
        "total": len(pairs),
    }
    return render(request, "staff/firms/duplicates.html", ctx)


def _counts(survivor: Firm, other: Firm) -> list[tuple[str, int, int]]:
    mine, theirs = related_counts(survivor), related_counts(other)
    rows = []
    for key, n in theirs.items():
        if not n:
            continue
        try:
            label = str(apps.get_model(key)._meta.verbose_name_plural)
        except (LookupError, ValueError):
            label = {
                "firms.Firm.specialties": _("specialties"),
                "firms.Firm.target_markets": _("target markets"),
                "history": _("History"),
            }.get(key, key)
        rows.append((label, mine.get(key, 0), n))
    return rows


@staff_required
def firm_merge(request):
    """?survivor=<slug>&other=<slug>: a field-by-field preview; POST merges."""
    source = request.POST if request.method == "POST" else request.GET
    survivor = get_object_or_404(Firm, slug=source.get("survivor", ""))
    other = get_object_or_404(Firm, slug=source.get("other", ""))
    if survivor.pk == other.pk:
        messages.error(request, _("Choose two different firms."))
        return redirect("staff:firm-duplicates")
    if request.method == "POST":
        take = [name for name in MERGE_FIELDS if request.POST.get(f"take_{name}") == "other"]
        merge_firms(survivor, other, request.user, take)
        messages.success(
            request,
            _("%(other)s was merged into %(survivor)s; its address now leads here.")
            % {"other": other.name_ko, "survivor": survivor.name_ko},
        )
        return redirect("staff:firm-detail", slug=survivor.slug)
    ctx = {
        "survivor": survivor,
        "other": other,
        "fields": preview(survivor, other),
        "counts": _counts(survivor, other),
    }
    return render(request, "staff/firms/merge.html", ctx)
