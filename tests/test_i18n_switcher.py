"""The interface speaks three languages and the switcher keeps the current page."""

import pytest

pytestmark = pytest.mark.django_db


def test_switcher_keeps_path_and_query(client, demo):
    body = client.get("/firms/", {"q": "x"}).content.decode()
    assert 'href="/en/firms/?q=x"' in body
    assert 'href="/zh-hans/firms/?q=x"' in body


def test_switcher_goes_back_to_unprefixed_korean(client, demo):
    body = client.get("/en/firms/hancom/").content.decode()
    assert 'href="/firms/hancom/"' in body
    assert 'href="/zh-hans/firms/hancom/"' in body


def test_korean_is_the_default_interface(client, db):
    body = client.get("/search/").content.decode()
    assert '<html lang="ko">' in body
    assert "기업과 해외 파트너 검색" in body


def test_chinese_interface_is_translated(client, db):
    body = client.get("/zh-hans/search/").content.decode()
    assert '<html lang="zh-hans">' in body
    assert "搜索企业和海外合作伙伴" in body


def test_english_interface(client, db):
    body = client.get("/en/search/").content.decode()
    assert "Search firms and overseas partners" in body
