"""Login, logout, password change and reset, and invitations under /accounts/."""

from django.urls import include, path

from . import views

urlpatterns = [
    path("invite/<str:token>/", views.accept_invitation, name="accept-invitation"),
    path("", include("django.contrib.auth.urls")),
]
