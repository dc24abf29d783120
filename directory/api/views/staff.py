"""The staff API (/api/staff/): engagements, connections and firms. Staff only: anonymous
clients get 401, signed-in non-staff 403. Changes go through the same services as the
workspace pages, so timelines and history are written the same way."""

from __future__ import annotations

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiExample, OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import generics, status
from rest_framework.response import Response

from directory.accounts import services as accounts
from directory.firms.models import Firm
from directory.partners import services as partners
from directory.partners.models import (
    Connection,
    ConnectionEvent,
    Engagement,
    Participation,
    Stage,
)

from .. import firm_edits
from .. import serializers as api
from ..base import LANG_PARAMETER, ApiViewMixin
from ..errors import InvalidParameter
from ..pagination import KeysetCursorPagination
from ..permissions import IsStaff


class StaffView(ApiViewMixin):
    permission_classes = [IsStaff]


# --- engagements -------------------------------------------------------------------------


def engagements():
    return Engagement.objects.prefetch_related(
        "partners",
        "organisers",
        Prefetch("participations", queryset=Participation.objects.select_related("firm")),
    )


class EngagementList(StaffView, generics.ListAPIView):
    """Every engagement (public or not), newest first, with participants and outcomes."""

    serializer_class = api.StaffEngagementSerializer
    pagination_class = KeysetCursorPagination

    def get_queryset(self):
        found = engagements()
        partner = self.request.query_params.get("partner")
        if partner:
            found = found.filter(partners__slug=partner)
        kind = self.request.query_params.get("kind")
        if kind:
            if kind not in Engagement.Kind.values:
                raise InvalidParameter({"kind": _("Unknown engagement kind.")})
            found = found.filter(kind=kind)
        return found

    @extend_schema(
        parameters=[
            OpenApiParameter("partner", OpenApiTypes.STR, description="Partner slug."),
            OpenApiParameter("kind", OpenApiTypes.STR, enum=list(Engagement.Kind.values)),
            LANG_PARAMETER,
        ]
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)


class EngagementDetail(StaffView, generics.RetrieveAPIView):
    serializer_class = api.StaffEngagementSerializer

    def get_queryset(self):
        return engagements()

    @extend_schema(parameters=[LANG_PARAMETER])
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)


# --- connections -------------------------------------------------------------------------


def connections():
    return Connection.objects.select_related("firm", "partner", "owner")


def connection_detail(pk: int) -> Connection:
    return get_object_or_404(
        connections().prefetch_related(
            Prefetch("events", queryset=ConnectionEvent.objects.select_related("author"))
        ),
        pk=pk,
    )


class ConnectionList(StaffView, generics.ListAPIView):
    """Connections (firm × partner), newest first; create one with POST (never duplicates)."""

    serializer_class = api.ConnectionSerializer
    pagination_class = KeysetCursorPagination

    def get_queryset(self):
        found = connections()
        params = self.request.query_params
        stage = params.get("stage")
        if stage:
            if stage not in Stage.values:
                raise InvalidParameter({"stage": _("Unknown stage.")})
            found = found.filter(stage=stage)
        if params.get("partner"):
            found = found.filter(partner__slug=params["partner"])
        if params.get("firm"):
            found = found.filter(firm__slug=params["firm"])
        return found

    @extend_schema(
        parameters=[
            OpenApiParameter("stage", OpenApiTypes.STR, enum=list(Stage.values)),
            OpenApiParameter("partner", OpenApiTypes.STR, description="Partner slug."),
            OpenApiParameter("firm", OpenApiTypes.STR, description="Firm slug."),
            LANG_PARAMETER,
        ]
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    @extend_schema(
        request=api.ConnectionCreateSerializer,
        responses={
            201: OpenApiResponse(api.ConnectionDetailSerializer, "Created at stage proposed."),
            200: OpenApiResponse(api.ConnectionDetailSerializer, "It existed: unchanged."),
        },
        parameters=[LANG_PARAMETER],
        examples=[
            OpenApiExample(
                "Propose Hancom to Tencent Cloud",
                request_only=True,
                value={"firm": "hancom", "partner": "tencent-cloud", "origin": "API"},
            )
        ],
    )
    def post(self, request):
        serializer = api.ConnectionCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        connection, created = partners.propose_connection(
            data["firm"], data["partner"], request.user, data["origin"]
        )
        body = api.ConnectionDetailSerializer(connection_detail(connection.pk)).data
        return Response(body, status=status.HTTP_201_CREATED if created else status.HTTP_200_OK)


class ConnectionDetail(StaffView, generics.RetrieveAPIView):
    """A connection with its timeline."""

    serializer_class = api.ConnectionDetailSerializer

    def get_object(self):
        return connection_detail(self.kwargs["pk"])

    @extend_schema(parameters=[LANG_PARAMETER])
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)


