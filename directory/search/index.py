"""Writing search documents: one firm or partner, batches of them, or everything.

Nobody needs to call these after a write: ``freshness.sync`` applies the change log before
every search (docs/architecture.md). ``rebuild_index`` is for ``manage.py rebuild_search_index``
and bulk loads. A document is written through the ORM; database triggers keep the FTS5 table
(SQLite) or the ``tsvector`` column (PostgreSQL) in step with it (migration 0007).
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction

from directory.changes.log import record_all
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


def firms_with_specialties(specialty_ids: Iterable[int]) -> set[int]:
    """Ids of the firms described with these specialties or one of their children (a firm's
    document carries its specialties' names, synonyms and their parents')."""
    ids = set(specialty_ids)
    if not ids:
        return set()
    ids |= set(Specialty.objects.filter(parent_id__in=ids).values_list("pk", flat=True))
    links = Firm.specialties.through.objects.filter(specialty_id__in=ids)
    return set(links.values_list("firm_id", flat=True))


def _chunks(ids: Iterable[int], size: int) -> Iterable[list[int]]:
    ids = sorted(set(ids))
    for start in range(0, len(ids), size):
        yield ids[start : start + size]


@transaction.atomic
def reindex_firms(ids: Iterable[int], batch_size: int = BATCH_SIZE) -> int:
    """Rewrite the documents of firms ``ids`` (deleted firms lose theirs): four queries per
    batch, whatever the batch size. Returns the number of documents written."""
    written = 0
    for chunk in _chunks(ids, batch_size):
        firms = Firm.objects.filter(pk__in=chunk).prefetch_related("specialties__parent")
        documents = [
            FirmSearchDocument(
                firm_id=firm.pk,
                **firm_document(
                    firm, _specialties_with_parents(firm.specialties.all())
                ).as_fields(),
            )
            for firm in firms
        ]
        FirmSearchDocument.objects.filter(pk__in=chunk).delete()
        FirmSearchDocument.objects.bulk_create(documents)
        written += len(documents)
    return written


@transaction.atomic
def reindex_partners(ids: Iterable[int], batch_size: int = BATCH_SIZE) -> int:
    """Rewrite the documents of partners ``ids`` (deleted partners lose theirs)."""
    written = 0
    for chunk in _chunks(ids, batch_size):
        documents = [
            PartnerSearchDocument(partner_id=partner.pk, **partner_document(partner).as_fields())
            for partner in OverseasPartner.objects.filter(pk__in=chunk)
        ]
        PartnerSearchDocument.objects.filter(pk__in=chunk).delete()
        PartnerSearchDocument.objects.bulk_create(documents)
        written += len(documents)
    return written


def reindex_specialty(specialty: Specialty) -> int:
    """Reindex the firms described with a specialty (or one of its children) after a rename or
    a change of its synonyms."""
    ids = Firm.objects.filter(specialties__in=[specialty, *specialty.children.all()]).values_list(
        "pk", flat=True
    )
    return reindex_firms(ids)


@transaction.atomic
def rebuild_index(batch_size: int = BATCH_SIZE) -> tuple[int, int]:
    """Rebuild every document from scratch; returns (firms, partners) indexed.

    Tells every other consumer of the change log to start afresh too (``record_all``)."""
    from .freshness import mark_current

    mark_current(record_all())
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
