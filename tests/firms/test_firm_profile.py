"""The public firm profile shows the public facts and never staff-only data."""

from datetime import date

import pytest
from django.utils import timezone, translation
from django.utils.translation import gettext

from directory.firms.models import FirmContact, SizeBand
from directory.partners.models import Participation
from tests.factories import (
    make_cluster,
    make_connection,
    make_engagement,
    make_firm,
    make_partner,
    make_specialty,
)

pytestmark = pytest.mark.django_db


def ko(message: str) -> str:
    """The Korean UI text for an English msgid (unprefixed pages are Korean)."""
    with translation.override("ko"):
        return gettext(message)


@pytest.fixture
def firm():
    parent = make_specialty(slug="security", name_ko="보안", name_en="Security")
    child = make_specialty(slug="anomaly", name_ko="이상행위 탐지", parent=parent)
    return make_firm(
        slug="initech",
        name_ko="이니텍",
        name_en="Initech",
        name_zh="伊尼泰克",
        summary_ko="보안인증 솔루션 기업",
        description_ko="AI를 활용한 이상행위 탐지",
        website="https://example.com/initech",
        founded_year=1997,
        size_band=SizeBand.MEDIUM,
        cluster=make_cluster(slug="pangyo", name_ko="판교 테크노밸리"),
        is_verified=True,
        last_confirmed_at=timezone.now(),
        business_registration_number="123-45-67891",
        specialties=[child],
        markets=["CN"],
    )


def test_profile_shows_the_public_facts(client, firm):
    body = client.get("/firms/initech/").content.decode()
    for text in [
        "이니텍",
        "Initech",
        "伊尼泰克",
        "보안인증 솔루션 기업",
        "AI를 활용한 이상행위 탐지",
        "https://example.com/initech",
        "1997",
        str(SizeBand.MEDIUM.label),
        "판교 테크노밸리",
        "badge verified",
        ko("Profile last confirmed on %(date)s").split("%(date)s")[0].strip(),
        "/firms/?specialty=anomaly",
        "/firms/?market=CN",
        "/firms/?cluster=pangyo",
    ]:
        assert text in body, text


def test_profile_lists_public_engagements_with_partner_links_and_role(client, firm):
    partner = make_partner(slug="tencent", name_ko="텐센트 클라우드")
    make_engagement(
        partners=[partner], firms=[firm], title_ko="상하이 방문", date=date(2025, 3, 25)
    )
    make_engagement(
        partners=[partner], firms=[firm], title_ko="날짜 미상", date_is_approximate=True
    )
    body = client.get("/firms/initech/").content.decode()
    assert "상하이 방문" in body
    assert 'datetime="2025-03-25"' in body
    assert ko("date approximate") in body
    assert 'href="/partners/tencent/"' in body
    assert ko("delegate") in body


def test_profile_hides_staff_only_data(client, firm):
    partner = make_partner(slug="tencent", staff_notes="PARTNER-STAFF-NOTE")
    hidden = make_engagement(partners=[partner], title_ko="비공개 교류", is_public=False)
    Participation.objects.create(engagement=hidden, firm=firm)
    shown = make_engagement(partners=[partner], title_ko="공개 교류", notes="ENGAGEMENT-NOTE")
    Participation.objects.create(
        engagement=shown,
        firm=firm,
        outcome=Participation.Outcome.FOLLOW_UP,
        notes="PARTICIPATION-NOTE",
    )
    make_connection(firm=firm, partner=partner, next_step="CONNECTION-NEXT-STEP")
    FirmContact.objects.create(firm=firm, name="홍길동", email="secret@example.com", phone="010")
    body = client.get("/firms/initech/").content.decode()
    assert "공개 교류" in body
    for secret in [
        "비공개 교류",
        "PARTNER-STAFF-NOTE",
        "ENGAGEMENT-NOTE",
        "PARTICIPATION-NOTE",
        "follow-up requested",
        "CONNECTION-NEXT-STEP",
        "proposed",
        "홍길동",
        "secret@example.com",
        "123-45-67891",
        "1234567891",
    ]:
        assert secret not in body, secret


def test_archived_partner_is_not_linked_from_a_profile(client, firm):
    archived = make_partner(slug="gone", name_ko="보관된 파트너", is_archived=True)
    make_engagement(partners=[archived], firms=[firm], title_ko="예전 교류")
    body = client.get("/firms/initech/").content.decode()
    assert "/partners/gone/" not in body


def test_unpublished_firm_is_a_404(client):
    make_firm(slug="draft", is_published=False)
    assert client.get("/firms/draft/").status_code == 404


def test_profile_uses_the_medium_logo(client, firm):
    from django.core.files.base import ContentFile

    from tests.factories import make_image_bytes

    firm.logo_medium.save("m.png", ContentFile(make_image_bytes(size=(96, 96))), save=True)
    assert firm.logo_medium.url in client.get("/firms/initech/").content.decode()


def test_demo_profile_shows_the_tencent_visit(client, demo):
    body = client.get("/en/firms/hancom/").content.decode()
    assert "Delegation visit to Tencent Cloud, Shanghai" in body
    assert 'href="/en/partners/tencent-cloud/"' in body


def test_profile_says_when_it_was_never_confirmed(client, firm):
    firm.last_confirmed_at = None
    firm.save()
    body = client.get("/en/firms/initech/").content.decode()
    assert "The firm has not yet confirmed this profile." in body
    assert (
        ko("The firm has not yet confirmed this profile.")
        in client.get("/firms/initech/").content.decode()
    )
