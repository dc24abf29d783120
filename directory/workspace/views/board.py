"""The connection pipeline as a board: one column per stage.

Moving a card changes the stage through ``partners.services.change_stage``, so the timeline and
the history record it exactly as the connection page does. Each card carries a small form
(stage + "Move"), so the board works with the keyboard and without JavaScript; with JavaScript
(static/js/board.js) cards can also be dragged between columns.
"""

from __future__ import annotations

import django_filters
from django import forms
from django.contrib import messages
from django.db.models import F, Window
from django.db.models.functions import RowNumber
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from directory.accounts.permissions import staff_required
from directory.partners import services
from directory.partners.models import Connection, Stage
from directory.workspace.forms import ConnectionFilter

#: Cards shown per column; the column links to the full list beyond that.
PER_COLUMN = 50


class BoardFilter(ConnectionFilter):
    """The list's filters without the stage (the columns are the stages), plus a due date."""

    due_before = django_filters.DateFilter(
        label=gettext_lazy("due by"),
        field_name="due_date",
        lookup_expr="lte",
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    class Meta(ConnectionFilter.Meta):
        fields = ["q", "partner", "owner", "status", "due_before", "firm"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters.pop("stage", None)


def _wants_json(request) -> bool:
    return "application/json" in request.headers.get("Accept", "")


@staff_required
def connection_board(request):
    filterset = BoardFilter(request.GET or None, queryset=Connection.objects.all())
    if filterset.is_bound and not filterset.is_valid():
        # django-filter leaves out the invalid values; say so instead of failing.
        messages.warning(request, _("Some filters were not understood and were ignored."))
    connections = filterset.qs
    counts = services.stage_counts(connections)
    cards = (
        connections.select_related("firm", "partner", "owner")
        .annotate(
            column_rank=Window(
                RowNumber(),
                partition_by=[F("stage")],
                order_by=[F("due_date").asc(nulls_last=True), F("pk").asc()],
            )
        )
        .filter(column_rank__lte=PER_COLUMN)
        .order_by("stage", "column_rank")
    )
    by_stage: dict[str, list[Connection]] = {stage.value: [] for stage in Stage}
    for card in cards:
        by_stage[card.stage].append(card)
    query = request.GET.urlencode()
    list_url = reverse("staff:connection-list")
    columns = [
        {
            "stage": stage.value,
            "label": stage.label,
            "count": counts[stage.value],
            "cards": by_stage[stage.value],
            "more": counts[stage.value] - len(by_stage[stage.value]),
            "list_url": f"{list_url}?{query}&stage={stage.value}"
            if query
            else f"{list_url}?stage={stage.value}",
        }
        for stage in Stage
    ]
    return render(
        request,
        "staff/connection_board.html",
        {
            "filter": filterset,
            "columns": columns,
            "stages": list(Stage),
            "today": timezone.localdate(),
            "board_url": request.get_full_path(),
            "total": sum(counts.values()),
        },
    )


@staff_required
@require_POST
def connection_move(request, pk):
    """Move a card to another column (stage). JSON for the board's script, else a redirect."""
    connection = get_object_or_404(Connection.objects.select_related("firm", "partner"), pk=pk)
    stage = request.POST.get("stage", "")
    back = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        back, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        back = reverse("staff:connection-board")
    if stage not in Stage.values:
        message = _("Choose one of the stages.")
        if _wants_json(request):
            return JsonResponse({"ok": False, "error": message}, status=400)
        messages.error(request, message)
        return redirect(back)
    changed = services.change_stage(connection, stage, request.user)
    label = connection.get_stage_display()
    if changed:
        message = _("%(firm)s ↔ %(partner)s is now “%(stage)s”.") % {
            "firm": connection.firm.name,
            "partner": connection.partner.name,
            "stage": label,
        }
    else:
        message = _("The connection is already at this stage.")
    if _wants_json(request):
        return JsonResponse({"ok": True, "changed": changed, "stage": stage, "message": message})
    messages.success(request, message) if changed else messages.info(request, message)
    return redirect(back)
