"""Staff review queue, invitations and memberships under /staff/reviews/."""

from django.urls import path

from . import views

app_name = "reviews"

urlpatterns = [
    path("", views.review_queue, name="queue"),
    path("<int:pk>/", views.review_detail, name="detail"),
    path("<int:pk>/approve/", views.review_decide, {"decision": "approve"}, name="approve"),
    path("<int:pk>/reject/", views.review_decide, {"decision": "reject"}, name="reject"),
    path("invitations/", views.invitations, name="invitations"),
    path("invitations/<int:pk>/revoke/", views.revoke_invitation, name="invitation-revoke"),
    path("memberships/", views.memberships, name="memberships"),
    path("memberships/<int:pk>/revoke/", views.revoke_membership, name="membership-revoke"),
]
