"""The pipeline's business rules: one connection per pair, stage history, assessments, counts."""

from datetime import timedelta

import pytest
from django.utils import timezone

from directory.partners import services
from directory.partners.models import Connection, ConnectionEvent, Stage
from tests.factories import make_connection, make_engagement, make_firm, make_partner, make_staff

pytestmark = pytest.mark.django_db


def test_propose_connection_creates_once_and_never_duplicates():
    staff = make_staff()
    firm, partner = make_firm(), make_partner()
    connection, created = services.propose_connection(firm, partner, staff, "matching brief")
    assert created
    assert connection.stage == Stage.PROPOSED
    assert connection.owner == staff
    again, created_again = services.propose_connection(firm, partner, staff, "second time")
    assert (again.pk, created_again) == (connection.pk, False)
    assert Connection.objects.count() == 1
    assert list(connection.events.values_list("kind", "to_stage", "text")) == [
        ("created", "proposed", "matching brief")
    ]


def test_propose_connection_leaves_an_existing_connection_unchanged():
    existing = make_connection(stage=Stage.AGREEMENT)
    connection, created = services.propose_connection(existing.firm, existing.partner)
    assert not created
    connection.refresh_from_db()
    assert connection.stage == Stage.AGREEMENT


def test_change_stage_records_timeline_and_history_with_author():
    staff = make_staff()
    connection = make_connection(stage=Stage.MET)
    assert services.change_stage(connection, Stage.IN_DISCUSSION, staff, "call went well")
    connection.refresh_from_db()
    assert connection.stage == Stage.IN_DISCUSSION
    event = connection.events.get(kind=ConnectionEvent.Kind.STAGE)
    assert (event.from_stage, event.to_stage, event.text, event.author) == (
        "met",
        "in_discussion",
        "call went well",
        staff,
    )
    latest = connection.history.first()
    assert latest.stage == "in_discussion"
    assert latest.history_user == staff


def test_change_stage_to_the_same_stage_records_nothing():
    connection = make_connection(stage=Stage.MET)
    assert not services.change_stage(connection, Stage.MET, make_staff())
    assert not connection.events.exists()


def test_change_stage_rejects_unknown_stage():
    connection = make_connection()
    with pytest.raises(ValueError):
        services.change_stage(connection, "won", make_staff())
    assert not connection.events.exists()


def test_agreement_reached_assessment_moves_connection_to_agreement():
    staff = make_staff()
    connection = make_connection(stage=Stage.IN_DISCUSSION)
    services.record_assessment(connection, "agreement_reached", staff, "MOU signed")
    connection.refresh_from_db()
    assert connection.stage == Stage.AGREEMENT
    kinds = set(connection.events.values_list("kind", flat=True))
    assert kinds == {"assessment", "stage"}


def test_other_assessments_leave_the_stage_alone():
    connection = make_connection(stage=Stage.MET)
    services.record_assessment(connection, "no_result", make_staff())
    connection.refresh_from_db()
    assert connection.stage == Stage.MET
    assert connection.events.get().assessment == "no_result"


def test_agreements_are_counted_per_partner_and_per_engagement():
    partner = make_partner()
    engagement = make_engagement(partners=[partner])
    make_connection(partner=partner, stage=Stage.AGREEMENT, source_engagement=engagement)
    make_connection(partner=partner, stage=Stage.AGREEMENT)
    make_connection(partner=partner, stage=Stage.MET, source_engagement=engagement)
    assert services.agreements_per_partner() == {partner.pk: 2}
    assert services.agreements_per_engagement() == {engagement.pk: 1}
    assert services.agreements_for_partner(partner) == 2
    assert services.agreements_for_engagement(engagement) == 1


def test_update_connection_notes_what_changed():
    staff = make_staff()
    connection = make_connection()
    due = timezone.localdate() + timedelta(days=3)
    changed = services.update_connection(connection, staff, next_step="Send deck", due_date=due)
    assert changed == ["next_step", "due_date"]
    note = connection.events.get(kind="note")
    assert note.data == {"changes": {"next_step": "Send deck", "due_date": due.isoformat()}}
    assert "Send deck" in note.sentence()
    assert services.update_connection(connection, staff, next_step="Send deck") == []


def test_followups_due_groups_open_connections_per_owner():
    today = timezone.localdate()
    alice = make_staff(username="alice")
    bob = make_staff(username="bob")
    overdue = make_connection(owner=alice, due_date=today - timedelta(days=1), next_step="a")
    soon = make_connection(owner=bob, due_date=today + timedelta(days=7), next_step="b")
    make_connection(owner=bob, due_date=today + timedelta(days=8), next_step="later")
    make_connection(owner=bob, due_date=today - timedelta(days=9), stage=Stage.AGREEMENT)
    unowned = make_connection(due_date=today, next_step="c")
    groups = services.followups_due(days=7, today=today)
    assert [(g.owner, [c.pk for c in g.connections]) for g in groups] == [
        (alice, [overdue.pk]),
        (bob, [soon.pk]),
        (None, [unowned.pk]),
    ]
    assert groups[0].overdue_count == 1


def test_partner_delete_blockers_lists_engagements_and_connections():
    partner = make_partner()
    assert services.partner_delete_blockers(partner) == {}
    make_engagement(partners=[partner])
    make_connection(partner=partner)
    assert services.partner_delete_blockers(partner) == {"engagements": 1, "connections": 1}


def test_only_public_engagements_participations_are_public():
    from directory.partners.models import Participation

    firm = make_firm()
    shown = make_engagement(firms=[firm], is_public=True)
    make_engagement(firms=[firm], is_public=False)
    assert [p.engagement for p in Participation.objects.public()] == [shown]
