"""GET /search/suggest/?q= : names for the search box, in the active language."""

import pytest
from django.urls import reverse

from directory.firms.models import Firm
from directory.partners.models import OverseasPartner
from directory.search import freshness
from tests.factories import make_firm, make_partner

pytestmark = pytest.mark.django_db


def suggest(client, q, prefix=""):
    response = client.get(f"{prefix}/search/suggest/", {"q": q})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    return response.json()


def test_url_is_named():
    assert reverse("search:suggest") == "/search/suggest/"


def test_suggests_firm_by_alias_with_its_url(client, demo):
    data = suggest(client, "한컴")
    assert data["results"][0] == {
        "label": "한글과컴퓨터",
        "lang": "ko",
        "kind": "firm",
        "url": "/firms/hancom/",
    }


def test_suggests_partners_too(client, demo):
    labels = [r["label"] for r in suggest(client, "腾讯")["results"]]
    assert labels == ["텐센트 클라우드"]


def test_names_and_urls_follow_the_active_language(client, demo):
    english = suggest(client, "ㅎㄱㄱㅋ", "/en")["results"]
    assert english[0]["label"] == "Hancom"
    assert english[0]["url"] == "/en/firms/hancom/"
    chinese = suggest(client, "腾讯", "/zh-hans")["results"]
    assert chinese[0] == {
        "label": "腾讯云",
        "lang": "zh-hans",
        "kind": "partner",
        "url": "/zh-hans/partners/tencent-cloud/",
    }


def test_missing_translation_falls_back_to_korean_and_says_so(client, demo):
    result = suggest(client, "한컴", "/zh-hans")["results"][0]
    assert result["label"] == "한글과컴퓨터"
    assert result["lang"] == "ko"


def test_unpublished_firms_and_archived_partners_are_never_suggested(client, db):
    make_firm(name_ko="숨은기업", is_published=False)
    make_partner(name_ko="숨은파트너", is_archived=True)
    assert suggest(client, "숨은")["results"] == []


def test_at_most_eight_exact_matches_first(client, db):
    for n in range(10):
        make_firm(name_ko=f"알파기업{n}")
    make_firm(slug="alpha", name_ko="알파")
    make_partner(name_ko="알파파트너")
    results = suggest(client, "알파")["results"]
    assert len(results) == 8
    assert results[0]["label"] == "알파"


@pytest.mark.parametrize("q", ["", "   ", '"', "\x00", "x" * 1000, "%"])
def test_bad_or_empty_queries_give_an_empty_list(client, demo, q):
    data = suggest(client, q)
    assert isinstance(data["results"], list)


def test_status_text_is_translated(client, demo):
    assert suggest(client, "한컴", "/en")["status"] == "1 suggestion"


def test_post_is_not_allowed(client):
    assert client.post("/search/suggest/", {"q": "x"}).status_code == 405


def test_query_count_is_fixed(client, demo, django_assert_num_queries):
    freshness.sync()
    # the newest change id (documents and lexicon current?), the lexicon (specialty terms,
    # first use); per kind: find the hits, fetch the best
    with django_assert_num_queries(6):
        client.get("/search/suggest/", {"q": "클라우드"})


def test_search_page_lists_firms_and_partners(client, demo):
    body = client.get("/search/", {"q": "클라우드"}).content.decode()
    assert "메가존 클라우드" in body
    assert "텐센트 클라우드" in body
    assert 'data-autocomplete="/search/suggest/"' in body


def test_search_page_without_query_explains_what_to_type(client, db):
    response = client.get("/search/")
    assert response.status_code == 200
    assert "ㅎㄱㄱㅋ" in response.content.decode()


def test_search_page_query_count_is_fixed(client, demo, django_assert_num_queries):
    freshness.sync()
    # the newest change id, the lexicon (first use); firms: find, count, fetch the best;
    # partners: find, count, page
    with django_assert_num_queries(8):
        client.get("/search/", {"q": "클라우드"})


def test_search_page_shortens_an_overlong_query(client, demo):
    response = client.get("/search/", {"q": "가" * 300})
    assert response.status_code == 200
    assert response.context["truncated"]


def test_nothing_is_changed_by_searching(client, demo):
    before = (Firm.objects.count(), OverseasPartner.objects.count())
    client.get("/search/suggest/", {"q": "한컴"})
    assert (Firm.objects.count(), OverseasPartner.objects.count()) == before
