"""Search pages: the autocomplete endpoint and a combined firm + partner results page."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET

from directory.firms.models import Firm
from directory.partners.models import OverseasPartner
from directory.search.services import (
    SEARCH_ORDER,
    prepare_query,
    ranked_objects,
    search_partners,
    suggest,
)
from directory.search.text import clean_query

RESULTS_PER_KIND = 10


@require_GET
def suggest_view(request: HttpRequest) -> JsonResponse:
    """Names for the search box, in the active language (the URL's language prefix)."""
    q, _truncated = clean_query(request.GET.get("q"))
    suggestions = suggest(q)
    count = len(suggestions)
    response = JsonResponse(
        {
            "query": q,
            "results": [suggestion.as_json() for suggestion in suggestions],
            "status": ngettext("%(count)d suggestion", "%(count)d suggestions", count)
            % {"count": count},
        }
    )
    response["Cache-Control"] = "private, max-age=60"
    return response


@require_GET
def search_view(request: HttpRequest) -> HttpResponse:
    """Firms and partners matching q on one page (where the search box goes without JS)."""
    q, truncated = clean_query(request.GET.get("q"))
    ctx: dict = {"q": q, "truncated": truncated, "firms": [], "partners": []}
    parsed = prepare_query(q)
    if parsed is not None:
        ctx["firm_count"], ctx["firms"] = ranked_objects(
            Firm.objects.published(), parsed, RESULTS_PER_KIND, count=True
        )
        partners = search_partners(OverseasPartner.objects.for_public_display(), parsed).order_by(
            *SEARCH_ORDER
        )
        ctx["partner_count"] = partners.count()
        ctx["partners"] = list(partners[:RESULTS_PER_KIND])
    return render(request, "search/search.html", ctx)
