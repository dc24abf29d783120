"""The directory's filters (django-filter) and the facet counts shown beside each value.

Filter values come from the URL, so any of them may be unknown: the FilterSet validates them
against choices (``FilterOptions``, kept per process with the partner facet's participations
as ``Reference`` while the reference tables do not change), drops what is invalid and reports
it (``FirmFilterSet.ignored``) so the page can say so instead of failing.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

import django_filters
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from directory.changes.log import Batch, Follower
from directory.firms.models import Cluster, Country, Firm, SizeBand, Specialty
from directory.partners.models import OverseasPartner, Participation

from .facet_index import FacetIndex, bits, current_index, partner_pairs

# The filter dimensions, in the order the sidebar shows them.
DIMENSIONS = ("specialty", "cluster", "market", "size", "partner")


class Sort:
    RELEVANCE = "relevance"
    NAME = "name"
    NEWEST = "newest"
    UPDATED = "updated"

    CHOICES = [
        (RELEVANCE, _("Relevance")),
        (NAME, _("Name")),
        (NEWEST, _("Newest")),
        (UPDATED, _("Recently updated")),
    ]


@dataclass
class FilterOptions:
    """Everything a filter value may be, loaded in a fixed number of queries (four)."""

    specialties: list[Specialty]
    clusters: list[Cluster]
    countries: list[Country]
    partners: list[OverseasPartner]
    specialty_by_slug: dict[str, Specialty] = field(init=False)
    children_ids: dict[int, list[int]] = field(init=False)
    cluster_by_slug: dict[str, Cluster] = field(init=False)
    country_by_code: dict[str, Country] = field(init=False)
    partner_by_slug: dict[str, OverseasPartner] = field(init=False)
    specialty_by_id: dict[int, Specialty] = field(init=False)
    cluster_by_id: dict[int, Cluster] = field(init=False)
    # Specialty id -> its place in the model's ordering (position, name): how cards list them.
    specialty_order: dict[int, int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.specialty_by_slug = {s.slug: s for s in self.specialties}
        self.specialty_by_id = {s.pk: s for s in self.specialties}
        self.cluster_by_id = {c.pk: c for c in self.clusters}
        self.children_ids = {s.pk: [] for s in self.specialties if s.parent_id is None}
        for s in self.specialties:
            if s.parent_id is not None and s.parent_id in self.children_ids:
                self.children_ids[s.parent_id].append(s.pk)
        self.cluster_by_slug = {c.slug: c for c in self.clusters}
        self.country_by_code = {c.code: c for c in self.countries}
        self.partner_by_slug = {p.slug: p for p in self.partners}

    @classmethod
    def load(cls) -> FilterOptions:
        specialties = list(Specialty.objects.all())
        # Parents first, each followed by its children: the order the sidebar shows them.
        children: dict[int, list[Specialty]] = {}
        for s in specialties:
            if s.parent_id is not None:
                children.setdefault(s.parent_id, []).append(s)
        ordered: list[Specialty] = []
        for top in specialties:
            if top.parent_id is None:
                ordered.append(top)
                ordered.extend(children.get(top.id, []))
        return cls(
            specialties=ordered,
            specialty_order={s.pk: n for n, s in enumerate(specialties)},
            clusters=list(Cluster.objects.all()),
            countries=list(Country.objects.all()),
            partners=list(OverseasPartner.objects.for_public_display()),
        )

    @property
    def tree(self) -> dict[int, list[int]]:
        """Each top-level specialty's id with its own and its children's ids."""
        return {pk: [pk, *children] for pk, children in self.children_ids.items()}

    def specialty_ids(self, specialty: Specialty) -> list[int]:
        """The specialty and, for a top-level one, its children."""
        return [specialty.pk, *self.children_ids.get(specialty.pk, [])]


@dataclass
class Reference:
    """The directory's reference data: the filter values and, per overseas partner, the bit set
    of firms in its public engagements (the partner facet). Read-only once loaded: requests in
    every thread share it until the reference tables change (``current_reference``)."""

    options: FilterOptions
    partner_firms: dict[int, int]

    @classmethod
    def load(cls) -> Reference:
        firm_ids: dict[int, list[int]] = {}
        for partner_id, firm_id in partner_pairs():
            firm_ids.setdefault(partner_id, []).append(firm_id)
        return cls(FilterOptions.load(), {pk: bits(ids) for pk, ids in firm_ids.items()})

    def updated(self, batch: Batch) -> Reference:
        """Reloaded when a reference table, a specialty or a partner changed (five queries);
        firm edits leave it as it is."""
        if batch.reference or batch.specialties or batch.partners:
            return Reference.load()
        return self


_reference: Follower[Reference] = Follower(Reference.load, Reference.updated)


def current_reference(end: int) -> Reference:
    """The reference data as of change ``end`` (``facet_index.latest_change``): no query while
    it is current."""
    return _reference.get(end)


class FirmFilterSet(django_filters.FilterSet):
    """Filters of /firms/: every value is a slug or code from the URL, validated against the
    preloaded choices (``active``, ``ignored``). The facet index applies them with bit sets
    (``indexed_facets``), so this FilterSet never filters a queryset itself."""

    specialty = django_filters.ChoiceFilter(label=_("Specialty"))
    cluster = django_filters.ChoiceFilter(label=_("Cluster"))
    market = django_filters.ChoiceFilter(label=_("Target market"))
    size = django_filters.ChoiceFilter(
        label=_("Size"), choices=SizeBand.choices, field_name="size_band"
    )
    partner = django_filters.ChoiceFilter(label=_("Engaged with overseas partner"))

    class Meta:
        model = Firm
        fields: list[str] = []

    def __init__(self, data=None, queryset=None, *, options: FilterOptions, **kwargs):
        super().__init__(data, queryset, **kwargs)
        self.options = options
        self.filters["specialty"].extra["choices"] = [(s.slug, s.name) for s in options.specialties]
        self.filters["cluster"].extra["choices"] = [(c.slug, c.name) for c in options.clusters]
        self.filters["market"].extra["choices"] = [(c.code, c.name) for c in options.countries]
        self.filters["partner"].extra["choices"] = [(p.slug, p.name) for p in options.partners]

    # What the view needs to know about the values.
    @property
    def active(self) -> dict[str, str]:
        """The valid filter values in force, by dimension."""
        self.errors  # noqa: B018 - validates the form
        cleaned = getattr(self.form, "cleaned_data", {})
        return {name: cleaned[name] for name in DIMENSIONS if cleaned.get(name)}

    @property
    def ignored(self) -> list[tuple[str, str]]:
        """(dimension, raw value) pairs that were not valid and so were ignored."""
        self.errors  # noqa: B018
        return [(name, str(self.data.get(name, ""))) for name in DIMENSIONS if name in self.errors]

    def filter_queryset(self, queryset: QuerySet) -> QuerySet:
        raise NotImplementedError(
            "The directory's filters are applied by the facet index (indexed_facets)."
        )


def engaged_firm_ids(partner_id: int) -> QuerySet:
    """Ids of firms that took part in a public engagement with the partner."""
    return Participation.objects.filter(
        engagement__is_public=True, engagement__partners=partner_id
    ).values("firm_id")


@dataclass
class Facets:
    """Counts of firms for each filter value, given the search and the other filters."""

    specialty: dict[int, int]
    cluster: dict[int | None, int]
    market: dict[str, int]
    size: dict[str, int]
    partner: dict[int, int]


def top_specialties(end: int, limit: int = 8) -> list[tuple[Specialty, int]]:
    """The top-level specialties with the most published firms (children included, each firm
    once), largest first. From the facet index and the reference data (no query while they
    are current): the home page asks on every visit, and counting in SQL grows with the
    directory. ``end``: ``facet_index.latest_change()``."""
    index = current_index(end)
    options = current_reference(end).options
    counts = {}
    for pk, ids in options.tree.items():
        mask = 0
        for specialty_id in ids:
            mask |= index.specialty.get(specialty_id, 0)
        counts[pk] = mask.bit_count()
    tops = [s for s in options.specialties if s.parent_id is None and counts.get(s.pk)]
    ranked = sorted(tops, key=lambda s: (-counts[s.pk], s.position, s.name_ko))
    return [(s, counts[s.pk]) for s in ranked[:limit]]


def published_count(end: int) -> int:
    """Published firms, from the facet index (no query while it is current)."""
    return current_index(end).published.bit_count()


def nonzero(items: Iterable, counts: dict, key, selected=None) -> list:
    """Items with a count, plus the selected one even when its count is zero."""
    return [item for item in items if counts.get(key(item)) or key(item) == selected]


@dataclass
class IndexedResult:
    """The search and filters applied to the facet index: result count, ids and facets."""

    mask: int
    count: int
    facets: Facets


def indexed_facets(
    filterset: FirmFilterSet,
    index: FacetIndex,
    matches: int | None,
    partner: dict[int, int],
) -> IndexedResult:
    """Count the results and every facet with bit sets: no query at all.

    ``matches`` is the bit set of firms the search found (None without a search); ``partner``
    maps each partner's id to the bit set of firms in its public engagements
    (``Reference.partner_firms``). Each dimension is counted with the search and every other
    filter applied (tests/firms/reference_facets.py holds the same counts in SQL).
    """
    options = filterset.options
    base = index.published if matches is None else index.published & matches
    specialty = dict(index.specialty)
    for top, ids in options.tree.items():
        mask = 0
        for pk in ids:
            mask |= index.specialty.get(pk, 0)
        specialty[top] = mask

    def value_mask(name: str, value: str) -> int:
        if name == "specialty":
            return specialty.get(options.specialty_by_slug[value].pk, 0)
        if name == "cluster":
            return index.cluster.get(options.cluster_by_slug[value].pk, 0)
        if name == "market":
            return index.market.get(value, 0)
        if name == "size":
            return index.size.get(value, 0)
        return partner.get(options.partner_by_slug[value].pk, 0)

    active = {name: value_mask(name, value) for name, value in filterset.active.items()}

    def candidates(exclude: str | None) -> int:
        mask = base
        for name, value in active.items():
            if name != exclude:
                mask &= value
        return mask

    def counts(name: str, masks: dict) -> dict:
        within = candidates(name)
        found = {}
        for key, mask in masks.items():
            n = (mask & within).bit_count()
            if n:
                found[key] = n
        return found

    final = candidates(None)
    return IndexedResult(
        mask=final,
        count=final.bit_count(),
        facets=Facets(
            specialty=counts("specialty", specialty),
            cluster=counts("cluster", index.cluster),
            market=counts("market", index.market),
            size=counts("size", index.size),
            partner=counts("partner", partner),
        ),
    )
