"""Filters of the public partner list (/partners/). Unknown values are ignored and reported."""

from __future__ import annotations

import django_filters
from django.utils.translation import gettext_lazy as _

from directory.firms.models import Country
from directory.partners.models import OverseasPartner


class PartnerFilterSet(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=OverseasPartner.Kind.choices)
    country = django_filters.ChoiceFilter(label=_("Country"), field_name="country_id")

    class Meta:
        model = OverseasPartner
        fields: list[str] = []

    def __init__(self, data=None, queryset=None, *, countries: list[Country], **kwargs):
        super().__init__(data, queryset, **kwargs)
        self.filters["country"].extra["choices"] = [(c.code, c.name) for c in countries]

    @property
    def active(self) -> dict[str, str]:
        self.errors  # noqa: B018 - validates the form
        cleaned = getattr(self.form, "cleaned_data", {})
        return {name: cleaned[name] for name in ("kind", "country") if cleaned.get(name)}

    @property
    def ignored(self) -> list[tuple[str, str]]:
        self.errors  # noqa: B018
        return [(n, str(self.data.get(n, ""))) for n in ("kind", "country") if n in self.errors]
