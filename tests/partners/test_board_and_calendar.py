"""The pipeline board (/staff/connections/board/) and the engagement calendar with its private
.ics feed (/staff/engagements/calendar/)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.utils import timezone

from directory.partners.models import Connection, ConnectionEvent, Stage
from directory.workspace import calendars
from directory.workspace.models import CalendarFeed
from tests.factories import make_connection, make_engagement, make_firm, make_partner, make_staff

BOARD = "/staff/connections/board/"
CALENDAR = "/staff/engagements/calendar/"


@pytest.fixture
def connection(db):
    return make_connection(
        firm=make_firm(name_ko="한글과컴퓨터"),
        partner=make_partner(name_ko="텐센트 클라우드"),
        stage=Stage.MET,
    )


# --- board --------------------------------------------------------------------------------


@pytest.mark.parametrize("url", [BOARD, CALENDAR])
def test_anonymous_goes_to_login(client, db, url):
    response = client.get(url)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


@pytest.mark.parametrize("url", [BOARD, CALENDAR])
def test_firm_member_is_refused(member_client, url):
    assert member_client.get(url).status_code == 403


def test_board_shows_a_column_per_stage_with_its_cards(staff_client, connection):
    page = staff_client.get(BOARD).content.decode()
    for stage in Stage.values:
        assert f'data-stage="{stage}"' in page
    assert "한글과컴퓨터" in page
    # The card's no-JavaScript move form.
    assert f'action="/staff/connections/{connection.pk}/move/"' in page


def test_moving_a_card_goes_through_the_stage_service(staff_client, staff, connection):
    response = staff_client.post(
        f"/staff/connections/{connection.pk}/move/",
        {"stage": Stage.IN_DISCUSSION, "next": BOARD + "?owner="},
    )
    assert response.status_code == 302 and response["Location"] == BOARD + "?owner="
    connection.refresh_from_db()
    assert connection.stage == Stage.IN_DISCUSSION
    event = connection.events.get(kind=ConnectionEvent.Kind.STAGE)
    assert (event.from_stage, event.to_stage, event.author) == (
        Stage.MET,
        Stage.IN_DISCUSSION,
        staff,
    )
    assert Connection.history.filter(id=connection.pk).first().history_user == staff


def test_moving_by_script_answers_json(staff_client, connection):
    response = staff_client.post(
        f"/staff/connections/{connection.pk}/move/",
        {"stage": Stage.AGREEMENT},
        HTTP_ACCEPT="application/json",
    )
    assert response.json()["ok"] is True and response.json()["changed"] is True
    again = staff_client.post(
        f"/staff/connections/{connection.pk}/move/",
        {"stage": Stage.AGREEMENT},
        HTTP_ACCEPT="application/json",
    )
    assert again.json()["changed"] is False
    assert connection.events.filter(kind="stage").count() == 1


def test_bad_stage_or_foreign_next_changes_nothing(staff_client, connection):
    response = staff_client.post(
        f"/staff/connections/{connection.pk}/move/",
        {"stage": "won", "next": "https://evil.example/"},
    )
    assert response.status_code == 302 and response["Location"] == BOARD
    connection.refresh_from_db()
    assert connection.stage == Stage.MET
    bad = staff_client.post(
        f"/staff/connections/{connection.pk}/move/",
        {"stage": "won"},
        HTTP_ACCEPT="application/json",
    )
    assert bad.status_code == 400


def test_member_and_anonymous_cannot_move(member_client, connection):
    from django.test import Client

    url = f"/staff/connections/{connection.pk}/move/"
    assert member_client.post(url, {"stage": "agreement"}).status_code == 403
    assert Client().post(url, {"stage": "agreement"}).status_code == 302
    connection.refresh_from_db()
    assert connection.stage == Stage.MET


def test_move_needs_post(staff_client, connection):
    assert staff_client.get(f"/staff/connections/{connection.pk}/move/").status_code == 405


def test_board_filters_by_owner_partner_and_due_date(staff_client, staff, connection):
    other = make_connection(stage=Stage.MET, due_date=date(2026, 1, 10), owner=staff)
    page = staff_client.get(f"{BOARD}?owner={staff.pk}").content.decode()
    assert other.firm.name_ko in page and "한글과컴퓨터" not in page
    page = staff_client.get(f"{BOARD}?partner={connection.partner.pk}").content.decode()
    assert "한글과컴퓨터" in page and other.firm.name_ko not in page
    page = staff_client.get(f"{BOARD}?due_before=2026-01-31").content.decode()
    assert other.firm.name_ko in page and "한글과컴퓨터" not in page


def test_bad_board_filters_are_ignored_with_a_message(staff_client, connection):
    response = staff_client.get(f"{BOARD}?owner=abc&due_before=soon&partner=0")
    assert response.status_code == 200
    assert "한글과컴퓨터" in response.content.decode()


def test_board_query_count_does_not_grow_with_cards(
    staff_client, connection, django_assert_num_queries
):
    staff_client.get(BOARD)
    with django_assert_num_queries(6) as before:
        staff_client.get(BOARD)
    for _ in range(8):
        make_connection(stage=Stage.PROPOSED)
    with django_assert_num_queries(len(before.captured_queries)):
        staff_client.get(BOARD)


def test_a_full_column_links_to_the_list(staff_client, db, monkeypatch):
    from directory.workspace.views import board

    monkeypatch.setattr(board, "PER_COLUMN", 2)
    for _ in range(3):
        make_connection(stage=Stage.PROPOSED)
    page = staff_client.get(BOARD).content.decode()
    assert "/staff/connections/?stage=proposed" in page


# --- calendar -----------------------------------------------------------------------------


def test_month_grid_is_whole_weeks_monday_first():
    weeks = calendars.month_weeks(date(2026, 12, 1), today=date(2026, 12, 1))
    assert weeks[0][0].date == date(2026, 11, 30)  # a Monday
    assert all(len(week) == 7 for week in weeks)
    assert weeks[-1][-1].date >= date(2026, 12, 31)
    assert weeks[0][1].is_today and weeks[0][1].in_month


def test_parse_and_shift_month():
    today = date(2026, 12, 1)
    assert calendars.parse_month("2027-02", today) == (date(2027, 2, 1), True)
    assert calendars.parse_month("2027-13", today) == (date(2026, 12, 1), False)
    assert calendars.parse_month(None, today) == (date(2026, 12, 1), True)
    assert calendars.shift_month(date(2026, 12, 1), 1) == date(2027, 1, 1)
    assert calendars.shift_month(date(2026, 1, 1), -1) == date(2025, 12, 1)


def test_calendar_shows_engagements_and_followups_of_the_month(staff_client, staff, connection):
    make_engagement(
        partners=[connection.partner], title_ko="상하이 브리핑", date=date(2026, 12, 10)
    )
    make_engagement(title_ko="다른달 교류", date=date(2027, 3, 1))
    connection.due_date = date(2026, 12, 15)
    connection.save()
    page = staff_client.get(f"{CALENDAR}?month=2026-12").content.decode()
    assert "상하이 브리핑" in page and "다른달 교류" not in page
    assert "한글과컴퓨터" in page
    mine = staff_client.get(f"{CALENDAR}?month=2026-12&followups=mine").content.decode()
    assert "한글과컴퓨터" not in mine  # nobody owns it


def test_bad_month_falls_back_to_this_month(staff_client, db):
    response = staff_client.get(f"{CALENDAR}?month=not-a-month")
    assert response.status_code == 200
    assert timezone.localdate().strftime("%Y-%m") in response.content.decode()


def test_staff_member_makes_uses_and_revokes_a_feed(staff_client, staff, connection):
    from django.test import Client

    client = Client()
    connection.owner = staff
    connection.due_date = timezone.localdate() + timedelta(days=3)
    connection.next_step = "계약서 초안 보내기"
    connection.save()
    make_engagement(title_ko="피드 교류", date=timezone.localdate() + timedelta(days=5))
    response = staff_client.post("/staff/engagements/calendar/feed/new/")
    assert response.status_code == 302
    page = staff_client.get(response["Location"]).content.decode()
    assert 'id="feed-url"' not in staff_client.get(CALENDAR).content.decode()  # shown once
    feed = CalendarFeed.objects.get(user=staff)
    shown = page[page.index('id="feed-url">') + len('id="feed-url">') :]
    url = shown[: shown.index("<")].replace("http://testserver", "")
    token = url.rsplit("/", 1)[1][: -len(".ics")]
    assert token not in feed.token_hash  # only a hash is stored

    body = client.get(url)  # no login: calendar programs cannot log in
    assert body.status_code == 200
    assert body["Content-Type"].startswith("text/calendar")
    text = body.content.decode()
    assert "피드 교류" in text and "계약서 초안 보내기" in text
    feed.refresh_from_db()
    assert feed.last_used_at is not None

    # Replacing ends the old link; revoking ends the new one.
    staff_client.post("/staff/engagements/calendar/feed/new/")
    assert client.get(url).status_code == 404
    staff_client.post("/staff/engagements/calendar/feed/revoke/")
    assert not CalendarFeed.objects.filter(user=staff).exists()


def test_feed_of_someone_no_longer_staff_stops_working(client, db):
    user = make_staff()
    token = calendars.create_feed(user)
    assert client.get(f"/staff/engagements/calendar/feed/{token}.ics").status_code == 200
    user.is_staff = False
    user.save()
    assert client.get(f"/staff/engagements/calendar/feed/{token}.ics").status_code == 404


def test_unknown_feed_token_is_404(client, db):
    assert client.get("/staff/engagements/calendar/feed/nope.ics").status_code == 404
    assert client.get("/staff/engagements/calendar/feed/" + "x" * 300 + ".ics").status_code == 404


def test_member_cannot_make_a_feed(member_client, member):
    assert member_client.post("/staff/engagements/calendar/feed/new/").status_code == 403
    assert not CalendarFeed.objects.exists()


def test_only_staff_revoke_and_only_their_own_feed(client, member_client, db):
    from django.test import Client

    owner = make_staff()
    calendars.create_feed(owner)
    assert Client().post("/staff/engagements/calendar/feed/revoke/").status_code == 302
    assert member_client.post("/staff/engagements/calendar/feed/revoke/").status_code == 403
    other = Client()
    other.force_login(make_staff())
    other.post("/staff/engagements/calendar/feed/revoke/")
    assert CalendarFeed.objects.filter(user=owner).exists()


def test_calendar_lists_followups_due_soon(staff_client, staff, connection):
    connection.due_date = timezone.localdate() - timedelta(days=1)
    connection.owner = staff
    connection.save()
    page = staff_client.get(CALENDAR).content.decode()
    assert page.count("한글과컴퓨터") >= 2  # on its day and in the list of follow-ups due
