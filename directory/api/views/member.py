"""A firm member's API (/api/my/firms/): read their firms and propose profile changes, which
become the firm's pending change for staff to review, exactly as the profile form does."""

from __future__ import annotations

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import generics, serializers, status
from rest_framework.response import Response

from directory.accounts import services as accounts
from directory.accounts.permissions import can_edit_firm, firm_for
from directory.firms.models import Firm

from .. import firm_edits
from .. import serializers as api
from ..base import LANG_PARAMETER, ApiViewMixin
from ..permissions import IsSignedIn


def member_body(firm: Firm) -> dict:
    change = accounts.open_change(firm)
    return api.MemberFirmSerializer(
        {
            "slug": firm.slug,
            "values": accounts.editing_start(firm),
            "edit_token": accounts.current_token(firm),
            "pending_change": change,
        }
    ).data


class MyFirmList(ApiViewMixin, generics.GenericAPIView):
    """The firms the signed-in user is a member of."""

    permission_classes = [IsSignedIn]
    serializer_class = api.MemberFirmSerializer
    pagination_class = None

    @extend_schema(
        operation_id="my_firms_list",
        parameters=[LANG_PARAMETER],
        responses=api.MemberFirmSerializer(many=True),
    )
    def get(self, request):
        firms = Firm.objects.filter(memberships__user=request.user).order_by("name_ko", "pk")
        return Response([member_body(firm) for firm in firms])


class MyFirmDetail(ApiViewMixin, generics.GenericAPIView):
    """A member's firm; PATCH proposes a change (202: a pending change, never a direct write).
    Staff-only fields (published, verified, cluster, business registration number, slug) are
    refused. Other people's firms are 404."""

    permission_classes = [IsSignedIn]
    serializer_class = api.MemberFirmSerializer

    def get_object(self) -> Firm:
        return firm_for(self.request.user, self.kwargs["slug"], can_edit_firm)

    @extend_schema(operation_id="my_firms_retrieve", parameters=[LANG_PARAMETER])
    def get(self, request, slug: str):
        return Response(member_body(self.get_object()))

    @extend_schema(
        operation_id="my_firms_propose",
        request=api.ProfileWriteSerializer,
        responses={202: api.MemberFirmSerializer},
        parameters=[LANG_PARAMETER],
    )
    def patch(self, request, slug: str):
        firm = self.get_object()
        data = request.data if isinstance(request.data, dict) else {}
        refused = [key for key in firm_edits.STAFF_ONLY if key in data]
        if refused:
            raise serializers.ValidationError(
                {key: [_("Only staff may set this field.")] for key in refused}
            )
        serializer = api.ProfileWriteSerializer(firm, data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        firm_edits.propose_as_member(firm, serializer.validated_data, request.user)
        return Response(member_body(firm), status=status.HTTP_202_ACCEPTED)
