"""Keeping the search index in sync: reindex one firm or partner, or rebuild everything.

Callers that bypass ``Model.save()`` (``QuerySet.update()``, ``bulk_create``) must call
``reindex_firm``/``reindex_partner`` themselves or run ``manage.py rebuild_search_index``.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction

from directory.firms.models import Firm, Specialty
from directory.partners.models import OverseasPartner

from .documents import DocumentText, firm_document, partner_document
from .models import FirmSearchDocument, PartnerSearchDocument

BATCH_SIZE = 1000


def _specialties_with_parents(specialties: Iterable[Specialty]) -> list[Specialty]:
    """A firm in 데이터센터 is also found by its parent, 클라우드."""
    result: list[Specialty] = []
    for specialty in specialties:
        result.append(specialty)
        if specialty.parent_id:
            result.append(specialty.parent)
    return result


def firm_text(firm: Firm) -> DocumentText:
    specialties = firm.specialties.select_related("parent")
    return firm_document(firm, _specialties_with_parents(specialties))


def reindex_firm(firm: Firm) -> FirmSearchDocument:
    """Write the firm's search document (create or replace)."""
    text = firm_text(firm)
    document, _created = FirmSearchDocument.objects.update_or_create(
        firm_id=firm.pk,
        defaults=text.as_fields(),
    )
    return document


def reindex_partner(partner: OverseasPartner) -> PartnerSearchDocument:
    text = partner_document(partner)
    document, _created = PartnerSearchDocument.objects.update_or_create(
        partner_id=partner.pk,
        defaults=text.as_fields(),
    )
    return document


def reindex_specialty(specialty: Specialty) -> int:
    """Reindex the firms described with a specialty (or one of its children) after a rename."""
    firms = Firm.objects.filter(specialties__in=[specialty, *specialty.children.all()]).distinct()
    count = 0
    for firm in firms:
        reindex_firm(firm)
        count += 1
    return count


@transaction.atomic
def rebuild_index(batch_size: int = BATCH_SIZE) -> tuple[int, int]:
    """Rebuild every document from scratch; returns (firms, partners) indexed."""
    FirmSearchDocument.objects.all().delete()
    PartnerSearchDocument.objects.all().delete()

    firm_count = 0
    firms = Firm.objects.order_by("pk").prefetch_related("specialties__parent")
    batch: list[FirmSearchDocument] = []
    for firm in firms.iterator(chunk_size=batch_size):
        text = firm_document(firm, _specialties_with_parents(firm.specialties.all()))
        batch.append(FirmSearchDocument(firm=firm, **text.as_fields()))
        if len(batch) >= batch_size:
            FirmSearchDocument.objects.bulk_create(batch)
            firm_count += len(batch)
            batch = []
    FirmSearchDocument.objects.bulk_create(batch)
    firm_count += len(batch)

    partners = []
    for partner in OverseasPartner.objects.order_by("pk").iterator(chunk_size=batch_size):
        text = partner_document(partner)
        partners.append(PartnerSearchDocument(partner=partner, **text.as_fields()))
    PartnerSearchDocument.objects.bulk_create(partners, batch_size=batch_size)
    return firm_count, len(partners)
