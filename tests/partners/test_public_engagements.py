"""/engagements/: the public engagement list the public dashboard's months open. It shows only
what partner and firm pages already show; private engagements, staff notes, outcomes,
unpublished firms and archived partners never appear, whoever is looking."""

from __future__ import annotations

from datetime import date

import pytest

from directory.partners.models import Participation
from tests.factories import make_engagement, make_firm, make_partner, make_staff

pytestmark = pytest.mark.django_db

PRIVATE = [
    "ZZ-PRIVATE-ENGAGEMENT-1101",
    "ZZ-ENGAGEMENT-NOTE-1102",
    "ZZ-PARTICIPATION-NOTE-1103",
    "ZZ-HIDDEN-FIRM-1104",
    "ZZ-ARCHIVED-PARTNER-1105",
    "ZZ-PARTNER-NOTE-1106",
]


@pytest.fixture
def engagements(db):
    shown = make_firm(slug="shown-firm", name_ko="보이는기업", is_published=True)
    hidden = make_firm(slug="hidden-firm", name_ko=PRIVATE[3], is_published=False)
    partner = make_partner(slug="open-partner", name_ko="열린파트너", staff_notes=PRIVATE[5])
    archived = make_partner(slug="gone-partner", name_ko=PRIVATE[4], is_archived=True)
    public = make_engagement(
        partners=[partner, archived],
        title_ko="공개교류",
        date=date(2026, 3, 10),
        notes=PRIVATE[1],
    )
    Participation.objects.create(
        engagement=public,
        firm=shown,
        outcome=Participation.Outcome.NO_SHOW,
        notes=PRIVATE[2],
    )
    Participation.objects.create(engagement=public, firm=hidden)
    make_engagement(partners=[partner], firms=[shown], title_ko=PRIVATE[0], is_public=False)
    make_engagement(partners=[partner], title_ko="사월교류", date=date(2026, 4, 1))
    make_engagement(partners=[partner], title_ko="날짜없는교류", date=None)
    return {"partner": partner, "public": public}


@pytest.mark.parametrize("as_staff", [False, True])
@pytest.mark.parametrize("query", ["", "?month=2026-03", "?partner=open-partner"])
def test_private_facts_never_appear(client, engagements, as_staff, query):
    if as_staff:
        client.force_login(make_staff())
    text = client.get(f"/engagements/{query}").content.decode()
    assert "공개교류" in text and "보이는기업" in text and "열린파트너" in text
    for marker in PRIVATE:
        assert marker not in text, marker
    assert "no show" not in text and "불참" not in text  # the outcome is staff-only
    assert "/staff/" not in text.split("</header>", 1)[-1].split("<footer", 1)[0]


def test_month_filter_lists_that_month_only(client, engagements):
    response = client.get("/engagements/?month=2026-04")
    assert [e.title_ko for e in response.context["engagements"]] == ["사월교류"]
    assert response.context["result_count"] == 1


def test_without_filters_every_public_engagement_is_listed_newest_first(client, engagements):
    titles = [e.title_ko for e in client.get("/engagements/").context["engagements"]]
    assert titles == ["사월교류", "공개교류", "날짜없는교류"]


@pytest.mark.parametrize(
    "query",
    ["month=2026-13", "month=march", "from=2026-02-30", "partner=gone-partner", "partner=%00"],
)
def test_bad_filters_are_ignored_with_a_notice(client, engagements, query):
    response = client.get(f"/engagements/?{query}")
    assert response.status_code == 200
    assert response.context["notices"]
    assert response.context["result_count"] == 3


def test_empty_state(client, engagements):
    response = client.get("/engagements/?month=2020-01")
    assert response.context["result_count"] == 0
    assert 'class="empty"' in response.content.decode()


def test_pagination(client, engagements):
    partner = engagements["partner"]
    for day in range(1, 25):
        make_engagement(partners=[partner], date=date(2026, 5, day))
    first = client.get("/engagements/?month=2026-05")
    assert len(first.context["engagements"]) == 20
    assert first.context["next_url"] == "?month=2026-05&page=2"
    second = client.get("/engagements/?month=2026-05&page=2")
    assert len(second.context["engagements"]) == 4
    assert client.get("/engagements/?page=999").status_code == 200


@pytest.mark.parametrize(
    ("prefix", "heading"), [("", "교류 활동"), ("/en", "Engagements"), ("/zh-hans", "交流活动")]
)
def test_page_in_each_language(client, engagements, prefix, heading):
    response = client.get(f"{prefix}/engagements/")
    assert response.status_code == 200
    assert heading in response.content.decode()


def test_query_count_does_not_grow(client, engagements, django_assert_num_queries):
    """Count, page, partners, participations with their firms (one more for the partner)."""
    client.get("/engagements/?partner=open-partner")
    with django_assert_num_queries(5):
        client.get("/engagements/?partner=open-partner")
    for day in range(1, 10):
        make_engagement(
            partners=[engagements["partner"], make_partner()],
            firms=[make_firm(is_published=True)],
            date=date(2026, 6, day),
        )
    with django_assert_num_queries(5):
        client.get("/engagements/?partner=open-partner")
