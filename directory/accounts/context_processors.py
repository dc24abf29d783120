"""Template context shared by every page."""

from directory.accounts.permissions import is_staff_member


def roles(request) -> dict:
    user = getattr(request, "user", None)
    return {"is_staff_member": bool(user and is_staff_member(user))}
