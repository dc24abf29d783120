"""No private field ever reaches an anonymous API response: each private field gets its own
marker string, and every public endpoint (lists, searches, details, each language) is read
for it. The firm and partner carrying the marker are public, so they are in the responses."""

from __future__ import annotations

import pytest

from directory.accounts.models import ProfileChange
from directory.accounts.services import snapshot
from directory.firms.models import FirmContact
from directory.partners.models import (
    Connection,
    ConnectionEvent,
    Engagement,
    Participation,
    PartnerContact,
)
from tests.factories import make_connection, make_engagement, make_firm, make_partner

pytestmark = pytest.mark.django_db


def world():
    firm = make_firm(slug="marked-firm", name_ko="표시기업", name_en="Marked Firm", markets=["CN"])
    partner = make_partner(slug="marked-partner", name_ko="표시파트너", name_en="Marked Partner")
    engagement = make_engagement(partners=[partner], firms=[firm], is_public=True)
    return firm, partner, engagement


def plant_firm_contact(marker, firm, partner, engagement):
    FirmContact.objects.create(firm=firm, name=marker, email=f"{marker}@example.com")


def plant_firm_contact_phone(marker, firm, partner, engagement):
    FirmContact.objects.create(firm=firm, name="연락처", phone=marker, title=marker)


def plant_firm_address(marker, firm, partner, engagement):
    firm.address = marker
    firm.save()


def plant_partner_staff_notes(marker, firm, partner, engagement):
    partner.staff_notes = marker
    partner.save()


def plant_partner_seeks_text(marker, firm, partner, engagement):
    partner.seeks_text = marker
    partner.save()


def plant_partner_contact(marker, firm, partner, engagement):
    PartnerContact.objects.create(partner=partner, name=marker, email=f"{marker}@example.com")


def plant_engagement_notes(marker, firm, partner, engagement):
    engagement.notes = marker
    engagement.save()


def plant_private_engagement(marker, firm, partner, engagement):
    make_engagement(partners=[partner], firms=[firm], is_public=False, title_ko=marker)


def plant_participation_notes(marker, firm, partner, engagement):
    Participation.objects.filter(engagement=engagement).update(
        notes=marker, outcome=Participation.Outcome.FOLLOW_UP
    )


def plant_connection(marker, firm, partner, engagement):
    make_connection(firm=firm, partner=partner, next_step=marker, origin=marker)


def plant_connection_event(marker, firm, partner, engagement):
    connection = make_connection(firm=firm, partner=partner)
    ConnectionEvent.objects.create(
        connection=connection, kind=ConnectionEvent.Kind.NOTE, text=marker
    )


def plant_pending_change(marker, firm, partner, engagement):
    data = {**snapshot(firm), "name_en": marker, "summary_ko": marker}
    ProfileChange.objects.create(firm=firm, base=snapshot(firm), data=data)


def plant_unpublished_firm(marker, firm, partner, engagement):
    make_firm(is_published=False, name_ko=marker, name_en=marker, markets=["CN"])


def plant_archived_partner(marker, firm, partner, engagement):
    make_partner(is_archived=True, name_ko=marker, name_en=marker)


PLANTS = {
    "firm contact name and email": plant_firm_contact,
    "firm contact phone and title": plant_firm_contact_phone,
    "firm address": plant_firm_address,
    "partner staff notes": plant_partner_staff_notes,
    "partner brief text": plant_partner_seeks_text,
    "partner contact": plant_partner_contact,
    "engagement staff notes": plant_engagement_notes,
    "non-public engagement": plant_private_engagement,
    "participation notes and outcome": plant_participation_notes,
    "connection next step and origin": plant_connection,
    "connection timeline note": plant_connection_event,
    "pending change": plant_pending_change,
    "unpublished firm": plant_unpublished_firm,
    "archived partner": plant_archived_partner,
}

PUBLIC_URLS = [
    "/api/firms/",
    "/api/firms/?q=표시기업",
    "/api/firms/?q=Marked",
    "/api/firms/?market=CN&page_size=100",
    "/api/firms/?partner=marked-partner",
    "/api/firms/marked-firm/",
    "/api/specialties/",
    "/api/clusters/",
    "/api/partners/",
    "/api/partners/?q=Marked",
    "/api/partners/marked-partner/",
]


@pytest.mark.parametrize("field", PLANTS)
def test_private_field_never_in_an_anonymous_response(api, field):
    firm, partner, engagement = world()
    marker = f"PRIVATE{abs(hash(field)) % 10**8}MARK"
    PLANTS[field](marker, firm, partner, engagement)
    for language in ("ko", "en", "zh-hans"):
        for url in PUBLIC_URLS:
            joiner = "&" if "?" in url else "?"
            response = api.get(f"{url}{joiner}lang={language}")
            assert response.status_code == 200, url
            assert marker not in response.content.decode(), (field, url)
    # The public data around the marker is there: the check looked at the right responses.
    assert "marked-firm" in api.get("/api/firms/?q=Marked").content.decode()
    assert "Marked Partner" in api.get("/api/partners/marked-partner/?lang=en").content.decode()


def test_outcomes_and_stages_are_not_fields_of_public_responses(api):
    firm, partner, engagement = world()
    make_connection(firm=firm, partner=partner, stage="agreement")
    body = api.get("/api/firms/marked-firm/").content.decode()
    for word in ('"outcome"', '"stage"', '"notes"', '"contacts"', '"staff_notes"'):
        assert word not in body
    assert Engagement.objects.filter(is_public=True).exists()
    assert Connection.objects.exists()
