"""Permissions matrix: every staff page and POST, for anonymous, firm member and staff."""

import pytest

from tests.partners.helpers import get_urls, make_world, post_requests, snapshot
from tests.stewardship.test_permissions import covered_url_names as stewardship_url_names

pytestmark = pytest.mark.django_db

N_GET = 23
N_POST = 21
# Routes whose permissions are tested elsewhere: the calendar feed is reached by a secret
# token, not a login, and revoking needs a feed of the requesting user
# (tests/partners/test_board_and_calendar.py).
COVERED_ELSEWHERE = {"calendar-feed", "calendar-feed-revoke"}


@pytest.mark.parametrize("index", range(N_GET))
def test_anonymous_is_sent_to_login_for_every_page(client, index):
    url = get_urls(make_world())[index]
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=")


@pytest.mark.parametrize("index", range(N_GET))
def test_firm_member_gets_403_on_every_page(member_client, index):
    url = get_urls(make_world())[index]
    assert member_client.get(url).status_code == 403


@pytest.mark.parametrize("index", range(N_GET))
def test_staff_sees_every_page(staff_client, index):
    url = get_urls(make_world())[index]
    assert staff_client.get(url).status_code == 200


def test_matrix_covers_every_route():
    from django.urls import resolve

    from directory.workspace import urls as staff_urls

    world = make_world()
    urls = get_urls(world) + [url for url, _data in post_requests(world)]
    assert (len(get_urls(world)), len(post_requests(world))) == (N_GET, N_POST)
    covered = {resolve(url).url_name for url in urls} | COVERED_ELSEWHERE
    # Firm stewardship routes have their own matrix (tests/stewardship/test_permissions.py).
    covered |= stewardship_url_names()
    assert covered == {pattern.name for pattern in staff_urls.urlpatterns}


@pytest.mark.parametrize("index", range(N_POST))
def test_anonymous_post_changes_nothing(client, index):
    world = make_world()
    url, data = post_requests(world)[index]
    before = snapshot()
    response = client.post(url, data)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    assert snapshot() == before


@pytest.mark.parametrize("index", range(N_POST))
def test_firm_member_post_is_refused_and_changes_nothing(member_client, index):
    world = make_world()
    url, data = post_requests(world)[index]
    before = snapshot()
    assert member_client.post(url, data).status_code == 403
    assert snapshot() == before


@pytest.mark.parametrize("index", range(N_POST))
def test_staff_post_succeeds(staff_client, index):
    world = make_world()
    url, data = post_requests(world)[index]
    before = snapshot()
    response = staff_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert snapshot() != before


def test_inactive_staff_is_refused(client):
    from tests.factories import make_staff

    world = make_world()
    client.force_login(make_staff(is_active=False))
    response = client.get(f"/staff/connections/{world.connection.pk}/")
    assert response.status_code in (302, 403)


def test_attachment_is_not_reachable_under_media(staff_client, settings):
    world = make_world()
    name = world.attachment.file.name
    assert staff_client.get(f"/media/{name}").status_code == 404
    assert not (settings.MEDIA_ROOT / name).exists()
