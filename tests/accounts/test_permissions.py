"""Permissions as a matrix: every page and POST of the accounts area, for every persona.

Anonymous users are sent to the login page, members of another firm get 404 (the workspace
does not confirm which firms exist), members with the wrong role and non-staff get 403, and
in every refused case nothing in the database changes.
"""

import pytest
from django.contrib.auth import get_user_model

from directory.accounts import services
from directory.accounts.models import Invitation, Membership, ProfileChange
from directory.firms.models import Firm, FirmContact

from .edit import form_data

pytestmark = pytest.mark.django_db

LOGIN = "login"


@pytest.fixture
def world(people):
    """People plus a pending change by the owner, an open invitation and a contact."""
    FirmContact.objects.create(firm=people.firm, name="비공개담당", email="secret@example.com")
    services.submit_change(
        people.firm,
        people.owner,
        {**services.snapshot(people.firm), "summary_ko": "대기 중인 비밀 요약"},
        services.current_token(people.firm),
    )
    people.change = ProfileChange.objects.get()
    people.invitation = services.create_invitation(
        people.firm, "new@example.com", "editor", people.staff
    ).invitation
    people.membership = Membership.objects.get(user=people.editor)
    people.history_id = people.firm.history.last().history_id
    return people


def db_state():
    return (
        list(Firm.objects.order_by("pk").values()),
        list(ProfileChange.objects.order_by("pk").values("pk", "status", "revision", "data")),
        list(Membership.objects.order_by("pk").values()),
        list(Invitation.objects.order_by("pk").values("pk", "revoked_at", "accepted_at")),
        list(FirmContact.objects.order_by("pk").values()),
        get_user_model().objects.count(),
    )


def endpoints(w):
    slug = w.firm.slug
    return {
        "workspace": ("get", "/my/", {}),
        "firm": ("get", f"/my/firms/{slug}/", {}),
        "edit-page": ("get", f"/my/firms/{slug}/edit/", {}),
        "history": ("get", f"/my/firms/{slug}/history/", {}),
        "edit": ("post", f"/my/firms/{slug}/edit/", form_data(w.firm, summary_ko="악의적")),
        "confirm": ("post", f"/my/firms/{slug}/confirm/", {}),
        "withdraw": ("post", f"/my/firms/{slug}/changes/{w.change.pk}/withdraw/", {}),
        "restore": (
            "post",
            f"/my/firms/{slug}/history/restore/",
            {"history_id": w.history_id, "field": "summary_ko"},
        ),
        "queue": ("get", "/staff/reviews/", {}),
        "review": ("get", f"/staff/reviews/{w.change.pk}/", {}),
        "approve": ("post", f"/staff/reviews/{w.change.pk}/approve/", {}),
        "reject": ("post", f"/staff/reviews/{w.change.pk}/reject/", {}),
        "invitations": ("get", "/staff/reviews/invitations/", {}),
        "invite": (
            "post",
            "/staff/reviews/invitations/",
            {"email": "x@example.com", "firm": w.firm.pk, "role": "owner"},
        ),
        "revoke-invitation": (
            "post",
            f"/staff/reviews/invitations/{w.invitation.pk}/revoke/",
            {},
        ),
        "memberships": ("get", "/staff/reviews/memberships/", {}),
        "revoke-membership": (
            "post",
            f"/staff/reviews/memberships/{w.membership.pk}/revoke/",
            {},
        ),
    }


