"""Staff create, edit, archive and (only when safe) delete overseas partners."""

import pytest
from django.db.models import ProtectedError

from directory.partners.models import OverseasPartner
from tests.factories import make_connection, make_country, make_engagement, make_partner
from tests.factories import make_specialty as spec

pytestmark = pytest.mark.django_db


def _form(**overrides):
    data = {
        "name_ko": "알리바바 클라우드",
        "name_en": "Alibaba Cloud",
        "name_zh": "阿里云",
        "slug": "alibaba-cloud",
        "kind": "company",
        "country": make_country("CN").pk,
        "city_ko": "항저우",
        "website": "https://example.com",
        "seeks_text": "클라우드 협력",
        "staff_notes": "비공개 메모",
        "contacts-TOTAL_FORMS": "1",
        "contacts-INITIAL_FORMS": "0",
        "contacts-0-name": "Li Wei",
        "contacts-0-email": "li@example.com",
    }
    data.update(overrides)
    return data


def test_staff_creates_partner_with_contact_and_sought_specialties(staff_client, staff):
    cloud = spec()
    response = staff_client.post("/staff/partners/new/", _form(seeks_specialties=[cloud.pk]))
    partner = OverseasPartner.objects.get(slug="alibaba-cloud")
    assert response.status_code == 302
    assert response["Location"] == "/staff/partners/alibaba-cloud/"
    assert partner.contacts.get().name == "Li Wei"
    assert list(partner.seeks_specialties.all()) == [cloud]
    assert partner.history.first().history_user == staff
    page = staff_client.get(response["Location"]).content.decode()
    assert "비공개 메모" in page and "Li Wei" in page


