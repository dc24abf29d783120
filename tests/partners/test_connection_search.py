"""The staff connection board searches firms and partners like the directory does."""

import pytest

from directory.partners.models import Connection

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("q", ["한컴", "Hancom", "한글과컴퓨터", "컴퓨터", "ㅎㄱㄱㅋ"])
def test_connection_search_finds_a_firm_by_alias_name_or_choseong(staff_client, demo, q):
    hancom = Connection.objects.get(firm__slug="hancom")
    page = staff_client.get("/en/staff/connections/", {"q": q}).content.decode()
    assert f"/staff/connections/{hancom.pk}/" in page
    other = Connection.objects.get(firm__slug="initech")
    assert f"/staff/connections/{other.pk}/" not in page


@pytest.mark.parametrize("q", ["腾讯", "텐센트", "Tencent"])
def test_connection_search_finds_by_partner_name_in_any_language(staff_client, demo, q):
    page = staff_client.get("/en/staff/connections/", {"q": q}).content.decode()
    assert page.count('href="/en/staff/connections/') >= 6


def test_connection_search_with_odd_input_is_a_normal_page(staff_client, demo):
    for q in ["x" * 3000, "%'\";--", "  "]:
        assert staff_client.get("/en/staff/connections/", {"q": q}).status_code == 200
