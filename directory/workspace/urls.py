"""The staff workspace under /staff/ (staff only). The review queue and matching live in
their own apps under /staff/reviews/ and /staff/match/."""

from django.urls import path

from .views import (
    board,
    calendar,
    connections,
    duplicates,
    engagements,
    firm_admin,
    firm_import,
    firms,
    followups,
    home,
    partners,
    taxonomy,
)

app_name = "staff"

urlpatterns = [
    path("", home.home, name="home"),
    # Overseas partners
    path("partners/", partners.PartnerListView.as_view(), name="partner-list"),
    path("partners/new/", partners.partner_create, name="partner-create"),
    path("partners/<slug:slug>/", partners.PartnerDetailView.as_view(), name="partner-detail"),
    path("partners/<slug:slug>/edit/", partners.partner_edit, name="partner-edit"),
    path("partners/<slug:slug>/archive/", partners.partner_archive, name="partner-archive"),
    path("partners/<slug:slug>/unarchive/", partners.partner_unarchive, name="partner-unarchive"),
    path("partners/<slug:slug>/delete/", partners.partner_delete, name="partner-delete"),
    # Pipeline board and engagement calendar (issue 15)
    path("connections/board/", board.connection_board, name="connection-board"),
    path("connections/<int:pk>/move/", board.connection_move, name="connection-move"),
    path("engagements/calendar/", calendar.engagement_calendar, name="engagement-calendar"),
    path(
        "engagements/calendar/feed/new/",
        calendar.calendar_feed_create,
        name="calendar-feed-create",
    ),
    path(
        "engagements/calendar/feed/revoke/",
        calendar.calendar_feed_revoke,
        name="calendar-feed-revoke",
    ),
    path(
        "engagements/calendar/feed/<str:token>.ics",
        calendar.calendar_feed,
        name="calendar-feed",
    ),
    # Engagements
    path("engagements/", engagements.EngagementListView.as_view(), name="engagement-list"),
    path(
        "engagements/upcoming/",
        engagements.UpcomingEngagementListView.as_view(),
        name="engagement-upcoming",
    ),
    path("engagements/new/", engagements.engagement_create, name="engagement-create"),
    path("engagements/<int:pk>/", engagements.engagement_detail, name="engagement-detail"),
    path("engagements/<int:pk>/edit/", engagements.engagement_edit, name="engagement-edit"),
    path("engagements/<int:pk>/calendar.ics", engagements.engagement_ics, name="engagement-ics"),
    path(
        "engagements/<int:pk>/left-out/",
        engagements.engagement_left_out,
        name="engagement-left-out",
    ),
    path(
        "engagements/<int:pk>/participants/add/",
        engagements.participation_add,
        name="participation-add",
    ),
    path(
        "engagements/<int:pk>/participants/<int:participation_pk>/edit/",
        engagements.participation_edit,
        name="participation-edit",
    ),
    path(
        "engagements/<int:pk>/participants/<int:participation_pk>/remove/",
        engagements.participation_remove,
        name="participation-remove",
    ),
    path(
        "engagements/<int:pk>/propose-connections/",
        engagements.engagement_propose_connections,
        name="engagement-propose-connections",
    ),
    path(
        "engagements/<int:pk>/attachments/add/", engagements.attachment_add, name="attachment-add"
    ),
    path(
        "engagements/<int:pk>/attachments/<int:attachment_pk>/",
        engagements.attachment_download,
        name="attachment-download",
    ),
    path(
        "engagements/<int:pk>/attachments/<int:attachment_pk>/delete/",
        engagements.attachment_delete,
        name="attachment-delete",
    ),
    # Connections
    path("connections/", connections.ConnectionListView.as_view(), name="connection-list"),
    path("connections/new/", connections.connection_create, name="connection-create"),
    path("connections/propose/", connections.connection_propose, name="connection-propose"),
    path("connections/<int:pk>/", connections.connection_detail, name="connection-detail"),
    path("connections/<int:pk>/edit/", connections.connection_edit, name="connection-edit"),
    path("connections/<int:pk>/stage/", connections.connection_stage, name="connection-stage"),
    path("connections/<int:pk>/note/", connections.connection_note, name="connection-note"),
    path(
        "connections/<int:pk>/assessment/",
        connections.connection_assessment,
        name="connection-assessment",
    ),
    path(
        "connections/export.csv",
        connections.connection_export,
        {"fmt": "csv"},
        name="connection-export-csv",
    ),
    path(
        "connections/export.xlsx",
        connections.connection_export,
        {"fmt": "xlsx"},
        name="connection-export-xlsx",
    ),
    path(
        "engagements/export.csv",
        engagements.engagement_export,
        {"fmt": "csv"},
        name="engagement-export-csv",
    ),
    path(
        "engagements/export.xlsx",
        engagements.engagement_export,
        {"fmt": "xlsx"},
        name="engagement-export-xlsx",
    ),
    # Firms: management, import, duplicates, taxonomy (docs/stewardship.md)
    path("firms/", firm_admin.firm_list, name="firm-list"),
    path("firms/new/", firm_admin.firm_create, name="firm-create"),
    path("firms/bulk/", firm_admin.firm_bulk, name="firm-bulk"),
    path("firms/export.csv", firm_admin.firm_export, {"fmt": "csv"}, name="firm-export-csv"),
    path("firms/export.xlsx", firm_admin.firm_export, {"fmt": "xlsx"}, name="firm-export-xlsx"),
    path("firms/import/", firm_import.import_upload, name="firm-import"),
    path("firms/import/<int:pk>/", firm_import.import_job, name="firm-import-job"),
    path("firms/import/<int:pk>/apply/", firm_import.import_apply, name="firm-import-apply"),
    path("firms/import/<int:pk>/invite/", firm_import.import_invite, name="firm-import-invite"),
    path(
        "firms/import/<int:pk>/progress.json",
        firm_import.import_progress,
        name="firm-import-progress",
    ),
    path("firms/duplicates/", duplicates.duplicate_list, name="firm-duplicates"),
    path("firms/merge/", duplicates.firm_merge, name="firm-merge"),
    path("firms/taxonomy/", taxonomy.taxonomy, name="taxonomy"),
    path("firms/taxonomy/specialties/new/", taxonomy.specialty_add, name="specialty-add"),
    path("firms/taxonomy/specialties/merge/", taxonomy.specialty_merge, name="specialty-merge"),
    path(
        "firms/taxonomy/specialties/<slug:slug>/",
        taxonomy.specialty_edit,
        name="specialty-edit",
    ),
    path("firms/taxonomy/clusters/new/", taxonomy.cluster_add, name="cluster-add"),
    path("firms/taxonomy/clusters/<slug:slug>/", taxonomy.cluster_edit, name="cluster-edit"),
    path("firms/taxonomy/countries/new/", taxonomy.country_add, name="country-add"),
    path("firms/taxonomy/countries/<str:code>/", taxonomy.country_edit, name="country-edit"),
    path("firms/<slug:slug>/", firms.firm_detail, name="firm-detail"),
    path("firms/<slug:slug>/edit/", firm_admin.firm_edit, name="firm-edit"),
    path("firms/<slug:slug>/status/", firm_admin.firm_status, name="firm-status"),
    # Follow-ups
    path("follow-ups/", followups.followups, name="followups"),
]
