"""Demo accounts: created once with a printed password, never changed afterwards."""

from io import StringIO

import pytest
from django.contrib.auth import get_user_model

from directory.accounts.models import Membership
from directory.demo.accounts import load_accounts

pytestmark = pytest.mark.django_db


def test_demo_accounts_are_created_once_with_printed_passwords(demo):
    out = StringIO()
    load_accounts(stdout=out)
    lines = [line for line in out.getvalue().splitlines() if "password:" in line]
    assert len(lines) == 2
    User = get_user_model()
    staff = User.objects.get(username="demo-staff")
    member = User.objects.get(username="demo-member")
    assert staff.is_staff and not member.is_staff
    assert Membership.objects.get(user=member).firm.slug == "hancom"
    assert Membership.objects.get(user=member).role == "owner"
    password = lines[1].rsplit(": ", 1)[1]
    assert member.check_password(password)

    again = StringIO()
    load_accounts(stdout=again)
    assert "password" not in again.getvalue()
    member.refresh_from_db()
    assert member.check_password(password)
    assert User.objects.filter(username__startswith="demo-").count() == 2
