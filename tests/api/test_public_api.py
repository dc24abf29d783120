"""The read API for everyone: the directory's search and filters, languages, pagination."""

from __future__ import annotations

import pytest

from directory.partners.models import OverseasPartner
from tests.factories import make_firm

pytestmark = pytest.mark.django_db


def slugs(response) -> list[str]:
    return [item["slug"] for item in response.json()["results"]]


@pytest.mark.parametrize(
    "query",
    [
        "",
        "q=한컴",
        "q=컴퓨터",
        "q=AI",
        "q=ㅎㄱㄱㅋ",
        "q=클라우드&sort=name",
        "sort=newest",
        "q=cloud",
    ],
)
def test_firm_search_finds_what_the_directory_page_finds(client, api, demo, query):
    """Same search path: the API lists the firms of /firms/ in the same order."""
    page = client.get(f"/firms/?{query}")
    expected = [firm.slug for firm in page.context["firms"]]
    response = api.get(f"/api/firms/?{query}&page_size=24")
    assert response.status_code == 200
    assert slugs(response) == expected
    assert response.json()["count"] == page.context["result_count"]


def test_firm_filters_use_the_directory_names(api, demo):
    response = api.get("/api/firms/?market=CN&size=large")
    assert response.status_code == 200
    for item in response.json()["results"]:
        assert "CN" in [m["code"] for m in item["target_markets"]]


def test_unknown_filter_value_is_a_400_with_a_stable_code(api, demo):
    response = api.get("/api/firms/?specialty=no-such-thing&sort=sideways")
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "invalid_parameter"
    assert set(error["fields"]) == {"specialty", "sort"}


def test_a_long_query_is_shortened_with_a_warning(api, demo):
    response = api.get("/api/firms/", {"q": "가" * 300})
    assert response.status_code == 200
    assert response.json()["warnings"][0]["code"] == "query_shortened"


def test_match_says_how_the_name_matched(api, demo):
    response = api.get("/api/firms/?q=한글과컴퓨터")
    first = response.json()["results"][0]
    assert first["slug"] == "hancom"
    assert first["match"] == "exact"
    assert api.get("/api/firms/").json()["results"][0]["match"] is None


def test_language_from_lang_parameter_and_accept_language(api, demo):
    english = api.get("/api/firms/hancom/?lang=en")
    assert english.json()["name"] == "Hancom"
    assert english["Content-Language"] == "en"
    assert "Accept-Language" in english["Vary"]
    korean = api.get("/api/firms/hancom/")
    assert korean.json()["name"] == "한글과컴퓨터"
    chinese = api.get("/api/specialties/", HTTP_ACCEPT_LANGUAGE="zh-CN,zh;q=0.9")
    assert chinese["Content-Language"] == "zh-hans"


def test_unknown_language_is_refused(api, demo):
    response = api.get("/api/firms/?lang=xx")
    assert response.status_code == 400
    assert response.json()["error"]["fields"]["lang"]


def test_english_names_fall_back_to_korean(api, demo):
    firm = make_firm(name_en="", name_zh="", slug="only-korean", name_ko="한국어만")
    response = api.get(f"/api/firms/{firm.slug}/?lang=zh-hans")
    assert response.json()["name"] == "한국어만"


def test_cursor_pagination_walks_every_result_once(api, demo):
    seen: list[str] = []
    url = "/api/firms/?page_size=2"
    pages = 0
    while url:
        response = api.get(url)
        assert response.status_code == 200
        body = response.json()
        seen.extend(item["slug"] for item in body["results"])
        url = body["next"]
        pages += 1
    assert pages == 3
    assert len(seen) == len(set(seen)) == body["count"] == 6
    back = api.get(body["previous"]).json()
    assert [item["slug"] for item in back["results"]] == seen[2:4]


@pytest.mark.parametrize("size", ["0", "101", "-1", "abc", "1e3", "9" * 5000])
def test_page_size_is_capped(api, demo, size):
    response = api.get("/api/firms/", {"page_size": size})
    assert response.status_code == 400
    assert response.json()["error"]["fields"]["page_size"]


