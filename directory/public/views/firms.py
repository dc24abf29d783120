"""Public directory pages: home, the firm list with search, filters and facets, and profiles."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.db.models import F, Prefetch, QuerySet
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.generic import DetailView, ListView

from directory.core import export
from directory.core.pagination import ForgivingPaginationMixin, KnownResults
from directory.firms.models import Firm, FirmRedirect, SizeBand
from directory.partners.models import Engagement, OverseasPartner, Participation
from directory.search import facet_index
from directory.search.directory_search import DirectorySearch, printable
from directory.search.filters import DIMENSIONS, Sort, published_count, top_specialties
from directory.search.text import MAX_QUERY_LENGTH

IGNORED_MESSAGES = {
    "specialty": gettext_lazy("Unknown specialty ‘%(value)s’ was ignored."),
    "cluster": gettext_lazy("Unknown cluster ‘%(value)s’ was ignored."),
    "market": gettext_lazy("Unknown target market ‘%(value)s’ was ignored."),
    "size": gettext_lazy("Unknown size ‘%(value)s’ was ignored."),
    "partner": gettext_lazy("Unknown overseas partner ‘%(value)s’ was ignored."),
    "sort": gettext_lazy("Unknown sort order ‘%(value)s’ was ignored."),
}


def shown_value(raw: str) -> str:
    """A user-supplied value, made safe and short enough to quote back in a message."""
    text = printable(raw).strip()
    return text if len(text) <= 40 else text[:40] + "…"


def ignored_message(dimension: str, raw: str) -> str:
    return str(IGNORED_MESSAGES[dimension]) % {"value": shown_value(raw)}


def home(request):
    end = facet_index.latest_change()
    engagements = (
        Engagement.objects.public()
        .prefetch_related(Prefetch("partners", queryset=OverseasPartner.objects.active()))
        .order_by(F("date").desc(nulls_last=True), "-pk")[:4]
    )
    ctx = {
        "top_specialties": top_specialties(end),
        "firm_count": published_count(end),
        "partner_count": OverseasPartner.objects.for_public_display().count(),
        "engagement_count": Engagement.objects.public().count(),
        "recent_engagements": engagements,
        "max_query_length": MAX_QUERY_LENGTH,
    }
    return render(request, "firms/home.html", ctx)


@dataclass
class FacetItem:
    obj: Any  # a model instance shown with {% tr %}, or None for a plain label
    label: str
    count: int
    url: str
    selected: bool
    child: bool = False


@dataclass
class FacetGroup:
    name: str
    label: str
    items: list[FacetItem]
    remove_url: str | None


@dataclass
class ActiveFilter:
    label: str
    value: str
    remove_url: str


class FirmListView(ForgivingPaginationMixin, ListView):
    """/firms/: search, filters with facet counts, sorting and pagination. Never a 500."""

    template_name = "firms/firm_list.html"
    context_object_name = "firms"

    def get_paginate_by(self, queryset) -> int:
        return settings.FIRMS_PER_PAGE

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.notices: list[str] = []

    def get_queryset(self) -> QuerySet:
        # The directory's search path, shared with the JSON API (directory/search/
        # directory_search.py): search once in the facet index, filter and count with bit sets.
        self.search = DirectorySearch(self.request.GET)
        self.options = self.search.options
        self.q = self.search.q
        self.filterset = self.search.filterset
        self.sort = self.search.sort
        self.result = self.search.result
        if self.search.truncated:
            self.notices.append(
                _("The search was shortened to %(max)s characters.") % {"max": MAX_QUERY_LENGTH}
            )
        self.notices.extend(ignored_message(d, raw) for d, raw in self.search.ignored)
        return KnownResults(self.search.count, self.search.page)

    # Links: built from the valid parameters only, so a bad value is reported once, not kept.
    def params(self) -> dict[str, str]:
        params: dict[str, str] = {}
        if self.q:
            params["q"] = self.q
        params.update(self.filterset.active)
        if self.sort != (Sort.RELEVANCE if self.q else Sort.NAME):
            params["sort"] = self.sort
        return params

    def url(self, **changes: str | None) -> str:
        params = self.params()
        for key, value in changes.items():
            if value is None:
                params.pop(key, None)
            else:
                params[key] = value
        query = urlencode(params)
        return f"{self.request.path}?{query}" if query else self.request.path

    def labels(self) -> dict[str, str]:
        """The filter dimensions' labels, as the FilterSet declares them."""
        return {name: str(self.filterset.filters[name].label) for name in DIMENSIONS}

    def facet_groups(self) -> list[FacetGroup]:
        facets = self.result.facets
        active = self.filterset.active
        options = self.options
        groups = []

        labels = self.labels()

        def group(name, entries):
            items = []
            for obj, text, key, value, child in entries:
                count = getattr(facets, name).get(key, 0)
                selected = active.get(name) == value
                if count or selected:
                    items.append(
                        FacetItem(obj, text, count, self.url(**{name: value}), selected, child)
                    )
            remove = self.url(**{name: None}) if name in active else None
            groups.append(FacetGroup(name, labels[name], items, remove))

        group(
            "specialty",
            [(s, "", s.pk, s.slug, s.parent_id is not None) for s in options.specialties],
        )
        group("cluster", [(c, "", c.pk, c.slug, False) for c in options.clusters])
        group(
            "market",
            [(c, "", c.code, c.code, False) for c in options.countries],
        )
        group(
            "size",
            [(None, str(label), value, value, False) for value, label in SizeBand.choices],
        )
        group(
            "partner",
            [(p, "", p.pk, p.slug, False) for p in options.partners],
        )
        return groups

    def active_filters(self) -> list[ActiveFilter]:
        options = self.options
        names = {
            "specialty": lambda v: options.specialty_by_slug[v].name,
            "cluster": lambda v: options.cluster_by_slug[v].name,
            "market": lambda v: options.country_by_code[v].name,
            "size": lambda v: str(SizeBand(v).label),
            "partner": lambda v: options.partner_by_slug[v].name,
        }
        labels = self.labels()
        chips = []
        if self.q:
            chips.append(ActiveFilter(_("Search"), self.q, self.url(q=None, sort=None)))
        for name, value in self.filterset.active.items():
            chips.append(ActiveFilter(labels[name], names[name](value), self.url(**{name: None})))
        return chips

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        page = ctx["page_obj"]
        sort_choices = [(v, label) for v, label in Sort.CHOICES if self.q or v != Sort.RELEVANCE]
        ctx.update(
            {
                "q": self.q,
                "sort": self.sort,
                "sort_choices": sort_choices,
                "facet_groups": self.facet_groups(),
                "active_filters": self.active_filters(),
                "hidden_filters": self.filterset.active.items(),
                "notices": self.notices,
                "result_count": ctx["paginator"].count,
                "max_query_length": MAX_QUERY_LENGTH,
                "clear_url": self.request.path,
                "export_query": urlencode(self.params()),
                "prev_url": self.url(page=str(page.previous_page_number()))
                if page.has_previous()
                else None,
                "next_url": self.url(page=str(page.next_page_number()))
                if page.has_next()
                else None,
                "language": get_language(),
            }
        )
        return ctx


