"""The search index: one row per firm and per partner, kept in sync by directory.search.index.

``names`` and ``choseong`` hold folded names one per line (name tiers, one-character queries,
typo tolerance through pg_trgm on PostgreSQL). The ``*_tokens`` columns hold the analysed text
by weight, indexed by an FTS5 table on SQLite and a weighted ``tsvector`` with a GIN index on
PostgreSQL (migration 0007; see docs/search.md).
"""

from __future__ import annotations

from django.db import models
from django.db.models.lookups import Contains
from django.utils.translation import gettext_lazy as _

from directory.firms.models import Firm
from directory.partners.models import OverseasPartner


class FoldedTextField(models.TextField):
    """Text stored folded (``text.fold``), so ``contains`` is a plain case-sensitive substring
    test: ``instr()`` on SQLite (several times faster than ``LIKE`` on a scan), ``LIKE '%…%'``
    elsewhere (served by the pg_trgm GIN indexes on PostgreSQL)."""


@FoldedTextField.register_lookup
class FoldedContains(Contains):
    lookup_name = "contains"

    def as_sqlite(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        return f"instr({lhs}, %s) > 0", (*lhs_params, self.rhs)


class SearchDocument(models.Model):
    names = FoldedTextField(
        _("names"),
        blank=True,
        help_text=_(
            "All names and aliases, folded and without spaces, one per line, with a newline at "
            "both ends."
        ),
    )
    choseong = FoldedTextField(
        _("initial consonants"),
        blank=True,
        help_text=_("The initial consonants of every name, one per line."),
    )
    # The analysed text (directory/search/analysis.py) by weight: what FTS5 (SQLite) and the
    # weighted tsvector column ``vector`` (PostgreSQL, kept by a trigger) index.
    name_tokens = models.TextField(
        _("name tokens"), blank=True, default="", help_text=_("Names and aliases, analysed.")
    )
    label_tokens = models.TextField(
        _("label tokens"),
        blank=True,
        default="",
        help_text=_("Specialty names in every language and their synonyms, analysed."),
    )
    summary_tokens = models.TextField(
        _("summary tokens"), blank=True, default="", help_text=_("Summaries, analysed.")
    )
    body_tokens = models.TextField(
        _("description tokens"), blank=True, default="", help_text=_("Descriptions, analysed.")
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        abstract = True


class FirmSearchDocument(SearchDocument):
    firm = models.OneToOneField(
        Firm,
        verbose_name=_("firm"),
        primary_key=True,
        related_name="search_document",
        on_delete=models.CASCADE,
    )

    class Meta:
        verbose_name = _("firm search document")
        verbose_name_plural = _("firm search documents")

    def __str__(self) -> str:
        return f"search:{self.firm_id}"


class PartnerSearchDocument(SearchDocument):
    partner = models.OneToOneField(
        OverseasPartner,
        verbose_name=_("overseas partner"),
        primary_key=True,
        related_name="search_document",
        on_delete=models.CASCADE,
    )

    class Meta:
        verbose_name = _("partner search document")
        verbose_name_plural = _("partner search documents")

    def __str__(self) -> str:
        return f"search:{self.partner_id}"
