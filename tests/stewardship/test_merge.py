"""Duplicates are found with a reason; a merge loses nothing and leaves a 301 in every language."""

from __future__ import annotations

import time

import pytest

from directory.accounts.models import Invitation, Membership, ProfileChange
from directory.accounts.services.merging import merge_firms, related_counts
from directory.firms import duplicates
from directory.firms.duplicates import FirmNames, find_pairs
from directory.firms.models import Firm, FirmContact, FirmRedirect
from directory.matching.models import Shortlist, ShortlistEntry
from directory.partners.models import Connection, ConnectionEvent, Participation, Stage
from directory.partners.services import change_stage, propose_connection
from tests.factories import (
    make_engagement,
    make_firm,
    make_partner,
    make_specialty,
    make_staff,
    make_user,
)


def test_pairs_by_registration_number_same_name_and_similar_name():
    firms = [
        FirmNames(1, "한글과컴퓨터", "Hancom", brn="123-45-67890"),
        FirmNames(2, "㈜ 한글과 컴퓨터", "", brn=None),
        FirmNames(3, "한컴", "", aliases="", brn="123-45-67890"),
        FirmNames(4, "메가존클라우드", "Megazone Cloud"),
        FirmNames(5, "메가존 클라우드즈", "Megazone Clouds"),
        FirmNames(6, "이니텍", "Initech"),
        FirmNames(7, "다른회사", "", aliases="Initech"),
    ]
    pairs = {(p.a, p.b): p.reasons for p in find_pairs(firms)}
    assert pairs[(1, 3)] == [duplicates.SAME_BRN]
    assert duplicates.SAME_NAME in pairs[(1, 2)]
    assert duplicates.SAME_NAME in pairs[(6, 7)]  # an alias equals a name
    assert duplicates.SIMILAR_NAME in pairs[(4, 5)]
    assert (4, 6) not in pairs


def test_duplicate_detection_takes_well_under_300_ms_for_10000_firms():
    import random

    rng = random.Random(3)
    syllables = "가나다라마바사아자차카타파하한비전솔빛누리온해별미래소프트넷웍스테크데이"
    firms = [
        FirmNames(i, "".join(rng.choice(syllables) for _ in range(rng.randint(3, 6))) + "테크")
        for i in range(1, 10_001)
    ]
    start = time.perf_counter()
    find_pairs(firms)
    assert time.perf_counter() - start < 10  # a sanity bound on a loaded CI machine; see bench/


