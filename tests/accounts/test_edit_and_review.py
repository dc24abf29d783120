"""Members propose, staff approve or reject; the public page shows approved content only."""

import pytest
from django.core import mail

from directory.accounts.models import ProfileChange
from directory.firms.models import Firm
from tests.factories import make_upload

from .edit import add_contact, form_data

pytestmark = pytest.mark.django_db


def edit_url(firm):
    return f"/my/firms/{firm.slug}/edit/"


def test_member_edit_creates_pending_change_and_public_page_keeps_approved(client, people):
    client.force_login(people.editor)
    response = client.post(edit_url(people.firm), form_data(people.firm, summary_ko="새 요약"))
    assert response.status_code == 302
    change = ProfileChange.objects.get()
    assert change.status == "pending" and change.submitted_by == people.editor
    assert change.data["summary_ko"] == "새 요약"
    people.firm.refresh_from_db()
    assert people.firm.summary_ko == "원래 요약"
    public = client.get(f"/firms/{people.firm.slug}/").content.decode()
    assert "원래 요약" in public and "새 요약" not in public


def test_edit_page_renders_for_member_and_staff(client, people):
    client.force_login(people.editor)
    body = client.get(edit_url(people.firm)).content.decode()
    assert 'name="summary_ko"' in body and 'name="is_published"' not in body
    client.force_login(people.staff)
    body = client.get(edit_url(people.firm)).content.decode()
    assert 'name="is_published"' in body


def test_staff_approves_and_change_goes_live_with_history_and_email(
    client, people, django_capture_on_commit_callbacks
):
    client.force_login(people.owner)
    post = add_contact(
        form_data(people.firm, summary_ko="승인될 요약", specialties=["vision"]),
        name="김담당",
        email="kim@example.com",
    )
    client.post(edit_url(people.firm), post)
    change = ProfileChange.objects.get()
    client.force_login(people.staff)
    queue = client.get("/staff/reviews/").content.decode()
    assert people.firm.name_ko in queue
    detail = client.get(f"/staff/reviews/{change.pk}/").content.decode()
    assert "승인될 요약" in detail and "원래 요약" in detail
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/staff/reviews/{change.pk}/approve/", {"comment": "좋습니다 & 감사"}
        )
    assert response.status_code == 302
    people.firm.refresh_from_db()
    assert people.firm.summary_ko == "승인될 요약"
    assert list(people.firm.specialties.values_list("slug", flat=True)) == ["vision"]
    assert people.firm.contacts.get().email == "kim@example.com"
    change.refresh_from_db()
    assert change.status == "approved" and change.reviewed_by == people.staff
    record = people.firm.history.first()
    assert record.history_user == people.owner
    assert record.history_change_reason == f"change #{change.pk}"
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [people.owner.email]
    assert "좋습니다 & 감사" in mail.outbox[0].body
    public = client.get(f"/firms/{people.firm.slug}/").content.decode()
    assert "승인될 요약" in public
    assert "kim@example.com" not in public and "김담당" not in public


def test_reject_leaves_profile_unchanged_and_tells_member(
    client, people, django_capture_on_commit_callbacks
):
    client.force_login(people.editor)
    client.post(edit_url(people.firm), form_data(people.firm, summary_ko="반려될 요약"))
    change = ProfileChange.objects.get()
    client.force_login(people.staff)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/staff/reviews/{change.pk}/reject/", {"comment": "출처 필요"})
    people.firm.refresh_from_db()
    assert people.firm.summary_ko == "원래 요약"
    change.refresh_from_db()
    assert change.status == "rejected"
    assert "rejected" in mail.outbox[0].subject or "반려" in mail.outbox[0].subject
    client.force_login(people.editor)
    page = client.get(f"/my/firms/{people.firm.slug}/").content.decode()
    assert "출처 필요" in page


def test_crafted_post_cannot_set_staff_only_fields(client, people):
    client.force_login(people.owner)
    post = form_data(
        people.firm,
        summary_ko="조작 시도",
        is_published="",
        is_verified="on",
        business_registration_number="220-81-62517",
        cluster="1",
    )
    client.post(edit_url(people.firm), post)
    change = ProfileChange.objects.get()
    for field in ("is_verified", "is_published", "cluster", "business_registration_number"):
        assert field not in change.data
    client.force_login(people.staff)
    client.post(f"/staff/reviews/{change.pk}/approve/")
    firm = Firm.objects.get(pk=people.firm.pk)
    assert firm.summary_ko == "조작 시도"
    assert firm.is_published is True and firm.is_verified is False
    assert firm.business_registration_number is None and firm.cluster is None


