"""Who may do what: the one place for role checks, used by views and templates alike.

Roles: *public* (anyone), *firm member* (a Membership on a firm), *staff* (provincial or
agency staff: an active user with Django's ``is_staff`` flag, or a superuser).
"""

from __future__ import annotations

from functools import wraps

import rules
from django.contrib.auth.mixins import AccessMixin
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied


@rules.predicate
def is_staff_member(user) -> bool:
    return bool(
        user and user.is_authenticated and user.is_active and (user.is_staff or user.is_superuser)
    )


@rules.predicate
def is_firm_member(user, firm) -> bool:
    if not (user and user.is_authenticated and user.is_active) or firm is None:
        return False
    return user.memberships.filter(firm=firm).exists()


rules.add_perm("firms.edit_profile", is_staff_member | is_firm_member)
rules.add_perm("staff.workspace", is_staff_member)


def staff_required(view):
    """Function-view decorator: anonymous users go to login, other non-staff get 403."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not is_staff_member(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped


class StaffRequiredMixin(AccessMixin):
    """Class-view mixin with the same behaviour as ``staff_required``."""

    raise_exception = False

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        if not is_staff_member(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)
