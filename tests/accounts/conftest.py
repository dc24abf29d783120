"""Personas for account tests: a firm with an owner and an editor, another firm's member, staff."""

from types import SimpleNamespace

import pytest

from directory.accounts.models import Membership
from tests.factories import make_firm, make_member, make_specialty, make_staff, make_user


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    """Real password checks, cheap hashing: these tests create many users."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def people(db):
    firm = make_firm(slug="gagyo-ai", name_ko="가교에이아이", summary_ko="원래 요약")
    other_firm = make_firm(slug="other-ai", name_ko="다른기업")
    return SimpleNamespace(
        firm=firm,
        other_firm=other_firm,
        owner=make_member(firm, Membership.Role.OWNER, username="owner"),
        editor=make_member(firm, Membership.Role.EDITOR, username="editor"),
        outsider=make_member(other_firm, Membership.Role.OWNER, username="outsider"),
        nobody=make_user(username="nobody"),
        staff=make_staff(username="staff"),
        specialty=make_specialty(slug="vision", name_ko="비전"),
    )
