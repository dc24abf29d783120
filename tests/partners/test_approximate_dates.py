"""An engagement whose date is known only in part shows the known part, marked approximate."""

import pytest
from django.utils import translation

from directory.partners.dates import partial_date_text
from directory.partners.models import Engagement
from tests.factories import make_partner


@pytest.mark.parametrize(
    ("lang", "parts", "expected"),
    [
        ("en", (None, None, 25), "day 25 (month and year unknown)"),
        ("ko", (None, None, 25), "25일 (연·월 미상)"),
        ("zh-hans", (None, None, 25), "25日（年月不详）"),
        ("en", (2025, 6, None), "June 2025"),
        ("en", (None, 6, 25), "June 25"),
        ("en", (2025, None, None), "2025"),
        ("en", (None, 2, 30), "day 30 (month and year unknown)"),
        ("en", (None, None, None), ""),
    ],
)
def test_partial_date_text_says_what_is_known(lang, parts, expected):
    with translation.override(lang):
        text = partial_date_text(*parts)
    if parts == (None, 2, 30):
        # 30 February does not exist: the month is dropped rather than failing.
        assert text == "February (year unknown)"
    else:
        assert text == expected


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/en/", "/en/firms/hancom/", "/en/partners/tencent-cloud/"])
def test_demo_visit_shows_the_25th_on_public_pages(client, demo, path):
    page = client.get(path).content.decode()
    assert "day 25 (month and year unknown) (date approximate)" in page


@pytest.mark.django_db
def test_demo_visit_shows_the_25th_on_staff_pages(staff_client, demo):
    visit = Engagement.objects.get(known_day=25)
    for path in (visit.get_staff_url(), "/staff/engagements/", "/staff/partners/tencent-cloud/"):
        page = staff_client.get("/zh-hans" + path).content.decode()
        assert "25日（年月不详）" in page, path
    no_calendar = staff_client.get(f"/zh-hans/staff/engagements/{visit.pk}/calendar.ics")
    assert no_calendar.status_code == 404
    assert "25日（年月不详）" in no_calendar.content.decode()


@pytest.mark.django_db
def test_staff_record_known_day_and_bad_day_is_refused(staff_client):
    partner = make_partner()
    data = {"kind": "briefing", "title_ko": "날짜 일부", "partners": [partner.pk]}
    response = staff_client.post("/en/staff/engagements/new/", {**data, "known_day": "32"})
    assert response.status_code == 200
    assert "less than or equal to 31" in response.content.decode()
    assert not Engagement.objects.filter(title_ko="날짜 일부").exists()
    staff_client.post(
        "/en/staff/engagements/new/", {**data, "known_day": "25", "date_is_approximate": "on"}
    )
    assert Engagement.objects.get(title_ko="날짜 일부").known_day == 25
