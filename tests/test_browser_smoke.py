"""The real browser can open the directory (guards the Playwright + Chromium set-up)."""

import pytest


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_browser_opens_home_in_korean(live_server, page, demo):
    page.goto(live_server.url + "/")
    assert page.locator("html").get_attribute("lang") == "ko"
    page.screenshot(path="/tmp/gagyo-home.png")
