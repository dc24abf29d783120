"""Who may act for which firm, what they proposed, and who they invited."""

from __future__ import annotations

import hashlib
import uuid
from datetime import timedelta
from pathlib import PurePosixPath

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from directory.firms.models import Firm
from directory.partners.models import private_storage


class Membership(models.Model):
    """Links a user to a firm they may edit (as owner or editor)."""

    class Role(models.TextChoices):
        OWNER = "owner", _("owner")
        EDITOR = "editor", _("editor")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        related_name="memberships",
        on_delete=models.CASCADE,
    )
    firm = models.ForeignKey(
        Firm, verbose_name=_("firm"), related_name="memberships", on_delete=models.CASCADE
    )
    role = models.CharField(_("role"), max_length=10, choices=Role, default=Role.EDITOR)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["firm__name_ko", "user__username"]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(fields=["user", "firm"], name="one_membership_per_user_firm")
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.firm} ({self.get_role_display()})"


def pending_logo_upload_to(instance: ProfileChange, filename: str) -> str:
    """Proposed logos wait in private storage under a random name until they are approved.

    They are shown only through a view that checks the viewer (``my:change-logo``), never under
    the public /media/.
    """
    suffix = PurePosixPath(filename).suffix.lower() or ".png"
    return f"pending-logos/{uuid.uuid4().hex}{suffix}"


#: How long a pending change has waited, for the dashboard's bars and the queue's filter:
#: (key, label, at most this many days; None for older).
WAITING_BUCKETS: list[tuple[str, str, int | None]] = [
    ("week", _("waiting up to 7 days"), 7),
    ("month", _("8–30 days"), 30),
    ("older", _("over 30 days"), None),
]


class ProfileChangeQuerySet(models.QuerySet):
    def pending(self) -> ProfileChangeQuerySet:
        return self.filter(status=ProfileChange.Status.PENDING)

    def with_waiting(self, now=None) -> ProfileChangeQuerySet:
        """Annotated with ``waiting``, the key of its ``WAITING_BUCKETS`` bucket."""
        now = now or timezone.now()
        whens = [
            models.When(submitted_at__gte=now - timedelta(days=days), then=models.Value(key))
            for key, _label, days in WAITING_BUCKETS
            if days is not None
        ]
        last = WAITING_BUCKETS[-1][0]
        return self.annotate(
            waiting=models.Case(*whens, default=models.Value(last), output_field=models.CharField())
        )

    def for_queue(self) -> ProfileChangeQuerySet:
        """The review queue: pending changes, oldest first, with firm and submitter."""
        return self.pending().select_related("firm", "submitted_by").order_by("submitted_at", "pk")


class ProfileChange(models.Model):
    """A pending change: a firm member's proposed revision of the firm's profile."""

    class Status(models.TextChoices):
        PENDING = "pending", _("pending review")
        APPROVED = "approved", _("approved")
        REJECTED = "rejected", _("rejected")
        WITHDRAWN = "withdrawn", _("withdrawn")

    firm = models.ForeignKey(
        Firm, verbose_name=_("firm"), related_name="profile_changes", on_delete=models.CASCADE
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status, default=Status.PENDING, db_index=True
    )
    base = models.JSONField(
        _("profile when opened"),
        default=dict,
        help_text=_("The approved profile the proposal was made against (for conflict checks)."),
    )
    data = models.JSONField(_("proposed profile"), default=dict)
    logo = models.ImageField(
        _("proposed logo"),
        upload_to=pending_logo_upload_to,
        storage=private_storage,
        blank=True,
    )
    revision = models.PositiveIntegerField(
        _("revision"), default=1, help_text=_("Incremented each time the proposal is updated.")
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    submitted_at = models.DateTimeField(_("submitted"), default=timezone.now)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("last updated by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("reviewed"), null=True, blank=True)
    review_comment = models.TextField(_("review comment"), blank=True)

    objects = ProfileChangeQuerySet.as_manager()

    class Meta:
        ordering = ["-submitted_at", "-pk"]
        verbose_name = _("pending change")
        verbose_name_plural = _("pending changes")
        constraints = [
            models.UniqueConstraint(
                fields=["firm"],
                condition=Q(status="pending"),
                name="one_pending_change_per_firm",
            )
        ]

    def __str__(self) -> str:
        return f"{self.firm} #{self.pk} ({self.get_status_display()})"

    @property
    def is_pending(self) -> bool:
        return self.status == self.Status.PENDING


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class InvitationQuerySet(models.QuerySet):
    def open(self) -> InvitationQuerySet:
        """Not yet accepted, not revoked, not expired."""
        return self.filter(
            accepted_at__isnull=True, revoked_at__isnull=True, expires_at__gt=timezone.now()
        )


class Invitation(models.Model):
    """Staff invite a person to a firm by email; the link is single-use and expires."""

    email = models.EmailField(_("email"))
    firm = models.ForeignKey(
        Firm, verbose_name=_("firm"), related_name="invitations", on_delete=models.CASCADE
    )
    role = models.CharField(
        _("role"), max_length=10, choices=Membership.Role, default=Membership.Role.EDITOR
    )
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("invited by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires"))
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("accepted by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")

    def __str__(self) -> str:
        return f"{self.email} → {self.firm}"

    @property
    def is_usable(self) -> bool:
        return (
            self.accepted_at is None
            and self.revoked_at is None
            and self.expires_at > timezone.now()
        )

    @property
    def state(self) -> str:
        if self.accepted_at:
            return str(_("accepted"))
        if self.revoked_at:
            return str(_("revoked"))
        if self.expires_at <= timezone.now():
            return str(_("expired"))
        return str(_("open"))
