"""Shortlists: firms picked from a match, saved with the brief that found them."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from directory.firms.models import Firm, NFCMixin
from directory.partners.models import OverseasPartner


class ShortlistQuerySet(models.QuerySet):
    def for_list(self) -> ShortlistQuerySet:
        """What the shortlist list shows, in a fixed number of queries."""
        return (
            self.select_related("partner", "author")
            .annotate(entry_count=models.Count("entries"))
            .order_by("-created_at", "-pk")
        )


class Shortlist(NFCMixin, models.Model):
    """A named selection of firms for a partner's brief. Staff only."""

    name = models.CharField(pgettext_lazy("shortlist", "name"), max_length=150)
    partner = models.ForeignKey(
        OverseasPartner,
        verbose_name=_("partner"),
        null=True,
        blank=True,
        related_name="shortlists",
        on_delete=models.SET_NULL,
    )
    brief = models.JSONField(
        _("brief"),
        default=dict,
        blank=True,
        help_text=_("The brief the firms were matched for: specialties, keywords, countries."),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        null=True,
        related_name="shortlists",
        on_delete=models.SET_NULL,
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = ShortlistQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("shortlist")
        verbose_name_plural = _("shortlists")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("matching:shortlist-detail", kwargs={"pk": self.pk})


class ShortlistEntry(models.Model):
    """One firm on a shortlist, with its score and the reasons it was matched."""

    shortlist = models.ForeignKey(
        Shortlist, verbose_name=_("shortlist"), related_name="entries", on_delete=models.CASCADE
    )
    firm = models.ForeignKey(
        Firm, verbose_name=_("firm"), related_name="shortlist_entries", on_delete=models.CASCADE
    )
    score = models.FloatField(_("score"), default=0)
    reasons = models.JSONField(
        _("reasons"), default=list, blank=True, help_text=_("The score parts and their reasons.")
    )
    position = models.PositiveIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["shortlist", "position", "pk"]
        verbose_name = _("shortlist entry")
        verbose_name_plural = _("shortlist entries")
        constraints = [
            models.UniqueConstraint(fields=["shortlist", "firm"], name="one_entry_per_firm")
        ]

    def __str__(self) -> str:
        return f"{self.shortlist}: {self.firm}"
