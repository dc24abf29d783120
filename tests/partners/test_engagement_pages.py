"""Staff record engagements, their participants and outcomes, and download a calendar file."""

from datetime import date, timedelta

import pytest
from django.utils import timezone
from icalendar import Calendar

from directory.partners.models import Engagement, Participation, Stage
from tests.factories import make_connection, make_engagement, make_firm, make_partner

pytestmark = pytest.mark.django_db


def test_staff_records_an_engagement(staff_client, staff):
    partner = make_partner()
    response = staff_client.post(
        "/staff/engagements/new/",
        {
            "kind": "briefing",
            "title_ko": "AI 브리핑",
            "date": "2026-12-03",
            "place_ko": "판교",
            "partners": [partner.pk],
            "summary_ko": "공개 요약",
            "notes": "내부 메모",
            "is_public": "on",
        },
    )
    engagement = Engagement.objects.get(title_ko="AI 브리핑")
    assert response["Location"] == f"/staff/engagements/{engagement.pk}/"
    assert engagement.date == date(2026, 12, 3)
    assert list(engagement.partners.all()) == [partner]
    assert engagement.history.first().history_user == staff


def test_engagement_needs_a_partner_and_keeps_input(staff_client):
    response = staff_client.post(
        "/en/staff/engagements/new/", {"kind": "briefing", "title_ko": "파트너 없음", "date": "bad"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Choose at least one overseas partner." in html
    assert "파트너 없음" in html
    assert not Engagement.objects.exists()


def test_archived_partner_is_not_offered_for_new_engagements(staff_client):
    make_partner(name_ko="보관된파트너", is_archived=True)
    assert "보관된파트너" not in staff_client.get("/staff/engagements/new/").content.decode()


def test_engagement_page_lists_participants_outcomes_and_connections(staff_client):
    firm = make_firm(name_ko="참여사")
    partner = make_partner()
    engagement = make_engagement(partners=[partner], firms=[firm])
    make_connection(firm=firm, partner=partner, source_engagement=engagement, stage=Stage.AGREEMENT)
    html = staff_client.get(f"/staff/engagements/{engagement.pk}/").content.decode()
    assert "참여사" in html
    assert "attended" in html or "참석" in html
    assert f"/staff/engagements/{engagement.pk}/left-out/" in html
    assert "stage-agreement" in html


def test_staff_adds_edits_and_removes_a_participant(staff_client):
    engagement = make_engagement(partners=[make_partner()])
    firm = make_firm()
    url = f"/staff/engagements/{engagement.pk}/participants/add/"
    staff_client.post(url, {"firm": firm.pk, "role": "delegate", "outcome": "invited"})
    participation = Participation.objects.get(engagement=engagement, firm=firm)
    assert participation.outcome == "invited"
    staff_client.post(
        f"/staff/engagements/{engagement.pk}/participants/{participation.pk}/edit/",
        {"role": "delegate", "outcome": "one_on_one", "notes": "met CTO"},
    )
    participation.refresh_from_db()
    assert (participation.outcome, participation.notes) == ("one_on_one", "met CTO")
    assert participation.history.count() == 2
    staff_client.post(f"/staff/engagements/{engagement.pk}/participants/{participation.pk}/remove/")
    assert not Participation.objects.filter(pk=participation.pk).exists()
    assert participation.history.count() == 3  # the removal is in history too


def test_adding_the_same_firm_twice_is_refused_clearly(staff_client):
    firm = make_firm(name_ko="중복기업", name_en="Duplicate Ltd")
    engagement = make_engagement(partners=[make_partner()], firms=[firm])
    response = staff_client.post(
        f"/en/staff/engagements/{engagement.pk}/participants/add/",
        {"firm": firm.pk, "role": "delegate", "outcome": "attended"},
    )
    assert response.status_code == 200
    # The English page names the firm in English.
    assert "Duplicate Ltd already takes part in this engagement." in response.content.decode()
    assert engagement.participations.count() == 1


def test_participant_of_another_engagement_is_404(staff_client):
    one = make_engagement(firms=[make_firm()])
    other = make_engagement()
    participation = one.participations.get()
    url = f"/staff/engagements/{other.pk}/participants/{participation.pk}/remove/"
    assert staff_client.post(url).status_code == 404
    assert Participation.objects.filter(pk=participation.pk).exists()


def test_ics_download_has_the_event(staff_client):
    engagement = make_engagement(
        title_ko="상하이 방문",
        date=date(2026, 12, 25),
        place_ko="상하이",
        partners=[make_partner()],
    )
    response = staff_client.get(f"/staff/engagements/{engagement.pk}/calendar.ics")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    event = Calendar.from_ical(response.content).walk("VEVENT")[0]
    assert str(event["SUMMARY"]) == "상하이 방문"
    assert event.decoded("DTSTART") == date(2026, 12, 25)
    assert str(event["LOCATION"]) == "상하이"


def test_undated_engagement_has_no_ics_button_and_a_clear_404(staff_client):
    engagement = make_engagement(date=None, partners=[make_partner()])
    page = staff_client.get(f"/en/staff/engagements/{engagement.pk}/").content.decode()
    assert "calendar.ics" not in page
    response = staff_client.get(f"/en/staff/engagements/{engagement.pk}/calendar.ics")
    assert response.status_code == 404
    assert "has no date yet" in response.content.decode()


def test_engagement_list_separates_upcoming_and_past(staff_client):
    today = timezone.localdate()
    # English pages show the English titles.
    make_engagement(title_ko="다가오는", title_en="Seoul briefing", date=today + timedelta(days=5))
    make_engagement(title_ko="지난", title_en="Shanghai visit", date=today - timedelta(days=5))
    make_engagement(title_ko="날짜없음", title_en="Undated meeting", date=None)
    upcoming = staff_client.get("/en/staff/engagements/?when=upcoming").content.decode()
    assert "Seoul briefing" in upcoming and "Shanghai visit" not in upcoming
    past = staff_client.get("/en/staff/engagements/?when=past").content.decode()
    assert "Shanghai visit" in past and "Seoul briefing" not in past
    page = staff_client.get("/en/staff/engagements/upcoming/").content.decode()
    assert "Seoul briefing" in page and "Shanghai visit" not in page
    assert "Undated meeting" not in page


def test_engagement_list_bad_filter_value_does_not_break(staff_client):
    response = staff_client.get("/staff/engagements/?when=bogus&partner=abc&kind=zzz")
    assert response.status_code == 200


def test_engagement_list_empty_state(staff_client):
    assert "No engagements yet" in staff_client.get("/en/staff/engagements/").content.decode()


def test_engagement_list_paginates(staff_client, settings):
    for i in range(27):
        make_engagement(title_ko=f"교류 {i}")
    html = staff_client.get("/staff/engagements/").content.decode()
    assert 'rel="next"' in html
    assert staff_client.get("/staff/engagements/?page=2").status_code == 200
    assert staff_client.get("/staff/engagements/?page=99").status_code == 404


def test_staff_proposes_connections_for_participants_who_met_the_partner(staff_client):
    partner = make_partner()
    went, no_show, connected = make_firm(), make_firm(), make_firm()
    engagement = make_engagement(partners=[partner], firms=[went, connected])
    engagement.participations.create(firm=no_show, outcome=Participation.Outcome.NO_SHOW)
    existing = make_connection(firm=connected, partner=partner, stage=Stage.AGREEMENT)
    staff_client.post(f"/staff/engagements/{engagement.pk}/propose-connections/")
    new = went.connections.get()
    assert (new.partner, new.source_engagement, new.stage) == (partner, engagement, "proposed")
    assert not no_show.connections.exists()
    existing.refresh_from_db()
    assert existing.stage == Stage.AGREEMENT and existing.source_engagement is None
    # A second click creates nothing more.
    staff_client.post(f"/staff/engagements/{engagement.pk}/propose-connections/")
    assert partner.connections.count() == 2


def test_engagement_page_shows_who_changed_it(staff_client, staff):
    partner = make_partner()
    engagement = make_engagement(partners=[partner], title_ko="원래 제목")
    staff_client.post(
        f"/en/staff/engagements/{engagement.pk}/edit/",
        {"kind": "briefing", "title_ko": "바뀐 제목", "partners": [partner.pk]},
    )
    rows = staff_client.get(f"/en/staff/engagements/{engagement.pk}/").context["history"]
    assert rows[0].user == staff
    assert "title (Korean)" in rows[0].fields
