"""Every applied change records who, when, what and who approved; staff can restore a field."""

import pytest

from directory.accounts import services
from directory.accounts.models import ProfileChange

pytestmark = pytest.mark.django_db


def submit_and_approve(people, **changes):
    services.submit_change(
        people.firm,
        people.editor,
        {**services.snapshot(people.firm), **changes},
        services.current_token(people.firm),
    )
    change = ProfileChange.objects.pending().get()
    services.approve_change(change.pk, people.staff, "ok")
    return change


def test_history_shows_who_what_and_approver_to_members(client, people):
    change = submit_and_approve(people, summary_ko="이력 요약")
    client.force_login(people.owner)
    response = client.get(f"/my/firms/{people.firm.slug}/history/")
    assert response.status_code == 200
    entry = response.context["entries"][0]
    assert entry["record"].history_user == people.editor
    assert entry["change"] == change and entry["change"].reviewed_by == people.staff
    assert [f["field"] for f in entry["fields"]] == ["summary_ko"]
    body = response.content.decode()
    assert "이력 요약" in body and "원래 요약" in body
    assert "Restore" not in body  # members may look, not restore


def test_staff_can_restore_an_earlier_value(client, people):
    submit_and_approve(people, summary_ko="잘못된 요약")
    client.force_login(people.staff)
    response = client.get(f"/my/firms/{people.firm.slug}/history/")
    entry = response.context["entries"][0]
    previous = entry["record"].prev_record
    client.post(
        f"/my/firms/{people.firm.slug}/history/restore/",
        {"history_id": previous.history_id, "field": "summary_ko"},
    )
    people.firm.refresh_from_db()
    assert people.firm.summary_ko == "원래 요약"
    latest = people.firm.history.first()
    assert latest.history_user == people.staff
    assert "summary_ko" in latest.history_change_reason


@pytest.mark.parametrize(
    "data",
    [
        {"history_id": "999999", "field": "summary_ko"},
        {"history_id": "abc", "field": "summary_ko"},
        {"history_id": "1", "field": "is_published"},
        {"field": "summary_ko"},
    ],
)
def test_bad_restore_requests_change_nothing(client, people, data):
    client.force_login(people.staff)
    before = people.firm.history.count()
    response = client.post(f"/my/firms/{people.firm.slug}/history/restore/", data)
    assert response.status_code == 302
    assert people.firm.history.count() == before


def test_history_page_is_paginated_in_bounded_queries(
    client, people, django_assert_max_num_queries
):
    for i in range(25):
        people.firm.summary_en = f"v{i}"
        people.firm.save()
    client.force_login(people.owner)
    with django_assert_max_num_queries(12):
        response = client.get(f"/my/firms/{people.firm.slug}/history/")
    assert len(response.context["entries"]) == 20
    assert client.get(f"/my/firms/{people.firm.slug}/history/?page=2").status_code == 200
    assert client.get(f"/my/firms/{people.firm.slug}/history/?page=zz").status_code == 200
