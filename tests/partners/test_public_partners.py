"""Public partner pages: list, search, filters, the partner page, and what stays private."""

import pytest

from directory.partners.models import OverseasPartner, Participation
from tests.factories import (
    make_country,
    make_engagement,
    make_firm,
    make_partner,
    make_specialty,
)

pytestmark = pytest.mark.django_db


def slugs(response) -> list[str]:
    return [p.slug for p in response.context["partners"]]


def test_partner_list_shows_active_partners_only(client, demo):
    make_partner(slug="archived", is_archived=True)
    assert slugs(client.get("/partners/")) == ["chongqing-liangjiang", "tencent-cloud"]


@pytest.mark.parametrize("q", ["腾讯", "텐센트", "tencent", "TENCENT CLOUD", "상하이"])
def test_partner_search_in_every_language(client, demo, q):
    assert slugs(client.get("/partners/", {"q": q})) == ["tencent-cloud"]


def test_partner_filters_by_kind_and_country(client, demo):
    make_partner(slug="tokyo", kind=OverseasPartner.Kind.GOVERNMENT, country=make_country("JP"))
    assert slugs(client.get("/partners/", {"kind": "industrial_zone"})) == ["chongqing-liangjiang"]
    assert slugs(client.get("/partners/", {"country": "JP"})) == ["tokyo"]
    assert slugs(client.get("/partners/", {"country": "CN", "kind": "company"})) == [
        "tencent-cloud"
    ]


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"kind": "alien"}, "Unknown partner kind ‘alien’ was ignored."),
        ({"country": "ZZ"}, "Unknown country ‘ZZ’ was ignored."),
        ({"page": "abc"}, "“abc” is not a page number; showing the first page."),
        ({"page": "99999"}, "There is no page 99999; showing the last page."),
        ({"q": "x" * 10_000}, "The search was shortened to 100 characters."),
    ],
)
def test_partner_list_bad_input_gives_a_message(client, demo, params, message):
    response = client.get("/en/partners/", params)
    assert response.status_code == 200
    assert message in response.content.decode()


def test_partner_list_paginates(client, db):
    for i in range(30):
        make_partner(slug=f"p{i:02d}", name_ko=f"파트너{i:02d}")
    response = client.get("/partners/", {"page": "2"})
    assert len(response.context["partners"]) == 6
    assert response.context["prev_url"] == "?page=1"


def test_partner_page_shows_public_facts_engagements_and_engaged_firms(client, demo):
    response = client.get("/partners/tencent-cloud/")
    body = response.content.decode()
    for text in ["텐센트 클라우드", "Tencent Cloud", "腾讯云", "상하이", "AI IN ALL"]:
        assert text in body
    assert "텐센트 클라우드 상하이 지사 방문" in body
    assert {f.slug for f in response.context["firms"]} == {
        "nhn-cloud",
        "megazone-cloud",
        "hancom",
        "aiworks",
        "hypernology",
        "initech",
    }
    assert "/firms/?partner=tencent-cloud" in body


def test_partner_page_shows_sought_specialties(client, db):
    specialty = make_specialty(slug="vision", name_ko="산업 비전")
    make_partner(slug="p", seeks=[specialty])
    body = client.get("/partners/p/").content.decode()
    assert "산업 비전" in body and "/firms/?specialty=vision" in body


def test_partner_page_hides_staff_data_and_private_engagements(client, db):
    partner = make_partner(slug="p", staff_notes="STAFF-NOTE", seeks_text="BRIEF-TEXT")
    partner.contacts.create(name="왕소명", email="wang@example.com")
    private_firm = make_firm(slug="private-firm", name_ko="비공개참여기업")
    unpublished = make_firm(slug="draft", name_ko="미공개기업", is_published=False)
    make_engagement(
        partners=[partner], firms=[private_firm], title_ko="비공개 교류", is_public=False
    )
    shown = make_engagement(
        partners=[partner], firms=[unpublished], title_ko="공개 교류", notes="ENG-NOTE"
    )
    Participation.objects.filter(engagement=shown).update(notes="PART-NOTE")
    response = client.get("/partners/p/")
    body = response.content.decode()
    assert "공개 교류" in body
    for secret in [
        "STAFF-NOTE",
        "BRIEF-TEXT",
        "왕소명",
        "wang@example.com",
        "비공개 교류",
        "비공개참여기업",
        "미공개기업",
        "ENG-NOTE",
        "PART-NOTE",
    ]:
        assert secret not in body, secret
    assert list(response.context["firms"]) == []


def test_archived_partner_page_is_a_404(client, db):
    make_partner(slug="old", is_archived=True)
    response = client.get("/en/partners/old/")
    assert response.status_code == 404
    assert "We could not find that page" in response.content.decode()
