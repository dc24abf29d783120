"""Login, logout, password change and reset, and invitations under /accounts/."""

from django.urls import include, path

from . import views

urlpatterns = [
    path("invite/<str:token>/", views.accept_invitation, name="accept-invitation"),
    # Before Django's auth URLs so that /accounts/login/ picks the landing page by role.
    path("login/", views.LoginView.as_view(), name="login"),
    path("", include("django.contrib.auth.urls")),
]
