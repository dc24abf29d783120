"""The connection pipeline in the staff workspace: list, create, propose, stage, notes."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_filters.views import FilterView

from directory.accounts.permissions import staff_required
from directory.core import export
from directory.firms.models import Firm
from directory.partners import services
from directory.partners.models import (
    Connection,
    Engagement,
    OverseasPartner,
    Stage,
)
from directory.workspace.display import stage_rows
from directory.workspace.forms import (
    AssessmentForm,
    ConnectionCreateForm,
    ConnectionEditForm,
    ConnectionFilter,
    NoteForm,
    StageChangeForm,
)

PER_PAGE = settings.STAFF_PER_PAGE


@method_decorator(staff_required, name="dispatch")
class ConnectionListView(FilterView):
    template_name = "staff/connection_list.html"
    context_object_name = "connections"
    filterset_class = ConnectionFilter
    paginate_by = PER_PAGE
    strict = False

    def get_queryset(self):
        return Connection.objects.select_related("firm", "partner", "owner").order_by(
            "due_date", "partner__name_ko", "firm__name_ko", "pk"
        )

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        # Counts per stage for the current filters, ignoring the stage filter itself.
        data = self.filterset.data.copy() if self.filterset.data else {}
        data.pop("stage", None)
        data.pop("page", None)
        unstaged = ConnectionFilter(data, queryset=Connection.objects.all()).qs
        counts = services.stage_counts(unstaged)
        query = data.urlencode() if hasattr(data, "urlencode") else ""
        ctx["stage_counts"] = stage_rows(counts)
        ctx["stage_query"] = query
        ctx["current_stage"] = self.request.GET.get("stage", "")
        ctx["total_unstaged"] = sum(counts.values())
        ctx["today"] = timezone.localdate()
        return ctx


@staff_required
def connection_export(request, fmt):
    """The board's filtered rows as CSV or XLSX (formulas neutralised)."""
    queryset = Connection.objects.select_related("firm", "partner", "owner").order_by(
        "due_date", "partner__name_ko", "firm__name_ko", "pk"
    )
    connections = ConnectionFilter(request.GET, queryset=queryset).qs
    header = [
        _("firm"),
        _("partner"),
        _("stage"),
        _("owner"),
        _("next step"),
        _("due date"),
        _("origin"),
        _("updated"),
    ]
    rows = (
        [
            c.firm.name_ko,
            c.partner.name_ko,
            c.get_stage_display(),
            (c.owner.get_full_name() or c.owner.get_username()) if c.owner else "",
            c.next_step,
            c.due_date,
            c.origin,
            c.updated_at,
        ]
        for c in connections.iterator(chunk_size=500)
    )
    return export.response(fmt, "gagyo-connections", header, rows)


@staff_required
def connection_create(request):
    initial = {key: request.GET.get(key) for key in ("firm", "partner") if request.GET.get(key)}
    form = ConnectionCreateForm(request.POST or None, initial=initial)
    if request.method == "POST":
        if form.is_valid():
            connection, created = services.propose_connection(
                form.cleaned_data["firm"],
                form.cleaned_data["partner"],
                request.user,
                form.cleaned_data["origin"],
            )
            if created:
                messages.success(request, _("The connection was proposed."))
            else:
                messages.info(
                    request,
                    _("This firm and partner already have a connection; here it is."),
                )
            return redirect(connection.get_staff_url())
        messages.error(request, _("Please correct the errors below; nothing was saved yet."))
    return render(request, "staff/connection_create.html", {"form": form})


@staff_required
@require_POST
def connection_propose(request):
    """Propose a connection from the left-out page (one click per firm)."""
    firm = get_object_or_404(Firm, pk=request.POST.get("firm") or 0)
    partner = get_object_or_404(OverseasPartner, pk=request.POST.get("partner") or 0)
    engagement = None
    if request.POST.get("engagement"):
        engagement = get_object_or_404(Engagement, pk=request.POST["engagement"])
    # The origin is stored as data; the timeline names the engagement in the reader's language.
    connection, created = services.propose_connection(
        firm,
        partner,
        request.user,
        source_engagement=engagement,
        origin_data={"engagement": engagement.pk, "left_out": True} if engagement else None,
    )
    if created:
        messages.success(
            request,
            _("A connection of %(firm)s with %(partner)s was proposed.")
            % {"firm": firm.name, "partner": partner.name},
        )
    else:
        messages.info(request, _("This firm and partner already have a connection."))
    if engagement is not None:
        return redirect("staff:engagement-left-out", pk=engagement.pk)
    return redirect(connection.get_staff_url())


def _connection_page(request, connection: Connection, **forms):
    ctx = {
        "connection": connection,
        "events": connection.events.select_related("author"),
        "edit_form": forms.get("edit_form") or ConnectionEditForm(instance=connection),
        "stage_form": forms.get("stage_form") or StageChangeForm(connection=connection),
        "note_form": forms.get("note_form") or NoteForm(),
        "assessment_form": forms.get("assessment_form") or AssessmentForm(),
        "stages": list(Stage),
    }
    status = 400 if forms else 200
    return render(request, "staff/connection_detail.html", ctx, status=status)


def _get_connection(pk) -> Connection:
    return get_object_or_404(
        Connection.objects.select_related("firm", "partner", "owner", "source_engagement"), pk=pk
    )


@staff_required
def connection_detail(request, pk):
    return _connection_page(request, _get_connection(pk))


@staff_required
@require_POST
def connection_edit(request, pk):
    connection = _get_connection(pk)
    form = ConnectionEditForm(request.POST, instance=Connection.objects.get(pk=pk))
    if not form.is_valid():
        messages.error(request, _("Please correct the errors below; nothing was saved yet."))
        return _connection_page(request, connection, edit_form=form)
    services.update_connection(connection, request.user, **form.cleaned_data)
    messages.success(request, _("The changes were saved."))
    return redirect(connection.get_staff_url())


@staff_required
@require_POST
def connection_stage(request, pk):
    connection = _get_connection(pk)
    form = StageChangeForm(request.POST, connection=connection)
    if not form.is_valid():
        messages.error(request, _("Please correct the errors below; nothing was saved yet."))
        return _connection_page(request, connection, stage_form=form)
    services.change_stage(
        connection, form.cleaned_data["stage"], request.user, form.cleaned_data["note"]
    )
    messages.success(
        request,
        _("The stage is now “%(stage)s”.") % {"stage": connection.get_stage_display()},
    )
    return redirect(connection.get_staff_url())


@staff_required
@require_POST
def connection_note(request, pk):
    connection = _get_connection(pk)
    form = NoteForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Please correct the errors below; nothing was saved yet."))
        return _connection_page(request, connection, note_form=form)
    services.add_note(connection, form.cleaned_data["text"], request.user)
    messages.success(request, _("The note was added to the timeline."))
    return redirect(connection.get_staff_url())


@staff_required
@require_POST
def connection_assessment(request, pk):
    connection = _get_connection(pk)
    form = AssessmentForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Please correct the errors below; nothing was saved yet."))
        return _connection_page(request, connection, assessment_form=form)
    services.record_assessment(
        connection, form.cleaned_data["assessment"], request.user, form.cleaned_data["note"]
    )
    messages.success(request, _("The follow-up assessment was recorded."))
    return redirect(connection.get_staff_url())
