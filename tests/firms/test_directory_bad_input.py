"""Bad input never causes a 500: the page explains what it ignored, or answers 404."""

import pytest
from django.utils import translation
from django.utils.translation import gettext

from directory.search.text import MAX_QUERY_LENGTH
from tests.factories import make_firm

pytestmark = pytest.mark.django_db


def body(response) -> str:
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"specialty": "nope"}, "Unknown specialty ‘nope’ was ignored."),
        ({"cluster": "atlantis"}, "Unknown cluster ‘atlantis’ was ignored."),
        ({"market": "ZZ"}, "Unknown target market ‘ZZ’ was ignored."),
        ({"size": "huge"}, "Unknown size ‘huge’ was ignored."),
        ({"partner": "nobody"}, "Unknown overseas partner ‘nobody’ was ignored."),
        ({"sort": "evil"}, "Unknown sort order ‘evil’ was ignored."),
    ],
)
def test_unknown_filter_value_is_ignored_with_a_message(client, demo, params, message):
    response = client.get("/en/firms/", params)
    assert message in body(response)
    assert response.context["result_count"] == 6  # the filter was dropped, not applied


def test_ignored_value_is_not_kept_in_the_links(client, demo):
    response = client.get("/firms/", {"specialty": "nope", "cluster": "pangyo-techno-valley"})
    links = [item.url for group in response.context["facet_groups"] for item in group.items]
    links += [chip.remove_url for chip in response.context["active_filters"]]
    assert links
    assert not [link for link in links if "nope" in link]
    main = body(response).split('<main id="main"', 1)[1]
    assert "specialty=nope" not in main
    assert response.context["result_count"] == 6


def test_markup_in_a_bad_value_is_escaped(client, demo):
    response = client.get("/firms/", {"specialty": "<script>alert(1)</script>"})
    text = body(response)
    assert "<script>alert(1)" not in text
    assert "&lt;script&gt;" in text


@pytest.mark.parametrize(
    ("page", "shown", "message"),
    [
        ("abc", 1, "“abc” is not a page number; showing the first page."),
        ("-1", 1, "There is no page -1; showing the first page."),
        ("0", 1, "There is no page 0; showing the first page."),
        ("99999", 3, "There is no page 99999; showing the last page."),
        ("1.5", 1, "“1.5” is not a page number; showing the first page."),
        ("9" * 5000, 1, "is not a page number; showing the first page."),
    ],
)
def test_malformed_page_shows_the_nearest_page(client, settings, page, shown, message):
    settings.FIRMS_PER_PAGE = 2
    for _ in range(5):
        make_firm()
    response = client.get("/en/firms/", {"page": page})
    assert message in body(response)
    assert response.context["page_obj"].number == shown


def test_very_long_query_is_shortened_with_a_message(client, demo):
    response = client.get("/en/firms/", {"q": "한컴" + "가" * 10_000})
    assert f"The search was shortened to {MAX_QUERY_LENGTH} characters." in body(response)
    assert len(response.context["q"]) <= MAX_QUERY_LENGTH


@pytest.mark.parametrize(
    "q",
    [
        "한컴\x00",
        "\x00\x00",
        "hancom\x1b[31m",
        "\u200b\u200d한컴",
        "💾🇰🇷",
        "'; DROP TABLE firms_firm; --",
        "%_%",
    ],
)
def test_odd_characters_in_the_query_give_a_normal_page(client, demo, q):
    response = client.get("/firms/", {"q": q})
    assert "\x00" not in body(response)


@pytest.mark.parametrize("raw", ["%ED%A0%80", "%FF%FE", "%C0%AF", "%E2%80%AE"])
def test_invalid_utf8_in_the_query_string_gives_a_normal_page(client, demo, raw):
    body(client.get(f"/firms/?q={raw}&specialty={raw}"))


def test_nul_byte_is_removed_before_searching(client, demo):
    response = client.get("/firms/", {"q": "한컴\x00"})
    assert [f.slug for f in response.context["firms"]] == ["hancom"]


def test_percent_and_underscore_are_searched_literally(client, demo):
    response = client.get("/firms/", {"q": "%"})
    assert body(response)
    assert list(response.context["firms"]) == []


@pytest.mark.parametrize(
    "url", ["/en/firms/no-such-firm/", "/en/partners/no-such-partner/", "/zh-hans/firms/x/"]
)
def test_unknown_slug_is_a_friendly_404(client, demo, url):
    response = client.get(url)
    assert response.status_code == 404
    text = response.content.decode()
    language = url.split("/")[1]
    with translation.override(language):
        assert gettext("We could not find that page") in text
    assert f'href="/{language}/firms/"' in text


def test_error_templates_render_without_a_request():
    from django.template.loader import render_to_string

    assert "500" in render_to_string("500.html")
    assert "403" in render_to_string("403.html")


def test_unknown_slug_is_a_friendly_404_in_korean(client, demo):
    response = client.get("/firms/no-such-firm/")
    assert response.status_code == 404
    with translation.override("ko"):
        assert gettext("We could not find that page") in response.content.decode()
    assert 'href="/firms/"' in response.content.decode()
