"""A real browser: a member edits the summary, staff approve, the public page changes."""

from pathlib import Path

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"


def log_in(page, base, username):
    page.goto(f"{base}/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", "correct-horse-battery")
    page.click("main form button[type=submit]")
    page.wait_for_load_state()


def test_member_edits_and_staff_approves(live_server, page, people):
    base = live_server.url
    slug = people.firm.slug

    log_in(page, base, "editor")
    page.goto(f"{base}/my/firms/{slug}/edit/")
    page.fill("#id_summary_ko", "브라우저에서 고친 요약")
    page.click("form.profile-form button[type=submit]")
    page.wait_for_url(f"**/my/firms/{slug}/")
    assert page.locator(".badge.pending").first.is_visible()
    assert "브라우저에서 고친 요약" in page.inner_text("#pending")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "accounts-member-pending.png"), full_page=True)
    page.goto(f"{base}/firms/{slug}/")
    assert "브라우저에서 고친 요약" not in page.content()

    page.click("header form button[type=submit]")  # log out
    log_in(page, base, "staff")
    page.goto(f"{base}/staff/reviews/")
    page.click("a.button")
    page.wait_for_url("**/staff/reviews/*/")
    page.fill("#id_comment", "확인했습니다")
    page.screenshot(path=str(SCREENSHOTS / "accounts-staff-review.png"), full_page=True)
    page.click("form.decision button:not(.danger)")
    page.wait_for_url("**/staff/reviews/")

    page.goto(f"{base}/firms/{slug}/")
    assert "브라우저에서 고친 요약" in page.inner_text("main")
