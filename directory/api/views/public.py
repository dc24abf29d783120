"""The read API for everyone: published firms (the directory's own search), specialties,
clusters and overseas partners. Only public fields; bad parameters are 400s, never 500s."""

from __future__ import annotations

from django.db.models import F, Prefetch
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiExample, OpenApiParameter, extend_schema
from rest_framework import generics

from directory.core.pagination import KnownResults
from directory.firms.models import Cluster, Country, Firm, SizeBand, Specialty
from directory.partners.models import OverseasPartner, Participation
from directory.search.directory_search import SORTS, DirectorySearch, printable
from directory.search.partner_filters import PartnerFilterSet
from directory.search.services import (
    RANK_EXACT,
    RANK_OTHER,
    RANK_PREFIX,
    SEARCH_ORDER,
    search_partners,
)
from directory.search.text import MAX_QUERY_LENGTH, clean_query

from .. import serializers as api
from ..base import LANG_PARAMETER, ApiViewMixin
from ..errors import InvalidParameter
from ..pagination import ResultCursorPagination

RANK_LABELS = {RANK_EXACT: "exact", RANK_PREFIX: "prefix", RANK_OTHER: "other"}


def unknown(name: str, raw: str) -> str:
    shown = printable(raw).strip()
    shown = shown if len(shown) <= 40 else shown[:40] + "…"
    return _("Unknown value “%(value)s” for %(name)s.") % {"value": shown, "name": name}


def reject_ignored(ignored: list[tuple[str, str]]) -> None:
    """The pages drop unknown filter values with a message; the API refuses them (400), so a
    script learns of a typo instead of getting unfiltered results."""
    if ignored:
        raise InvalidParameter({name: unknown(name, raw) for name, raw in ignored})


class FirmSearchPagination(ResultCursorPagination):
    def get_paginated_response_schema(self, schema: dict) -> dict:
        found = super().get_paginated_response_schema(schema)
        found["properties"]["warnings"] = {
            "type": "array",
            "example": [],
            "items": {
                "type": "object",
                "required": ["code", "message"],
                "properties": {
                    "code": {"type": "string", "enum": ["query_shortened"]},
                    "message": {"type": "string"},
                },
            },
        }
        found["required"].append("warnings")
        return found


def q_parameter(what: str) -> OpenApiParameter:
    return OpenApiParameter(
        "q",
        OpenApiTypes.STR,
        description=f"Search {what} in any of the three languages (Korean-aware: parts of "
        f"words, aliases, initial consonants). Longer than {MAX_QUERY_LENGTH} characters is "
        "shortened, with a warning.",
    )


FIRM_LIST_PARAMETERS = [
    q_parameter("names, aliases, summaries, descriptions and specialties"),
    OpenApiParameter(
        "specialty",
        OpenApiTypes.STR,
        description="Specialty slug (/api/specialties/); a top-level one includes its children.",
    ),
    OpenApiParameter("cluster", OpenApiTypes.STR, description="Cluster slug (/api/clusters/)."),
    OpenApiParameter("market", OpenApiTypes.STR, description="Target market: ISO country code."),
    OpenApiParameter("size", OpenApiTypes.STR, enum=list(SizeBand.values), description="Size."),
    OpenApiParameter(
        "partner",
        OpenApiTypes.STR,
        description="Took part in a public engagement with this overseas partner (slug).",
    ),
    OpenApiParameter(
        "sort",
        OpenApiTypes.STR,
        enum=list(SORTS),
        description="relevance (default with q), name (default without), newest, updated.",
    ),
    LANG_PARAMETER,
]


class FirmList(ApiViewMixin, generics.GenericAPIView):
    """Published firms: the directory's search and filters (the same code as /firms/)."""

    serializer_class = api.FirmCardSerializer
    pagination_class = FirmSearchPagination

    @extend_schema(
        operation_id="firms_list",
        parameters=FIRM_LIST_PARAMETERS,
        responses=api.FirmCardSerializer(many=True),
        examples=[
            OpenApiExample(
                "A search",
                response_only=True,
                value={
                    "slug": "hancom",
                    "url": "http://127.0.0.1:8000/api/firms/hancom/",
                    "page_url": "http://127.0.0.1:8000/firms/hancom/",
                    "name": "한글과컴퓨터",
                    "name_ko": "한글과컴퓨터",
                    "name_en": "Hancom",
                    "name_zh": "",
                    "summary": "",
                    "summary_ko": "",
                    "summary_en": "",
                    "summary_zh": "",
                    "is_verified": False,
                    "cluster": {
                        "slug": "pangyo",
                        "name": "판교 테크노밸리",
                        "name_ko": "판교 테크노밸리",
                        "name_en": "Pangyo Techno Valley",
                        "name_zh": "板桥科技谷",
                    },
                    "specialties": [{"slug": "ai", "name": "인공지능"}],
                    "target_markets": [{"code": "CN", "name": "중국"}],
                    "logo": None,
                    "match": "other",
                },
            )
        ],
    )
    def get(self, request):
        search = DirectorySearch(request.query_params)
        reject_ignored(search.ignored)
        warnings = []
        if search.truncated:
            warnings.append(
                {
                    "code": "query_shortened",
                    "message": _("The search was shortened to %(max)s characters.")
                    % {"max": MAX_QUERY_LENGTH},
                }
            )
        page = self.paginate_queryset(KnownResults(search.count, search.page))
        context = {
            "request": request,
            "rank_labels": RANK_LABELS if search.q else {},
        }
        data = api.FirmCardSerializer(page, many=True, context=context).data
        return self.paginator.get_paginated_response(data, warnings=warnings)


