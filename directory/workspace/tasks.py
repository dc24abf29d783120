"""Background jobs of the workspace (django-tasks; `manage.py db_worker` runs them)."""

from __future__ import annotations

from django_tasks import task

from directory.firms.importing import jobs
from directory.search import freshness

BATCH_SIZE = 1000


@task()
def plan_import(job_id: int) -> None:
    jobs.plan_job(job_id)


@task()
def apply_import(job_id: int) -> None:
    applied = jobs.apply_job(job_id)
    if applied is not None:
        # The change log saw every created and updated firm; bring the search documents up to
        # date here, in the worker, so that no visitor's search waits for thousands of them.
        freshness.sync()
