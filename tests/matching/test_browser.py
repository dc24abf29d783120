"""A real browser runs a match for Tencent Cloud, shortlists two firms, downloads the CSV."""

from __future__ import annotations

import csv
import io
import os
from pathlib import Path

import pytest

from directory.matching.models import Shortlist
from tests.factories import make_staff

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCREENSHOT_DIR = os.environ.get("GAGYO_SCREENSHOT_DIR", "")


def _log_in(page, live_server, client):
    staff = make_staff(username="matcher")
    client.force_login(staff)
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    return staff


def test_match_for_tencent_cloud_shortlist_two_and_download_csv(page, live_server, client, demo):
    staff = _log_in(page, live_server, client)
    page.goto(f"{live_server.url}/staff/match/?partner=tencent-cloud")
    # The demo does not record what Tencent Cloud seeks: the page asks for a sharper brief.
    assert page.locator(".hint-fill-brief").is_visible()

    page.fill("#id_keywords", "클라우드 cloud")
    page.click("form.match-form button[type=submit]")
    items = page.locator(".match-item")
    assert items.count() == 6
    first_two = [items.nth(i).locator("h3").inner_text() for i in range(2)]
    assert set(first_two) == {"NHN클라우드", "메가존 클라우드"}
    assert "score-bar" in items.first.inner_html()
    if SCREENSHOT_DIR:
        page.screenshot(path=os.path.join(SCREENSHOT_DIR, "match.png"), full_page=True)

    items.nth(0).locator("input[name=firms]").check()
    items.nth(1).locator("input[name=firms]").check()
    page.fill("#id_name", "텐센트 클라우드 후보")
    page.locator(".shortlist-box button[type=submit]").click()
    page.wait_for_url("**/staff/match/shortlists/*/")

    shortlist = Shortlist.objects.get()
    assert shortlist.author == staff and shortlist.entries.count() == 2

    with page.expect_download() as download_info:
        page.click("a[href$='briefing.csv']")
    path = download_info.value.path()
    raw = Path(path).read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert len(rows) == 3
    names = {rows[1][1], rows[2][1]}
    # Tencent Cloud is in China: the pack is in Chinese; the firms have no Chinese names, so
    # their English names stand in, marked (Chinese -> English -> Korean).
    assert names == {"[EN] NHN Cloud", "[EN] Megazone Cloud"}
    assert all(row[9] for row in rows[1:])  # why matched

    page.goto(f"{live_server.url}/staff/match/shortlists/{shortlist.pk}/briefing/")
    assert page.locator(".briefing-firm").count() == 2
    assert page.locator(".fallback-marker").count() >= 2
    assert page.locator("article.briefing").get_attribute("lang") == "zh-hans"
    if SCREENSHOT_DIR:
        page.emulate_media(media="print")
        page.screenshot(path=os.path.join(SCREENSHOT_DIR, "briefing.png"), full_page=True)
