"""Firm and partner search. Views call these functions; how they search is this module's business.

Contract (kept stable for the views):
- ``search_firms(queryset, q)`` returns ``queryset`` narrowed to firms matching ``q`` and
  annotated with ``search_rank`` (lower is better: 0 exact name, 1 name prefix, 2 other field).
- ``search_partners(queryset, q)`` does the same for overseas partners.
"""

from __future__ import annotations

from django.db.models import Case, IntegerField, Q, QuerySet, Value, When

from .text import normalize

FIRM_NAME_FIELDS = ("name_ko", "name_en", "name_zh")
FIRM_TEXT_FIELDS = (
    *FIRM_NAME_FIELDS,
    "aliases",
    "summary_ko",
    "summary_en",
    "summary_zh",
    "description_ko",
    "description_en",
    "description_zh",
    "specialties__name_ko",
    "specialties__name_en",
    "specialties__name_zh",
)
PARTNER_NAME_FIELDS = ("name_ko", "name_en", "name_zh")
PARTNER_TEXT_FIELDS = (
    *PARTNER_NAME_FIELDS,
    "city_ko",
    "city_en",
    "city_zh",
    "description_ko",
    "description_en",
    "description_zh",
)


def _any_contains(fields, q: str) -> Q:
    cond = Q()
    for field in fields:
        cond |= Q(**{f"{field}__icontains": q})
    return cond


def _rank(name_fields, q: str) -> Case:
    exact = Q()
    prefix = Q()
    for field in name_fields:
        exact |= Q(**{f"{field}__iexact": q})
        prefix |= Q(**{f"{field}__istartswith": q})
    return Case(
        When(exact, then=Value(0)),
        When(prefix, then=Value(1)),
        default=Value(2),
        output_field=IntegerField(),
    )


def _search(queryset: QuerySet, q: str, text_fields, name_fields) -> QuerySet:
    q = normalize(q)
    if not q:
        return queryset.annotate(search_rank=Value(2, output_field=IntegerField()))
    # Match in a subquery so joins over specialties never duplicate rows.
    matching = queryset.model._default_manager.filter(_any_contains(text_fields, q)).values("pk")
    return queryset.filter(pk__in=matching).annotate(search_rank=_rank(name_fields, q))


def search_firms(queryset: QuerySet, q: str) -> QuerySet:
    return _search(queryset, q, FIRM_TEXT_FIELDS, FIRM_NAME_FIELDS)


def search_partners(queryset: QuerySet, q: str) -> QuerySet:
    return _search(queryset, q, PARTNER_TEXT_FIELDS, PARTNER_NAME_FIELDS)
