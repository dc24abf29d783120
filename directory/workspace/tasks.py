"""Background jobs of the workspace (django-tasks; `manage.py db_worker` runs them)."""

from __future__ import annotations

from django_tasks import task

from directory.firms.importing import jobs
from directory.firms.models import Firm
from directory.search.documents import firm_document
from directory.search.models import FirmSearchDocument

BATCH_SIZE = 1000


@task()
def plan_import(job_id: int) -> None:
    jobs.plan_job(job_id)


@task()
def apply_import(job_id: int) -> None:
    applied = jobs.apply_job(job_id)
    if applied is not None:
        index_new_firms(applied.created)


def index_new_firms(firm_ids: list[int]) -> int:
    """Search documents for firms created by ``bulk_create`` (no save signal reached the
    index), in batches; updated firms were saved one by one and are indexed already. Only the
    new firms are indexed: a full ``rebuild_index`` would redo the whole directory.
    (To be replaced by the change-log consumer that keeps derived data fresh.)"""
    created = 0
    firms = (
        Firm.objects.filter(pk__in=firm_ids)
        .exclude(search_document__isnull=False)
        .prefetch_related("specialties__parent")
        .order_by("pk")
    )
    batch: list[FirmSearchDocument] = []
    for firm in firms.iterator(chunk_size=BATCH_SIZE):
        specialties = []
        for specialty in firm.specialties.all():
            specialties.append(specialty)
            if specialty.parent_id:
                specialties.append(specialty.parent)
        text = firm_document(firm, specialties)
        batch.append(FirmSearchDocument(firm=firm, **text.as_fields()))
        if len(batch) >= BATCH_SIZE:
            FirmSearchDocument.objects.bulk_create(batch)
            created += len(batch)
            batch = []
    FirmSearchDocument.objects.bulk_create(batch)
    return created + len(batch)
