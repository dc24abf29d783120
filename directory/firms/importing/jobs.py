"""Import jobs: the stored upload moves through dry run and apply; the page polls its progress.

``start_job`` reads the upload (refusing bad files before anything is stored);
``plan_job`` and ``apply_job`` are what the background tasks run (directory/workspace/tasks.py).
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from directory.firms.models import ImportJob

from . import planning
from .applying import Applied, StalePlan, apply_plans, load_catalogue
from .columns import guess_mapping
from .reading import ImportFileError, Limits, Table, read_table

PROGRESS_EVERY = 250
logger = logging.getLogger(__name__)


def limits() -> Limits:
    return Limits(
        max_bytes=settings.IMPORT_MAX_BYTES,
        max_rows=settings.IMPORT_MAX_ROWS,
        max_unpacked_bytes=settings.IMPORT_MAX_UNPACKED_BYTES,
    )


def start_job(filename: str, data: bytes, user) -> ImportJob:
    """Read the upload (raises ImportFileError) and store it with the guessed mapping."""
    table = read_table(filename, data, limits())
    return ImportJob.objects.create(
        filename=filename[:200],
        file_format=table.file_format,
        encoding=table.encoding,
        content=data,
        headers=table.headers,
        row_count=len(table.rows),
        mapping=guess_mapping(table.headers),
        created_by=user if getattr(user, "is_authenticated", False) else None,
    )


def table_of(job: ImportJob) -> Table:
    return read_table(job.filename, bytes(job.content), limits())


def _progress(job_id: int):
    def report(done: int) -> None:
        ImportJob.objects.filter(pk=job_id).update(progress=done)

    return report


def plan_job(job_id: int) -> ImportJob:
    """The dry run: every row's planned action, stored in the job's report."""
    job = ImportJob.objects.get(pk=job_id)
    try:
        table = table_of(job)
        plans = planning.plan_rows(
            table, job.mapping, load_catalogue(), _progress(job.pk), every=PROGRESS_EVERY
        )
    except ImportFileError as error:
        return _fail(job, error.message)
    job.report = [plan.as_json() for plan in plans]
    job.counts = planning.counts(plans)
    job.status = ImportJob.Status.PLANNED
    job.progress = len(plans)
    job.finished_at = timezone.now()
    job.save(update_fields=["report", "counts", "status", "progress", "finished_at"])
    return job


def apply_job(job_id: int) -> Applied | None:
    """Apply the dry run in one transaction; a firm changed since makes it fail, unchanged."""
    job = ImportJob.objects.select_related("created_by").get(pk=job_id)
    plans = [planning.RowPlan.from_json(row) for row in job.report]
    try:
        applied = apply_plans(plans, job.created_by, job.filename)
    except StalePlan:
        _fail(job, _("A firm changed since the dry run; nothing was imported. Run it again."))
        return None
    except Exception:
        # The transaction rolled back: nothing was imported. Staff see the failure.
        logger.exception("import %s failed", job.pk)
        _fail(job, _("The import failed; nothing was imported. Run the dry run again."))
        return None
    job.status = ImportJob.Status.APPLIED
    job.progress = job.row_count
    job.counts = {
        **job.counts,
        "created_ids": applied.created,
        "updated_ids": applied.updated,
        "contacts": applied.contacts,
    }
    job.finished_at = timezone.now()
    job.content = b""  # the file is not needed any more; its dry run stays as the record
    job.save(update_fields=["status", "progress", "counts", "finished_at", "content"])
    return applied


def _fail(job: ImportJob, message: str) -> ImportJob:
    with transaction.atomic():
        job.status = ImportJob.Status.FAILED
        job.error = message
        job.finished_at = timezone.now()
        job.save(update_fields=["status", "error", "finished_at"])
    return job
