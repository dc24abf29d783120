"""The example firms (docs/examples/firms-sample.csv: ~40 clearly fictional firms marked
[예시]/example-…, CP949) loaded through the import pipeline itself, and a sought specialty for
Tencent Cloud so the Shanghai visit's left-out page and matching have firms to show.

Never part of the facts-only demo: only ``load_demo --examples`` runs this."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model

from directory.firms.importing import jobs
from directory.firms.models import ImportJob, Specialty
from directory.partners.models import OverseasPartner
from directory.workspace import tasks

SAMPLE = Path(settings.BASE_DIR) / "docs" / "examples" / "firms-sample.csv"
#: What Tencent Cloud seeks in the examples (the article does not say; the demo leaves it empty).
TENCENT_SEEKS = ("cloud-services", "ai-data")


def load_examples(path: Path = SAMPLE) -> ImportJob:
    """Import the sample file: read, guess the columns, dry run, apply (as staff would)."""
    user = get_user_model().objects.filter(username="demo-staff").first()
    job = jobs.start_job(path.name, path.read_bytes(), user)
    tasks.plan_import.call(job.pk)
    job.refresh_from_db()
    if job.status == ImportJob.Status.PLANNED and (job.counts["create"] or job.counts["update"]):
        tasks.apply_import.call(job.pk)
        job.refresh_from_db()
    tencent = OverseasPartner.objects.filter(slug="tencent-cloud").first()
    if tencent is not None and not tencent.seeks_specialties.exists():
        tencent.seeks_specialties.set(Specialty.objects.filter(slug__in=TENCENT_SEEKS))
    return job
