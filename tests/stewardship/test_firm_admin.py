"""Staff create, edit, publish, verify, archive firms; bulk actions; invitations; taxonomy."""

from __future__ import annotations

import pytest
from django.core import mail

from directory.accounts.models import Invitation
from directory.accounts.services import current_token
from directory.firms.models import Firm, FirmContact, FirmRedirect, Specialty
from directory.matching.models import Shortlist
from directory.partners.models import OverseasPartner
from tests.factories import make_engagement, make_firm, make_partner, make_specialty

pytestmark = pytest.mark.django_db


def form_data(**overrides):
    data = {
        "name_ko": "가교에이아이",
        "name_en": "",
        "token": "",
        "contacts-TOTAL_FORMS": "1",
        "contacts-INITIAL_FORMS": "0",
        "contacts-MIN_NUM_FORMS": "0",
        "contacts-MAX_NUM_FORMS": "20",
        "contacts-0-name": "김담당",
        "contacts-0-email": "owner@gagyo.example",
    }
    data.update(overrides)
    return data


def test_staff_create_a_firm_with_a_romanised_unique_slug(staff_client, staff):
    make_firm(slug="gagyoeiai")
    response = staff_client.post("/staff/firms/new/", form_data())
    firm = Firm.objects.get(name_ko="가교에이아이")
    assert response.status_code == 302
    assert firm.slug == "gagyoeiai-2"
    assert not firm.is_published
    assert firm.contacts.get().email == "owner@gagyo.example"
    assert firm.history.last().history_user == staff


def test_create_requires_the_korean_name_and_a_free_slug(staff_client):
    make_firm(slug="taken")
    response = staff_client.post("/staff/firms/new/", form_data(name_ko="", slug="taken"))
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"name_ko", "slug"}
    assert Firm.objects.count() == 1


def test_edit_records_history_and_an_edited_slug_keeps_the_old_address(staff_client, staff):
    firm = make_firm(slug="old-slug", name_ko="가온")
    token = current_token(firm, for_staff=True)
    staff_client.post(
        "/staff/firms/old-slug/edit/",
        form_data(name_ko="가온 클라우드", token=token, slug="new-slug", is_published="on"),
    )
    firm.refresh_from_db()
    assert (firm.name_ko, firm.slug, firm.is_published) == ("가온 클라우드", "new-slug", True)
    assert firm.history.filter(history_user=staff).exists()
    assert FirmRedirect.objects.get(old_slug="old-slug").firm == firm
    assert staff_client.get("/staff/firms/old-slug/").status_code == 301
    assert staff_client.get("/firms/old-slug/").status_code == 301


def test_edit_conflict_is_shown_never_a_silent_overwrite(staff_client):
    firm = make_firm(slug="gaon", name_ko="가온")
    token = current_token(firm, for_staff=True)
    firm.summary_ko = "다른 사람이 바꿈"
    firm.save()
    response = staff_client.post(
        "/staff/firms/gaon/edit/", form_data(name_ko="가온", summary_ko="내 요약", token=token)
    )
    assert response.status_code == 409
    firm.refresh_from_db()
    assert firm.summary_ko == "다른 사람이 바꿈"


def test_publish_verify_archive_and_restore(staff_client):
    firm = make_firm(slug="gaon", is_published=False)
    for action in ("publish", "verify", "archive"):
        staff_client.post("/staff/firms/gaon/status/", {"action": action})
    firm.refresh_from_db()
    assert (firm.is_verified, firm.is_archived, firm.is_published) == (True, True, False)
    assert "gaon" not in staff_client.get("/staff/firms/").content.decode()
    assert "gaon" in staff_client.get("/staff/firms/?show=archived").content.decode()
    staff_client.post("/staff/firms/gaon/status/", {"action": "unarchive"})
    firm.refresh_from_db()
    assert not firm.is_archived


def test_a_firm_with_engagements_is_archived_never_deleted(staff_client):
    firm = make_firm(slug="gaon")
    make_engagement(firms=[firm])
    staff_client.post("/staff/firms/gaon/status/", {"action": "archive"})
    assert Firm.objects.filter(pk=firm.pk, is_archived=True).exists()


def test_list_searches_like_the_directory_including_unpublished_firms(staff_client):
    make_firm(slug="hancom", name_ko="한글과컴퓨터", aliases="한컴", is_published=False)
    make_firm(slug="other", name_ko="다른기업")
    for q in ("컴퓨터", "한컴", "ㅎㄱㄱㅋ"):
        page = staff_client.get("/staff/firms/", {"q": q}).content.decode()
        assert "hancom" in page and "other" not in page, q
    page = staff_client.get("/staff/firms/?published=no").content.decode()
    assert "hancom" in page and "other" not in page