class FirmDetail(ApiViewMixin, generics.RetrieveAPIView):
    """A published firm's public profile and the public engagements it took part in."""

    serializer_class = api.FirmDetailSerializer
    lookup_field = "slug"
    lookup_value_regex = "[-a-zA-Z0-9_]+"

    def get_queryset(self):
        return Firm.objects.published().for_cards()

    @extend_schema(operation_id="firms_retrieve", parameters=[LANG_PARAMETER])
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def get_serializer_context(self):
        context = super().get_serializer_context()
        if getattr(self, "kwargs", None) and "slug" in self.kwargs:
            context["participations"] = (
                Participation.objects.filter(
                    firm__slug=self.kwargs["slug"],
                    firm__is_published=True,
                    engagement__is_public=True,
                )
                .select_related("engagement")
                .prefetch_related(
                    Prefetch(
                        "engagement__partners",
                        queryset=OverseasPartner.objects.for_public_display(),
                    )
                )
                .order_by(F("engagement__date").desc(nulls_last=True), "-engagement__pk")
            )
        return context


class SpecialtyList(ApiViewMixin, generics.ListAPIView):
    """The specialty taxonomy (two levels), parents each followed by their children. Small:
    not paginated."""

    serializer_class = api.SpecialtySerializer
    pagination_class = None

    def get_queryset(self):
        return _taxonomy()

    @extend_schema(parameters=[LANG_PARAMETER])
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)


def _taxonomy() -> list[Specialty]:
    specialties = list(Specialty.objects.select_related("parent"))
    children: dict[int, list[Specialty]] = {}
    for s in specialties:
        if s.parent_id is not None:
            children.setdefault(s.parent_id, []).append(s)
    ordered: list[Specialty] = []
    for top in specialties:
        if top.parent_id is None:
            ordered.append(top)
            ordered.extend(children.get(top.pk, []))
    return ordered


class ClusterList(ApiViewMixin, generics.ListAPIView):
    """The industry clusters. Small: not paginated."""

    serializer_class = api.ClusterSerializer
    pagination_class = None
    queryset = Cluster.objects.all()

    @extend_schema(parameters=[LANG_PARAMETER])
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)


PARTNER_LIST_PARAMETERS = [
    q_parameter("names, cities and descriptions"),
    OpenApiParameter(
        "kind", OpenApiTypes.STR, enum=list(OverseasPartner.Kind.values), description="Kind."
    ),
    OpenApiParameter("country", OpenApiTypes.STR, description="ISO country code."),
    LANG_PARAMETER,
]


class PartnerList(ApiViewMixin, generics.GenericAPIView):
    """Overseas partners (archived ones never), with the partner page's search and filters."""

    serializer_class = api.PartnerSerializer
    pagination_class = ResultCursorPagination

    @extend_schema(
        operation_id="partners_list",
        parameters=PARTNER_LIST_PARAMETERS,
        responses=api.PartnerSerializer(many=True),
    )
    def get(self, request):
        params = request.query_params
        q, truncated = clean_query(printable(params.get("q", "")))
        partners = OverseasPartner.objects.for_public_display()
        countries = list(Country.objects.filter(partners__in=partners).distinct())
        if q:
            partners = search_partners(partners, q)
        filterset = PartnerFilterSet(params, partners, countries=countries)
        reject_ignored(filterset.ignored)
        order = SEARCH_ORDER if q else ("name_ko", "pk")
        found = (
            filterset.qs.select_related("country")
            .prefetch_related("seeks_specialties")
            .order_by(*order)
        )
        page = self.paginate_queryset(
            KnownResults(found.count(), lambda start, stop: list(found[start:stop]))
        )
        data = api.PartnerSerializer(page, many=True, context={"request": request}).data
        return self.paginator.get_paginated_response(data)


class PartnerDetail(ApiViewMixin, generics.RetrieveAPIView):
    serializer_class = api.PartnerSerializer
    lookup_field = "slug"
    lookup_value_regex = "[-a-zA-Z0-9_]+"

    def get_queryset(self):
        return (
            OverseasPartner.objects.for_public_display()
            .select_related("country")
            .prefetch_related("seeks_specialties")
        )

    @extend_schema(operation_id="partners_retrieve", parameters=[LANG_PARAMETER])
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)