@pytest.mark.parametrize("cursor", ["zzz", "bz0xMjM0NTY3ODkwMTI=", "cD1hYmM", "%00", "o=1"])
def test_a_cursor_the_api_did_not_issue_is_a_400(api, demo, cursor):
    for url in ("/api/firms/", "/api/partners/"):
        response = api.get(url, {"cursor": cursor})
        assert response.status_code == 400
        assert response.json()["error"]["code"] == "invalid_cursor"


def test_unpublished_firms_are_neither_listed_nor_shown(api, demo):
    hidden = make_firm(is_published=False, name_ko="비공개기업", slug="hidden-firm")
    assert hidden.slug not in slugs(api.get("/api/firms/?q=비공개기업"))
    response = api.get("/api/firms/hidden-firm/")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


def test_firm_detail_lists_public_engagements_with_roles(api, demo):
    body = api.get("/api/firms/hancom/").json()
    assert body["engagements"]
    assert {"kind", "title", "date", "role", "partners"} <= set(body["engagements"][0])
    assert "outcome" not in body["engagements"][0]


def test_specialties_in_three_languages_with_parents(api, demo):
    body = api.get("/api/specialties/").json()
    assert body
    assert {"slug", "name", "name_ko", "name_en", "name_zh", "parent"} <= set(body[0])
    parents = {item["slug"] for item in body if item["parent"] is None}
    assert all(item["parent"] in parents for item in body if item["parent"])


def test_clusters(api, demo):
    assert api.get("/api/clusters/").json()[0]["slug"]


def test_partners_search_and_filters(api, demo):
    assert slugs(api.get("/api/partners/?q=腾讯")) == ["tencent-cloud"]
    assert slugs(api.get("/api/partners/?country=CN&kind=company")) == ["tencent-cloud"]
    assert api.get("/api/partners/?kind=alien").status_code == 400


def test_archived_partners_are_not_public(api, demo):
    OverseasPartner.objects.filter(slug="tencent-cloud").update(is_archived=True)
    assert "tencent-cloud" not in slugs(api.get("/api/partners/"))
    assert api.get("/api/partners/tencent-cloud/").status_code == 404


BAD_QUERIES = [
    "q=%00",
    "q=%ff%fe",
    "q=" + "%E2%80%AE" * 50,
    "q=%ED%A0%80",  # a lone surrogate, UTF-8 encoded
    "q[]=1&q=2",
    "specialty=%00&cluster=%27%22&market=zzz&size=%20",
    "partner=" + "x" * 5000,
    "page_size=&cursor=",
    "sort=relevance",
    "lang=",
    "q=*&q=%&q=_",
]


@pytest.mark.parametrize("query", BAD_QUERIES)
@pytest.mark.parametrize("path", ["/api/firms/", "/api/partners/", "/api/specialties/"])
def test_no_query_string_gives_a_server_error(api, demo, path, query):
    response = api.get(f"{path}?{query}")
    assert response.status_code < 500
    assert response["Content-Type"].startswith("application/json")


def test_unknown_api_address_is_a_json_404(api, db):
    response = api.get("/api/nothing/here/")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


def test_write_methods_on_public_endpoints_are_405_json(api, demo):
    response = api.post("/api/firms/", {}, format="json")
    assert response.status_code == 405
    assert response.json()["error"]["code"] == "method_not_allowed"


@pytest.mark.parametrize("path", ["/api/staff/firms/%0Ax/", "/api/firms/%0A/", "/api/x%0Ay"])
def test_unknown_addresses_with_newlines_are_json_404s(api, db, path):
    response = api.patch(path, {}, format="json")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


def test_a_warm_search_runs_two_queries(api, demo, django_assert_num_queries):
    """The change counters, then the page of cards: the search, filters and counts come from
    the facet index, as on /firms/."""
    api.get("/api/firms/?q=클라우드&market=CN&lang=en")  # builds the English name order
    with django_assert_num_queries(2):
        response = api.get("/api/firms/?q=클라우드&market=CN&lang=en&page_size=3")
    assert response.status_code == 200
