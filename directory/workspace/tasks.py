"""Background jobs of the workspace (django-tasks; `manage.py db_worker` runs them)."""

from __future__ import annotations

from django_tasks import task

from directory.firms.importing import jobs
from directory.search.index import rebuild_index, reindex_firm

# Above this many firms a full rebuild of the search index is faster than one by one.
REINDEX_ONE_BY_ONE = 300


@task()
def plan_import(job_id: int) -> None:
    jobs.plan_job(job_id)


@task()
def apply_import(job_id: int) -> None:
    applied = jobs.apply_job(job_id)
    if applied is None:
        return
    refresh_search(applied.created)


def refresh_search(firm_ids: list[int]) -> None:
    """Created firms were bulk-inserted (no save signal): index them. Updated firms were
    saved one by one and are indexed already."""
    from directory.firms.models import Firm

    if len(firm_ids) > REINDEX_ONE_BY_ONE:
        rebuild_index()
        return
    for firm in Firm.objects.filter(pk__in=firm_ids):
        reindex_firm(firm)
