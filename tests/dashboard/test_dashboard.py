"""The dashboard: who may see it, what its figures count, that staff-only figures never reach
the public version, and that each figure costs a fixed number of queries."""

from __future__ import annotations

import csv
import io
import json
from datetime import date, timedelta

import pytest
from django.utils import timezone

from directory.accounts.models import ProfileChange
from directory.dashboard import figures
from directory.dashboard.filters import DashboardFilters, parse_date
from directory.partners.models import Connection, Stage
from tests.factories import (
    make_cluster,
    make_connection,
    make_engagement,
    make_firm,
    make_partner,
    make_specialty,
)

STAFF_URLS = [
    "/staff/dashboard/",
    "/staff/dashboard/data/pipeline.json",
    "/staff/dashboard/data/pipeline.csv",
    "/staff/map/",
    "/staff/map/data.json",
    "/staff/map/data.csv",
]


@pytest.fixture
def world(db):
    """Two published firms and one unpublished, engagements public and not, connections."""
    ai = make_specialty(slug="ai", name_ko="인공지능", name_en="AI")
    vision = make_specialty(slug="vision", name_ko="비전", parent=ai)
    cloud = make_specialty(slug="cloud", name_ko="클라우드", name_en="Cloud")
    secret_specialty = make_specialty(slug="quiet", name_ko="비밀분야마커")
    pangyo = make_cluster(slug="pangyo", name_ko="판교")
    hidden_cluster = make_cluster(slug="hidden", name_ko="숨은클러스터마커")
    a = make_firm(
        slug="a", name_ko="가기업", is_published=True, cluster=pangyo, specialties=[ai, vision]
    )
    b = make_firm(
        slug="b", name_ko="나기업", is_published=True, cluster=pangyo, specialties=[cloud]
    )
    hidden = make_firm(
        slug="hidden",
        name_ko="비공개기업마커",
        is_published=False,
        cluster=hidden_cluster,
        specialties=[secret_specialty],
    )
    tencent = make_partner(slug="tencent", name_ko="텐센트")
    make_engagement(partners=[tencent], firms=[a, b], date=date(2026, 3, 10), is_public=True)
    make_engagement(
        partners=[tencent],
        firms=[hidden],
        date=date(2026, 5, 2),
        is_public=False,
        title_ko="비공개교류마커",
    )
    make_connection(firm=a, partner=tencent, stage=Stage.AGREEMENT)
    make_connection(
        firm=b, partner=tencent, stage=Stage.MET, due_date=timezone.localdate() - timedelta(days=2)
    )
    make_connection(firm=hidden, partner=tencent, stage=Stage.PROPOSED)
    return {"a": a, "b": b, "hidden": hidden, "tencent": tencent}


# --- permissions ---------------------------------------------------------------------------


@pytest.mark.parametrize("url", STAFF_URLS)
def test_anonymous_is_sent_to_login_for_staff_pages(client, world, url):
    response = client.get(url)
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


@pytest.mark.parametrize("url", STAFF_URLS)
def test_firm_member_is_refused_staff_pages(member_client, world, url):
    assert member_client.get(url).status_code == 403


@pytest.mark.parametrize("url", STAFF_URLS)
def test_staff_see_staff_pages(staff_client, world, url):
    assert staff_client.get(url).status_code == 200


@pytest.mark.parametrize("client_name", ["client", "member_client", "staff_client"])
def test_everyone_sees_the_public_dashboard(request, world, client_name):
    client = request.getfixturevalue(client_name)
    assert client.get("/dashboard/").status_code == 200
    assert client.get("/dashboard/data/specialties.json").status_code == 200


@pytest.mark.parametrize(
    "key", ["pipeline", "followups", "reviews", "completeness", "freshness", "agreements"]
)
def test_staff_only_figures_are_not_served_publicly(client, world, key):
    assert client.get(f"/dashboard/data/{key}.json").status_code == 404
    assert client.get(f"/dashboard/data/{key}.csv").status_code == 404


def test_unknown_figure_is_a_404_not_an_error(staff_client, world):
    assert staff_client.get("/staff/dashboard/data/nope.json").status_code == 404


# --- public figures hold public facts only ------------------------------------------------

MARKERS = ["비공개기업마커", "비밀분야마커", "숨은클러스터마커", "비공개교류마커"]


def _public_payloads(client) -> str:
    parts = [client.get("/dashboard/").content.decode()]
    for key in figures.PUBLIC_FIGURES:
        parts.append(client.get(f"/dashboard/data/{key}.json").content.decode())
        parts.append(client.get(f"/dashboard/data/{key}.csv").content.decode())
    return "\n".join(parts)


def test_public_dashboard_never_shows_staff_only_figures_or_private_records(client, world):
    text = _public_payloads(client)
    for marker in MARKERS:
        assert marker not in text, marker
    # Staff-only figure titles and endpoints are absent too.
    for title in ("Connection pipeline", "연결 파이프라인", "/staff/", "pipeline.json"):
        assert title not in text, title


