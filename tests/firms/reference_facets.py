"""The directory's filters and facet counts in SQL: the reference the facet index is held to.

Production counts with bit sets (``directory.search.filters.indexed_facets``); these ORM
queries are what it replaced, kept here only to check it (tests/firms/test_facet_index.py).
"""

from __future__ import annotations

from django.db.models import Count, QuerySet

from directory.firms.models import Firm
from directory.search.filters import (
    DIMENSIONS,
    Facets,
    FirmFilterSet,
    engaged_firm_ids,
    specialty_counts,
)

FirmSpecialty = Firm.specialties.through
FirmMarket = Firm.target_markets.through


class ReferenceFirmFilterSet(FirmFilterSet):
    """FirmFilterSet that filters a queryset in SQL."""

    def apply(self, queryset: QuerySet, *, exclude: str | None = None) -> QuerySet:
        """Apply the valid filters, optionally all but one dimension (for facets)."""
        for name, value in self.active.items():
            if name != exclude:
                queryset = getattr(self, f"filter_{name}")(queryset, value)
        return queryset

    def filter_queryset(self, queryset: QuerySet) -> QuerySet:
        return self.apply(queryset)

    def filter_specialty(self, queryset: QuerySet, value: str) -> QuerySet:
        specialty = self.options.specialty_by_slug[value]
        firms = FirmSpecialty.objects.filter(specialty_id__in=self.options.specialty_ids(specialty))
        return queryset.filter(pk__in=firms.values("firm_id"))

    def filter_cluster(self, queryset: QuerySet, value: str) -> QuerySet:
        return queryset.filter(cluster_id=self.options.cluster_by_slug[value].pk)

    def filter_market(self, queryset: QuerySet, value: str) -> QuerySet:
        firms = FirmMarket.objects.filter(country_id=value)
        return queryset.filter(pk__in=firms.values("firm_id"))

    def filter_size(self, queryset: QuerySet, value: str) -> QuerySet:
        return queryset.filter(size_band=value)

    def filter_partner(self, queryset: QuerySet, value: str) -> QuerySet:
        partner = self.options.partner_by_slug[value]
        return queryset.filter(pk__in=engaged_firm_ids(partner.pk))


def facet_counts(filterset: ReferenceFirmFilterSet, searched: QuerySet) -> Facets:
    """Each dimension counted with every other filter applied."""
    assert set(DIMENSIONS) == {"specialty", "cluster", "market", "size", "partner"}

    def firms(exclude: str) -> QuerySet:
        return filterset.apply(searched, exclude=exclude).order_by()

    clusters = dict(
        firms("cluster").values("cluster_id").annotate(n=Count("pk")).values_list("cluster_id", "n")
    )
    markets = dict(
        firms("market")
        .filter(target_markets__isnull=False)
        .values("target_markets")
        .annotate(n=Count("pk"))
        .values_list("target_markets", "n")
    )
    sizes = dict(
        firms("size")
        .exclude(size_band="")
        .values("size_band")
        .annotate(n=Count("pk"))
        .values_list("size_band", "n")
    )
    partners = dict(
        firms("partner")
        .filter(participations__engagement__is_public=True)
        .values("participations__engagement__partners")
        .annotate(n=Count("pk", distinct=True))
        .values_list("participations__engagement__partners", "n")
    )
    return Facets(
        specialty=specialty_counts(firms("specialty"), filterset.options.tree),
        cluster=clusters,
        market=markets,
        size=sizes,
        partner=partners,
    )