#: What the public export holds: public profile fields only (no contacts, notes, pipeline).
PUBLIC_EXPORT_HEADER = [
    gettext_lazy("name (Korean)"),
    gettext_lazy("name (English)"),
    gettext_lazy("name (Chinese)"),
    gettext_lazy("summary"),
    gettext_lazy("specialties"),
    gettext_lazy("cluster"),
    gettext_lazy("target markets"),
    gettext_lazy("founded"),
    gettext_lazy("size"),
    gettext_lazy("website"),
    gettext_lazy("address"),
    gettext_lazy("verified"),
    gettext_lazy("profile"),
]
EXPORT_CHUNK = 1000


class FirmExportView(FirmListView):
    """/firms/export.csv and .xlsx: exactly the directory's current result (the same search,
    filters and order as /firms/), with public fields only."""

    fmt = "csv"

    def get(self, request, *args, **kwargs):
        self.get_queryset()  # runs the directory's search and filters
        ids = self.search.ids(0, self.search.count)
        return export.response(
            self.fmt, "gagyo-directory", [str(h) for h in PUBLIC_EXPORT_HEADER], self._rows(ids)
        )

    def _rows(self, ids: list[int]):
        for start in range(0, len(ids), EXPORT_CHUNK):
            chunk = ids[start : start + EXPORT_CHUNK]
            firms = Firm.objects.published().for_cards().in_bulk(chunk)
            for pk in chunk:
                firm = firms.get(pk)
                if firm is None:
                    continue
                yield [
                    firm.name_ko,
                    firm.name_en,
                    firm.name_zh,
                    firm.tr("summary").text,
                    "; ".join(s.tr("name").text for s in firm.specialties.all()),
                    firm.cluster.tr("name").text if firm.cluster else "",
                    "; ".join(c.tr("name").text for c in firm.target_markets.all()),
                    firm.founded_year or "",
                    firm.get_size_band_display() if firm.size_band else "",
                    firm.website,
                    firm.address,
                    firm.is_verified,
                    self.request.build_absolute_uri(firm.get_absolute_url()),
                ]


class FirmDetailView(DetailView):
    """A published firm's public profile. Contacts, notes and pipeline data are never shown.
    The slug of a firm merged into another answers 301 to the survivor."""

    template_name = "firms/firm_detail.html"
    context_object_name = "firm"

    def get(self, request, *args, **kwargs):
        try:
            return super().get(request, *args, **kwargs)
        except Http404:
            moved = (
                FirmRedirect.objects.select_related("firm")
                .filter(old_slug=kwargs.get("slug", ""), firm__is_published=True)
                .first()
            )
            if moved is None:
                raise
            return redirect(moved.firm.get_absolute_url(), permanent=True)

    def get_queryset(self) -> QuerySet:
        return Firm.objects.published().for_cards()

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["participations"] = (
            Participation.objects.filter(firm=self.object, engagement__is_public=True)
            .select_related("engagement")
            .prefetch_related(
                Prefetch(
                    "engagement__partners",
                    queryset=OverseasPartner.objects.for_public_display().select_related("country"),
                )
            )
            .order_by(F("engagement__date").desc(nulls_last=True), "-engagement__pk")
        )
        return ctx
