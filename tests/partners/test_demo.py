"""The article's demo data: two engagements, six delegates, six Tencent Cloud connections."""

import pytest

from directory.demo.partners import load_partners
from directory.partners.models import (
    Connection,
    ConnectionEvent,
    Engagement,
    OverseasPartner,
    Participation,
    Stage,
)

pytestmark = pytest.mark.django_db


def test_demo_has_the_two_engagements_and_six_delegates(demo):
    assert Engagement.objects.count() == 2
    visit = Engagement.objects.get(partners__slug="tencent-cloud")
    assert visit.participations.count() == 6
    assert set(visit.participations.values_list("role", flat=True)) == {"delegate"}
    # The article names no month: no date is invented.
    assert all(e.date is None and e.date_is_approximate for e in Engagement.objects.all())


def test_demo_connects_each_delegate_with_tencent_cloud_at_met(demo):
    tencent = OverseasPartner.objects.get(slug="tencent-cloud")
    connections = Connection.objects.filter(partner=tencent)
    assert connections.count() == 6
    assert set(connections.values_list("stage", flat=True)) == {Stage.MET}
    # No invented outcomes: no assessments, no agreements, no owners or due dates.
    assert not ConnectionEvent.objects.filter(kind="assessment").exists()
    assert not connections.exclude(owner=None).exists()
    assert not connections.exclude(due_date=None).exists()


def test_demo_loader_is_idempotent_and_keeps_edits(demo):
    connection = Connection.objects.first()
    connection.stage = Stage.IN_DISCUSSION
    connection.save()
    Participation.objects.first().delete()
    load_partners()
    load_partners()
    assert Engagement.objects.count() == 2
    assert Connection.objects.count() == 6
    assert ConnectionEvent.objects.count() == 6
    connection.refresh_from_db()
    assert connection.stage == Stage.IN_DISCUSSION
    assert Participation.objects.count() == 5


def test_demo_pages_render_for_staff(staff_client, demo):
    visit = Engagement.objects.get(partners__slug="tencent-cloud")
    html = staff_client.get(f"/staff/engagements/{visit.pk}/").content.decode()
    assert "한글과컴퓨터" in html
    assert "calendar.ics" not in html  # the visit has no full date
    assert staff_client.get("/staff/partners/tencent-cloud/").status_code == 200
    assert staff_client.get("/staff/connections/?stage=met").context["total_unstaged"] == 6


# Remarks about the source article, which belong in staff notes only.
SOURCE_REMARKS = ("기사", "the source", "the article", "出处", "来源")


def test_demo_public_texts_carry_no_remarks_about_the_source(demo):
    from directory.firms.models import Firm

    public = []
    for e in Engagement.objects.all():
        public += [e.summary_ko, e.summary_en, e.summary_zh, e.title_ko, e.place_ko]
    for p in OverseasPartner.objects.all():
        public += [p.description_ko, p.description_en, p.description_zh]
    for f in Firm.objects.all():
        public += [f.summary_ko, f.summary_en, f.description_ko, f.description_en]
    assert not [t for t in public if any(r in t for r in SOURCE_REMARKS)]
    visit = Engagement.objects.get(partners__slug="tencent-cloud")
    assert "기사에 월은 나오지 않음" in visit.notes


def test_demo_reload_moves_an_old_source_remark_into_notes(demo):
    visit = Engagement.objects.get(partners__slug="tencent-cloud")
    Engagement.objects.filter(pk=visit.pk).update(
        summary_ko=visit.summary_ko.replace(
            "방문했다.", "방문했다(25일; 기사에 월은 나오지 않음)."
        ),
        notes="",
    )
    load_partners()
    visit.refresh_from_db()
    assert "기사" not in visit.summary_ko
    assert "기사에 월은 나오지 않음" in visit.notes


def test_demo_reload_keeps_a_summary_staff_edited(demo):
    visit = Engagement.objects.get(partners__slug="tencent-cloud")
    Engagement.objects.filter(pk=visit.pk).update(
        summary_ko="담당자가 고친 요약 (25일; 기사에 월은 나오지 않음)"
    )
    load_partners()
    visit.refresh_from_db()
    assert visit.summary_ko == "담당자가 고친 요약 (25일; 기사에 월은 나오지 않음)"
