"""/engagements/: public engagements by date, filtered by month, date range and partner (where
the public dashboard's engagement figures lead). Shows only what partner and firm pages
already show: title, date, kind, place, public partners and published participating firms;
never the outcome or staff notes."""

from __future__ import annotations

import re
from datetime import date, timedelta
from urllib.parse import urlencode

from django.db.models import F, Prefetch, QuerySet
from django.utils.translation import gettext_lazy
from django.views.generic import ListView

from directory.core.pagination import ForgivingPaginationMixin
from directory.firms.profile_fields import NAME_FIELDS
from directory.partners.models import Engagement, OverseasPartner, Participation

ENGAGEMENTS_PER_PAGE = 20
SLUG = re.compile(r"^[-a-zA-Z0-9_]{1,80}$")
MONTH = re.compile(r"^\d{4}-\d{2}$")

IGNORED = {
    "month": gettext_lazy("Unknown month ‘%(value)s’ was ignored."),
    "from": gettext_lazy("Unknown date ‘%(value)s’ was ignored."),
    "to": gettext_lazy("Unknown date ‘%(value)s’ was ignored."),
    "partner": gettext_lazy("Unknown overseas partner ‘%(value)s’ was ignored."),
}


def _month(value: str) -> date | None:
    if not MONTH.match(value):
        return None
    try:
        return date.fromisoformat(value + "-01")
    except ValueError:
        return None


def _date(value: str) -> date | None:
    try:
        parsed = date.fromisoformat(value) if len(value) == 10 else _month(value)
    except ValueError:
        return None
    return parsed if parsed and 1900 <= parsed.year <= 2100 else None


def _next_month(first: date) -> date:
    return (first + timedelta(days=32)).replace(day=1)


def _shown(value: str) -> str:
    return "".join(ch for ch in value[:40] if ch.isprintable())


class EngagementListView(ForgivingPaginationMixin, ListView):
    template_name = "engagements/engagement_list.html"
    context_object_name = "engagements"
    paginate_by = ENGAGEMENTS_PER_PAGE

    def get_queryset(self) -> QuerySet:
        get = self.request.GET
        self.notices: list[str] = []
        self.active: dict[str, str] = {}
        self.partner = None
        self.month = None
        engagements = Engagement.objects.public()
        raw = get.get("month", "").strip()
        if raw:
            self.month = _month(raw)
            if self.month is None or not 1900 <= self.month.year <= 2100:
                self.month = None
                self.notices.append(str(IGNORED["month"]) % {"value": _shown(raw)})
            else:
                self.active["month"] = raw
                engagements = engagements.filter(
                    date__gte=self.month, date__lt=_next_month(self.month)
                )
        for name, lookup in (("from", "date__gte"), ("to", "date__lte")):
            raw = get.get(name, "").strip()
            if not raw:
                continue
            parsed = _date(raw)
            if parsed is None:
                self.notices.append(str(IGNORED[name]) % {"value": _shown(raw)})
            else:
                self.active[name] = raw
                engagements = engagements.filter(**{lookup: parsed})
        raw = get.get("partner", "").strip()
        if raw:
            partners = OverseasPartner.objects.for_public_display()
            self.partner = partners.filter(slug=raw).first() if SLUG.match(raw) else None
            if self.partner is None:
                self.notices.append(str(IGNORED["partner"]) % {"value": _shown(raw)})
            else:
                self.active["partner"] = raw
                engagements = engagements.filter(partners=self.partner)
        return engagements.prefetch_related(
            Prefetch("partners", queryset=OverseasPartner.objects.for_public_display()),
            Prefetch(
                "participations",
                queryset=Participation.objects.filter(firm__is_published=True)
                .select_related("firm")
                .only("engagement_id", "firm__slug", *(f"firm__{n}" for n in NAME_FIELDS))
                .order_by("firm__name_ko", "firm_id"),
                to_attr="public_participations",
            ),
        ).order_by(F("date").desc(nulls_last=True), "-pk")

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        page = ctx["page_obj"]

        def page_url(number: int) -> str:
            return "?" + urlencode({**self.active, "page": number})

        ctx.update(
            {
                "month": self.month,
                "partner": self.partner,
                "active": self.active,
                "notices": self.notices,
                "result_count": ctx["paginator"].count,
                "prev_url": page_url(page.previous_page_number()) if page.has_previous() else None,
                "next_url": page_url(page.next_page_number()) if page.has_next() else None,
            }
        )
        return ctx
