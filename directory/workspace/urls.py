"""The staff workspace under /staff/ (staff only). The review queue and matching live in
their own apps under /staff/reviews/ and /staff/match/."""

from django.urls import path

from .views import board, calendar, connections, engagements, firms, followups, home, partners

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
    # Firms (staff view) and follow-ups
    path("firms/<slug:slug>/", firms.firm_detail, name="firm-detail"),
    path("follow-ups/", followups.followups, name="followups"),
]
