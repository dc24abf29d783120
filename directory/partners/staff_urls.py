"""The staff workspace under /staff/ (staff only). The review queue and matching live in
their own apps under /staff/reviews/ and /staff/match/."""

from django.urls import path

from . import staff_views as views

app_name = "staff"

urlpatterns = [
    path("", views.home, name="home"),
    # Overseas partners
    path("partners/", views.PartnerListView.as_view(), name="partner-list"),
    path("partners/new/", views.partner_create, name="partner-create"),
    path("partners/<slug:slug>/", views.PartnerDetailView.as_view(), name="partner-detail"),
    path("partners/<slug:slug>/edit/", views.partner_edit, name="partner-edit"),
    path("partners/<slug:slug>/archive/", views.partner_archive, name="partner-archive"),
    path("partners/<slug:slug>/unarchive/", views.partner_unarchive, name="partner-unarchive"),
    path("partners/<slug:slug>/delete/", views.partner_delete, name="partner-delete"),
    # Engagements
    path("engagements/", views.EngagementListView.as_view(), name="engagement-list"),
    path(
        "engagements/upcoming/",
        views.UpcomingEngagementListView.as_view(),
        name="engagement-upcoming",
    ),
    path("engagements/new/", views.engagement_create, name="engagement-create"),
    path("engagements/<int:pk>/", views.engagement_detail, name="engagement-detail"),
    path("engagements/<int:pk>/edit/", views.engagement_edit, name="engagement-edit"),
    path("engagements/<int:pk>/calendar.ics", views.engagement_ics, name="engagement-ics"),
    path("engagements/<int:pk>/left-out/", views.engagement_left_out, name="engagement-left-out"),
    path(
        "engagements/<int:pk>/participants/add/",
        views.participation_add,
        name="participation-add",
    ),
    path(
        "engagements/<int:pk>/participants/<int:participation_pk>/edit/",
        views.participation_edit,
        name="participation-edit",
    ),
    path(
        "engagements/<int:pk>/participants/<int:participation_pk>/remove/",
        views.participation_remove,
        name="participation-remove",
    ),
    path(
        "engagements/<int:pk>/propose-connections/",
        views.engagement_propose_connections,
        name="engagement-propose-connections",
    ),
    path("engagements/<int:pk>/attachments/add/", views.attachment_add, name="attachment-add"),
    path(
        "engagements/<int:pk>/attachments/<int:attachment_pk>/",
        views.attachment_download,
        name="attachment-download",
    ),
    path(
        "engagements/<int:pk>/attachments/<int:attachment_pk>/delete/",
        views.attachment_delete,
        name="attachment-delete",
    ),
    # Connections
    path("connections/", views.ConnectionListView.as_view(), name="connection-list"),
    path("connections/new/", views.connection_create, name="connection-create"),
    path("connections/propose/", views.connection_propose, name="connection-propose"),
    path("connections/<int:pk>/", views.connection_detail, name="connection-detail"),
    path("connections/<int:pk>/edit/", views.connection_edit, name="connection-edit"),
    path("connections/<int:pk>/stage/", views.connection_stage, name="connection-stage"),
    path("connections/<int:pk>/note/", views.connection_note, name="connection-note"),
    path(
        "connections/<int:pk>/assessment/",
        views.connection_assessment,
        name="connection-assessment",
    ),
    # Firms (staff view) and follow-ups
    path("firms/<slug:slug>/", views.firm_detail, name="firm-detail"),
    path("follow-ups/", views.followups, name="followups"),
]
