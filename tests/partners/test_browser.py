"""A staff member records an engagement and moves a connection, in a real browser."""

from pathlib import Path

import pytest
from django.utils import translation

from directory.partners.models import Connection, Engagement, Stage
from tests.factories import make_connection, make_firm, make_partner, make_staff

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_staff_records_engagement_and_moves_connection(live_server, page):
    make_staff(username="jieun", password="correct-horse-battery", first_name="지은")
    partner = make_partner(name_ko="텐센트 클라우드", name_en="Tencent Cloud")
    firm = make_firm(name_ko="한글과컴퓨터", name_en="Hancom")
    connection = make_connection(firm=firm, partner=partner, stage=Stage.MET)

    # The workspace in English; unprefixed URLs are the Korean pages.
    page.goto(f"{live_server.url}/en/accounts/login/?next=/en/staff/")
    page.fill("input[name=username]", "jieun")
    page.fill("input[name=password]", "correct-horse-battery")
    page.click("form button[type=submit]")
    page.wait_for_url(f"{live_server.url}/en/staff/")

    # Record an engagement.
    page.click(".staff-nav >> text=Engagements")
    page.click("text=Record an engagement")
    page.select_option("select[name=kind]", "briefing")
    page.fill("input[name=title_ko]", "텐센트 클라우드 AIA 브리핑")
    page.fill("input[name=date]", "2026-12-10")
    page.check(f"input[name=partners][value='{partner.pk}']")
    page.click("form.staff-form button[type=submit]")
    page.wait_for_selector("h1:has-text('텐센트 클라우드 AIA 브리핑')")
    engagement = Engagement.objects.get(title_ko="텐센트 클라우드 AIA 브리핑")

    # Add the firm as a participant with its outcome.
    page.click("text=Add a participant")
    page.select_option("select[name=firm]", str(firm.pk))
    page.select_option("select[name=outcome]", "one_on_one")
    page.click("form.staff-form button[type=submit]")
    page.wait_for_selector("td:has-text('Hancom')")  # the English page names it in English
    assert engagement.participations.get().outcome == "one_on_one"

    # Move the connection forward.
    with translation.override("en"):
        connection_url = connection.get_staff_url()
        engagement_url = engagement.get_staff_url()
    page.goto(f"{live_server.url}{connection_url}")
    page.select_option("select[name=stage]", "in_discussion")
    page.fill("textarea[name=note]", "브리핑 후 협의 시작")
    page.click("text=Change stage >> nth=-1")
    page.wait_for_selector(".timeline .event-stage")
    assert "브리핑 후 협의 시작" in page.inner_text(".timeline")
    connection.refresh_from_db()
    assert connection.stage == Stage.IN_DISCUSSION
    assert Connection.history.filter(id=connection.pk).first().history_user.username == "jieun"

    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "workspace-connection.png"), full_page=True)
    page.goto(f"{live_server.url}{engagement_url}")
    page.screenshot(path=str(ARTIFACTS / "workspace-engagement.png"), full_page=True)
