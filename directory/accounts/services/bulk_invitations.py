"""Inviting many firms at once (from a selection or an import): each firm's contact person
gets the existing invitation (``invitations.create_invitation``/``send_invitation``), in
Korean, naming the firm. One live invitation per firm and address; "resend" replaces it."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from directory.accounts.models import Invitation, Membership
from directory.firms.models import Firm, FirmContact

from .invitations import create_invitation, revoke_invitation, send_invitation

NOT_INVITED, SENT, ACCEPTED, EXPIRED = "not_invited", "sent", "accepted", "expired"
STATUS_LABELS = {
    NOT_INVITED: _("not invited"),
    SENT: _("invitation sent"),
    ACCEPTED: _("invitation accepted"),
    EXPIRED: _("invitation expired"),
}


@dataclass
class BulkResult:
    sent: list[Firm] = field(default_factory=list)
    resent: list[Firm] = field(default_factory=list)
    already_live: list[Firm] = field(default_factory=list)
    no_email: list[Firm] = field(default_factory=list)


def contact_emails(firm_ids: Iterable[int]) -> dict[int, str]:
    """Each firm's first contact person with an email address."""
    emails: dict[int, str] = {}
    for firm_id, email in (
        FirmContact.objects.filter(firm_id__in=list(firm_ids))
        .exclude(email="")
        .order_by("firm_id", "position", "pk")
        .values_list("firm_id", "email")
    ):
        emails.setdefault(firm_id, email.strip().lower())
    return emails


def invitation_status(firm_ids: Iterable[int]) -> dict[int, str]:
    """firm id -> accepted / sent (a live invitation) / expired (only dead ones) / not invited."""
    ids = list(firm_ids)
    status = dict.fromkeys(ids, NOT_INVITED)
    now = timezone.now()
    rank = {NOT_INVITED: 0, EXPIRED: 1, SENT: 2, ACCEPTED: 3}
    for firm_id, accepted, revoked, expires in Invitation.objects.filter(
        firm_id__in=ids
    ).values_list("firm_id", "accepted_at", "revoked_at", "expires_at"):
        if accepted:
            state = ACCEPTED
        elif revoked is None and expires > now:
            state = SENT
        else:
            state = EXPIRED
        if rank[state] > rank[status[firm_id]]:
            status[firm_id] = state
    return status


def invite_firms(
    firms: Iterable[Firm],
    user,
    url_for: Callable[[str], str],
    *,
    resend: bool = False,
    role: str = Membership.Role.OWNER,
) -> BulkResult:
    """Invite each firm's contact; skip firms without an email and firms with a live
    invitation to that address (unless ``resend``: the old link is revoked, a new one sent)."""
    firms = list(firms)
    emails = contact_emails(f.pk for f in firms)
    result = BulkResult()
    for firm in firms:
        email = emails.get(firm.pk)
        if not email:
            result.no_email.append(firm)
            continue
        with transaction.atomic():
            live = list(Invitation.objects.open().filter(firm=firm, email=email))
            if live and not resend:
                result.already_live.append(firm)
                continue
            for invitation in live:
                revoke_invitation(invitation)
            new = create_invitation(firm, email, role, user)
        # The email is in Korean whatever language the staff member uses.
        with translation.override("ko"):
            send_invitation(new, url_for(new.token))
        (result.resent if live else result.sent).append(firm)
    return result
