"""Dashboard pages and their data endpoints. Thin: figures.py and network.py do the counting."""

from __future__ import annotations

import csv
from urllib.parse import urlencode

from django.contrib import messages
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from directory.accounts.permissions import staff_required
from directory.firms.models import Country, Specialty
from directory.partners.models import OverseasPartner, Stage

from . import figures, network
from .filters import DashboardFilters, MapFilters

#: The most firms the bridge map's table lists (the CSV has all).
FIRM_ROWS = 200


def _filters(request, *, public: bool) -> DashboardFilters:
    filters = DashboardFilters.from_query(request.GET, public=public)
    if filters.ignored:
        messages.warning(
            request,
            _("Some filters were not understood and were ignored: %(names)s.")
            % {"names": ", ".join(filters.ignored)},
        )
    return filters


def _dashboard(request, *, public: bool):
    filters = _filters(request, public=public)
    partners = OverseasPartner.objects.order_by("name_ko")
    if public:
        partners = partners.for_public_display()
    query = urlencode(filters.query())
    return render(
        request,
        "dashboard/public_dashboard.html" if public else "dashboard/staff_dashboard.html",
        {
            "figures": figures.compute_all(filters, public=public),
            "filters": filters,
            "partners": partners,
            "query": query,
            "public": public,
            "json_url": "dashboard:public-json" if public else "dashboard:staff-json",
            "csv_url": "dashboard:public-csv" if public else "dashboard:staff-csv",
        },
    )


def public_dashboard(request):
    return _dashboard(request, public=True)


@staff_required
def staff_dashboard(request):
    return _dashboard(request, public=False)


def _figure(request, key: str, *, public: bool) -> figures.Figure:
    try:
        return figures.compute(
            key, DashboardFilters.from_query(request.GET, public=public), public=public
        )
    except KeyError:
        raise Http404(_("There is no such figure.")) from None


def _json(figure: figures.Figure) -> JsonResponse:
    return JsonResponse(figure.as_json(), json_dumps_params={"ensure_ascii": False})


def _csv(rows: list[list], filename: str) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")  # a BOM, so spreadsheet programs read Hangul as UTF-8
    writer = csv.writer(response)
    writer.writerows(rows)
    return response


def public_figure_json(request, key):
    return _json(_figure(request, key, public=True))


def public_figure_csv(request, key):
    return _csv(_figure(request, key, public=True).csv_rows(), f"gagyo-{key}.csv")


@staff_required
def staff_figure_json(request, key):
    return _json(_figure(request, key, public=False))


@staff_required
def staff_figure_csv(request, key):
    return _csv(_figure(request, key, public=False).csv_rows(), f"gagyo-staff-{key}.csv")


@staff_required
def bridge_map(request):
    filters = MapFilters.from_query(request.GET)
    if filters.ignored:
        messages.warning(
            request,
            _("Some filters were not understood and were ignored: %(names)s.")
            % {"names": ", ".join(filters.ignored)},
        )
    data = network.build(filters)
    firm_nodes = [node for node in data.nodes if node["category"] != "partner"]
    return render(
        request,
        "dashboard/bridge_map.html",
        {
            "filters": filters,
            "network": data,
            "firm_nodes": firm_nodes[:FIRM_ROWS],
            "firm_nodes_cut": len(firm_nodes) > FIRM_ROWS,
            "query": urlencode(filters.query()),
            "specialties": Specialty.objects.top_level(),
            "countries": Country.objects.filter(partners__isnull=False).distinct(),
            "stages": list(Stage),
            "max_firm_nodes": network.MAX_FIRM_NODES,
        },
    )


@staff_required
def map_json(request):
    data = network.build(MapFilters.from_query(request.GET))
    return JsonResponse(data.as_json(), json_dumps_params={"ensure_ascii": False})


@staff_required
def map_csv(request):
    data = network.build(MapFilters.from_query(request.GET))
    names = {node["id"]: node["name"] for node in data.nodes}
    labels = {stage.value: str(stage.label) for stage in Stage}
    labels[network.ENGAGEMENT] = _("engagement")
    rows = [[_("firm"), _("overseas partner"), _("link"), _("number")]]
    rows += [
        [
            names.get(link["source"], ""),
            names.get(link["target"], ""),
            labels[link["kind"]],
            link["count"],
        ]
        for link in data.links
    ]
    return _csv(rows, "gagyo-bridge-map.csv")
