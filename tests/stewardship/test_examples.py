"""`load_demo --examples`: the sample file through the import pipeline; the Shanghai visit's
left-out page and matching for Tencent Cloud then list example firms that did not go."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from directory.firms.models import Firm, ImportJob
from directory.partners.models import Engagement, OverseasPartner
from directory.partners.services import left_out_queryset
from tests.factories import make_connection, make_firm, make_staff

pytestmark = pytest.mark.django_db


def test_examples_are_imported_through_the_pipeline_and_fill_the_left_out_page(client):
    call_command("load_demo", verbosity=0)
    assert not Firm.objects.filter(slug__startswith="example-").exists()  # facts only
    assert not OverseasPartner.objects.get(slug="tencent-cloud").seeks_specialties.exists()

    call_command("load_demo", examples=True, verbosity=0)
    job = ImportJob.objects.get()
    assert job.status == ImportJob.Status.APPLIED
    assert job.encoding == "cp949"
    assert (
        Firm.objects.filter(slug__startswith="example-", name_ko__startswith="[예시]").count() == 40
    )

    visit = Engagement.objects.filter(partners__slug="tencent-cloud").first()
    left_out = list(left_out_queryset(visit))
    assert left_out and all(f.slug.startswith("example-") for f in left_out)
    client.force_login(make_staff())
    page = client.get(f"/staff/engagements/{visit.pk}/left-out/").content.decode()
    assert "[예시]" in page
    match = client.get("/staff/match/?partner=tencent-cloud").content.decode()
    assert "[예시]" in match

    # Idempotent: a second run changes nothing.
    call_command("load_demo", examples=True, verbosity=0)
    assert Firm.objects.filter(slug__startswith="example-").count() == 40
    assert ImportJob.objects.latest("pk").counts["unchanged"] == 40


def test_connection_lists_on_staff_partner_and_firm_pages_are_paginated(client):
    from tests.factories import make_partner

    client.force_login(make_staff())
    partner = make_partner(slug="busy-partner")
    firm = make_firm(slug="busy-firm")
    for _ in range(30):
        make_connection(firm=make_firm(), partner=partner)
        make_connection(firm=firm, partner=make_partner())
    for url in ("/staff/partners/busy-partner/", "/staff/firms/busy-firm/"):
        first = client.get(url)
        assert first.context["page_obj"].paginator.count == 30
        assert len(first.context["connections"]) == 25
        assert len(client.get(url + "?page=2").context["connections"]) == 5
        assert client.get(url + "?page=99").status_code == 200
