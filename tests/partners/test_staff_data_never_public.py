"""Staff-only data (notes, outcomes, stages, owners, assessments, contacts) never reaches
the public firm and partner pages. Every private value carries a distinctive marker."""

import pytest

from directory.partners import services
from directory.partners.models import Participation, PartnerContact, Stage
from tests.factories import (
    make_connection,
    make_engagement,
    make_firm,
    make_partner,
    make_staff,
)

pytestmark = pytest.mark.django_db

MARKERS = [
    "ZZ-PARTNER-NOTE-7731",
    "ZZ-ENGAGEMENT-NOTE-4410",
    "ZZ-PARTICIPATION-NOTE-9902",
    "ZZ-CONTACT-NAME-5521",
    "zz-contact-5521@example.com",
    "ZZ-NEXT-STEP-6634",
    "ZZ-TIMELINE-NOTE-1187",
    "ZZ-ASSESSMENT-NOTE-3390",
    "ZZ-ORIGIN-2290",
    "zz-owner-8841",
]


@pytest.fixture
def private_world(db):
    firm = make_firm(slug="public-firm")
    partner = make_partner(slug="public-partner", staff_notes=MARKERS[0])
    PartnerContact.objects.create(partner=partner, name=MARKERS[3], email=MARKERS[4])
    engagement = make_engagement(partners=[partner], notes=MARKERS[1], is_public=True)
    Participation.objects.create(
        engagement=engagement,
        firm=firm,
        role=Participation.Role.DELEGATE,
        outcome=Participation.Outcome.FOLLOW_UP,
        notes=MARKERS[2],
    )
    owner = make_staff(username=MARKERS[9])
    connection = make_connection(
        firm=firm,
        partner=partner,
        stage=Stage.IN_DISCUSSION,
        owner=owner,
        next_step=MARKERS[5],
        origin=MARKERS[8],
    )
    services.add_note(connection, MARKERS[6], owner)
    services.record_assessment(connection, "negotiation_started", owner, MARKERS[7])
    return firm, partner


PUBLIC_PAGES = ["/firms/public-firm/", "/partners/public-partner/", "/partners/", "/firms/"]
PRIVATE_WORDS = ["in discussion", "협의 중", "negotiation started", "follow-up requested"]


@pytest.mark.parametrize("url", PUBLIC_PAGES)
@pytest.mark.parametrize("language", ["", "/en", "/zh-hans"])
def test_public_pages_never_show_staff_only_data(client, private_world, url, language):
    response = client.get(language + url)
    assert response.status_code == 200
    html = response.content.decode()
    for marker in MARKERS:
        assert marker not in html, marker
    for word in PRIVATE_WORDS:
        assert word not in html, word


def test_the_same_data_is_visible_to_staff(staff_client, private_world):
    firm, partner = private_world
    html = staff_client.get(f"/staff/partners/{partner.slug}/").content.decode()
    html += staff_client.get(f"/staff/connections/{partner.connections.get().pk}/").content.decode()
    html += staff_client.get(f"/staff/engagements/{partner.engagements.get().pk}/").content.decode()
    for marker in MARKERS:
        assert marker in html, marker


def test_member_of_the_firm_sees_no_staff_data_on_public_pages(client, private_world):
    from tests.factories import make_member

    firm, partner = private_world
    client.force_login(make_member(firm))
    html = client.get(f"/firms/{firm.slug}/").content.decode()
    html += client.get(f"/partners/{partner.slug}/").content.decode()
    for marker in MARKERS:
        assert marker not in html
