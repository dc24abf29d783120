"""Filters, facet counts, sorting and pagination of /firms/."""

from datetime import timedelta

import pytest
from django.utils import timezone

from directory.firms.models import Firm, SizeBand
from tests.factories import (
    make_cluster,
    make_engagement,
    make_firm,
    make_partner,
    make_specialty,
)

pytestmark = pytest.mark.django_db


def slugs(response) -> list[str]:
    return [firm.slug for firm in response.context["firms"]]


def facet(response, name) -> dict[str, int]:
    group = next(g for g in response.context["facet_groups"] if g.name == name)
    return {(item.obj.pk if item.obj else item.label): item.count for item in group.items}


@pytest.fixture
def taxonomy():
    ai = make_specialty(slug="ai", name_ko="AI", name_en="AI")
    vision = make_specialty(slug="vision", name_ko="비전", name_en="Vision", parent=ai)
    data = make_specialty(slug="data", name_ko="데이터", name_en="Data", parent=ai)
    security = make_specialty(slug="security", name_ko="보안", name_en="Security")
    return ai, vision, data, security


def test_top_level_specialty_includes_its_children(client, taxonomy):
    ai, vision, data, security = taxonomy
    make_firm(slug="a", specialties=[vision])
    make_firm(slug="b", specialties=[ai])
    make_firm(slug="c", specialties=[security])
    assert sorted(slugs(client.get("/firms/", {"specialty": "ai"}))) == ["a", "b"]
    assert slugs(client.get("/firms/", {"specialty": "vision"})) == ["a"]


def test_parent_facet_counts_a_firm_with_two_children_once(client, taxonomy):
    ai, vision, data, security = taxonomy
    make_firm(slug="both", specialties=[vision, data])
    make_firm(slug="one", specialties=[vision])
    counts = facet(client.get("/firms/"), "specialty")
    assert counts[ai.pk] == 2
    assert counts[vision.pk] == 2
    assert counts[data.pk] == 1
    assert security.pk not in counts  # no firms: not offered


def test_facets_reflect_the_search_and_the_other_filters(client, taxonomy):
    ai, vision, data, security = taxonomy
    pangyo = make_cluster(slug="pangyo")
    other = make_cluster(slug="other")
    make_firm(slug="v1", name_ko="비전로봇", specialties=[vision], cluster=pangyo, markets=["CN"])
    make_firm(slug="v2", name_ko="비전랩", specialties=[vision], cluster=other, markets=["JP"])
    make_firm(slug="s1", name_ko="보안랩", specialties=[security], cluster=pangyo, markets=["CN"])

    response = client.get("/firms/", {"cluster": "pangyo"})
    assert sorted(slugs(response)) == ["s1", "v1"]
    assert facet(response, "specialty") == {ai.pk: 1, vision.pk: 1, security.pk: 1}
    # The cluster facet ignores the cluster filter itself, so the other value stays reachable.
    assert facet(response, "cluster") == {pangyo.pk: 2, other.pk: 1}

    response = client.get("/firms/", {"q": "비전"})
    assert sorted(slugs(response)) == ["v1", "v2"]
    assert facet(response, "cluster") == {pangyo.pk: 1, other.pk: 1}
    assert facet(response, "market") == {"CN": 1, "JP": 1}


def test_filters_by_cluster_market_and_size(client):
    pangyo = make_cluster(slug="pangyo")
    make_firm(slug="a", cluster=pangyo, markets=["CN"], size_band=SizeBand.SMALL)
    make_firm(slug="b", markets=["CN", "US"], size_band=SizeBand.LARGE)
    make_firm(slug="c", markets=["US"])
    assert slugs(client.get("/firms/", {"cluster": "pangyo"})) == ["a"]
    assert sorted(slugs(client.get("/firms/", {"market": "CN"}))) == ["a", "b"]
    assert slugs(client.get("/firms/", {"size": "large"})) == ["b"]
    assert slugs(client.get("/firms/", {"market": "CN", "size": "small"})) == ["a"]
    sizes = facet(client.get("/firms/"), "size")
    assert sizes == {str(SizeBand.SMALL.label): 1, str(SizeBand.LARGE.label): 1}


def test_partner_filter_counts_only_public_engagements(client):
    partner = make_partner(slug="tencent")
    public_firm = make_firm(slug="public")
    private_firm = make_firm(slug="private")
    make_engagement(partners=[partner], firms=[public_firm])
    make_engagement(partners=[partner], firms=[private_firm], is_public=False)
    response = client.get("/firms/", {"partner": "tencent"})
    assert slugs(response) == ["public"]
    assert facet(client.get("/firms/"), "partner") == {partner.pk: 1}


