"""Public partner pages: the list with search and filters, and each partner's page."""

from __future__ import annotations

from urllib.parse import urlencode

from django.db.models import Prefetch, QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import DetailView, ListView

from directory.core.pagination import ForgivingPaginationMixin
from directory.firms.models import Country, Firm, Specialty
from directory.partners.models import Engagement, Organiser, OverseasPartner
from directory.public.views.firms import shown_value
from directory.search import cards
from directory.search.directory_search import printable
from directory.search.filters import engaged_firm_ids
from directory.search.partner_filters import PartnerFilterSet
from directory.search.services import SEARCH_ORDER, search_partners
from directory.search.text import MAX_QUERY_LENGTH, clean_query

PARTNERS_PER_PAGE = 24

IGNORED = {
    "kind": gettext_lazy("Unknown partner kind ‘%(value)s’ was ignored."),
    "country": gettext_lazy("Unknown country ‘%(value)s’ was ignored."),
}


class PartnerListView(ForgivingPaginationMixin, ListView):
    """/partners/: overseas partners (archived ones never listed), searchable in any language."""

    template_name = "partners/partner_list.html"
    context_object_name = "partners"
    paginate_by = PARTNERS_PER_PAGE

    def get_queryset(self) -> QuerySet:
        get = self.request.GET
        self.notices: list[str] = []
        self.q, truncated = clean_query(printable(get.get("q", "")))
        if truncated:
            self.notices.append(
                _("The search was shortened to %(max)s characters.") % {"max": MAX_QUERY_LENGTH}
            )
        partners = OverseasPartner.objects.for_public_display()
        self.countries = list(Country.objects.filter(partners__in=partners).distinct())
        if self.q:
            partners = search_partners(partners, self.q)
        self.filterset = PartnerFilterSet(get, partners, countries=self.countries)
        for name, raw in self.filterset.ignored:
            self.notices.append(str(IGNORED[name]) % {"value": shown_value(raw)})
        order = SEARCH_ORDER if self.q else ("name_ko", "pk")
        return self.filterset.qs.select_related("country").order_by(*order)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        active = self.filterset.active
        params = {**({"q": self.q} if self.q else {}), **active}
        page = ctx["page_obj"]

        def page_url(number: int) -> str:
            return "?" + urlencode({**params, "page": number})

        ctx.update(
            {
                "q": self.q,
                "active": active,
                "kinds": OverseasPartner.Kind.choices,
                "countries": self.countries,
                "notices": self.notices,
                "result_count": ctx["paginator"].count,
                "max_query_length": MAX_QUERY_LENGTH,
                "prev_url": page_url(page.previous_page_number()) if page.has_previous() else None,
                "next_url": page_url(page.next_page_number()) if page.has_next() else None,
            }
        )
        return ctx


class PartnerDetailView(DetailView):
    """A partner's public page: who it is, what it seeks, public engagements, engaged firms."""

    template_name = "partners/partner_detail.html"
    context_object_name = "partner"

    def get_queryset(self) -> QuerySet:
        return (
            OverseasPartner.objects.for_public_display()
            .select_related("country")
            .prefetch_related(
                Prefetch("seeks_specialties", queryset=Specialty.objects.select_related("parent"))
            )
        )

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        partner = self.object
        ctx["engagements"] = (
            Engagement.objects.public()
            .filter(partners=partner)
            .prefetch_related(Prefetch("organisers", queryset=Organiser.objects.all()))
        )
        ctx["firms"] = cards.from_prefetch(
            Firm.objects.published()
            .filter(pk__in=engaged_firm_ids(partner.pk))
            .order_by("name_ko", "pk")
            .for_cards()
        )
        return ctx
