"""Staff, matching and member pages show model content in the active language.

Names, titles and places come from the field of the active language; when it is empty the
Korean text is shown with a visible "(Korean)" marker.
"""

from __future__ import annotations

import pytest
from django.utils import translation

from directory.firms.fields import choice_label
from directory.firms.models import Country, Firm, Specialty
from directory.partners.models import Connection, Engagement, OverseasPartner
from tests.factories import make_connection, make_firm, make_partner, make_staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client):
    client.force_login(make_staff())
    return client


def _text(response) -> str:
    assert response.status_code == 200
    return response.content.decode()


def test_engagement_page_in_english_shows_english_title_partner_and_firms(demo, staff_client):
    visit = Engagement.objects.get(title_en="Delegation visit to Tencent Cloud, Shanghai")
    html = _text(staff_client.get(f"/en/staff/engagements/{visit.pk}/"))
    assert "<title>Delegation visit to Tencent Cloud, Shanghai" in html
    assert "<h1>Delegation visit to Tencent Cloud, Shanghai</h1>" in html
    assert "Tencent Cloud Shanghai office, Shanghai, China" in html
    assert "Tencent Cloud" in html
    assert "NHN Cloud" in html
    assert "Gyeonggi Province" in html
    assert visit.title_ko not in html
    assert "NHN클라우드" not in html


def test_engagement_page_in_korean_keeps_korean_title(demo, staff_client):
    visit = Engagement.objects.get(title_en="Delegation visit to Tencent Cloud, Shanghai")
    html = _text(staff_client.get(f"/staff/engagements/{visit.pk}/"))
    assert f"<h1>{visit.title_ko}</h1>" in html
    assert "NHN클라우드" in html


def test_connection_board_in_english_shows_english_names(demo, staff_client):
    html = _text(staff_client.get("/en/staff/connections/"))
    assert "NHN Cloud" in html
    assert "Tencent Cloud" in html
    assert "NHN클라우드" not in html
    assert "텐센트 클라우드" not in html


def test_partner_list_in_english_and_chinese(demo, staff_client):
    english = _text(staff_client.get("/en/staff/partners/"))
    assert "Tencent Cloud" in english
    assert "텐센트 클라우드" not in english
    chinese = _text(staff_client.get("/zh-hans/staff/partners/"))
    assert "腾讯云" in chinese
    assert "重庆两江新区" in chinese
    assert "텐센트 클라우드" not in chinese


def test_match_page_in_english_names_the_partner_and_firms_in_english(demo, staff_client):
    html = _text(staff_client.get("/en/staff/match/?partner=tencent-cloud"))
    assert "Match firms for Tencent Cloud" in html
    assert "NHN Cloud" in html


def test_missing_translation_falls_back_to_korean_with_marker(demo, staff_client):
    partner = OverseasPartner.objects.get(slug="tencent-cloud")
    firm = make_firm(name_ko="번역없는기업", name_en="")
    make_connection(firm=firm, partner=partner)
    html = _text(staff_client.get("/en/staff/connections/"))
    assert '<span lang="ko">번역없는기업</span> <span class="fallback"' in html
    assert "(Korean)" in html


def test_partner_detail_in_english_shows_english_name_city_and_specialties(demo, staff_client):
    partner = OverseasPartner.objects.get(slug="tencent-cloud")
    partner.seeks_specialties.set(Specialty.objects.filter(parent__isnull=False)[:1])
    html = _text(staff_client.get(f"/en/staff/partners/{partner.slug}/"))
    assert "<title>Tencent Cloud" in html
    assert "<h1>Tencent Cloud" in html
    assert "Shanghai" in html
    assert "Tencent&#x27;s cloud business unit" in html or "Tencent's cloud business unit" in html
    child = partner.seeks_specialties.get()
    assert f"{child.parent.name_en} &gt; {child.name_en}" in html
    # The "names" row lists every language on purpose.
    assert '<span lang="ko">텐센트 클라우드</span> · Tencent Cloud' in html


def test_firm_detail_in_english_shows_english_names(demo, staff_client):
    firm = Firm.objects.get(name_en="NHN Cloud")
    html = _text(staff_client.get(f"/en/staff/firms/{firm.slug}/"))
    assert "<h1>NHN Cloud</h1>" in html
    assert "Delegation visit to Tencent Cloud, Shanghai" in html


def test_select_options_name_firms_and_partners_in_english(demo, staff_client):
    html = _text(staff_client.get("/en/staff/connections/new/"))
    assert ">NHN Cloud (NHN클라우드)</option>" in html
    assert ">Tencent Cloud</option>" in html
    board = _text(staff_client.get("/en/staff/connections/"))
    assert ">Tencent Cloud</option>" in board


def test_choice_label_follows_the_active_language(demo):
    country = Country.objects.get(code="CN")
    child = Specialty.objects.select_related("parent").filter(parent__isnull=False).first()
    with translation.override("en"):
        assert choice_label(country) == f"{country.name_en} (CN)"
        assert choice_label(child) == f"{child.parent.name_en} > {child.name_en}"
    with translation.override("ko"):
        assert choice_label(country) == f"{country.name_ko} (CN)"
    partner = make_partner(name_zh="")
    with translation.override("zh-hans"):
        assert choice_label(partner) == f"{partner.name_ko} [KO]"


def test_connection_detail_title_in_english(demo, staff_client):
    connection = Connection.objects.get(firm__name_en="NHN Cloud", partner__slug="tencent-cloud")
    html = _text(staff_client.get(f"/en/staff/connections/{connection.pk}/"))
    assert "<title>NHN Cloud ↔ Tencent Cloud" in html
