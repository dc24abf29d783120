"""The dashboard's and the bridge map's filters, read from the URL.

Every value may be wrong (a hand-edited link, an old bookmark): a bad value is dropped and
named in ``ignored`` so the page can say so, never an error.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from directory.firms.models import Country, Specialty
from directory.partners.models import OverseasPartner, Stage

#: The widest date range a filter accepts; anything outside is ignored.
MIN_YEAR, MAX_YEAR = 1990, 2100
# Only well-formed values reach the database (PostgreSQL refuses NUL bytes, for one).
SLUG = re.compile(r"^[-a-zA-Z0-9_]{1,80}$")
COUNTRY_CODE = re.compile(r"^[A-Z]{2}$")


def parse_date(value: str) -> date | None:
    """``2026-12-01`` or ``2026-12`` (first of the month); None for anything else."""
    value = (value or "").strip()
    if not value:
        return None
    try:
        parsed = date.fromisoformat(value + "-01") if len(value) == 7 else date.fromisoformat(value)
    except ValueError:
        return None
    if not MIN_YEAR <= parsed.year <= MAX_YEAR:
        return None
    return parsed


@dataclass
class DashboardFilters:
    """Date range and overseas partner, both optional."""

    start: date | None = None
    end: date | None = None
    partner: OverseasPartner | None = None
    ignored: list[str] = field(default_factory=list)

    @classmethod
    def from_query(cls, data: QueryDict, *, public: bool) -> DashboardFilters:
        """One query at most (the partner, when given)."""
        filters = cls()
        for name, label in (("from", _("from")), ("to", _("to"))):
            raw = data.get(name, "")
            parsed = parse_date(raw)
            if raw and parsed is None:
                filters.ignored.append(str(label))
            setattr(filters, "start" if name == "from" else "end", parsed)
        if filters.start and filters.end and filters.start > filters.end:
            filters.start, filters.end = filters.end, filters.start
        slug = (data.get("partner") or "").strip()
        if slug:
            partners = OverseasPartner.objects.all()
            if public:
                partners = partners.for_public_display()
            if SLUG.match(slug):
                filters.partner = partners.filter(slug=slug).first()
            if filters.partner is None:
                filters.ignored.append(str(_("overseas partner")))
        return filters

    def query(self) -> dict[str, str]:
        """The filters in force, as URL parameters (for the JSON and CSV links)."""
        params = {}
        if self.start:
            params["from"] = self.start.isoformat()
        if self.end:
            params["to"] = self.end.isoformat()
        if self.partner:
            params["partner"] = self.partner.slug
        return params


@dataclass
class MapFilters:
    """The bridge map's filters: specialty, partner country, stage and date range."""

    specialty: Specialty | None = None
    specialty_ids: list[int] = field(default_factory=list)
    country: Country | None = None
    stage: str = ""
    start: date | None = None
    end: date | None = None
    ignored: list[str] = field(default_factory=list)

    @classmethod
    def from_query(cls, data: QueryDict) -> MapFilters:
        """Two queries at most (the specialty with its children, the country)."""
        filters = cls()
        slug = (data.get("specialty") or "").strip()
        if slug and not SLUG.match(slug):
            filters.ignored.append(str(_("specialty")))
        elif slug:
            family = list(
                Specialty.objects.filter(slug=slug) | Specialty.objects.filter(parent__slug=slug)
            )
            chosen = next((s for s in family if s.slug == slug), None)
            if chosen is None:
                filters.ignored.append(str(_("specialty")))
            else:
                filters.specialty = chosen
                filters.specialty_ids = [s.pk for s in family]
        code = (data.get("country") or "").strip().upper()
        if code:
            if COUNTRY_CODE.match(code):
                filters.country = Country.objects.filter(code=code).first()
            if filters.country is None:
                filters.ignored.append(str(_("country")))
        stage = (data.get("stage") or "").strip()
        if stage:
            if stage in Stage.values:
                filters.stage = stage
            else:
                filters.ignored.append(str(_("stage")))
        for name, label in (("from", _("from")), ("to", _("to"))):
            raw = data.get(name, "")
            parsed = parse_date(raw)
            if raw and parsed is None:
                filters.ignored.append(str(label))
            setattr(filters, "start" if name == "from" else "end", parsed)
        if filters.start and filters.end and filters.start > filters.end:
            filters.start, filters.end = filters.end, filters.start
        return filters

    def query(self) -> dict[str, str]:
        params = {}
        if self.specialty:
            params["specialty"] = self.specialty.slug
        if self.country:
            params["country"] = self.country.code
        if self.stage:
            params["stage"] = self.stage
        if self.start:
            params["from"] = self.start.isoformat()
        if self.end:
            params["to"] = self.end.isoformat()
        return params