class ConnectionStage(StaffView, generics.GenericAPIView):
    """Move a connection to another stage: the timeline and history record it, as on the
    connection's page."""

    serializer_class = api.StageChangeSerializer

    @extend_schema(
        operation_id="staff_connections_stage",
        request=api.StageChangeSerializer,
        responses={200: api.StageChangeResultSerializer},
        parameters=[LANG_PARAMETER],
        examples=[
            OpenApiExample(
                "Talks started",
                request_only=True,
                value={"stage": "in_discussion", "note": "Second call booked."},
            )
        ],
    )
    def post(self, request, pk: int):
        connection = get_object_or_404(Connection, pk=pk)
        serializer = api.StageChangeSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        changed = partners.change_stage(
            connection, serializer.validated_data["stage"], request.user,
            note=serializer.validated_data["note"],
        )  # fmt: skip
        body = api.StageChangeResultSerializer(
            {"changed": changed, "connection": connection_detail(pk)}
        ).data
        return Response(body)


# --- firms -------------------------------------------------------------------------------


def staff_firm_body(firm: Firm) -> dict:
    firm = Firm.objects.prefetch_related("specialties", "target_markets").select_related(
        "cluster"
    ).get(pk=firm.pk)  # fmt: skip
    change = accounts.open_change(firm)
    context = {
        "edit_token": accounts.current_token(firm, for_staff=True),
        "pending_change_id": change.pk if change else None,
    }
    return api.StaffFirmSerializer(firm, context=context).data


class StaffFirmList(StaffView, generics.GenericAPIView):
    """All firms, published or not (newest first); POST creates one."""

    serializer_class = api.StaffFirmSerializer
    pagination_class = KeysetCursorPagination

    def get_queryset(self):
        return Firm.objects.select_related("cluster").prefetch_related(
            "specialties", "target_markets"
        )

    @extend_schema(
        operation_id="staff_firms_list",
        parameters=[LANG_PARAMETER],
        responses=api.StaffFirmListSerializer(many=True),
    )
    def get(self, request):
        page = self.paginate_queryset(self.get_queryset())
        return self.get_paginated_response(api.StaffFirmListSerializer(page, many=True).data)

    @extend_schema(
        operation_id="staff_firms_create",
        request=api.StaffFirmCreateSerializer,
        responses={201: api.StaffFirmSerializer},
        parameters=[LANG_PARAMETER],
        examples=[
            OpenApiExample(
                "A new firm, unpublished",
                request_only=True,
                value={
                    "slug": "example-ai",
                    "name_ko": "예시 AI",
                    "name_en": "Example AI",
                    "specialties": ["ai"],
                    "target_markets": ["CN"],
                },
            )
        ],
    )
    def post(self, request):
        serializer = api.StaffFirmCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        firm = firm_edits.create_firm(serializer.validated_data, request.user)
        return Response(staff_firm_body(firm), status=status.HTTP_201_CREATED)


class StaffFirmDetail(StaffView, generics.GenericAPIView):
    """A firm with its staff-only fields; PATCH edits it directly (recorded in its history)."""

    serializer_class = api.StaffFirmSerializer

    def get_object(self) -> Firm:
        return get_object_or_404(Firm, slug=self.kwargs["slug"])

    @extend_schema(operation_id="staff_firms_retrieve", parameters=[LANG_PARAMETER])
    def get(self, request, slug: str):
        return Response(staff_firm_body(self.get_object()))

    @extend_schema(
        operation_id="staff_firms_partial_update",
        request=api.StaffFirmWriteSerializer,
        responses={200: api.StaffFirmSerializer},
        parameters=[LANG_PARAMETER],
    )
    def patch(self, request, slug: str):
        firm = self.get_object()
        serializer = api.StaffFirmWriteSerializer(firm, data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        firm_edits.edit_as_staff(firm, serializer.validated_data, request.user)
        return Response(staff_firm_body(firm))
