"""Every row of every figure that counts something listable links to that list: the link opens
(200, as the audience that sees the figure) and lists as many records as the row counts. A
public figure never links into the staff workspace."""

from __future__ import annotations

from datetime import date, timedelta
from urllib.parse import urlsplit

import pytest
from django.test import Client
from django.utils import timezone

from directory.accounts.models import ProfileChange
from directory.dashboard import figures
from directory.dashboard.filters import DashboardFilters
from directory.firms.models import Firm
from directory.partners.models import Connection, OverseasPartner, Stage
from tests.factories import make_connection, make_engagement, make_firm, make_partner

#: Rows that have no list to open, by (figure, row key): firms without a cluster (the firm
#: lists filter by a cluster, not by its absence).
NO_LIST = {("clusters", "")}
#: Rows whose list is wider than the count, by (figure, row key), with the reason: the firms
#: that took part in any engagement have no list of their own; the directory lists all firms.
WIDER_LIST = {("totals", "participants")}


@pytest.fixture
def activity(demo, staff, member):
    """Demo data plus dated public and private engagements, an undated one, connections at
    several stages (overdue with and without an owner) and pending changes of every age."""
    firms = list(Firm.objects.published().order_by("slug"))
    tencent = OverseasPartner.objects.get(slug="tencent-cloud")
    other = make_partner(slug="walk-partner")
    for month, count in ((1, 3), (3, 2), (4, 4)):
        make_engagement(partners=[tencent], firms=firms[:count], date=date(2026, month, 15))
    make_engagement(partners=[other], firms=firms[:1], date=date(2026, 4, 2), is_public=False)
    make_engagement(partners=[other], firms=firms[1:2], date=None)
    hidden = make_firm(is_published=False)
    overdue = timezone.localdate() - timedelta(days=3)
    make_connection(firm=firms[0], partner=other, stage=Stage.MET, due_date=overdue, owner=staff)
    make_connection(firm=firms[1], partner=other, stage=Stage.PROPOSED, due_date=overdue)
    make_connection(firm=hidden, partner=other, stage=Stage.AGREEMENT)
    for firm, days in zip(firms, (1, 10, 40), strict=False):
        ProfileChange.objects.create(
            firm=firm,
            submitted_by=member,
            data={},
            submitted_at=timezone.now() - timedelta(days=days),
        )
    return {"tencent": tencent, "other": other}


def _count(response) -> int | None:
    """How many records the list page lists in all (every page), as its view counted them."""
    ctx = response.context
    for key in ("result_count", "total"):
        if key in ctx and isinstance(ctx[key], int):
            return ctx[key]
    if ctx.get("page_obj") is not None:
        return ctx["page_obj"].paginator.count
    return None


def _walk(client: Client, figure_list: list[figures.Figure]) -> list[str]:
    """Request every row's URL; returns the URLs (for the caller's own checks)."""
    urls = []
    for figure in figure_list:
        for row in figure.rows:
            if (figure.key, row.key) in NO_LIST:
                assert row.url == ""
                continue
            assert row.url, (figure.key, row.key)
            response = client.get(row.url)
            assert response.status_code == 200, (figure.key, row.key, row.url)
            if isinstance(response.context.get("object"), OverseasPartner):
                # With a partner chosen, the one partner counted opens its own page.
                assert (figure.key, row.key, row.value) == ("totals", "partners", 1)
            elif (figure.key, row.key) not in WIDER_LIST:
                assert _count(response) == row.value, (figure.key, row.key, row.url)
            urls.append(row.url)
    return urls


@pytest.mark.parametrize("partner", [None, "tencent-cloud", "walk-partner"])
def test_every_staff_figure_row_opens_its_list_with_the_same_count(staff_client, activity, partner):
    chosen = OverseasPartner.objects.get(slug=partner) if partner else None
    all_figures = figures.compute_all(DashboardFilters(partner=chosen), public=False)
    assert {f.key for f in all_figures} == set(figures.STAFF_FIGURES)
    urls = _walk(staff_client, all_figures)
    assert any(url.startswith("/staff/firms/") for url in urls)
    assert any("owner=null" in url for url in urls) or partner == "tencent-cloud"


@pytest.mark.parametrize("partner", [None, "tencent-cloud"])
def test_every_public_figure_row_opens_a_public_list_with_the_same_count(client, activity, partner):
    chosen = OverseasPartner.objects.get(slug=partner) if partner else None
    public_figures = figures.compute_all(DashboardFilters(partner=chosen), public=True)
    urls = _walk(client, public_figures)  # anonymous: a staff URL would redirect to log in
    assert urls
    for url in urls:
        assert "/staff/" not in urlsplit(url).path, url


@pytest.mark.parametrize("prefix", ["", "/en", "/zh-hans"])
def test_public_figures_json_never_link_into_the_staff_workspace(client, activity, prefix):
    for key in figures.PUBLIC_FIGURES:
        data = client.get(f"{prefix}/dashboard/data/{key}.json").json()
        for row in data["rows"]:
            assert "/staff/" not in row["url"], (key, row)
            if row["url"]:
                assert row["url"].startswith(f"{prefix}/"), row["url"]


def test_a_date_range_carries_over_to_the_public_engagement_list(client, activity):
    filters = DashboardFilters(start=date(2026, 3, 1), end=date(2026, 4, 30))
    totals = {row.key: row for row in figures.totals(filters, public=True).rows}
    row = totals["engagements"]
    assert "from=2026-03-01" in row.url and "to=2026-04-30" in row.url
    assert row.value == 2
    assert _count(client.get(row.url)) == 2


def test_nobody_row_of_overdue_follow_ups_lists_only_unowned_connections(staff_client, activity):
    rows = {row.key: row for row in figures.followups_overdue(DashboardFilters()).rows}
    nobody = rows[""]
    assert "owner=null" in nobody.url and nobody.value == 1
    listed = staff_client.get(nobody.url).context["page_obj"].object_list
    assert [c.owner_id for c in listed] == [None]
    assert Connection.objects.overdue().count() == 2


def test_review_queue_filters_by_waiting_time_and_ignores_a_bad_one(staff_client, activity):
    for key in ("week", "month", "older"):
        response = staff_client.get(f"/staff/reviews/?waiting={key}")
        assert response.context["page_obj"].paginator.count == 1
    response = staff_client.get("/staff/reviews/?waiting=forever")
    assert response.status_code == 200
    assert response.context["page_obj"].paginator.count == 3
    assert list(response.context["messages"])