# Expected status per persona; "login" = redirect to the login page.
MATRIX = {
    #                    anonymous outsider nobody  editor owner
    "workspace": (LOGIN, 200, 200, 200, 200),
    "firm": (LOGIN, 404, 404, 200, 200),
    "edit-page": (LOGIN, 404, 404, 200, 200),
    "history": (LOGIN, 404, 404, 200, 200),
    "edit": (LOGIN, 404, 404, None, None),
    "confirm": (LOGIN, 404, 404, None, None),
    "withdraw": (LOGIN, 404, 404, 403, None),
    "restore": (LOGIN, 403, 403, 403, 403),
    "queue": (LOGIN, 403, 403, 403, 403),
    "review": (LOGIN, 403, 403, 403, 403),
    "approve": (LOGIN, 403, 403, 403, 403),
    "reject": (LOGIN, 403, 403, 403, 403),
    "invitations": (LOGIN, 403, 403, 403, 403),
    "invite": (LOGIN, 403, 403, 403, 403),
    "revoke-invitation": (LOGIN, 403, 403, 403, 403),
    "memberships": (LOGIN, 403, 403, 403, 403),
    "revoke-membership": (LOGIN, 403, 403, 403, 403),
}
PERSONAS = ("anonymous", "outsider", "nobody", "editor", "owner")


# Allowed combinations (None) are exercised by the feature tests.
REFUSED = [
    (name, persona, expected)
    for name, row in MATRIX.items()
    for persona, expected in zip(PERSONAS, row, strict=True)
    if expected is not None
]


@pytest.mark.parametrize(("name", "persona", "expected"), REFUSED)
def test_permission_matrix(client, world, name, persona, expected):
    method, url, data = endpoints(world)[name]
    if persona != "anonymous":
        client.force_login(getattr(world, persona))
    before = db_state()
    response = getattr(client, method)(url, data)
    if expected == LOGIN:
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/?next=")
    else:
        assert response.status_code == expected
    if method == "post":
        assert db_state() == before


@pytest.mark.parametrize("name", MATRIX)
def test_staff_may_use_every_endpoint(client, world, name):
    method, url, data = endpoints(world)[name]
    if name == "edit":
        data = form_data(world.firm, staff=True, summary_ko="직원 수정")
    client.force_login(world.staff)
    response = getattr(client, method)(url, data)
    assert response.status_code in (200, 302)
    if response.status_code == 302:
        assert not response["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize(
    "url",
    [
        "/my/firms/gagyo-ai/confirm/",
        "/my/firms/gagyo-ai/history/restore/",
        "/staff/reviews/1/approve/",
    ],
)
def test_post_only_endpoints_refuse_get(client, world, url):
    client.force_login(world.staff)
    assert client.get(url).status_code == 405


def test_only_owners_and_staff_see_the_member_list(client, world):
    url = f"/my/firms/{world.firm.slug}/"
    client.force_login(world.editor)
    assert client.get(url).context["members"] is None
    client.force_login(world.owner)
    members = client.get(url).context["members"]
    assert {m.user for m in members} == {world.owner, world.editor}


def test_owner_may_withdraw_an_editors_change(client, world):
    # The pending change was submitted by the owner; an editor's own change is theirs to withdraw.
    services.withdraw_change(world.change, world.owner)
    services.submit_change(
        world.firm,
        world.editor,
        {**services.snapshot(world.firm), "summary_en": "by editor"},
        services.current_token(world.firm),
    )
    change = ProfileChange.objects.pending().get()
    client.force_login(world.owner)
    client.post(f"/my/firms/{world.firm.slug}/changes/{change.pk}/withdraw/")
    change.refresh_from_db()
    assert change.status == "withdrawn"


def test_member_cannot_edit_other_firm(client, world):
    client.force_login(world.outsider)
    before = db_state()
    response = client.post(
        f"/my/firms/{world.firm.slug}/edit/", form_data(world.firm, summary_ko="침입")
    )
    assert response.status_code == 404
    assert db_state() == before


def test_private_fields_never_appear_on_public_pages(client, world):
    for url in (f"/firms/{world.firm.slug}/", "/firms/", "/", f"/en/firms/{world.firm.slug}/"):
        body = client.get(url).content.decode()
        assert "secret@example.com" not in body
        assert "비공개담당" not in body
        assert "대기 중인 비밀 요약" not in body


def test_proposed_logo_is_not_served_to_anonymous_users(client, world):
    response = client.get(f"/my/changes/{world.change.pk}/logo/")
    assert response.status_code == 302