def test_member_can_update_pending_change_before_review(client, people):
    client.force_login(people.editor)
    client.post(edit_url(people.firm), form_data(people.firm, summary_ko="첫 번째"))
    # The form now starts from the pending change and saving updates it.
    client.post(edit_url(people.firm), form_data(people.firm, summary_en="Second"))
    change = ProfileChange.objects.get()
    assert change.revision == 2
    assert change.data["summary_ko"] == "첫 번째" and change.data["summary_en"] == "Second"


def test_submitter_can_withdraw_pending_change(client, people):
    client.force_login(people.editor)
    client.post(edit_url(people.firm), form_data(people.firm, summary_ko="철회"))
    change = ProfileChange.objects.get()
    client.post(f"/my/firms/{people.firm.slug}/changes/{change.pk}/withdraw/")
    change.refresh_from_db()
    assert change.status == "withdrawn"
    client.force_login(people.staff)
    response = client.post(f"/staff/reviews/{change.pk}/approve/")
    assert response.status_code == 302
    people.firm.refresh_from_db()
    assert people.firm.summary_ko == "원래 요약"


def test_saving_without_changes_submits_nothing(client, people):
    client.force_login(people.editor)
    client.post(edit_url(people.firm), form_data(people.firm))
    assert not ProfileChange.objects.exists()


