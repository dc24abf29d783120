"""The dashboard and the bridge map in a real browser: charts render, clicks open lists.

Screenshots go to test-artifacts/ (every run) and, with GAGYO_DOCS_SCREENSHOTS=1, to docs/img/
(the README's pictures).
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from tests.factories import make_staff

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"
DOCS_IMG = ROOT / "docs" / "img"


def _shot(page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / name), full_page=True)
    if os.environ.get("GAGYO_DOCS_SCREENSHOTS"):
        DOCS_IMG.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(DOCS_IMG / name), full_page=True)


def _log_in(page, live_server, next_url: str) -> None:
    make_staff(username="dash-browser", password="correct-horse-battery")
    page.goto(f"{live_server.url}/accounts/login/?next={next_url}")
    page.fill("input[name=username]", "dash-browser")
    page.fill("input[name=password]", "correct-horse-battery")
    page.click("form button[type=submit]")
    page.wait_for_url(f"{live_server.url}{next_url}")


def _enrich_demo() -> None:
    """A year of made-up activity on top of the demo data, so every chart has something to
    draw (the article gives no dates): dated engagements and connections at several stages."""
    from datetime import date, timedelta

    from directory.firms.models import Firm
    from directory.partners.models import Connection, OverseasPartner, Stage
    from tests.factories import make_engagement

    firms = list(Firm.objects.order_by("slug"))
    tencent = OverseasPartner.objects.get(slug="tencent-cloud")
    liangjiang = OverseasPartner.objects.get(slug="chongqing-liangjiang")
    for month, firm_count in ((1, 3), (3, 2), (4, 4), (7, 1), (9, 2)):
        make_engagement(
            partners=[tencent if month % 2 else liangjiang],
            firms=firms[:firm_count],
            kind="briefing",
            title_ko=f"예시 브리핑 {month}월",
            date=date(2026, month, 15),
        )
    stages = [Stage.INTRODUCED, Stage.IN_DISCUSSION, Stage.AGREEMENT, Stage.MET]
    for connection, stage in zip(Connection.objects.order_by("pk"), stages, strict=False):
        Connection.objects.filter(pk=connection.pk).update(stage=stage)
    Connection.objects.create(
        firm=firms[0],
        partner=liangjiang,
        stage=Stage.PROPOSED,
        due_date=date.today() - timedelta(days=3),
    )


def _svg_shapes(page, selector: str) -> int:
    """How many drawn shapes the chart's SVG holds (0 when nothing was drawn)."""
    return page.eval_on_selector(selector, "el => el.querySelectorAll('svg path, svg text').length")


def _click_chart_point(page, selector: str, series_index: int, data_index: int) -> None:
    """Click where ECharts drew one data item (a bar), as a person would."""
    box = page.eval_on_selector(
        selector,
        """(el, args) => {
            el.scrollIntoView({block: "center"});
            const chart = echarts.getInstanceByDom(el);
            const layout = chart.getModel().getSeriesByIndex(args[0]).getData()
                .getItemLayout(args[1]);
            const rect = el.getBoundingClientRect();
            return {x: rect.left + layout.x + layout.width / 2,
                    y: rect.top + layout.y + layout.height / 2};
        }""",
        [series_index, data_index],
    )
    page.mouse.click(box["x"], box["y"])


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_dashboard_renders_charts_and_a_bar_opens_the_filtered_list(live_server, page, demo):
    _enrich_demo()
    _log_in(page, live_server, "/staff/dashboard/")
    for key in ("specialties", "pipeline", "engagements", "clusters", "completeness"):
        # Each chart fetches its own figure: wait for every one, not just the first two.
        page.wait_for_selector(f"#figure-{key} .chart[data-rendered='1']")
        assert _svg_shapes(page, f"#figure-{key} .chart") >= 3, key
    # Hangul labels are drawn in the chart itself.
    assert "클라우드" in page.inner_text("#figure-specialties .chart")
    _shot(page, "dashboard.png")

    # Staff figures open the staff firm list (published firms of that specialty).
    _click_chart_point(page, "#figure-specialties .chart", 0, 0)
    page.wait_for_url(re.compile(r"/staff/firms/\?specialty="))
    assert page.locator(".staff-table tbody tr").count() >= 1

    # A completeness bar opens the staff firm list with exactly the firms it counts.
    from directory.dashboard import figures
    from directory.dashboard.filters import DashboardFilters

    rows = figures.profile_completeness(DashboardFilters()).rows
    index = max(range(len(rows)), key=lambda i: rows[i].value)
    assert rows[index].value >= 1
    page.goto(f"{live_server.url}/staff/dashboard/")
    page.wait_for_selector("#figure-completeness .chart[data-rendered='1']")
    _click_chart_point(page, "#figure-completeness .chart", 0, index)
    page.wait_for_url(re.compile(rf"/staff/firms/\?completeness={rows[index].key}"))
    assert page.locator(".staff-table tbody tr").count() == rows[index].value
    assert page.locator("select[name=completeness]").input_value() == rows[index].key
    _shot(page, "dashboard-completeness-click.png")

    page.goto(f"{live_server.url}/dashboard/")
    page.wait_for_selector("#figure-specialties .chart[data-rendered='1']")
    assert page.locator("#figure-pipeline").count() == 0
    _click_chart_point(page, "#figure-specialties .chart", 0, 0)
    page.wait_for_url(re.compile(r"/firms/\?specialty="))
    assert page.locator(".firm-card").count() >= 1


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_bridge_map_renders_network_and_cities_and_a_node_opens_its_page(live_server, page, demo):
    _enrich_demo()
    _log_in(page, live_server, "/staff/map/")
    page.wait_for_selector("#bridge-network[data-rendered='1']")
    page.wait_for_selector("#bridge-cities[data-rendered='1']")
    assert _svg_shapes(page, "#bridge-network") > 10
    assert _svg_shapes(page, "#bridge-cities") > 50  # country outlines, lines, cities
    assert "텐센트 클라우드" in page.inner_text("#bridge-network")
    page.wait_for_timeout(300)
    _shot(page, "bridge-map.png")

    # Click the partner's node: it opens the partner's staff page.
    point = page.eval_on_selector(
        "#bridge-network",
        """el => {
            el.scrollIntoView({block: "center"});
            const chart = echarts.getInstanceByDom(el);
            const data = chart.getModel().getSeriesByIndex(0).getData();
            for (let i = 0; i < data.count(); i++) {
                if (data.getId(i) && data.getRawDataItem(i).category === 0) {
                    const [x, y] = data.getItemLayout(i);
                    const rect = el.getBoundingClientRect();
                    return {x: rect.left + x, y: rect.top + y};
                }
            }
            return null;
        }""",
    )
    assert point is not None
    page.mouse.click(point["x"], point["y"])
    page.wait_for_url(re.compile(r"/staff/partners/[\w-]+/$"))
    assert "/staff/partners/" in page.url
