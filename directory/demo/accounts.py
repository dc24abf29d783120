"""Demo accounts: one staff account and one member (owner of 한글과컴퓨터).

Passwords are generated on first creation and printed once; they are stored nowhere else.
Running again never changes an existing account.
"""

from __future__ import annotations

import secrets

from django.contrib.auth import get_user_model

from directory.accounts.models import Membership
from directory.firms.models import Firm

DEMO_STAFF = "demo-staff"
DEMO_MEMBER = "demo-member"
DEMO_FIRM = "hancom"


def _create(username: str, stdout, **fields):
    User = get_user_model()
    if User.objects.filter(username=username).exists():
        return User.objects.get(username=username), False
    password = secrets.token_urlsafe(12)
    user = User.objects.create_user(username=username, password=password, **fields)
    if stdout is not None:
        stdout.write(f"Created demo account {username!r} with password: {password}\n")
    return user, True


def load_accounts(stdout=None) -> None:
    staff, created = _create(
        DEMO_STAFF, stdout, email="demo-staff@gagyo.local", is_staff=True, first_name="Demo staff"
    )
    member, member_created = _create(
        DEMO_MEMBER, stdout, email="demo-member@gagyo.local", first_name="Demo member"
    )
    firm = Firm.objects.filter(slug=DEMO_FIRM).first()
    if firm is not None and member_created:
        Membership.objects.get_or_create(
            user=member, firm=firm, defaults={"role": Membership.Role.OWNER}
        )
    if stdout is not None and (created or member_created):
        stdout.write(
            "These passwords are shown only now. Log in at /accounts/login/; "
            "reset them with `python manage.py changepassword <name>`.\n"
        )
