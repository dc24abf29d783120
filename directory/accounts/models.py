"""Who may act for which firm."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from directory.firms.models import Firm


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
