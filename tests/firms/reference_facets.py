"""The directory's filters and facet counts in SQL: the reference the facet index is held to.

Production counts with bit sets (``directory.search.filters.indexed_facets``); these ORM
queries are what it replaced, kept here only to check it (tests/firms/test_facet_index.py).
"""

from __future__ import annotations

from django.db.models import Case, Count, Max, QuerySet, Sum, Value, When

from directory.firms.models import Firm
from directory.search.filters import (
    DIMENSIONS,
    Facets,
    FirmFilterSet,
    engaged_firm_ids,
)

FirmSpecialty = Firm.specialties.through
FirmMarket = Firm.target_markets.through


def specialty_counts(firms: QuerySet, tree: dict[int, list[int]]) -> dict[int, int]:
    """Firms per specialty; a top-level specialty counts each firm in it or its children once.

    ``tree`` maps each top-level specialty to its own id and its children's. Two queries,
    whatever the size of the taxonomy: the direct counts, then one pass over the firms that
    flags, per firm, which top-level subtrees it belongs to and sums the flags."""
    firms = firms.order_by()
    counts = dict(
        FirmSpecialty.objects.filter(firm_id__in=firms.values("pk"))
        .values("specialty_id")
        .annotate(n=Count("firm_id"))
        .values_list("specialty_id", "n")
    )
    if tree:
        flags = {
            f"top_{pk}": Max(Case(When(specialties__in=ids, then=Value(1)), default=Value(0)))
            for pk, ids in tree.items()
        }
        totals = firms.annotate(**flags).aggregate(**{f"sum_{k}": Sum(k) for k in flags})
        for pk in tree:
            counts[pk] = totals[f"sum_top_{pk}"] or 0
    return counts


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
