"""API permissions: thin wrappers around the role predicates of directory.accounts.permissions
(the one place for role checks)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from rest_framework.permissions import BasePermission

from directory.accounts.permissions import is_staff_member


class IsStaff(BasePermission):
    """Staff only: anonymous clients get 401, everyone else 403."""

    message = _("Only staff may use this endpoint.")

    def has_permission(self, request, view) -> bool:
        return bool(is_staff_member(request.user))


class IsSignedIn(BasePermission):
    message = _("Sign in or send an API token.")

    def has_permission(self, request, view) -> bool:
        return bool(request.user and request.user.is_authenticated and request.user.is_active)
