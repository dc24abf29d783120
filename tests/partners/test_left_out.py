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


def _reference(engagement) -> list[tuple[int, int]]:
    """The left-out firms computed in plain Python: (firm pk, shared) in the page's order."""
    from directory.firms.models import Firm
    from directory.partners.models import Connection

    sought = {}
    for partner in engagement.partners.all():
        ids = set()
        for specialty in partner.seeks_specialties.all():
            ids.add(specialty.pk)
            if specialty.parent_id is None:
                ids.update(specialty.children.values_list("pk", flat=True))
        if ids:
            sought[partner.pk] = ids
    connected = set(Connection.objects.values_list("firm_id", "partner_id"))
    took_part = set(engagement.participations.values_list("firm_id", flat=True))
    rows = []
    for firm in Firm.objects.all():
        if not firm.is_published or firm.is_archived or firm.pk in took_part:
            continue
        own = set(firm.specialties.values_list("pk", flat=True))
        shared = set()
        for partner_pk, ids in sought.items():
            if (firm.pk, partner_pk) not in connected:
                shared |= own & ids
        if shared:
            rows.append((firm, len(shared)))
    rows.sort(key=lambda row: (-row[1], row[0].name_ko, row[0].pk))
    return [(firm.pk, shared) for firm, shared in rows]


def test_left_out_query_equals_a_plain_python_reference(taxonomy):
    import random

    from directory.partners.services import left_out_queryset

    rng = random.Random(11)
    specialties = list(taxonomy.values())
    cloud_partner = make_partner(seeks=[taxonomy["cloud"], taxonomy["anomaly"]])
    vision_partner = make_partner(seeks=[taxonomy["vision"], taxonomy["data_center"]])
    idle_partner = make_partner()
    engagement = make_engagement(partners=[cloud_partner, vision_partner, idle_partner])
    other_engagement = make_engagement(partners=[cloud_partner])
    firms = []
    for i in range(60):
        firm = make_firm(
            # Repeated names, so the tie-break on pk counts.
            name_ko=rng.choice(["가", "나", "다", f"기업{i}"]),
            specialties=rng.sample(specialties, rng.randint(0, 4)),
            is_published=rng.random() > 0.15,
            is_archived=rng.random() < 0.1,
        )
        firms.append(firm)
        for partner in (cloud_partner, vision_partner, idle_partner):
            if rng.random() < 0.2:
                make_connection(firm=firm, partner=partner)
        if rng.random() < 0.15:
            engagement.participations.create(firm=firm)
        elif rng.random() < 0.15:
            other_engagement.participations.create(firm=firm)

    expected = _reference(engagement)
    assert len(expected) > 10
    queryset = left_out_queryset(engagement)
    assert [(firm.pk, firm.shared) for firm in queryset] == expected
    assert queryset.count() == len(expected)
    # Pages of 25 cut the same order.
    assert [firm.pk for firm in queryset[25:50]] == [pk for pk, _ in expected[25:50]]
    # One partner alone (the single-partner plan), and the other engagement.
    engagement.partners.set([vision_partner])
    assert [(f.pk, f.shared) for f in left_out_queryset(engagement)] == _reference(engagement)
    assert [(f.pk, f.shared) for f in left_out_queryset(other_engagement)] == _reference(
        other_engagement
    )
