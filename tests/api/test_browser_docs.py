"""The API docs page works in a real browser from local files only (no CDN, no inline script)."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_docs_page_renders_the_operations_without_outside_requests(live_server, page, demo):
    outside = []
    page.on(
        "request",
        lambda request: (
            outside.append(request.url) if not request.url.startswith(live_server.url) else None
        ),
    )
    page.goto(f"{live_server.url}/api/docs/")
    page.locator(".opblock-summary-path", has_text="/api/firms/").first.wait_for()
    paths = page.locator(".opblock-summary-path").all_inner_texts()
    assert "/api/firms/" in paths
    assert "/api/staff/connections/{id}/stage/" in paths
    page.screenshot(path="/tmp/gagyo-api-docs.png")
    assert outside == []
