"""Completeness and freshness bars open the staff firm list filtered to exactly the firms they
count (one definition in ``firms/profile_status.py``), with the dashboard's partner carried
over; the list's new filters refuse bad values with the form's error, never a 500."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from directory.dashboard import figures
from directory.dashboard.filters import DashboardFilters
from directory.firms.models import Country, Firm, SizeBand
from directory.firms.profile_status import COMPLETENESS_BANDS, FRESHNESS_BUCKETS
from directory.partners.models import Stage
from tests.factories import (
    make_connection,
    make_engagement,
    make_firm,
    make_partner,
    make_specialty,
)


@pytest.fixture
def firms(demo):
    """The demo firms plus firms in every band and bucket, an archived one and a partner's."""
    now = timezone.now()
    market = Country.objects.first()
    full = {
        "name_en": "Complete",
        "summary_ko": "요약",
        "description_ko": "설명",
        "logo": "logos/x.png",
        "founded_year": 2020,
        "size_band": SizeBand.values[0],
        "website": "https://example.com",
        "address": "경기도",
    }
    complete = make_firm(
        specialties=[make_specialty()], markets=[market], last_confirmed_at=now, **full
    )
    most = make_firm(
        specialties=[make_specialty()],
        last_confirmed_at=now - timedelta(days=200),
        **{**full, "name_en": ""},
    )
    half = make_firm(
        name_en="Half",
        summary_ko="요약",
        description_ko="설명",
        website="https://example.com",
        founded_year=2019,
        last_confirmed_at=now - timedelta(days=400),
    )
    bare = make_firm()
    archived = make_firm(is_archived=True, last_confirmed_at=now)
    partner = make_partner(slug="bars-partner")
    make_engagement(partners=[partner], firms=[half], is_public=False)
    make_connection(firm=bare, partner=partner, stage=Stage.MET)
    make_connection(firm=archived, partner=partner, stage=Stage.MET)
    return {"complete": complete, "most": most, "half": half, "bare": bare, "partner": partner}


def _listed(client, url: str) -> set[str]:
    response = client.get(url)
    assert response.status_code == 200, url
    assert not response.context["filter"].form.errors, response.context["filter"].form.errors
    ctx = response.context
    assert ctx["total"] == len(ctx["firms"])  # one page here
    return {firm.slug for firm in ctx["firms"]}


def _figure_firms(figure_key: str, key: str, filters: DashboardFilters) -> set[str]:
    """The firms a bar counts, by the figure's own definition (not the list's)."""
    from directory.firms import profile_status

    firms = figures._profile_firms(filters)
    if figure_key == "completeness":
        firms = profile_status.with_completeness(firms).filter(completeness_band=key)
    else:
        firms = profile_status.with_freshness(firms).filter(freshness_bucket=key)
    return set(firms.values_list("slug", flat=True))


@pytest.mark.parametrize("with_partner", [False, True])
@pytest.mark.parametrize("figure_key", ["completeness", "freshness"])
def test_each_bar_opens_the_list_of_exactly_the_firms_it_counts(
    staff_client, firms, figure_key, with_partner
):
    filters = DashboardFilters(partner=firms["partner"] if with_partner else None)
    figure = figures.compute(figure_key, filters, public=False)
    bands = COMPLETENESS_BANDS if figure_key == "completeness" else FRESHNESS_BUCKETS
    assert [row.key for row in figure.rows] == [key for key, _ in bands]
    for row in figure.rows:
        assert row.url.startswith("/staff/firms/?"), row.url
        listed = _listed(staff_client, row.url)
        assert len(listed) == row.value, (row.key, row.url)
        assert listed == _figure_firms(figure_key, row.key, filters)
    # The bars add up to the active firms (with the partner: its firms), none counted twice.
    assert figure.total == figures._profile_firms(filters).count()


def test_bands_and_buckets_put_the_made_firms_where_expected(firms):
    completeness = {
        row.key: row.value for row in figures.profile_completeness(DashboardFilters()).rows
    }
    assert completeness["complete"] >= 1 and completeness["most"] >= 1
    fresh = {row.key: row.value for row in figures.profile_freshness(DashboardFilters()).rows}
    assert fresh == {"recent": 1, "year": 1, "stale": 1, "never": Firm.objects.count() - 4}


def test_partner_filter_narrows_the_staff_firm_list(staff_client, firms):
    partner = firms["partner"]
    listed = _listed(staff_client, f"/staff/firms/?partner={partner.pk}")
    # An engagement (even a private one) or a connection; the archived firm stays hidden.
    assert listed == {firms["half"].slug, firms["bare"].slug}


def test_profile_bars_carry_the_partner_over(db, firms):
    partner = firms["partner"]
    figure = figures.profile_completeness(DashboardFilters(partner=partner))
    assert all(f"partner={partner.pk}" in row.url for row in figure.rows)
    assert figure.total == 2


@pytest.mark.parametrize(
    "query",
    ["completeness=nope", "confirmed=yesterday", "partner=999999", "partner=abc", "confirmed=%00"],
)
def test_bad_filter_values_give_the_form_error_not_a_500(staff_client, firms, query):
    response = staff_client.get(f"/staff/firms/?{query}")
    assert response.status_code == 200
    assert response.context["filter"].form.errors
    assert 'class="errorlist' in response.content.decode()


@pytest.mark.parametrize(
    ("prefix", "labels"),
    [
        ("", ["완성", "50% 미만"]),
        ("/en", ["profile completeness", "last confirmed", "under 50%", "never confirmed"]),
        ("/zh-hans", ["从未确认"]),
    ],
)
def test_new_filters_are_in_the_form_in_each_language(staff_client, firms, prefix, labels):
    text = staff_client.get(f"{prefix}/staff/firms/").content.decode()
    for name in ("completeness", "confirmed", "partner"):
        assert f'name="{name}"' in text
    for label in labels:
        assert label in text, label
