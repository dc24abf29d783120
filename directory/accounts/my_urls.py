"""URLs of this area (filled in by its feature)."""

from django.urls import path  # noqa: F401

urlpatterns: list = []
