"""The review queue can be searched, and the staff workspace shows how many changes wait."""

import pytest

from directory.accounts import services
from directory.firms.models import Firm
from tests.factories import make_member, make_staff

pytestmark = pytest.mark.django_db


def _pending(firm, username, **changes):
    member = make_member(firm, username=username)
    proposed = {**services.snapshot(firm), **changes}
    return services.submit_change(firm, member, proposed, services.current_token(firm))


@pytest.fixture
def two_pending(demo):
    hancom = Firm.objects.get(slug="hancom")
    initech = Firm.objects.get(slug="initech")
    return (
        _pending(hancom, "hancom-kim", summary_en="New summary."),
        _pending(initech, "initech-lee", summary_en="Another summary."),
    )


def test_staff_home_counts_changes_waiting_for_review(client, two_pending):
    client.force_login(make_staff())
    page = client.get("/en/staff/").content.decode()
    assert "<strong>2</strong> pending changes to review" in page
    assert 'href="/en/staff/reviews/"' in page


@pytest.mark.parametrize("q", ["한컴", "Hancom", "한글과", "ㅎㄱㄱㅋ", "hancom-kim"])
def test_review_queue_search_finds_by_firm_alias_name_or_submitter(client, two_pending, q):
    client.force_login(make_staff())
    page = client.get("/en/staff/reviews/", {"q": q}).content.decode()
    assert f"/staff/reviews/{two_pending[0].pk}/" in page
    assert f"/staff/reviews/{two_pending[1].pk}/" not in page
    assert "Matching: 1 of 2 pending changes" in page


@pytest.mark.parametrize("q", ["없는기업", "x" * 5000, "%_'\";--"])
def test_review_queue_search_without_match_is_a_normal_page(client, two_pending, q):
    client.force_login(make_staff())
    response = client.get("/en/staff/reviews/", {"q": q})
    assert response.status_code == 200
    assert "No pending change matches this search." in response.content.decode()


def test_review_queue_search_is_staff_only(client, two_pending):
    assert client.get("/staff/reviews/", {"q": "한컴"}).status_code == 302
    client.force_login(make_member(Firm.objects.get(slug="hancom")))
    assert client.get("/staff/reviews/", {"q": "한컴"}).status_code == 403
