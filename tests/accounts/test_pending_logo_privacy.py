"""A proposed logo is private until approved: only the firm's members and staff see it."""

import pytest
from django.conf import settings

from directory.accounts.models import ProfileChange
from tests.accounts.edit import form_data
from tests.factories import make_upload


@pytest.fixture
def change(client, people):
    client.force_login(people.owner)
    post = form_data(people.firm)
    post["logo"] = make_upload("company.png", "PNG", size=(300, 200))
    client.post(f"/my/firms/{people.firm.slug}/edit/", post)
    client.logout()
    return ProfileChange.objects.get()


def test_pending_logo_is_stored_outside_public_media(change):
    assert (settings.PRIVATE_MEDIA_ROOT / change.logo.name).is_file()
    assert not (settings.MEDIA_ROOT / change.logo.name).exists()


def test_pending_logo_is_not_served_under_media(client, change):
    assert client.get(f"/media/{change.logo.name}").status_code == 404


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("anonymous", 302),
        ("nobody", 404),
        ("outsider", 404),
        ("owner", 200),
        ("editor", 200),
        ("staff", 200),
    ],
)
def test_pending_logo_view_permissions(client, people, change, who, status):
    if who != "anonymous":
        client.force_login(getattr(people, who))
    response = client.get(f"/my/changes/{change.pk}/logo/")
    assert response.status_code == status
    if status == 200:
        assert response["Cache-Control"] == "private, no-store"
        assert b"".join(response.streaming_content).startswith(b"\x89PNG")