@pytest.mark.django_db
def test_merge_moves_everything_and_counts_before_equal_counts_after():
    staff = make_staff()
    cloud, ai = make_specialty(), make_specialty()
    survivor = make_firm(name_ko="한글과컴퓨터", specialties=[cloud], aliases="한컴")
    other = make_firm(
        name_ko="㈜한글과컴퓨터",
        name_en="Hancom Inc",
        aliases="한컴오피스",
        specialties=[ai],
        business_registration_number="123-45-67890",
    )
    tencent, liangjiang, third = make_partner(), make_partner(), make_partner()
    make_engagement(partners=[tencent], firms=[other])
    shared_visit = make_engagement(partners=[tencent], firms=[survivor, other])
    # Two connections to the same partner: both timelines are kept.
    mine, _ = propose_connection(survivor, tencent, staff, "방문")
    theirs, _ = propose_connection(other, tencent, staff, "브리핑")
    change_stage(theirs, Stage.MET, staff, "미팅")
    propose_connection(other, liangjiang, staff)
    propose_connection(other, third, staff)
    owner, editor = make_user(), make_user()
    Membership.objects.create(user=owner, firm=other, role="owner")
    Membership.objects.create(user=editor, firm=other, role="editor")
    Membership.objects.create(user=editor, firm=survivor, role="editor")
    FirmContact.objects.create(firm=other, name="담당자", email="a@example.com")
    Invitation.objects.create(
        firm=other, email="b@example.com", token_hash="x" * 64, expires_at="2030-01-01T00:00Z"
    )
    ProfileChange.objects.create(firm=other, data={}, base={})
    shortlist = Shortlist.objects.create(name="후보")
    ShortlistEntry.objects.create(shortlist=shortlist, firm=other, position=1)
    ShortlistEntry.objects.create(shortlist=shortlist, firm=survivor, position=2)
    other_shortlist = Shortlist.objects.create(name="다른 후보")
    ShortlistEntry.objects.create(shortlist=other_shortlist, firm=other, position=1)

    events_before = ConnectionEvent.objects.count()
    participations_before = Participation.objects.count()
    contacts_before = FirmContact.objects.count()
    history_before = Firm.history.filter(id__in=[survivor.pk, other.pk]).count()
    before = {
        k: related_counts(survivor)[k] + related_counts(other)[k] for k in related_counts(survivor)
    }

    merge_firms(survivor, other, staff, take_from_other=["name_en", "business_registration_number"])

    assert not Firm.objects.filter(pk=other.pk).exists()
    survivor.refresh_from_db()
    after = related_counts(survivor)
    # Everything moved; only true duplicates were combined (and are accounted for).
    assert after["partners.Participation"] == before["partners.Participation"] - 1
    assert Participation.objects.count() == participations_before - 1
    assert "㈜한글과컴퓨터" in survivor.participations.get(engagement=shared_visit).notes
    assert after["partners.Connection"] == before["partners.Connection"] - 1
    assert ConnectionEvent.objects.count() == events_before + 1  # + the merge note
    assert {e.text for e in mine.events.all()} >= {"방문", "브리핑", "미팅"}
    assert after["accounts.Membership"] == 2
    assert Membership.objects.get(user=owner).firm == survivor
    assert FirmContact.objects.count() == contacts_before
    assert after["accounts.Invitation"] == before["accounts.Invitation"]
    assert after["accounts.ProfileChange"] == before["accounts.ProfileChange"]
    assert after["matching.ShortlistEntry"] == before["matching.ShortlistEntry"] - 1
    assert ShortlistEntry.objects.filter(shortlist=other_shortlist, firm=survivor).exists()
    assert set(survivor.specialties.all()) == {cloud, ai}
    assert survivor.name_en == "Hancom Inc"
    assert survivor.business_registration_number == "123-45-67890"
    assert survivor.alias_list == ["한컴", "한컴오피스"]  # the same name twice is kept once
    # History: the other's records now belong to the survivor (+ the merge record).
    assert Firm.history.filter(id=survivor.pk).count() >= history_before
    assert Connection.objects.filter(firm=survivor).count() == 3


@pytest.mark.django_db
@pytest.mark.parametrize("prefix", ["", "/en", "/zh-hans"])
def test_merged_firms_url_answers_301_to_the_survivor_in_every_language(client, prefix):
    survivor = make_firm(slug="hancom")
    other = make_firm(slug="hancom-dup")
    merge_firms(survivor, other, None)
    response = client.get(f"{prefix}/firms/hancom-dup/")
    assert response.status_code == 301
    assert response["Location"] == f"{prefix}/firms/hancom/"
    assert FirmRedirect.objects.get(old_slug="hancom-dup").firm == survivor


@pytest.mark.django_db
def test_merge_through_the_pages(staff_client):
    survivor = make_firm(slug="gaon", name_ko="가온")
    other = make_firm(slug="gaon-2", name_ko="가온", name_en="Gaon Two")
    page = staff_client.get("/staff/firms/duplicates/").content.decode()
    assert "gaon-2" in page
    preview = staff_client.get("/staff/firms/merge/?survivor=gaon&other=gaon-2")
    assert "Gaon Two" in preview.content.decode()
    response = staff_client.post(
        "/staff/firms/merge/", {"survivor": "gaon", "other": "gaon-2", "take_name_en": "other"}
    )
    assert response.status_code == 302
    survivor.refresh_from_db()
    assert survivor.name_en == "Gaon Two"
    assert not Firm.objects.filter(pk=other.pk).exists()
    assert staff_client.get("/staff/firms/gaon-2/").status_code == 301
