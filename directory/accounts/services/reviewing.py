"""Staff review of pending changes: approve (apply atomically), reject, notify the member."""

from __future__ import annotations

from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from directory.accounts import review
from directory.accounts.models import ProfileChange
from directory.accounts.services.editing import apply_values, snapshot
from directory.firms.models import Firm


class ReviewConflict(Exception):
    """Approving would overwrite fields that changed since the member opened the form."""

    def __init__(self, fields: list[str]):
        super().__init__(", ".join(fields))
        self.fields = fields


def change_reason(change: ProfileChange) -> str:
    # The history page recognises this prefix to show who approved the change.
    return f"change #{change.pk}"


def approve_change(change_id: int, reviewer, comment: str = "", *, force: bool = False):
    """Apply a pending change atomically. Raises ReviewConflict unless ``force``."""
    with transaction.atomic():
        change = ProfileChange.objects.select_for_update().get(pk=change_id)
        firm = Firm.objects.select_for_update().get(pk=change.firm_id)
        review.next_status(change.status, "approve")
        current = snapshot(firm)
        clashes = review.conflicts(change.base, current, change.data)
        if clashes and not force:
            raise ReviewConflict(clashes)
        merged = review.merge(change.base, current, change.data)
        logo_content = None
        extension = ".png"
        if change.logo:
            with change.logo.open("rb") as fh:
                logo_content = fh.read()
            extension = "." + change.logo.name.rsplit(".", 1)[-1]
        apply_values(
            firm,
            merged,
            user=change.submitted_by,
            reason=change_reason(change),
            logo_content=logo_content,
            logo_extension=extension,
        )
        change.status = "approved"
        change.reviewed_by = reviewer
        change.reviewed_at = timezone.now()
        change.review_comment = comment
        change.save()
        transaction.on_commit(lambda: notify_member(change))
    return change


def reject_change(change_id: int, reviewer, comment: str = "") -> ProfileChange:
    with transaction.atomic():
        change = ProfileChange.objects.select_for_update().get(pk=change_id)
        change.status = review.next_status(change.status, "reject")
        change.reviewed_by = reviewer
        change.reviewed_at = timezone.now()
        change.review_comment = comment
        change.save()
        transaction.on_commit(lambda: notify_member(change))
    return change


def notify_member(change: ProfileChange) -> None:
    """Email the submitter the decision (the workspace shows it too)."""
    user = change.submitted_by
    if not user or not user.email:
        return
    context = {"change": change, "firm": change.firm, "user": user}
    subject = render_to_string("accounts/email/change_decided_subject.txt", context).strip()
    body = render_to_string("accounts/email/change_decided.txt", context)
    send_mail(subject, body, None, [user.email])
