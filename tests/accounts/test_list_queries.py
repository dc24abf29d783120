"""Staff list pages run a fixed number of queries however long the list is."""

import pytest

from directory.accounts import services
from directory.accounts.models import Membership
from tests.factories import make_firm, make_member

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("url", ["/staff/reviews/memberships/", "/staff/reviews/invitations/"])
def test_staff_lists_in_fixed_queries(client, people, url, django_assert_max_num_queries):
    for i in range(12):
        firm = make_firm()
        make_member(firm, Membership.Role.EDITOR)
        services.create_invitation(firm, f"p{i}@example.com", "editor", people.staff)
    client.force_login(people.staff)
    with django_assert_max_num_queries(12):
        response = client.get(url)
    assert response.status_code == 200


def test_empty_states(client, people):
    # English pages (/en/): the unprefixed default is Korean.
    client.force_login(people.staff)
    assert "No pending changes" in client.get("/en/staff/reviews/").content.decode()
    assert "No invitations yet" in client.get("/en/staff/reviews/invitations/").content.decode()
    client.force_login(people.nobody)
    assert "not linked to a firm" in client.get("/en/my/").content.decode()
