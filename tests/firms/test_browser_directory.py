"""A visitor searches the directory in a real browser, filters, and opens a profile."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_visitor_searches_filters_and_opens_a_profile(live_server, page, demo):
    page.goto(f"{live_server.url}/")
    page.locator("#home-q").fill("클라우드")  # the listbox shares its label
    page.locator(".hero-search").get_by_role("button").click()

    page.wait_for_url("**/firms/?q=*")
    cards = page.locator(".firm-card .firm-name")
    assert "NHN클라우드" in cards.all_inner_texts()
    assert "메가존 클라우드" in cards.all_inner_texts()
    page.screenshot(path="/tmp/gagyo-directory-search-ko.png", full_page=True)

    # Filter by a child specialty with its facet link; the count shown is what we get.
    facet = page.locator("#facet-specialty + ul a", has_text="데이터센터")
    expected = facet.locator("xpath=../span[@class='facet-count']").inner_text()
    facet.click()
    page.wait_for_url("**specialty=data-center*")
    assert cards.all_inner_texts() == ["NHN클라우드"]
    assert expected == "1"
    assert page.locator(".active-filters").get_by_text("remove").count() == 2

    page.locator(".firm-card a", has_text="NHN클라우드").click()
    page.wait_for_url("**/firms/nhn-cloud/")
    assert page.locator("h1").inner_text().startswith("NHN클라우드")
    assert page.get_by_text("텐센트 클라우드 상하이 지사 방문").is_visible()
    page.screenshot(path="/tmp/gagyo-profile-ko.png", full_page=True)

    page.get_by_role("link", name="텐센트 클라우드").first.click()
    page.wait_for_url("**/partners/tencent-cloud/")
    assert page.locator(".firm-card").count() == 6
    page.screenshot(path="/tmp/gagyo-partner-ko.png", full_page=True)


def test_english_directory_looks_right(live_server, page, demo):
    page.goto(f"{live_server.url}/en/firms/?specialty=ai")
    assert page.locator(".firm-card .firm-name").all_inner_texts() == [
        "AIWorks",
        "Hancom",
        "Hypernology",
    ]
    page.screenshot(path="/tmp/gagyo-directory-en.png", full_page=True)
    page.goto(f"{live_server.url}/en/firms/no-such-firm/")
    assert page.locator("h1").inner_text() == "We could not find that page"
    page.goto(f"{live_server.url}/en/")
    page.screenshot(path="/tmp/gagyo-home-en.png", full_page=True)
    page.goto(f"{live_server.url}/")
    page.screenshot(path="/tmp/gagyo-home-ko.png", full_page=True)
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_server.url}/firms/")
    page.screenshot(path="/tmp/gagyo-directory-mobile.png", full_page=False)
