"""The index follows every save, m2m change, update() and delete (through the change log, before
the next search), and can be rebuilt by a command."""

from io import StringIO

import pytest
from django.core.management import call_command

from directory.firms.models import Firm
from directory.partners.models import OverseasPartner
from directory.search import freshness
from directory.search.index import rebuild_index, reindex_firms, reindex_partners
from directory.search.models import FirmSearchDocument, PartnerSearchDocument
from directory.search.services import search_firms, search_partners
from tests.factories import make_firm, make_partner, make_specialty

pytestmark = pytest.mark.django_db


def slugs(q):
    return sorted(f.slug for f in search_firms(Firm.objects.all(), q))


def test_new_firm_is_indexed_on_create():
    make_firm(slug="new", name_ko="새로운회사")
    freshness.sync()  # what every search does first
    assert FirmSearchDocument.objects.get(firm__slug="new").names.startswith("\n새로운회사\n")
    assert slugs("로운회") == ["new"]


def test_renamed_firm_is_found_by_its_new_name_only():
    firm = make_firm(slug="renamed", name_ko="옛이름상사")
    firm.name_ko = "새이름상사"
    firm.save()
    assert slugs("옛이름") == []
    assert slugs("새이름") == ["renamed"]
    assert slugs("ㅅㅇㄹㅅㅅ") == ["renamed"]


def test_deleted_firm_leaves_the_index():
    firm = make_firm(slug="gone", name_ko="사라질회사")
    firm.delete()
    assert not FirmSearchDocument.objects.exists()
    assert slugs("사라질회사") == []


def test_adding_and_removing_specialties_reindexes_the_firm():
    specialty = make_specialty(name_ko="양자컴퓨팅")
    firm = make_firm(slug="q")
    firm.specialties.add(specialty)
    assert slugs("양자컴퓨팅") == ["q"]
    firm.specialties.remove(specialty)
    assert slugs("양자컴퓨팅") == []
    firm.specialties.add(specialty)
    firm.specialties.clear()
    assert slugs("양자컴퓨팅") == []


def test_renaming_a_specialty_reindexes_its_firms_and_its_childrens_firms():
    parent = make_specialty(name_ko="로봇")
    child = make_specialty(name_ko="협동로봇", parent=parent)
    make_firm(slug="robot", specialties=[child])
    parent.name_ko = "로보틱스"
    parent.save()
    assert slugs("로보틱스") == ["robot"]


def test_partner_is_indexed_on_save_and_rename():
    partner = make_partner(slug="p", name_ko="가상파트너", name_zh="虚拟伙伴")
    found = OverseasPartner.objects.all()
    assert [p.slug for p in search_partners(found, "虚拟")] == ["p"]
    partner.name_zh = "新伙伴"
    partner.save()
    assert [p.slug for p in search_partners(found, "虚拟")] == []
    assert [p.slug for p in search_partners(found, "新伙伴")] == ["p"]


def test_bulk_update_is_seen_without_a_reindex():
    firm = make_firm(slug="bulk", name_ko="대량수정전")
    assert slugs("대량수정전") == ["bulk"]
    Firm.objects.filter(pk=firm.pk).update(name_ko="대량수정후")  # no save(), no signal
    assert slugs("대량수정후") == ["bulk"]
    assert slugs("대량수정전") == []


def test_rebuild_command_restores_a_lost_index(demo):
    freshness.sync()
    FirmSearchDocument.objects.all().delete()  # the documents themselves are not logged
    PartnerSearchDocument.objects.all().delete()
    assert slugs("컴퓨터") == []
    out = StringIO()
    call_command("rebuild_search_index", stdout=out)
    assert slugs("컴퓨터") == ["hancom"]
    assert slugs("ㅎㄱㄱㅋ") == ["hancom"]
    assert FirmSearchDocument.objects.count() == Firm.objects.count()
    assert PartnerSearchDocument.objects.count() == OverseasPartner.objects.count()
    assert str(Firm.objects.count()) in out.getvalue()


def test_rebuild_is_idempotent(demo):
    freshness.sync()
    columns = ("names", "name_tokens", "label_tokens", "summary_tokens", "body_tokens")
    before = list(FirmSearchDocument.objects.order_by("pk").values_list(*columns))
    assert rebuild_index(batch_size=2) == (Firm.objects.count(), OverseasPartner.objects.count())
    after = list(FirmSearchDocument.objects.order_by("pk").values_list(*columns))
    assert before == after


def test_batch_reindex_rewrites_the_documents_of_many_firms():
    firms = [make_firm(name_ko=f"일괄기업{n}") for n in range(3)]
    Firm.objects.filter(pk__in=[f.pk for f in firms]).update(name_ko="일괄변경")
    assert slugs("일괄변경") == sorted(f.slug for f in firms)  # the change log saw update()
    assert reindex_firms([f.pk for f in firms]) == 3  # idempotent
    assert slugs("일괄변경") == sorted(f.slug for f in firms)
    Firm.objects.filter(pk=firms[0].pk).delete()
    assert reindex_firms([firms[0].pk]) == 0
    assert slugs("일괄변경") == sorted(f.slug for f in firms[1:])


def test_batch_reindex_of_partners():
    partner = make_partner(name_ko="일괄파트너")
    freshness.sync()
    OverseasPartner.objects.filter(pk=partner.pk).update(name_ko="바뀐파트너")
    assert reindex_partners([partner.pk]) == 1
    found = search_partners(OverseasPartner.objects.all(), "바뀐파트너")
    assert [p.pk for p in found] == [partner.pk]


def test_editing_synonyms_reindexes_the_specialtys_firms():
    specialty = make_specialty(name_ko="드론")
    make_firm(slug="drone", specialties=[specialty])
    assert slugs("무인기") == []
    specialty.synonyms = "무인기"
    specialty.save()
    assert slugs("무인기") == ["drone"]
