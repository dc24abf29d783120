"""Shared fixtures: demo data, personas and a real browser (Playwright + Debian's Chromium)."""

from __future__ import annotations

import os
import shutil

import pytest
from django.utils import translation

from directory.changes import log as change_log
from directory.demo.firms import load_firms, load_reference_data
from directory.demo.partners import load_partners

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts and ends in the default language (Korean).

    A test-client request to /en/ activates English in this thread and LocaleMiddleware does
    not reset it, so without this a later test's reverse() would build /en/ URLs.
    """
    translation.deactivate()
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _fresh_directory_caches():
    """Each test starts without the per-process structures that follow the change log (facet
    index, filter values, match profiles, the search documents' known position).

    They remember change-log positions that a test's rollback winds back, and ids are reused
    across tests, so a structure from one test could look current in the next.
    """
    change_log.forget_all()
    yield
    change_log.forget_all()


@pytest.fixture(autouse=True)
def _immediate_tasks(settings):
    """Background jobs (imports) run at once in tests: no worker process needed."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    """Uploads in tests go to a temporary folder, never into var/."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    settings.AXES_ENABLED = False


@pytest.fixture
def demo(db):
    """The demo data of the source article: six firms, two partners, two engagements."""
    load_reference_data()
    load_firms()
    load_partners()


@pytest.fixture(scope="session")
def browser():
    if not os.path.exists(CHROMIUM) and not shutil.which("chromium"):
        reason = f"Chromium not found at {CHROMIUM}; install Debian's 'chromium' package"
        if os.environ.get("GAGYO_REQUIRE_BROWSER"):
            pytest.fail(reason)
        pytest.skip(reason)
    # Playwright's sync API runs an event loop in this thread; Django's ORM calls made by the
    # test itself (fixtures, assertions) are still synchronous and safe.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="ko-KR", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()
