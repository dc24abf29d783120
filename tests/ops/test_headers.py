"""Security headers on every page; private pages are never cached."""

import re

import pytest

from tests.factories import make_firm, make_member, make_staff

PUBLIC_PAGES = ["/", "/firms/", "/en/firms/", "/partners/", "/accounts/login/"]


@pytest.fixture
def firm(db):
    return make_firm(slug="header-ai", name_ko="헤더에이아이", is_published=True)


@pytest.mark.parametrize("url", PUBLIC_PAGES)
def test_every_page_sends_csp_and_policy_headers(client, firm, url):
    response = client.get(url)
    assert response.status_code == 200
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "style-src 'self'" in csp
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert "frame-ancestors 'none'" in csp and "object-src 'none'" in csp
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert "camera=()" in response["Permissions-Policy"]
    assert response["X-Content-Type-Options"] == "nosniff"


def _inline_code(html: str) -> list[str]:
    """Inline scripts, style attributes, style elements and event handler attributes."""
    found = re.findall(r"<script(?![^>]*\bsrc=)[^>]*>", html)
    found += re.findall(r"\sstyle=\"", html)
    found += re.findall(r"<style[\s>]", html)
    found += re.findall(r"\son[a-z]+=\"", html)
    return found


def test_public_and_member_pages_have_no_inline_code(client, firm):
    assert _inline_code(client.get("/firms/").content.decode()) == []
    assert _inline_code(client.get(f"/firms/{firm.slug}/").content.decode()) == []
    client.force_login(make_member(firm))
    assert _inline_code(client.get("/my/").content.decode()) == []


def test_match_page_score_bars_need_no_inline_style(client, demo):
    client.force_login(make_staff())
    html = client.get("/staff/match/?partner=tencent-cloud").content.decode()
    assert '<meter class="score-bar"' in html
    assert _inline_code(html) == []


@pytest.mark.parametrize("url", ["/staff/", "/en/staff/partners/", "/staff/reviews/", "/admin/"])
def test_staff_pages_are_private_and_not_stored(client, url, db):
    client.force_login(make_staff(is_superuser=True))
    response = client.get(url)
    assert response.status_code == 200
    directives = {d.strip() for d in response["Cache-Control"].split(",")}
    assert {"private", "no-store"} <= directives


@pytest.mark.parametrize("url", ["/my/", "/zh-hans/my/", "/accounts/login/"])
def test_member_and_account_pages_are_private_and_not_stored(client, firm, url):
    client.force_login(make_member(firm))
    response = client.get(url)
    assert response.status_code in (200, 302)
    directives = {d.strip() for d in response["Cache-Control"].split(",")}
    assert {"private", "no-store"} <= directives


def test_redirects_to_login_from_private_pages_are_not_stored_either(client, db):
    response = client.get("/staff/")
    assert response.status_code == 302
    assert "no-store" in response["Cache-Control"]


def test_public_pages_are_not_marked_private(client, firm):
    response = client.get("/firms/")
    assert "no-store" not in response.get("Cache-Control", "")
