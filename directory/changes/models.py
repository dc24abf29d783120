"""The change log: one row per written firm, partner or reference row, written by database
triggers (migration ``changes.0002_triggers``), so ``save()``, ``QuerySet.update()``,
``bulk_create()`` and raw SQL are all seen. Derived data (search documents, the directory's
facet index, match profiles) reads it from its last position: see ``directory/changes/log.py``
and docs/architecture.md."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    FIRM = "firm", _("firm")  # a firm, its specialty or target-market links
    PARTNER = "partner", _("overseas partner")
    SPECIALTY = "specialty", _("specialty")  # a specialty's names: firms described with it
    REFERENCE = "reference", _("reference data")  # clusters, countries, engagements, participants
    ALL = "all", _("everything")  # e.g. after rebuild_search_index: consumers start afresh


class Change(models.Model):
    id = models.BigAutoField(primary_key=True)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    object_id = models.BigIntegerField(_("object id"), null=True, blank=True)
    at = models.DateTimeField(_("when"))

    class Meta:
        db_table = "gagyo_change"
        verbose_name = _("change")
        verbose_name_plural = _("changes")

    def __str__(self) -> str:
        return f"{self.id}: {self.kind} {self.object_id or ''}".strip()


class Cursor(models.Model):
    """How far a consumer shared by all processes (the search documents) has read the log;
    the row named ``horizon`` records up to where old rows were pruned."""

    name = models.CharField(_("name"), max_length=40, primary_key=True)
    position = models.BigIntegerField(_("position"), default=0)

    class Meta:
        db_table = "gagyo_change_cursor"
        verbose_name = _("change log cursor")
        verbose_name_plural = _("change log cursors")

    def __str__(self) -> str:
        return f"{self.name}@{self.position}"
