"""The search index: one row per firm and per partner, kept in sync by directory.search.index.

The columns hold folded text (NFC, case-folded) so that both databases can compare with a plain
``LIKE`` served by an index: an FTS5 trigram table on SQLite, pg_trgm GIN indexes on PostgreSQL
(both created in this app's migrations, per database vendor).
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
    keywords = FoldedTextField(
        _("keywords"),
        blank=True,
        help_text=_("Short labels such as specialty names in every language, one per line."),
    )
    body = FoldedTextField(_("other text"), blank=True)
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
