"""Staff reach the workspace views of a firm or partner from its public page; others do not see them."""

import pytest

from tests.factories import make_member, make_staff


@pytest.mark.django_db
def test_staff_see_workspace_links_on_public_firm_and_partner_pages(client, demo):
    client.force_login(make_staff())
    firm_page = client.get("/en/firms/hancom/").content.decode()
    assert 'href="/en/staff/firms/hancom/"' in firm_page
    assert 'href="/en/staff/match/firm/hancom/"' in firm_page
    partner_page = client.get("/en/partners/tencent-cloud/").content.decode()
    assert 'href="/en/staff/partners/tencent-cloud/"' in partner_page
    assert 'href="/en/staff/match/?partner=tencent-cloud"' in partner_page


@pytest.mark.django_db
def test_public_and_members_do_not_see_workspace_links(client, demo):
    from directory.firms.models import Firm

    for login in (None, make_member(Firm.objects.get(slug="hancom"))):
        if login:
            client.force_login(login)
        page = client.get("/en/firms/hancom/").content.decode()
        assert "/staff/" not in page
        assert "/staff/" not in client.get("/en/partners/tencent-cloud/").content.decode()