def test_invalid_partner_form_shows_errors_and_saves_nothing(staff_client):
    response = staff_client.post(
        "/staff/partners/new/", _form(name_ko="", website="not a url", **{"contacts-0-email": "x"})
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "errorlist" in html
    assert "알리바바" not in OverseasPartner.objects.values_list("name_ko", flat=True)
    # What was typed is kept.
    assert "阿里云" in html and "비공개 메모" in html


def test_duplicate_slug_is_refused_with_a_message(staff_client):
    make_partner(slug="alibaba-cloud")
    response = staff_client.post("/staff/partners/new/", _form())
    assert response.status_code == 200
    assert OverseasPartner.objects.filter(slug="alibaba-cloud").count() == 1


def test_staff_edits_partner_and_removes_a_contact(staff_client):
    partner = make_partner(slug="p1")
    contact = partner.contacts.create(name="Old Contact")
    data = _form(slug="p1", name_ko="바뀐 이름")
    data.update(
        {
            "contacts-TOTAL_FORMS": "1",
            "contacts-INITIAL_FORMS": "1",
            "contacts-0-id": contact.pk,
            "contacts-0-name": "Old Contact",
            "contacts-0-DELETE": "on",
        }
    )
    response = staff_client.post("/staff/partners/p1/edit/", data)
    assert response.status_code == 302
    partner.refresh_from_db()
    assert partner.name_ko == "바뀐 이름"
    assert not partner.contacts.exists()


def test_archiving_hides_partner_publicly_and_keeps_history(staff_client, client):
    partner = make_partner(slug="arch")
    make_engagement(partners=[partner])
    staff_client.post("/staff/partners/arch/archive/")
    partner.refresh_from_db()
    assert partner.is_archived
    assert partner.history.count() == 2
    assert OverseasPartner.objects.filter(pk=partner.pk).exists()
    assert staff_client.get("/staff/partners/").content.decode().count("/staff/partners/arch/") == 0
    assert (
        "/staff/partners/arch/"
        in staff_client.get("/staff/partners/?show=archived").content.decode()
    )
    staff_client.post("/staff/partners/arch/unarchive/")
    partner.refresh_from_db()
    assert not partner.is_archived


def test_deleting_a_partner_with_engagements_is_refused_with_a_clear_message(staff_client):
    partner = make_partner(slug="busy")
    make_engagement(partners=[partner])
    page = staff_client.get("/en/staff/partners/busy/delete/").content.decode()
    assert "cannot be deleted" in page and "Archive it instead" in page
    response = staff_client.post("/en/staff/partners/busy/delete/", follow=True)
    assert OverseasPartner.objects.filter(pk=partner.pk).exists()
    assert "cannot be deleted" in response.content.decode()


def test_deleting_a_partner_with_connections_is_refused(staff_client):
    partner = make_partner(slug="connected")
    make_connection(partner=partner)
    staff_client.post("/staff/partners/connected/delete/")
    assert OverseasPartner.objects.filter(pk=partner.pk).exists()


def test_partner_without_engagements_or_connections_can_be_deleted(staff_client):
    make_partner(slug="lonely")
    response = staff_client.post("/staff/partners/lonely/delete/")
    assert response.status_code == 302
    assert not OverseasPartner.objects.filter(slug="lonely").exists()


def test_model_delete_refuses_partner_with_engagements():
    partner = make_partner()
    make_engagement(partners=[partner])
    with pytest.raises(ProtectedError):
        partner.delete()
    assert OverseasPartner.objects.filter(pk=partner.pk).exists()


def test_admin_refuses_to_delete_partner_with_engagements(client):
    from tests.factories import make_user

    admin = make_user(is_staff=True, is_superuser=True)
    client.force_login(admin)
    partner = make_partner()
    make_engagement(partners=[partner])
    url = f"/admin/partners/overseaspartner/{partner.pk}/delete/"
    page = client.get(url).content.decode()
    assert "protected" in page.lower() or "보호" in page
    client.post(url, {"post": "yes"})
    assert OverseasPartner.objects.filter(pk=partner.pk).exists()
    # The bulk "delete selected" action refuses too.
    client.post(
        "/admin/partners/overseaspartner/",
        {"action": "delete_selected", "_selected_action": [partner.pk], "post": "yes"},
    )
    assert OverseasPartner.objects.filter(pk=partner.pk).exists()


def test_admin_refuses_to_delete_firm_with_connections(client):
    from directory.firms.models import Firm
    from tests.factories import make_user

    client.force_login(make_user(is_staff=True, is_superuser=True))
    connection = make_connection()
    client.post(f"/admin/firms/firm/{connection.firm.pk}/delete/", {"post": "yes"})
    assert Firm.objects.filter(pk=connection.firm.pk).exists()


def test_partner_list_filters_by_name(staff_client):
    make_partner(name_ko="텐센트 클라우드", slug="tc")
    make_partner(name_ko="다른 파트너", slug="other")
    html = staff_client.get("/en/staff/partners/?q=텐센트").content.decode()
    assert "/en/staff/partners/tc/" in html and "/staff/partners/other/" not in html
    assert "No partners match" in staff_client.get("/en/staff/partners/?q=zzz").content.decode()


def test_partner_list_empty_state(staff_client):
    assert "No overseas partners yet" in staff_client.get("/en/staff/partners/").content.decode()


def test_partner_page_shows_who_changed_what(staff_client, staff):
    partner = make_partner(slug="hist")
    data = _form(slug="hist", name_ko="새 이름", **{"contacts-TOTAL_FORMS": "0"})
    staff_client.post("/en/staff/partners/hist/edit/", data)
    response = staff_client.get("/en/staff/partners/hist/")
    rows = response.context["history"]
    assert rows[0].user == staff and rows[0].kind == "~"
    assert "name (Korean)" in rows[0].fields
    assert rows[-1].kind == "+"
    assert partner.history.count() == len(rows)


def test_staff_pages_work_in_english_and_chinese(staff_client):
    make_partner(slug="lang")
    for prefix in ("/en", "/zh-hans"):
        assert staff_client.get(f"{prefix}/staff/partners/lang/").status_code == 200
        assert staff_client.get(f"{prefix}/staff/connections/").status_code == 200


def test_empty_slug_is_made_from_the_english_name(staff_client):
    make_partner(slug="alibaba-cloud")
    response = staff_client.post("/staff/partners/new/", _form(slug=""))
    assert response.status_code == 302
    assert OverseasPartner.objects.filter(slug="alibaba-cloud-2").exists()
    staff_client.post("/staff/partners/new/", _form(slug="", name_en="", name_ko="충칭"))
    assert OverseasPartner.objects.filter(slug="partner", name_ko="충칭").exists()
