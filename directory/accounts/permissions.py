"""Who may do what: the one place for role checks, used by views and templates alike.

Roles: *public* (anyone), *firm member* (a Membership on a firm), *staff* (provincial or
agency staff: an active user with Django's ``is_staff`` flag, or a superuser).
"""

from __future__ import annotations

from functools import wraps

import rules
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


@rules.predicate
def is_firm_owner(user, firm) -> bool:
    if not (user and user.is_authenticated and user.is_active) or firm is None:
        return False
    return user.memberships.filter(firm=firm, role="owner").exists()


can_edit_firm = is_staff_member | is_firm_member
can_view_firm_workspace = is_staff_member | is_firm_member
can_manage_members = is_staff_member | is_firm_owner
can_review = is_staff_member


@rules.predicate
def can_withdraw_change(user, change) -> bool:
    """Staff, the firm's owners, and the member who submitted it may withdraw a change."""
    if change is None:
        return False
    if is_staff_member(user) or is_firm_owner(user, change.firm):
        return True
    return is_firm_member(user, change.firm) and user.pk in (
        change.submitted_by_id,
        change.updated_by_id,
    )


rules.add_perm("accounts.edit_firm", can_edit_firm)
rules.add_perm("accounts.view_firm_workspace", can_view_firm_workspace)
rules.add_perm("accounts.manage_members", can_manage_members)
rules.add_perm("accounts.review", can_review)
rules.add_perm("accounts.withdraw_change", can_withdraw_change)
rules.add_perm("accounts.restore_history", is_staff_member)


def firm_for(user, slug: str, predicate=can_view_firm_workspace):
    """The firm at ``slug`` if ``user`` may act on it; 404 for firms that are not theirs.

    A 404 (not 403) keeps the workspace from confirming which unpublished firms exist.
    """
    from django.http import Http404
    from django.shortcuts import get_object_or_404

    from directory.firms.models import Firm

    firm = get_object_or_404(Firm, slug=slug)
    if not predicate(user, firm):
        raise Http404
    return firm


def landing_url_name(user) -> str | None:
    """The URL name a user starts from after logging in: staff their workspace, members /my/."""
    if is_staff_member(user):
        return "staff:home"
    if user and user.is_authenticated and user.memberships.exists():
        return "my:home"
    return None


def login_required_view(view):
    """Like Django's login_required, kept here so every check lives in one module."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        return view(request, *args, **kwargs)

    return wrapped