def test_bulk_publish_verify_and_specialties(staff_client):
    a, b = make_firm(is_published=False), make_firm(is_published=False)
    cloud = make_specialty(slug="cloud")
    ids = [str(a.pk), str(b.pk)]
    staff_client.post("/staff/firms/bulk/", {"firms": ids, "action": "publish"})
    staff_client.post("/staff/firms/bulk/", {"firms": ids, "action": "verify"})
    staff_client.post(
        "/staff/firms/bulk/", {"firms": ids, "action": "add_specialty", "specialty": "cloud"}
    )
    assert Firm.objects.filter(is_published=True, is_verified=True, specialties=cloud).count() == 2
    staff_client.post(
        "/staff/firms/bulk/",
        {"firms": [ids[0]], "action": "remove_specialty", "specialty": "cloud"},
    )
    assert list(cloud.firms.all()) == [b]


def test_bulk_add_to_a_new_shortlist(staff_client):
    a, b = make_firm(), make_firm(is_published=False)
    response = staff_client.post(
        "/staff/match/shortlists/add-firms/", {"firms": [a.pk, b.pk], "name": "상하이 후속"}
    )
    shortlist = Shortlist.objects.get(name="상하이 후속")
    assert response.status_code == 302
    assert set(shortlist.entries.values_list("firm_id", flat=True)) == {a.pk, b.pk}


def test_bulk_invitations_one_live_per_firm_and_address_in_korean(staff_client):
    a = make_firm(name_ko="가온클라우드", name_en="Gaon Cloud")
    b = make_firm()
    FirmContact.objects.create(firm=a, name="김", email="Kim@Gaon.example")
    ids = [str(a.pk), str(b.pk)]
    staff_client.post("/en/staff/firms/bulk/", {"firms": ids, "action": "invite"})
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["kim@gaon.example"]
    assert "가온클라우드" in message.subject and "초대" in message.subject + message.body
    assert "/en/" not in message.body
    # Inviting again sends nothing; resending replaces the live invitation.
    staff_client.post("/staff/firms/bulk/", {"firms": ids, "action": "invite"})
    assert len(mail.outbox) == 1
    staff_client.post("/staff/firms/bulk/", {"firms": ids, "action": "resend"})
    assert len(mail.outbox) == 2
    assert Invitation.objects.open().filter(firm=a).count() == 1
    assert Invitation.objects.filter(firm=a).count() == 2
    page = staff_client.get("/staff/firms/").content.decode()
    assert "초대 발송" in page or "invitation sent" in page


def test_merge_two_specialties_keeps_every_link(staff_client):
    cloud = make_specialty(slug="cloud", name_ko="클라우드")
    cloud_old = make_specialty(slug="cloud-old", name_ko="클라우드(구)")
    child = make_specialty(slug="dc", name_ko="데이터센터", parent=cloud_old)
    a = make_firm(specialties=[cloud_old])
    b = make_firm(specialties=[cloud, cloud_old])
    partner = make_partner(seeks=[cloud_old])
    response = staff_client.post(
        "/staff/firms/taxonomy/specialties/merge/",
        {"source": cloud_old.pk, "target": cloud.pk},
    )
    assert response.status_code == 302
    assert not Specialty.objects.filter(slug="cloud-old").exists()
    assert set(cloud.firms.all()) == {a, b}
    assert list(OverseasPartner.objects.get(pk=partner.pk).seeks_specialties.all()) == [cloud]
    child.refresh_from_db()
    assert child.parent == cloud


def test_rename_and_add_child_specialty_cluster_and_country(staff_client):
    cloud = make_specialty(slug="cloud", name_ko="클라우드")
    staff_client.post(
        "/staff/firms/taxonomy/specialties/cloud/",
        {"name_ko": "클라우드 컴퓨팅", "name_en": "Cloud", "slug": "cloud", "position": 0},
    )
    cloud.refresh_from_db()
    assert cloud.name_ko == "클라우드 컴퓨팅"
    staff_client.post(
        "/staff/firms/taxonomy/specialties/new/",
        {"name_ko": "엣지", "slug": "edge", "parent": cloud.pk, "position": 1},
    )
    assert Specialty.objects.get(slug="edge").parent == cloud
    staff_client.post(
        "/staff/firms/taxonomy/clusters/new/", {"name_ko": "광교", "slug": "gwanggyo"}
    )
    staff_client.post(
        "/staff/firms/taxonomy/countries/new/",
        {"code": "MN", "name_ko": "몽골", "name_en": "Mongolia"},
    )
    from directory.firms.models import Cluster, Country

    assert Cluster.objects.filter(slug="gwanggyo").exists()
    assert Country.objects.filter(code="MN").exists()
