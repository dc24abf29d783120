"""The home page explains the directory and leads into it."""

import pytest

pytestmark = pytest.mark.django_db


def test_home_offers_search_largest_specialties_counts_and_engagements(client, demo):
    response = client.get("/")
    body = response.content.decode()
    assert 'action="/firms/"' in body and 'name="q"' in body
    tops = response.context["top_specialties"]
    # A top-level specialty counts the firms of its children, each firm once.
    assert {s.slug: n for s, n in tops} == {
        "ai": 3,
        "cloud": 2,
        "security": 1,
        "software": 1,
        "robotics": 1,
    }
    assert tops[0][0].slug == "ai"
    assert "/firms/?specialty=ai" in body
    assert response.context["firm_count"] == 6
    assert response.context["partner_count"] == 2
    assert response.context["engagement_count"] == 2
    assert "텐센트 클라우드 상하이 지사 방문" in body


def test_home_in_english(client, demo):
    body = client.get("/en/").content.decode()
    assert "Delegation visit to Tencent Cloud, Shanghai" in body
    assert "/en/firms/?specialty=ai" in body


def test_empty_home_has_an_empty_state(client, db):
    response = client.get("/en/")
    assert response.status_code == 200
    assert "No firms are published yet." in response.content.decode()
