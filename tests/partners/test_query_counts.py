"""List pages run a fixed number of queries, however many rows they show."""

from datetime import timedelta

import pytest
from django.db import connection as db_connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from directory.partners.models import PartnerContact, Stage
from tests.factories import (
    make_connection,
    make_engagement,
    make_firm,
    make_partner,
    make_specialty,
    make_staff,
)

pytestmark = pytest.mark.django_db


def _add_rows(n: int) -> None:
    today = timezone.localdate()
    specialty = make_specialty()
    for _ in range(n):
        owner = make_staff()
        partner = make_partner(seeks=[specialty])
        PartnerContact.objects.create(partner=partner, name="c")
        firm = make_firm(specialties=[specialty])
        engagement = make_engagement(
            partners=[partner], firms=[firm, make_firm()], date=today + timedelta(days=3)
        )
        make_connection(
            firm=firm,
            partner=partner,
            owner=owner,
            stage=Stage.MET,
            source_engagement=engagement,
            next_step="x",
            due_date=today,
        )
        make_firm(specialties=[specialty])  # left out


def _count(client, url) -> int:
    with CaptureQueriesContext(db_connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


LIST_PAGES = [
    ("/staff/", 11),  # with the count of changes waiting for review
    ("/staff/partners/", 4),
    ("/staff/engagements/", 6),
    ("/staff/engagements/upcoming/", 5),
    ("/staff/connections/", 7),
    ("/staff/follow-ups/", 4),
]


@pytest.mark.parametrize(("url", "expected"), LIST_PAGES)
def test_list_page_query_count_is_fixed(staff_client, django_assert_num_queries, url, expected):
    _add_rows(2)
    first = _count(staff_client, url)
    _add_rows(3)
    assert _count(staff_client, url) == first
    with django_assert_num_queries(expected):
        staff_client.get(url)


def test_left_out_page_query_count_does_not_grow_with_firms(
    staff_client, django_assert_num_queries
):
    specialty = make_specialty()
    partner = make_partner(seeks=[specialty])
    engagement = make_engagement(partners=[partner])
    for _ in range(2):
        make_firm(specialties=[specialty])
    url = f"/staff/engagements/{engagement.pk}/left-out/"
    first = _count(staff_client, url)
    for _ in range(5):
        make_firm(specialties=[specialty])
    assert _count(staff_client, url) == first
    # Pinned: the page's count and rows are two queries whatever the number of firms.
    with django_assert_num_queries(15):
        staff_client.get(url)


def test_engagement_page_query_count_does_not_grow_with_participants(staff_client):
    partner = make_partner()
    engagement = make_engagement(partners=[partner], firms=[make_firm(), make_firm()])
    url = f"/staff/engagements/{engagement.pk}/"
    first = _count(staff_client, url)
    for _ in range(4):
        firm = make_firm()
        engagement.participations.create(firm=firm)
        make_connection(firm=firm, partner=partner, source_engagement=engagement)
    assert _count(staff_client, url) == first