def test_staff_dashboard_does_show_the_staff_figures(staff_client, world):
    text = staff_client.get("/staff/dashboard/").content.decode()
    assert 'id="figure-pipeline"' in text
    assert 'id="figure-followups"' in text
    assert "숨은클러스터마커" not in text  # clusters count published firms on both


def test_public_engagements_per_month_count_only_public_engagements(client, world):
    data = json.loads(client.get("/dashboard/data/engagements.json").content)
    by_month = {row["key"]: row["value"] for row in data["rows"]}
    assert by_month["2026-03"] == 1
    assert by_month.get("2026-05", 0) == 0
    # Each month opens the public engagement list, never the staff workspace.
    assert all(row["url"] == f"/engagements/?month={row['key']}" for row in data["rows"])


def test_staff_engagements_per_month_link_to_the_month_in_the_list(staff_client, world):
    data = json.loads(staff_client.get("/staff/dashboard/data/engagements.json").content)
    may = next(row for row in data["rows"] if row["key"] == "2026-05")
    assert may["value"] == 1
    assert may["url"].startswith("/staff/engagements/?month=2026-05")
    listed = staff_client.get(may["url"]).content.decode()
    assert "비공개교류마커" in listed


# --- figures count right and link to the list they summarise ------------------------------


def test_firms_by_specialty_counts_a_firm_once_per_top_level_specialty(db, world):
    figure = figures.firms_by_specialty(DashboardFilters(), public=True)
    rows = {row.key: row for row in figure.rows}
    assert rows["ai"].value == 1  # firm a has AI and its child Vision: counted once
    assert rows["cloud"].value == 1
    assert "quiet" not in rows  # only the unpublished firm has it
    assert rows["ai"].url == "/firms/?specialty=ai"


def test_specialty_row_url_opens_the_filtered_firm_list(client, world):
    row = figures.firms_by_specialty(DashboardFilters(), public=True).rows[0]
    page = client.get(row.url).content.decode()
    assert "가기업" in page or "나기업" in page


def test_pipeline_counts_every_stage_and_links_to_the_list(db, world):
    figure = figures.pipeline(DashboardFilters())
    rows = {row.key: row for row in figure.rows}
    assert [row.key for row in figure.rows] == Stage.values
    assert rows["agreement"].value == 1 and rows["met"].value == 1 and rows["proposed"].value == 1
    assert rows["met"].url == "/staff/connections/?stage=met"


def test_partner_filter_narrows_figures(db, world):
    other = make_partner(slug="other", name_ko="다른파트너")
    filters = DashboardFilters(partner=other)
    assert figures.pipeline(filters).total == 0
    assert figures.firms_by_specialty(filters, public=False).rows == []
    filters = DashboardFilters(partner=world["tencent"])
    assert figures.pipeline(filters).total == 3


def test_date_range_narrows_engagements_and_connections(db, world):
    filters = DashboardFilters(start=date(2026, 4, 1), end=date(2026, 6, 30))
    figure = figures.engagements_per_month(filters, public=False)
    assert [row.key for row in figure.rows] == ["2026-04", "2026-05", "2026-06"]
    assert figure.total == 1
    Connection.objects.update(created_at=timezone.now() - timedelta(days=800))
    assert figures.pipeline(DashboardFilters(start=timezone.localdate())).total == 0


def test_followups_overdue_per_owner(db, world, staff):
    Connection.objects.filter(firm=world["b"]).update(owner=staff)
    figure = figures.followups_overdue(DashboardFilters())
    assert [(row.label, row.value) for row in figure.rows] == [("김지은", 1)]
    assert figure.rows[0].url == f"/staff/connections/?owner={staff.pk}&status=overdue"


def test_pending_reviews_by_age(db, world, member):
    firm = member.memberships.get().firm
    ProfileChange.objects.create(firm=firm, submitted_by=member, data={})
    ProfileChange.objects.create(
        firm=world["a"],
        submitted_by=member,
        data={},
        submitted_at=timezone.now() - timedelta(days=40),
    )
    rows = {row.key: row.value for row in figures.pending_reviews(DashboardFilters()).rows}
    assert rows == {"week": 1, "month": 0, "older": 1}


def test_completeness_and_freshness_bands(db, world):
    world["a"].last_confirmed_at = timezone.now() - timedelta(days=10)
    world["a"].save()
    fresh = {row.key: row.value for row in figures.profile_freshness(DashboardFilters()).rows}
    assert fresh["recent"] == 1 and fresh["never"] == 2
    complete = figures.profile_completeness(DashboardFilters())
    assert complete.total == 3


def test_csv_has_a_header_and_the_rows(staff_client, world):
    response = staff_client.get("/staff/dashboard/data/pipeline.csv")
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == ["단계", "연결"]
    assert len(rows) == 1 + len(Stage.values)


