"""/api/: the JSON API (namespace "api"). Staff endpoints under /api/staff/, a member's under
/api/my/; anything else under /api/ is a JSON 404."""

from django.urls import path, re_path
from drf_spectacular.views import SpectacularAPIView

from .errors import not_found
from .views import docs, member, public, staff

app_name = "api"

urlpatterns = [
    path("firms/", public.FirmList.as_view(), name="firm-list"),
    path("firms/<slug:slug>/", public.FirmDetail.as_view(), name="firm-detail"),
    path("specialties/", public.SpecialtyList.as_view(), name="specialty-list"),
    path("clusters/", public.ClusterList.as_view(), name="cluster-list"),
    path("partners/", public.PartnerList.as_view(), name="partner-list"),
    path("partners/<slug:slug>/", public.PartnerDetail.as_view(), name="partner-detail"),
    path("staff/engagements/", staff.EngagementList.as_view(), name="staff-engagement-list"),
    path(
        "staff/engagements/<int:pk>/",
        staff.EngagementDetail.as_view(),
        name="staff-engagement-detail",
    ),
    path("staff/connections/", staff.ConnectionList.as_view(), name="staff-connection-list"),
    path(
        "staff/connections/<int:pk>/",
        staff.ConnectionDetail.as_view(),
        name="staff-connection-detail",
    ),
    path(
        "staff/connections/<int:pk>/stage/",
        staff.ConnectionStage.as_view(),
        name="staff-connection-stage",
    ),
    path("staff/firms/", staff.StaffFirmList.as_view(), name="staff-firm-list"),
    path("staff/firms/<slug:slug>/", staff.StaffFirmDetail.as_view(), name="staff-firm-detail"),
    path("my/firms/", member.MyFirmList.as_view(), name="my-firm-list"),
    path("my/firms/<slug:slug>/", member.MyFirmDetail.as_view(), name="my-firm-detail"),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", docs.docs, name="docs"),
    re_path(r"^[\s\S]*$", not_found, name="not-found"),  # any character, newlines too
]
