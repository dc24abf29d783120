"""The directory keeps its filter values, partner facet and card data per process: every change
to them shows on the next request, without a restart (change counters kept by triggers)."""

import re

import pytest
from django.utils import translation

from directory.firms.models import Specialty
from directory.partners.models import Engagement
from tests.factories import (
    make_cluster,
    make_country,
    make_engagement,
    make_firm,
    make_partner,
    make_specialty,
)

pytestmark = pytest.mark.django_db


def partner_facet(response) -> dict[str, int]:
    group = next(g for g in response.context["facet_groups"] if g.name == "partner")
    return {item.obj.slug: item.count for item in group.items}


def test_a_renamed_specialty_shows_in_the_sidebar_and_on_cards(client):
    specialty = make_specialty(name_en="Vision AI")
    make_firm(specialties=[specialty])
    assert "Vision AI" in client.get("/en/firms/").content.decode()
    Specialty.objects.filter(pk=specialty.pk).update(name_en="Computer vision")
    html = client.get("/en/firms/").content.decode()
    assert "Vision AI" not in html
    assert html.count("Computer vision") == 2  # the sidebar and the card


def test_the_partner_facet_follows_engagements(client):
    firm = make_firm()
    partner = make_partner(slug="tencent-cloud")
    assert "tencent-cloud" not in partner_facet(client.get("/firms/"))
    engagement = make_engagement(partners=[partner], firms=[firm])
    assert partner_facet(client.get("/firms/"))["tencent-cloud"] == 1
    response = client.get("/firms/", {"partner": "tencent-cloud"})
    assert [f.slug for f in response.context["firms"]] == [firm.slug]
    Engagement.objects.filter(pk=engagement.pk).update(is_public=False)
    assert "tencent-cloud" not in partner_facet(client.get("/firms/"))


def test_an_archived_partner_is_no_longer_a_filter(client):
    firm = make_firm()
    partner = make_partner(slug="liangjiang")
    make_engagement(partners=[partner], firms=[firm])
    assert partner_facet(client.get("/firms/"))["liangjiang"] == 1
    partner.is_archived = True
    partner.save()
    response = client.get("/en/firms/", {"partner": "liangjiang"})
    assert "liangjiang" not in partner_facet(response)
    assert "Unknown overseas partner ‘liangjiang’ was ignored." in response.content.decode()
    assert response.context["result_count"] == 1  # the bad filter is dropped, not applied


def test_cards_list_specialties_markets_and_cluster_in_order(client):
    later = make_specialty(name_en="Zeta robotics", position=2)
    first = make_specialty(name_en="Alpha cloud", position=1)
    cluster = make_cluster(name_en="Pangyo Techno Valley")
    firm = make_firm(
        name_en="Card Firm",
        specialties=[later, first],
        markets=[make_country("US", name_en="United States"), make_country("CN", name_en="China")],
        cluster=cluster,
    )
    html = client.get("/en/firms/").content.decode()
    card = html[html.index('<li class="card firm-card">') :]
    card = card[: card.index("</li>\n", card.index('class="firm-cluster"'))]
    assert "Card Firm" in card
    tags = re.findall(r'<li class="tag">([^<]+)</li>', card)
    assert tags == ["Alpha cloud", "Zeta robotics"]
    assert re.search(r"China,\s*United States", card)
    assert "Pangyo Techno Valley" in card
    # The same firm's card on a partner page (fetched with the ORM) says the same.
    partner = make_partner()
    make_engagement(partners=[partner], firms=[firm])
    with translation.override("en"):
        url = partner.get_absolute_url()
    other = client.get(url).content.decode()
    assert re.findall(r'<li class="tag">([^<]+)</li>', other) == ["Alpha cloud", "Zeta robotics"]
    assert re.search(r"China,\s*United States", other)


def test_a_firm_unpublished_after_the_index_was_built_is_not_shown(client, settings):
    settings.FIRMS_PER_PAGE = 2
    make_firm(slug="a-firm", name_ko="가기업")
    hidden = make_firm(slug="b-firm", name_ko="나기업")
    assert client.get("/firms/").context["result_count"] == 2
    hidden.is_published = False
    hidden.save()
    response = client.get("/firms/")
    assert [f.slug for f in response.context["firms"]] == ["a-firm"]


def test_a_remembered_search_ranks_within_the_new_filters(client):
    cloud = make_specialty(slug="cloud")
    make_firm(slug="exact", name_ko="한빛데이터")
    make_firm(slug="prefix", name_ko="한빛데이터랩", specialties=[cloud])
    make_firm(slug="other", name_ko="누리한빛데이터", specialties=[cloud])
    first = client.get("/firms/", {"q": "한빛데이터"})
    assert [f.slug for f in first.context["firms"]] == ["exact", "prefix", "other"]
    assert [f.search_rank for f in first.context["firms"]] == [0, 1, 2]
    # Same search, now filtered: the remembered ranks apply to the filtered results only.
    filtered = client.get("/firms/", {"q": "한빛데이터", "specialty": "cloud"})
    assert [f.slug for f in filtered.context["firms"]] == ["prefix", "other"]
    assert [f.search_rank for f in filtered.context["firms"]] == [1, 2]