def test_labels_follow_the_active_language(staff_client, world):
    en = json.loads(staff_client.get("/en/staff/dashboard/data/pipeline.json").content)
    zh = json.loads(staff_client.get("/zh-hans/staff/dashboard/data/pipeline.json").content)
    ko = json.loads(staff_client.get("/staff/dashboard/data/pipeline.json").content)
    assert en["rows"][-1]["label"] == "closed"
    assert zh["rows"][-1]["label"] == "已终止"
    assert ko["rows"][-1]["label"] == "종료"
    assert en["rows"][0]["url"].startswith("/en/staff/connections/")


# --- bad input ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "query",
    [
        "from=garbage",
        "to=2026-13-40",
        "partner=nope",
        "from=2026-12-01&to=2026-01-01",
        "from=99999-01-01",
        "partner=%00",
        "partner=a%00b&from=%00",
    ],
)
def test_bad_filters_are_ignored_with_a_message(staff_client, world, query):
    response = staff_client.get(f"/staff/dashboard/?{query}")
    assert response.status_code == 200
    assert staff_client.get(f"/staff/dashboard/data/pipeline.json?{query}").status_code == 200
    assert client_get_ok(staff_client, f"/dashboard/?{query}")


def client_get_ok(client, url) -> bool:
    return client.get(url).status_code == 200


def test_swapped_dates_are_put_in_order():
    from django.http import QueryDict

    filters = DashboardFilters.from_query(QueryDict("from=2026-12-01&to=2026-01"), public=True)
    assert (filters.start, filters.end) == (date(2026, 1, 1), date(2026, 12, 1))


def test_parse_date():
    assert parse_date("2026-02") == date(2026, 2, 1)
    assert parse_date("2026-02-30") is None
    assert parse_date("1800-01-01") is None
    assert parse_date("") is None


def test_archived_partner_is_not_a_public_filter(client, world):
    world["tencent"].is_archived = True
    world["tencent"].save()
    response = client.get("/dashboard/?partner=tencent")
    assert response.status_code == 200
    assert "텐센트" not in response.content.decode()


# --- a fixed number of queries -----------------------------------------------------------

# key: queries for the figure (staff)
FIGURE_QUERIES = {
    "totals": 6,
    "pipeline": 1,
    "followups": 1,
    "reviews": 1,
    "engagements": 1,
    "agreements": 1,
    "specialties": 1,
    "clusters": 1,
    "completeness": 1,
    "freshness": 1,
}
#: key: queries for the figure (public)
PUBLIC_FIGURE_QUERIES = {"totals": 4, "specialties": 1, "clusters": 1, "engagements": 1}


def _more_firms(n: int, world) -> None:
    for i in range(n):
        firm = make_firm(is_published=True, specialties=[make_specialty()])
        make_connection(firm=firm, partner=world["tencent"], stage=Stage.values[i % 7])


@pytest.mark.parametrize("key", list(FIGURE_QUERIES))
def test_each_figure_costs_a_fixed_number_of_queries(
    staff_client, world, django_assert_num_queries, key
):
    expected = FIGURE_QUERIES[key] + 2  # + session and user
    with django_assert_num_queries(expected):
        staff_client.get(f"/staff/dashboard/data/{key}.json")
    _more_firms(12, world)
    with django_assert_num_queries(expected):
        staff_client.get(f"/staff/dashboard/data/{key}.json")


def test_public_dashboard_page_query_count_does_not_grow(client, world, django_assert_num_queries):
    client.get("/dashboard/")  # warm the per-process caches of the templates
    with django_assert_num_queries(8) as before:
        client.get("/dashboard/")
    _more_firms(12, world)
    with django_assert_num_queries(len(before.captured_queries)):
        client.get("/dashboard/")


@pytest.mark.parametrize("key", list(PUBLIC_FIGURE_QUERIES))
def test_each_public_figure_costs_a_fixed_number_of_queries(
    client, world, django_assert_num_queries, key
):
    expected = PUBLIC_FIGURE_QUERIES[key]
    with django_assert_num_queries(expected):
        client.get(f"/dashboard/data/{key}.json")
    _more_firms(12, world)
    with django_assert_num_queries(expected):
        client.get(f"/dashboard/data/{key}.json")


@pytest.mark.parametrize(
    ("query", "expected"),
    [("completeness=low", 10), ("confirmed=never", 10), ("completeness=low&partner={pk}", 11)],
)
def test_the_firm_list_a_profile_bar_opens_costs_a_fixed_number_of_queries(
    staff_client, world, django_assert_num_queries, query, expected
):
    """Session, user, the count, the page, its invitations, the choices of the filters and of
    the bulk action (one more to check the partner)."""
    url = "/staff/firms/?" + query.format(pk=world["tencent"].pk)
    staff_client.get(url)
    with django_assert_num_queries(expected):
        staff_client.get(url)
    _more_firms(12, world)
    with django_assert_num_queries(expected):
        assert staff_client.get(url).status_code == 200
