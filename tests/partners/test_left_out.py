"""Who was left out: firms that fit a partner's brief, did not take part, are not connected."""

import pytest

from directory.partners.models import Stage
from directory.partners.services import left_out_firms
from tests.factories import (
    make_connection,
    make_engagement,
    make_firm,
    make_partner,
    make_specialty,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def taxonomy():
    cloud = make_specialty(name_ko="클라우드")
    data_center = make_specialty(name_ko="데이터센터", parent=cloud)
    security = make_specialty(name_ko="보안")
    anomaly = make_specialty(name_ko="이상행위 탐지", parent=security)
    vision = make_specialty(name_ko="산업 비전")
    return {
        "cloud": cloud,
        "data_center": data_center,
        "security": security,
        "anomaly": anomaly,
        "vision": vision,
    }


def _names(rows):
    return [row.firm.name_ko for row in rows]


def test_left_out_lists_fitting_firms_that_neither_took_part_nor_are_connected(taxonomy):
    partner = make_partner(seeks=[taxonomy["cloud"], taxonomy["anomaly"]])
    went = make_firm(name_ko="참여기업", specialties=[taxonomy["data_center"]])
    engagement = make_engagement(partners=[partner], firms=[went])
    make_firm(name_ko="가_하위분야", specialties=[taxonomy["data_center"]])
    make_firm(name_ko="나_상위분야", specialties=[taxonomy["cloud"], taxonomy["anomaly"]])
    make_firm(name_ko="다_다른분야", specialties=[taxonomy["vision"]])
    # A sought child does not widen to its parent or siblings.
    make_firm(name_ko="라_보안상위", specialties=[taxonomy["security"]])
    make_firm(name_ko="마_비공개", specialties=[taxonomy["cloud"]], is_published=False)
    connected = make_firm(name_ko="바_연결됨", specialties=[taxonomy["cloud"]])
    make_connection(firm=connected, partner=partner, stage=Stage.DORMANT)

    rows = left_out_firms(engagement)

    # Most shared specialties first, then by name.
    assert _names(rows) == ["나_상위분야", "가_하위분야"]
    assert {s.name_ko for s in rows[0].shared_specialties} == {"클라우드", "이상행위 탐지"}
    assert [s.name_ko for s in rows[1].shared_specialties] == ["데이터센터"]
    assert rows[0].partners == [partner]


def test_connection_with_another_partner_does_not_hide_a_firm(taxonomy):
    partner = make_partner(seeks=[taxonomy["cloud"]])
    other = make_partner()
    engagement = make_engagement(partners=[partner])
    firm = make_firm(specialties=[taxonomy["cloud"]])
    make_connection(firm=firm, partner=other)
    assert _names(left_out_firms(engagement)) == [firm.name_ko]


def test_engagement_with_two_partners_shows_which_partner_each_firm_fits(taxonomy):
    cloud_partner = make_partner(name_ko="가파트너", seeks=[taxonomy["cloud"]])
    vision_partner = make_partner(name_ko="나파트너", seeks=[taxonomy["vision"]])
    engagement = make_engagement(partners=[cloud_partner, vision_partner])
    firm = make_firm(specialties=[taxonomy["vision"], taxonomy["data_center"]])
    make_connection(firm=firm, partner=cloud_partner)
    rows = left_out_firms(engagement)
    assert len(rows) == 1
    assert rows[0].partners == [vision_partner]
    assert [s.name_ko for s in rows[0].shared_specialties] == ["산업 비전"]


def test_partner_without_sought_specialties_leaves_nobody_out(taxonomy):
    engagement = make_engagement(partners=[make_partner()])
    make_firm(specialties=[taxonomy["cloud"]])
    assert left_out_firms(engagement) == []


def test_left_out_page_shows_firms_with_shared_specialties(staff_client, taxonomy):
    partner = make_partner(seeks=[taxonomy["cloud"]])
    engagement = make_engagement(partners=[partner])
    firm = make_firm(name_ko="남은기업", specialties=[taxonomy["data_center"]])
    response = staff_client.get(f"/staff/engagements/{engagement.pk}/left-out/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "남은기업" in html
    assert "데이터센터" in html
    # One click proposes the connection, attributed to the engagement.
    response = staff_client.post(
        "/staff/connections/propose/",
        {"firm": firm.pk, "partner": partner.pk, "engagement": engagement.pk},
    )
    assert response.status_code == 302
    connection = firm.connections.get()
    assert connection.source_engagement == engagement
    html = staff_client.get(f"/staff/engagements/{engagement.pk}/left-out/").content.decode()
    assert f"/staff/firms/{firm.slug}/" not in html


def test_left_out_page_explains_when_partner_seeks_nothing(staff_client):
    engagement = make_engagement(partners=[make_partner()])
    response = staff_client.get(f"/en/staff/engagements/{engagement.pk}/left-out/")
    assert response.status_code == 200
    assert "no sought specialties recorded" in response.content.decode()


def test_demo_left_out_tencent_visit_excludes_the_six_delegates(demo):
    from directory.firms.models import Specialty
    from directory.partners.models import Engagement, OverseasPartner

    tencent = OverseasPartner.objects.get(slug="tencent-cloud")
    tencent.seeks_specialties.set(Specialty.objects.filter(slug="cloud"))
    visit = Engagement.objects.get(partners=tencent)
    outsider = make_firm(name_ko="동행못한기업", specialties=Specialty.objects.filter(slug="cloud"))
    assert _names(left_out_firms(visit)) == [outsider.name_ko]
