"""No lost updates: a later save detects that the profile changed since it was opened."""

import pytest

from directory.accounts import services
from directory.accounts.models import ProfileChange

from .edit import form_data

pytestmark = pytest.mark.django_db


def edit_url(firm):
    return f"/my/firms/{firm.slug}/edit/"


def test_second_member_sees_conflict_instead_of_overwriting(client, people):
    # Both open the form while the profile has no pending change.
    opened_by_owner = form_data(people.firm, summary_ko="소유자 버전")
    opened_by_editor = form_data(people.firm, summary_ko="편집자 버전")
    client.force_login(people.owner)
    client.post(edit_url(people.firm), opened_by_owner)
    client.force_login(people.editor)
    response = client.post(edit_url(people.firm), opened_by_editor)
    assert response.status_code == 409
    body = response.content.decode()
    assert "소유자 버전" in body  # what is saved now
    assert "편집자 버전" in body  # what they typed, kept in the form
    change = ProfileChange.objects.get()
    assert change.data["summary_ko"] == "소유자 버전" and change.revision == 1
    # Saving again from the conflict page (it carries the new token) updates knowingly.
    resubmit = dict(opened_by_editor, token=response.context["form"]["token"].value())
    assert client.post(edit_url(people.firm), resubmit).status_code == 302
    change.refresh_from_db()
    assert change.data["summary_ko"] == "편집자 버전" and change.revision == 2


def test_member_save_after_staff_direct_edit_shows_conflict(client, people):
    member_form = form_data(people.firm, summary_ko="회원 버전")
    staff_form = form_data(people.firm, staff=True, summary_ko="직원 버전")
    client.force_login(people.staff)
    assert client.post(edit_url(people.firm), staff_form).status_code == 302
    client.force_login(people.owner)
    response = client.post(edit_url(people.firm), member_form)
    assert response.status_code == 409
    assert not ProfileChange.objects.exists()
    people.firm.refresh_from_db()
    assert people.firm.summary_ko == "직원 버전"


def test_staff_save_after_another_staff_save_shows_conflict(client, people):
    first = form_data(people.firm, staff=True, summary_ko="첫 직원")
    second = form_data(people.firm, staff=True, summary_ko="둘째 직원")
    client.force_login(people.staff)
    client.post(edit_url(people.firm), first)
    response = client.post(edit_url(people.firm), second)
    assert response.status_code == 409
    people.firm.refresh_from_db()
    assert people.firm.summary_ko == "첫 직원"


def test_approval_after_conflicting_staff_edit_needs_explicit_force(client, people):
    client.force_login(people.owner)
    client.post(edit_url(people.firm), form_data(people.firm, summary_ko="회원 요약"))
    change = ProfileChange.objects.get()
    client.force_login(people.staff)
    client.post(
        edit_url(people.firm),
        form_data(people.firm, staff=True, summary_ko="직원 요약", address="성남시 분당구"),
    )
    response = client.post(f"/staff/reviews/{change.pk}/approve/")
    assert response.status_code == 409
    people.firm.refresh_from_db()
    assert people.firm.summary_ko == "직원 요약"
    change.refresh_from_db()
    assert change.status == "pending"
    client.post(f"/staff/reviews/{change.pk}/approve/", {"force": "on"})
    people.firm.refresh_from_db()
    assert people.firm.summary_ko == "회원 요약"
    assert people.firm.address == "성남시 분당구"  # the unrelated staff edit survives


def test_approval_keeps_unrelated_edits_made_meanwhile(people):
    services.submit_change(
        people.firm,
        people.editor,
        {**services.snapshot(people.firm), "summary_en": "Member summary"},
        services.current_token(people.firm),
    )
    change = ProfileChange.objects.get()
    services.direct_edit(
        people.firm,
        people.staff,
        {**services.snapshot(people.firm), "website": "https://gagyo.example"},
        services.current_token(people.firm, for_staff=True),
    )
    services.approve_change(change.pk, people.staff)
    people.firm.refresh_from_db()
    assert people.firm.summary_en == "Member summary"
    assert people.firm.website == "https://gagyo.example"


def test_stale_token_is_refused_by_the_service(people):
    token = services.current_token(people.firm)
    services.submit_change(
        people.firm, people.owner, {**services.snapshot(people.firm), "name_en": "A"}, token
    )
    with pytest.raises(services.EditConflict):
        services.submit_change(
            people.firm, people.editor, {**services.snapshot(people.firm), "name_en": "B"}, token
        )


def test_a_decided_change_cannot_be_approved_twice(people):
    services.submit_change(
        people.firm,
        people.owner,
        {**services.snapshot(people.firm), "name_en": "Once"},
        services.current_token(people.firm),
    )
    change = ProfileChange.objects.get()
    services.reject_change(change.pk, people.staff)
    from directory.accounts.review import StatusError

    with pytest.raises(StatusError):
        services.approve_change(change.pk, people.staff)
    people.firm.refresh_from_db()
    assert people.firm.name_en != "Once"
