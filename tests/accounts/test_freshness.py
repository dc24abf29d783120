"""Freshness: one-click confirmation and the stale_profiles command."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from directory.firms.models import Firm

pytestmark = pytest.mark.django_db


def test_member_confirms_profile_in_one_click(client, people):
    client.force_login(people.editor)
    response = client.post(f"/my/firms/{people.firm.slug}/confirm/")
    assert response.status_code == 302
    people.firm.refresh_from_db()
    assert timezone.now() - people.firm.last_confirmed_at < timedelta(minutes=1)
    assert people.firm.history.first().history_user == people.editor


def age(firm, days):
    Firm.objects.filter(pk=firm.pk).update(last_confirmed_at=timezone.now() - timedelta(days=days))


def test_stale_profiles_lists_members_of_old_profiles(people):
    age(people.firm, 400)
    age(people.other_firm, 30)
    out = StringIO()
    call_command("stale_profiles", stdout=out)
    text = out.getvalue()
    assert people.firm.slug in text and people.owner.email in text
    assert people.other_firm.slug not in text
    assert not mail.outbox


def test_stale_profiles_months_option_and_unconfirmed_firms_use_creation_date(people):
    Firm.objects.filter(pk=people.other_firm.pk).update(
        created_at=timezone.now() - timedelta(days=100), last_confirmed_at=None
    )
    out = StringIO()
    call_command("stale_profiles", "--months", "3", stdout=out)
    assert people.other_firm.slug in out.getvalue()
    assert people.firm.slug not in out.getvalue()


def test_stale_profiles_email_reaches_each_member(people):
    age(people.firm, 400)
    call_command("stale_profiles", "--email", stdout=StringIO())
    assert sorted(m.to[0] for m in mail.outbox) == sorted([people.owner.email, people.editor.email])
    assert f"/my/firms/{people.firm.slug}/" in mail.outbox[0].body


def test_workspace_shows_when_profile_was_last_confirmed(client, people):
    age(people.firm, 10)
    client.force_login(people.owner)
    body = client.get(f"/my/firms/{people.firm.slug}/").content.decode()
    expected = timezone.localtime(Firm.objects.get(pk=people.firm.pk).last_confirmed_at)
    assert expected.strftime("%Y-%m-%d") in body