def test_archived_partner_is_not_a_filter_value(client):
    partner = make_partner(slug="old", is_archived=True)
    make_engagement(partners=[partner], firms=[make_firm()])
    response = client.get("/en/firms/", {"partner": "old"})
    assert "Unknown overseas partner ‘old’ was ignored." in response.content.decode()


def test_only_published_firms_are_listed_or_counted(client, taxonomy):
    ai, vision, *_ = taxonomy
    make_firm(slug="shown", specialties=[vision])
    make_firm(slug="hidden", specialties=[vision], is_published=False)
    response = client.get("/firms/")
    assert slugs(response) == ["shown"]
    assert response.context["result_count"] == 1
    assert facet(response, "specialty")[vision.pk] == 1
    assert slugs(client.get("/firms/", {"q": "테스트기업"})) == ["shown"]


def test_sorting_by_name_newest_and_recently_updated(client):
    b = make_firm(slug="b", name_ko="나기업")
    a = make_firm(slug="a", name_ko="가기업")
    c = make_firm(slug="c", name_ko="다기업")
    now = timezone.now()
    Firm.objects.filter(pk=a.pk).update(created_at=now - timedelta(days=3), updated_at=now)
    Firm.objects.filter(pk=b.pk).update(created_at=now, updated_at=now - timedelta(days=2))
    Firm.objects.filter(pk=c.pk).update(
        created_at=now - timedelta(days=1), updated_at=now - timedelta(days=1)
    )
    assert slugs(client.get("/firms/")) == ["a", "b", "c"]
    assert slugs(client.get("/firms/", {"sort": "name"})) == ["a", "b", "c"]
    assert slugs(client.get("/firms/", {"sort": "newest"})) == ["b", "c", "a"]
    assert slugs(client.get("/firms/", {"sort": "updated"})) == ["a", "c", "b"]


def test_english_name_sort_uses_english_names_with_korean_fallback(client):
    make_firm(slug="z", name_ko="가", name_en="Zeta")
    make_firm(slug="a", name_ko="나", name_en="Alpha")
    make_firm(slug="k", name_ko="다", name_en="")
    assert slugs(client.get("/en/firms/")) == ["a", "z", "k"]


def test_relevance_is_offered_only_with_a_search(client):
    make_firm()
    assert "relevance" not in [v for v, _ in client.get("/firms/").context["sort_choices"]]
    response = client.get("/firms/", {"sort": "relevance"})
    assert response.context["sort"] == "name"


def test_pagination_keeps_the_filters(client, settings):
    settings.FIRMS_PER_PAGE = 2
    cluster = make_cluster(slug="pangyo")
    for i in range(5):
        # English names too: /en/ sorts by them (the factory's default carries a global counter).
        make_firm(slug=f"f{i}", name_ko=f"기업{i}", name_en=f"Firm {i}", cluster=cluster)
    make_firm(slug="elsewhere", name_ko="기업9")
    response = client.get("/en/firms/", {"cluster": "pangyo", "page": "2"})
    assert slugs(response) == ["f2", "f3"]
    assert response.context["next_url"] == "/en/firms/?cluster=pangyo&page=3"
    assert response.context["prev_url"] == "/en/firms/?cluster=pangyo&page=1"
    assert "Page 2 of 3" in response.content.decode()


def test_active_filters_are_shown_with_remove_links(client, taxonomy):
    ai, vision, *_ = taxonomy
    make_firm(specialties=[vision], markets=["CN"])
    response = client.get("/en/firms/", {"specialty": "vision", "market": "CN", "q": "테스트"})
    chips = {chip.label: chip.remove_url for chip in response.context["active_filters"]}
    assert chips["Specialty"] == "/en/firms/?q=%ED%85%8C%EC%8A%A4%ED%8A%B8&market=CN"
    assert chips["Target market"] == "/en/firms/?q=%ED%85%8C%EC%8A%A4%ED%8A%B8&specialty=vision"
    assert chips["Search"] == "/en/firms/?specialty=vision&market=CN"
    assert "remove" in response.content.decode()
    assert response.context["result_count"] == 1


def test_card_shows_logo_thumbnail_or_placeholder_and_verified_badge(client):
    from django.core.files.base import ContentFile

    from tests.factories import make_image_bytes

    with_logo = make_firm(slug="logo", name_ko="로고기업", is_verified=True)
    with_logo.logo_small.save("small.png", ContentFile(make_image_bytes()), save=True)
    make_firm(slug="plain", name_ko="무지기업")
    body = client.get("/firms/").content.decode()
    assert with_logo.logo_small.url in body
    assert '<span class="logo-placeholder" aria-hidden="true">무</span>' in body
    assert "✓" in body
