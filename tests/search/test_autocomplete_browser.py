"""The search box suggests names as you type; the keyboard chooses one (real Chromium)."""

import re

import pytest

pytestmark = pytest.mark.browser


@pytest.fixture
def search_page(transactional_db, demo, live_server, page):
    page.goto(f"{live_server.url}/search/")
    return page


def test_typing_shows_suggestions_and_the_keyboard_opens_one(search_page, live_server):
    page = search_page
    box = page.get_by_role("combobox")
    assert box.get_attribute("aria-expanded") == "false"
    box.press_sequentially("한컴", delay=30)
    option = page.get_by_role("option", name="한글과컴퓨터")
    option.wait_for()
    assert box.get_attribute("aria-expanded") == "true"
    box.press("ArrowDown")
    assert box.get_attribute("aria-activedescendant") == option.get_attribute("id")
    assert option.get_attribute("aria-selected") == "true"
    box.press("Enter")
    page.wait_for_url(re.compile(r"/firms/hancom/$"))


def test_escape_closes_and_enter_then_submits_the_form(search_page):
    page = search_page
    box = page.get_by_role("combobox")
    box.press_sequentially("클라우드", delay=30)
    page.get_by_role("option").first.wait_for()
    box.press("Escape")
    assert box.get_attribute("aria-expanded") == "false"
    assert page.get_by_role("listbox").is_hidden()
    box.press("Enter")
    page.wait_for_url(re.compile(r"/search/\?q="))
    assert page.get_by_role("link", name="텐센트 클라우드").is_visible()


def test_suggestions_in_english_under_en(transactional_db, demo, live_server, page):
    page.goto(f"{live_server.url}/en/search/")
    box = page.get_by_role("combobox")
    box.press_sequentially("ㅎㄱㄱㅋ", delay=30)
    page.get_by_role("option", name="Hancom").wait_for()
    box.press("ArrowUp")  # wraps to the last option
    box.press("Enter")
    page.wait_for_url(re.compile(r"/en/firms/hancom/$"))


def test_page_works_without_javascript(transactional_db, demo, live_server, browser):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{live_server.url}/search/")
    page.locator("#search-q").fill("한컴")
    page.locator("form[role=search] button[type=submit]").click()
    page.wait_for_url(re.compile(r"/search/\?q="))
    assert page.get_by_role("link", name="한글과컴퓨터").is_visible()
    context.close()
