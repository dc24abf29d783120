"""Login, logout, password change and reset under /accounts/."""

from django.urls import include, path

urlpatterns = [
    path("", include("django.contrib.auth.urls")),
]
