"""Only staff see match pages, shortlists and briefing packs; nobody else changes anything."""

from __future__ import annotations

import pytest
from django.urls import reverse

from directory.matching.models import Shortlist, ShortlistEntry
from directory.matching.scoring import Brief
from directory.matching.services import create_shortlist
from directory.partners.models import Connection, ConnectionEvent
from tests.factories import make_firm, make_member, make_partner, make_staff, make_user


@pytest.fixture
def setup(db):
    firm = make_firm(slug="member-firm")
    partner = make_partner(slug="perm-partner")
    shortlist = create_shortlist(
        name="perm",
        brief=Brief(partner_id=partner.pk),
        firm_ids=[firm.pk],
        author=make_staff(),
        partner=partner,
    )
    return {"firm": firm, "partner": partner, "shortlist": shortlist}


def _get_urls(setup):
    pk = setup["shortlist"].pk
    return [
        reverse("matching:match"),
        reverse("matching:match") + "?partner=perm-partner",
        reverse("matching:firm", args=["member-firm"]),
        reverse("matching:shortlist-list"),
        reverse("matching:shortlist-detail", args=[pk]),
        reverse("matching:briefing", args=[pk]),
        reverse("matching:briefing-csv", args=[pk]),
        reverse("matching:briefing-xlsx", args=[pk]),
    ]


def _posts(setup):
    return [
        (
            reverse("matching:shortlist-create"),
            {"name": "x", "partner": "perm-partner", "keywords": "a", "firms": [setup["firm"].pk]},
        ),
        (reverse("matching:shortlist-introduce", args=[setup["shortlist"].pk]), {}),
    ]


def _counts():
    return (
        Shortlist.objects.count(),
        ShortlistEntry.objects.count(),
        Connection.objects.count(),
        ConnectionEvent.objects.count(),
    )


def test_anonymous_is_sent_to_login_everywhere(client, setup):
    before = _counts()
    for url in _get_urls(setup):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response.url.startswith(reverse("login")), url
    for url, data in _posts(setup):
        response = client.post(url, data)
        assert response.status_code == 302, url
        assert response.url.startswith(reverse("login")), url
    assert _counts() == before


@pytest.mark.parametrize("who", ["firm member", "plain user", "inactive staff"])
def test_non_staff_get_403_and_change_nothing(client, setup, who):
    if who == "firm member":
        user = make_member(setup["firm"])
    elif who == "plain user":
        user = make_user()
    else:
        user = make_staff(is_active=False)
    client.force_login(user)
    before = _counts()
    for url in _get_urls(setup):
        response = client.get(url)
        if who == "inactive staff":  # an inactive user is logged out: login redirect
            assert response.status_code == 302, url
        else:
            assert response.status_code == 403, url
    for url, data in _posts(setup):
        assert client.post(url, data).status_code in (302, 403), url
        if who != "inactive staff":
            assert client.post(url, data).status_code == 403, url
    assert _counts() == before


def test_staff_see_every_page(client, setup):
    client.force_login(make_staff())
    for url in _get_urls(setup):
        assert client.get(url).status_code == 200, url
