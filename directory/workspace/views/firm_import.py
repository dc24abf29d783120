"""Spreadsheet import: upload, column mapping, dry run, apply, with a progress page that
polls ``progress.json`` (static/js/import-progress.js) and survives a reload."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from directory.accounts.permissions import staff_required
from directory.accounts.services.bulk_invitations import invite_firms
from directory.core.pagination import forgiving_page
from directory.firms.importing import jobs
from directory.firms.importing.columns import FIELDS
from directory.firms.importing.planning import ACTIONS
from directory.firms.importing.reading import ImportFileError
from directory.firms.models import Firm, ImportJob
from directory.workspace import tasks
from directory.workspace.firm_forms import MappingForm, UploadForm
from directory.workspace.views.firm_admin import accept_url, invite_messages

REPORT_PER_PAGE = 100


@staff_required
def import_upload(request):
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        limits = jobs.limits()
        try:
            if upload.size > limits.max_bytes:
                # Refused before reading it into memory.
                raise ImportFileError(
                    _("The file is larger than %(mb)s MB. Split it into smaller files.")
                    % {"mb": f"{limits.max_bytes / (1024 * 1024):.0f}"},
                    "too_large",
                )
            job = jobs.start_job(upload.name, upload.read(), request.user)
        except ImportFileError as error:
            form.add_error("file", error.message)
        else:
            return redirect("staff:firm-import-job", pk=job.pk)
    recent = ImportJob.objects.recent().defer("content", "report")[:10]
    return render(request, "staff/firms/import_upload.html", {"form": form, "recent": recent})


def _job(pk) -> ImportJob:
    return get_object_or_404(ImportJob.objects.defer("content"), pk=pk)


@staff_required
def import_job(request, pk):
    """The job's page: mapping (before the dry run), progress, the plan, the outcome."""
    job = _job(pk)
    form = None
    if job.status in (ImportJob.Status.UPLOADED, ImportJob.Status.PLANNED, ImportJob.Status.FAILED):
        form = MappingForm(
            request.POST or None,
            headers=job.headers,
            mapping=job.mapping,
        )
        if request.method == "POST":
            if form.is_valid():
                ImportJob.objects.filter(pk=job.pk).update(
                    mapping=form.mapping(),
                    status=ImportJob.Status.PLANNING,
                    progress=0,
                    report=[],
                    counts={},
                    error="",
                )
                tasks.plan_import.enqueue(job.pk)
                return redirect("staff:firm-import-job", pk=job.pk)
            messages.error(request, _("Please correct the column mapping."))
    shown = request.GET.get("show", "")
    rows = [r for r in job.report if not shown or r["action"] == shown]
    page, _notice = forgiving_page(Paginator(rows, REPORT_PER_PAGE), request.GET.get("page"))
    ctx = {
        "job": job,
        "form": form,
        "page_obj": page,
        "rows": page.object_list,
        "is_paginated": page.has_other_pages(),
        "shown": shown,
        "actions": ACTIONS,
        "field_labels": {k: str(v) for k, v in FIELDS.items()},
        "mapped": [
            (job.headers[int(i)], FIELDS.get(f, f))
            for i, f in job.mapping.items()
            if int(i) < len(job.headers)
        ],
    }
    return render(request, "staff/firms/import_job.html", ctx)


@staff_required
@require_POST
def import_apply(request, pk):
    job = _job(pk)
    if job.status != ImportJob.Status.PLANNED:
        messages.error(request, _("Run the dry run first."))
        return redirect("staff:firm-import-job", pk=job.pk)
    ImportJob.objects.filter(pk=job.pk).update(status=ImportJob.Status.APPLYING, progress=0)
    tasks.apply_import.enqueue(job.pk)
    return redirect("staff:firm-import-job", pk=job.pk)


@staff_required
@require_POST
def import_invite(request, pk):
    """Invite the contact persons (the file's email column) of the firms an import created or
    updated: the same bulk invitation as the firm list's (one live invitation per address)."""
    job = _job(pk)
    if job.status != ImportJob.Status.APPLIED:
        messages.error(request, _("Run the dry run first."))
        return redirect("staff:firm-import-job", pk=job.pk)
    ids = [*job.counts.get("created_ids", []), *job.counts.get("updated_ids", [])]
    firms = Firm.objects.filter(pk__in=ids).order_by("name_ko", "pk")
    result = invite_firms(firms, request.user, lambda token: accept_url(request, token))
    invite_messages(request, result)
    return redirect("staff:firm-import-job", pk=job.pk)


@staff_required
def import_progress(request, pk):
    job = get_object_or_404(
        ImportJob.objects.only("status", "progress", "row_count", "counts", "error"), pk=pk
    )
    return JsonResponse(
        {
            "status": job.status,
            "label": job.get_status_display(),
            "progress": job.progress,
            "total": job.row_count,
            "percent": job.percent,
            "running": job.is_running,
        }
    )
