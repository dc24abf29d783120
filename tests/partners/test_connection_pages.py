"""Staff move connections through the pipeline; every change lands in the timeline."""

from datetime import timedelta

import pytest
from django.utils import timezone

from directory.partners.models import Connection, ConnectionEvent, Stage
from tests.factories import make_connection, make_engagement, make_firm, make_partner, make_staff

pytestmark = pytest.mark.django_db


def test_staff_changes_stage_and_the_timeline_shows_who_and_when(staff_client, staff):
    connection = make_connection(stage=Stage.MET)
    response = staff_client.post(
        f"/staff/connections/{connection.pk}/stage/",
        {"stage": "in_discussion", "note": "협의 시작"},
        follow=True,
    )
    connection.refresh_from_db()
    assert connection.stage == Stage.IN_DISCUSSION
    event = connection.events.get()
    assert (event.from_stage, event.to_stage, event.author) == ("met", "in_discussion", staff)
    html = response.content.decode()
    assert "협의 시작" in html and "지은" in html
    history = connection.history.first()
    assert (history.stage, history.history_user) == ("in_discussion", staff)


def test_same_stage_is_refused_with_a_message(staff_client):
    connection = make_connection(stage=Stage.MET)
    response = staff_client.post(f"/en/staff/connections/{connection.pk}/stage/", {"stage": "met"})
    assert response.status_code == 400
    assert "already at this stage" in response.content.decode()
    assert not connection.events.exists()


def test_unknown_stage_is_refused(staff_client):
    connection = make_connection(stage=Stage.MET)
    response = staff_client.post(f"/staff/connections/{connection.pk}/stage/", {"stage": "won"})
    assert response.status_code == 400
    connection.refresh_from_db()
    assert connection.stage == Stage.MET


def test_staff_adds_a_note(staff_client):
    connection = make_connection()
    staff_client.post(f"/staff/connections/{connection.pk}/note/", {"text": "  전화함  "})
    assert connection.events.get().text == "전화함"
    response = staff_client.post(f"/staff/connections/{connection.pk}/note/", {"text": "   "})
    assert response.status_code == 400
    assert connection.events.count() == 1


def test_staff_records_follow_up_assessment(staff_client):
    connection = make_connection(stage=Stage.IN_DISCUSSION)
    staff_client.post(
        f"/staff/connections/{connection.pk}/assessment/",
        {"assessment": "agreement_reached", "note": "3개월 후 확인"},
    )
    connection.refresh_from_db()
    assert connection.stage == Stage.AGREEMENT
    assert connection.events.filter(kind="assessment", assessment="agreement_reached").exists()
    response = staff_client.post(
        f"/staff/connections/{connection.pk}/assessment/", {"assessment": "maybe"}
    )
    assert response.status_code == 400


def test_staff_sets_owner_next_step_and_due_date(staff_client, staff):
    connection = make_connection()
    due = timezone.localdate() + timedelta(days=3)
    staff_client.post(
        f"/staff/connections/{connection.pk}/edit/",
        {"owner": staff.pk, "next_step": "자료 송부", "due_date": due.isoformat()},
    )
    connection.refresh_from_db()
    assert (connection.owner, connection.next_step, connection.due_date) == (
        staff,
        "자료 송부",
        due,
    )
    assert connection.events.filter(kind="note").exists()


def test_due_date_without_next_step_and_non_staff_owner_are_refused(staff_client, member):
    connection = make_connection()
    response = staff_client.post(
        f"/staff/connections/{connection.pk}/edit/",
        {"owner": member.pk, "due_date": "2026-12-01"},
    )
    assert response.status_code == 400
    connection.refresh_from_db()
    assert connection.owner is None and connection.due_date is None


def test_create_connection_never_duplicates(staff_client):
    connection = make_connection()
    response = staff_client.post(
        "/staff/connections/new/", {"firm": connection.firm.pk, "partner": connection.partner.pk}
    )
    assert response["Location"] == f"/staff/connections/{connection.pk}/"
    assert Connection.objects.count() == 1


def test_create_connection_starts_at_proposed(staff_client, staff):
    firm, partner = make_firm(), make_partner()
    staff_client.post("/staff/connections/new/", {"firm": firm.pk, "partner": partner.pk})
    connection = Connection.objects.get()
    assert connection.stage == Stage.PROPOSED
    assert connection.events.get().kind == ConnectionEvent.Kind.CREATED


def test_board_filters_by_partner_stage_owner_firm_and_overdue(staff_client):
    today = timezone.localdate()
    alice = make_staff()
    partner = make_partner()
    a = make_connection(partner=partner, stage=Stage.MET, owner=alice)
    b = make_connection(stage=Stage.AGREEMENT)
    c = make_connection(stage=Stage.INTRODUCED, due_date=today - timedelta(days=2), next_step="x")

    def shown(query):
        html = staff_client.get(f"/staff/connections/?{query}").content.decode()
        return {x.pk for x in (a, b, c) if f"/staff/connections/{x.pk}/" in html}

    assert shown("") == {a.pk, b.pk, c.pk}
    assert shown(f"partner={partner.pk}") == {a.pk}
    assert shown("stage=agreement") == {b.pk}
    assert shown(f"owner={alice.pk}") == {a.pk}
    assert shown(f"firm={b.firm.pk}") == {b.pk}
    assert shown("status=overdue") == {c.pk}
    assert shown("status=open") == {a.pk, c.pk}


def test_board_shows_counts_per_stage(staff_client):
    make_connection(stage=Stage.MET)
    make_connection(stage=Stage.MET)
    make_connection(stage=Stage.AGREEMENT)
    response = staff_client.get("/staff/connections/?stage=met")
    counts = {row["stage"]: row["count"] for row in response.context["stage_counts"]}
    assert counts["met"] == 2 and counts["agreement"] == 1 and counts["proposed"] == 0
    assert response.context["total_unstaged"] == 3


def test_board_with_nonsense_filters_does_not_break(staff_client):
    assert staff_client.get("/staff/connections/?partner=x&owner=-1&stage=zz").status_code == 200


def test_board_empty_state(staff_client):
    assert "No connections yet" in staff_client.get("/en/staff/connections/").content.decode()


def test_staff_firm_page_shows_its_connections_and_engagements(staff_client):
    firm = make_firm(slug="hancom-test", is_published=False)
    partner = make_partner(name_ko="연결파트너")
    make_connection(firm=firm, partner=partner)
    make_engagement(title_ko="참여한 교류", firms=[firm])
    html = staff_client.get("/staff/firms/hancom-test/").content.decode()
    assert "연결파트너" in html and "참여한 교류" in html


def test_partner_staff_page_shows_connections_and_agreement_count(staff_client):
    partner = make_partner(slug="tc")
    make_connection(partner=partner, stage=Stage.AGREEMENT)
    response = staff_client.get("/staff/partners/tc/")
    assert response.context["agreement_count"] == 1


def test_board_searches_firm_and_partner_names(staff_client):
    a = make_connection(firm=make_firm(name_ko="한글과컴퓨터"))
    b = make_connection(partner=make_partner(name_ko="텐센트 클라우드"))
    html = staff_client.get("/staff/connections/?q=한글").content.decode()
    assert f"/staff/connections/{a.pk}/" in html and f"/staff/connections/{b.pk}/" not in html
    html = staff_client.get("/staff/connections/?q=텐센트").content.decode()
    assert f"/staff/connections/{b.pk}/" in html and f"/staff/connections/{a.pk}/" not in html
