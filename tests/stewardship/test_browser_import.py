"""A staff member imports the sample file through the pages, in a real browser: upload, check
the columns, dry run, import; the progress bar polls the real worker (django-tasks database
backend) and finishes."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from directory.demo.firms import load_reference_data
from directory.firms.models import Firm, ImportJob
from tests.factories import make_staff
from tests.stewardship.conftest import SAMPLE


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_staff_imports_the_sample_file_and_sees_the_progress_bar_finish(
    live_server, page, settings
):
    # The real queue: jobs wait in the database until a worker runs them.
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    load_reference_data()
    make_staff(username="jieun", password="correct-horse-battery")
    page.goto(f"{live_server.url}/accounts/login/?next=/staff/firms/import/")
    page.fill("input[name=username]", "jieun")
    page.fill("input[name=password]", "correct-horse-battery")
    page.click("form button[type=submit]")
    page.wait_for_url(f"{live_server.url}/staff/firms/import/")

    page.set_input_files("input[name=file]", str(SAMPLE))
    page.click("form.staff-form button[type=submit]")
    page.wait_for_selector("form.mapping-form")
    assert page.input_value("select[name=col_0]") == "name_ko"

    # Dry run: queued; the page polls while the worker runs it, then shows the plan.
    page.click("form.mapping-form button[type=submit]")
    page.wait_for_selector(".import-progress[data-running='1']")
    call_command("db_worker", batch=True, startup_delay=False, reload=False, verbosity=0)
    page.wait_for_selector("form.apply-form", timeout=20_000)
    assert Firm.objects.count() == 0

    page.click("form.apply-form button[type=submit]")
    page.wait_for_selector(".import-progress[data-running='1']")
    call_command("db_worker", batch=True, startup_delay=False, reload=False, verbosity=0)
    page.wait_for_selector(".notice.success", timeout=20_000)
    assert page.eval_on_selector("progress.import-bar", "el => el.value") == 100
    assert ImportJob.objects.get().status == ImportJob.Status.APPLIED
    assert Firm.objects.filter(slug__startswith="example-").count() == 40