def test_invalid_input_shows_errors_and_keeps_what_was_typed(client, people):
    client.force_login(people.editor)
    response = client.post(
        edit_url(people.firm), form_data(people.firm, summary_ko="남길 글", website="not a url!")
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "남길 글" in body and "errorlist" in body
    assert not ProfileChange.objects.exists()


def test_staff_direct_edit_goes_live_and_is_recorded(client, people):
    client.force_login(people.staff)
    post = form_data(people.firm, staff=True, summary_ko="직원 수정", is_verified="on")
    response = client.post(edit_url(people.firm), post)
    assert response.status_code == 302
    people.firm.refresh_from_db()
    assert people.firm.summary_ko == "직원 수정" and people.firm.is_verified
    record = people.firm.history.first()
    assert record.history_user == people.staff
    assert not ProfileChange.objects.exists()


def test_logo_upload_waits_for_approval_then_gets_thumbnails(client, people):
    client.force_login(people.owner)
    post = form_data(people.firm)
    post["logo"] = make_upload("company.png", "PNG", size=(500, 300))
    client.post(edit_url(people.firm), post)
    change = ProfileChange.objects.get()
    assert change.logo.name.startswith("pending-logos/")
    assert "company" not in change.logo.name
    people.firm.refresh_from_db()
    assert not people.firm.logo
    # Only the firm's members and staff can see the proposed logo.
    assert client.get(f"/my/changes/{change.pk}/logo/").status_code == 200
    client.force_login(people.outsider)
    assert client.get(f"/my/changes/{change.pk}/logo/").status_code == 404
    client.force_login(people.staff)
    client.post(f"/staff/reviews/{change.pk}/approve/")
    people.firm.refresh_from_db()
    assert people.firm.logo.name.startswith("logos/")
    assert people.firm.logo_small and people.firm.logo_medium
    from PIL import Image

    with Image.open(people.firm.logo_small.path) as small:
        assert max(small.size) == 64
    with Image.open(people.firm.logo_medium.path) as medium:
        assert max(medium.size) == 256


def test_svg_logo_gets_form_error_and_nothing_is_submitted(client, people):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from .helpers import SVG_WITH_SCRIPT

    client.force_login(people.owner)
    post = form_data(people.firm, summary_ko="로고와 함께")
    post["logo"] = SimpleUploadedFile("logo.png", SVG_WITH_SCRIPT, content_type="image/png")
    response = client.post(edit_url(people.firm), post)
    assert response.status_code == 200
    assert "SVG" in response.content.decode()
    assert not ProfileChange.objects.exists()


def test_png_bomb_upload_is_a_form_error_not_a_500(client, people):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from .helpers import png_declaring

    client.force_login(people.owner)
    post = form_data(people.firm)
    post["logo"] = SimpleUploadedFile("bomb.png", png_declaring(60_000, 60_000))
    response = client.post(edit_url(people.firm), post)
    assert response.status_code == 200
    assert "errorlist" in response.content.decode()
    assert not ProfileChange.objects.exists()


def test_workspace_shows_completeness_and_pending_status(client, people):
    client.force_login(people.editor)
    client.post(edit_url(people.firm), form_data(people.firm, summary_ko="대기 중"))
    body = client.get("/my/").content.decode()
    assert people.firm.name_ko in body and "%" in body
    body = client.get(f"/my/firms/{people.firm.slug}/").content.decode()
    assert "대기 중" in body


def test_review_queue_lists_oldest_first_in_fixed_queries(
    client, people, django_assert_max_num_queries
):
    from directory.accounts import services
    from tests.factories import make_firm

    for i in range(5):
        firm = make_firm()
        services.submit_change(
            firm,
            people.editor,
            {**services.snapshot(firm), "summary_ko": f"변경 {i}"},
            services.current_token(firm),
        )
    client.force_login(people.staff)
    with django_assert_max_num_queries(8):
        response = client.get("/staff/reviews/")
    assert response.status_code == 200
    changes = list(response.context["page_obj"])
    assert changes == sorted(changes, key=lambda c: c.submitted_at)


def test_crafted_contact_id_of_another_firm_is_not_taken_over(client, people):
    from directory.firms.models import FirmContact

    foreign = FirmContact.objects.create(firm=people.other_firm, name="남의 담당자")
    client.force_login(people.owner)
    post = add_contact(form_data(people.firm), id=str(foreign.pk), name="탈취 시도")
    client.post(edit_url(people.firm), post)
    client.force_login(people.staff)
    client.post(f"/staff/reviews/{ProfileChange.objects.get().pk}/approve/")
    foreign.refresh_from_db()
    assert foreign.name == "남의 담당자" and foreign.firm == people.other_firm
    assert people.firm.contacts.get().name == "탈취 시도"


def test_contact_can_be_edited_and_deleted_through_review(client, people):
    from directory.firms.models import FirmContact

    keep = FirmContact.objects.create(firm=people.firm, name="유지", email="a@example.com")
    drop = FirmContact.objects.create(firm=people.firm, name="삭제", position=1)
    client.force_login(people.owner)
    post = form_data(people.firm)
    post["contacts-0-email"] = "new@example.com"
    post["contacts-1-DELETE"] = "on"
    client.post(edit_url(people.firm), post)
    client.force_login(people.staff)
    client.post(f"/staff/reviews/{ProfileChange.objects.get().pk}/approve/")
    keep.refresh_from_db()
    assert keep.email == "new@example.com"
    assert not FirmContact.objects.filter(pk=drop.pk).exists()


def test_staff_edit_with_invalid_brn_shows_error(client, people):
    client.force_login(people.staff)
    post = form_data(people.firm, staff=True, business_registration_number="123-45-67890")
    response = client.post(edit_url(people.firm), post)
    assert response.status_code == 200 and "errorlist" in response.content.decode()
    people.firm.refresh_from_db()
    assert people.firm.business_registration_number is None


def test_workspace_pages_work_in_english_and_chinese(client, people):
    client.force_login(people.owner)
    for prefix in ("/en", "/zh-hans"):
        assert client.get(f"{prefix}/my/").status_code == 200
        assert client.get(f"{prefix}/my/firms/{people.firm.slug}/edit/").status_code == 200
    client.force_login(people.staff)
    assert client.get("/en/staff/reviews/").status_code == 200


@pytest.mark.parametrize(
    "mangle",
    [
        lambda post: {k: v for k, v in post.items() if not k.startswith("contacts-")},
        lambda post: {k: v for k, v in post.items() if k != "token"},
        lambda post: dict(post, token="garbage"),
        lambda post: dict(post, specialties=["no-such-specialty"]),
        lambda post: dict(post, founded_year="이천"),
        lambda post: dict(post, size_band="huge"),
    ],
)
def test_mangled_posts_get_a_page_not_a_500_and_change_nothing(client, people, mangle):
    client.force_login(people.editor)
    response = client.post(edit_url(people.firm), mangle(form_data(people.firm, summary_ko="x")))
    assert response.status_code in (200, 409)
    assert not ProfileChange.objects.exists()


def test_new_logo_in_updated_proposal_replaces_the_pending_one(client, people):
    client.force_login(people.owner)
    post = form_data(people.firm)
    post["logo"] = make_upload("a.png", "PNG", size=(100, 100))
    client.post(edit_url(people.firm), post)
    first = ProfileChange.objects.get().logo
    first_path = first.path
    post = form_data(people.firm)
    post["logo"] = make_upload("b.jpg", "JPEG", size=(120, 100))
    client.post(edit_url(people.firm), post)
    change = ProfileChange.objects.get()
    assert change.revision == 2 and change.logo.name.endswith(".jpg")
    import os

    assert not os.path.exists(first_path)
