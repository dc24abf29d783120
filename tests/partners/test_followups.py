"""Follow-ups due: the page per owner and the daily `followups_due` command."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.utils import timezone

from directory.partners.models import Stage
from tests.factories import make_connection, make_firm, make_staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def due():
    today = timezone.localdate()
    alice = make_staff(username="alice", email="alice@example.com")
    bob = make_staff(username="bob", email="")
    return {
        "alice": alice,
        "overdue": make_connection(
            firm=make_firm(name_ko="늦은기업"),
            owner=alice,
            next_step="회신",
            due_date=today - timedelta(days=2),
        ),
        "soon": make_connection(
            firm=make_firm(name_ko="곧기업"),
            owner=bob,
            next_step="미팅",
            due_date=today + timedelta(days=6),
        ),
        "later": make_connection(
            firm=make_firm(name_ko="나중기업"), owner=alice, due_date=today + timedelta(days=30)
        ),
        "closed": make_connection(
            firm=make_firm(name_ko="종료기업"),
            owner=alice,
            stage=Stage.CLOSED,
            due_date=today - timedelta(days=1),
        ),
    }


def test_followups_page_groups_per_owner(staff_client, due):
    html = staff_client.get("/staff/follow-ups/").content.decode()
    assert "늦은기업" in html and "곧기업" in html
    assert "나중기업" not in html and "종료기업" not in html
    assert html.index("alice") < html.index("늦은기업") < html.index("bob") < html.index("곧기업")


def test_followups_page_empty_state(staff_client):
    assert "No follow-ups are due" in staff_client.get("/en/staff/follow-ups/").content.decode()


def test_command_lists_followups_per_owner(due):
    out = StringIO()
    call_command("followups_due", stdout=out)
    text = out.getvalue()
    assert "== alice (1)" in text and "늦은기업" in text and "곧기업" in text
    assert "나중기업" not in text
    assert not mail.outbox


def test_command_days_option_looks_further_ahead(due):
    out = StringIO()
    call_command("followups_due", "--days", "40", stdout=out)
    assert "나중기업" in out.getvalue()


def test_command_emails_each_owner_with_an_address(due):
    out = StringIO()
    call_command("followups_due", "--email", "--base-url", "https://gagyo.example", stdout=out)
    assert len(mail.outbox) == 1  # bob has no email address
    message = mail.outbox[0]
    assert message.to == ["alice@example.com"]
    assert "늦은기업" in message.body
    assert f"https://gagyo.example/staff/connections/{due['overdue'].pk}/" in message.body
    assert "곧기업" not in message.body


def test_command_with_nothing_due_says_so():
    out = StringIO()
    call_command("followups_due", stdout=out)
    assert out.getvalue().strip()


def test_command_refuses_negative_days():
    with pytest.raises(CommandError):
        call_command("followups_due", "--days", "-1")


def test_followups_page_paginates(staff_client, settings):
    today = timezone.localdate()
    for _ in range(settings.STAFF_PER_PAGE * 2 + 3):
        make_connection(due_date=today, next_step="x")
    response = staff_client.get("/staff/follow-ups/")
    assert 'rel="next"' in response.content.decode()
    assert response.context["total"] == settings.STAFF_PER_PAGE * 2 + 3
    assert staff_client.get("/staff/follow-ups/?page=2").status_code == 200
