"""Korean-first search through the directory pages, and the pages in every language."""

import unicodedata

import pytest

pytestmark = pytest.mark.django_db


def names(response) -> list[str]:
    return [firm.slug for firm in response.context["firms"]]


@pytest.mark.parametrize("q", ["컴퓨터", "한글과컴퓨터", "HANCOM", "hancom", "HanCom", "한컴"])
def test_search_finds_hancom_in_korean_and_english(client, demo, q):
    response = client.get("/firms/", {"q": q})
    assert response.status_code == 200
    assert names(response)[0] == "hancom"


def test_search_finds_initech_through_its_specialty(client, demo):
    response = client.get("/firms/", {"q": "보안"})
    assert "initech" in names(response)


def test_nfd_decomposed_hangul_is_normalised_before_searching(client, demo):
    decomposed = unicodedata.normalize("NFD", "컴퓨터")
    assert decomposed != "컴퓨터"
    response = client.get("/firms/", {"q": decomposed})
    assert names(response) == ["hancom"]
    assert response.context["q"] == "컴퓨터"


def test_search_with_no_match_shows_the_empty_state(client, demo):
    response = client.get("/en/firms/", {"q": "존재하지않는기업"})
    assert names(response) == []
    assert "No firms match your search." in response.content.decode()


def test_exact_name_ranks_before_other_matches(client, demo):
    response = client.get("/firms/", {"q": "클라우드"})
    found = names(response)
    assert set(found) >= {"nhn-cloud", "megazone-cloud"}
    assert response.context["sort"] == "relevance"


def test_partner_search_finds_tencent_by_its_chinese_name(client, demo):
    response = client.get("/partners/", {"q": "腾讯"})
    assert [p.slug for p in response.context["partners"]] == ["tencent-cloud"]


def test_english_pages_show_english_names(client, demo):
    body = client.get("/en/firms/").content.decode()
    assert "Hancom" in body
    assert 'lang="en"' in body
    body = client.get("/en/firms/hancom/").content.decode()
    assert "<h1>Hancom" in body


def test_chinese_pages_fall_back_to_korean_with_a_visible_marker(client, demo):
    body = client.get("/zh-hans/firms/").content.decode()
    assert '<span lang="ko">한글과컴퓨터</span> <span class="fallback"' in body


def test_search_input_is_labelled_and_ready_for_autocomplete(client, demo):
    body = client.get("/firms/").content.decode()
    assert '<label for="q">' in body
    assert 'id="q" type="search" name="q"' in body
    assert "data-autocomplete" in body
