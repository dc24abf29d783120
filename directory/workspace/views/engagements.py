"""Engagements in the staff workspace: list, edit, participants, attachments, the left-out page."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST
from django.views.generic import ListView
from django_filters.views import FilterView

from directory.accounts.permissions import staff_required
from directory.core import export
from directory.core.pagination import forgiving_page
from directory.partners import services
from directory.partners.models import (
    Engagement,
    EngagementAttachment,
    Participation,
    Stage,
)
from directory.workspace.forms import (
    AttachmentForm,
    EngagementFilter,
    EngagementForm,
    ParticipationForm,
)

PER_PAGE = settings.STAFF_PER_PAGE


@method_decorator(staff_required, name="dispatch")
class EngagementListView(FilterView):
    template_name = "staff/engagement_list.html"
    context_object_name = "engagements"
    filterset_class = EngagementFilter
    paginate_by = PER_PAGE
    strict = False

    def get_queryset(self):
        return (
            Engagement.objects.prefetch_related("partners")
            .annotate(
                participant_count=Count("participations", distinct=True),
                agreement_count=Count(
                    "connections",
                    filter=Q(connections__stage=Stage.AGREEMENT),
                    distinct=True,
                ),
            )
            .order_by("-date", "-pk")
        )

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["today"] = timezone.localdate()
        return ctx


@staff_required
def engagement_export(request, fmt):
    """The list's filtered engagements as CSV or XLSX (formulas neutralised)."""
    view = EngagementListView()
    view.request = request
    engagements = EngagementFilter(request.GET, queryset=view.get_queryset()).qs
    header = [
        _("date"),
        _("kind"),
        _("title"),
        _("partners"),
        _("participants"),
        _("agreements"),
        _("public"),
    ]
    rows = (
        [
            e.date,
            e.get_kind_display(),
            e.title_ko,
            "; ".join(p.name_ko for p in e.partners.all()),
            e.participant_count,
            e.agreement_count,
            e.is_public,
        ]
        for e in engagements
    )
    return export.response(fmt, "gagyo-engagements", header, rows)


@method_decorator(staff_required, name="dispatch")
class UpcomingEngagementListView(ListView):
    template_name = "staff/engagement_upcoming.html"
    context_object_name = "engagements"
    paginate_by = PER_PAGE

    def get_queryset(self):
        return (
            Engagement.objects.upcoming()
            .prefetch_related("partners")
            .annotate(
                participant_count=Count("participations", distinct=True),
                agreement_count=Count(
                    "connections",
                    filter=Q(connections__stage=Stage.AGREEMENT),
                    distinct=True,
                ),
            )
        )


def _engagement_form_view(request, engagement: Engagement | None):
    creating = engagement is None
    if request.method == "POST":
        form = EngagementForm(request.POST, instance=engagement)
        if form.is_valid():
            engagement = form.save()
            messages.success(
                request,
                _("The engagement was recorded.") if creating else _("The changes were saved."),
            )
            return redirect(engagement.get_staff_url())
        messages.error(request, _("Please correct the errors below; nothing was saved yet."))
    else:
        form = EngagementForm(instance=engagement)
    return render(
        request,
        "staff/engagement_form.html",
        {"form": form, "engagement": engagement, "creating": creating},
    )


@staff_required
def engagement_create(request):
    return _engagement_form_view(request, None)


@staff_required
def engagement_edit(request, pk):
    return _engagement_form_view(request, get_object_or_404(Engagement, pk=pk))


@staff_required
def engagement_detail(request, pk):
    engagement = get_object_or_404(
        Engagement.objects.prefetch_related("partners", "organisers"), pk=pk
    )
    participations = engagement.participations.select_related("firm").order_by("firm__name_ko")
    connections = engagement.connections.select_related("firm", "partner", "owner")
    ctx = {
        "engagement": engagement,
        "participations": participations,
        "connections": connections,
        "agreement_count": services.agreements_for_engagement(engagement),
        "attachments": engagement.attachments.select_related("uploaded_by"),
        "attachment_form": AttachmentForm(),
        "outcome_counts": _outcome_counts(participations),
        "history": services.history_rows(engagement),
    }
    return render(request, "staff/engagement_detail.html", ctx)


def _outcome_counts(participations) -> list[tuple[str, int]]:
    counts = dict.fromkeys(Participation.Outcome, 0)
    for participation in participations:
        counts[participation.outcome] += 1
    return [(outcome.label, n) for outcome, n in counts.items() if n]


@staff_required
def engagement_ics(request, pk):
    from icalendar import Calendar, Event

    engagement = get_object_or_404(Engagement.objects.prefetch_related("partners"), pk=pk)
    if engagement.date is None:
        return render(
            request, "staff/engagement_no_date.html", {"engagement": engagement}, status=404
        )
    calendar = Calendar()
    calendar.add("prodid", "-//Gagyo//Staff workspace//KO")
    calendar.add("version", "2.0")
    event = Event()
    event.add("uid", f"engagement-{engagement.pk}@gagyo")
    # The calendar entry speaks the active language, like the page it is downloaded from.
    event.add("summary", engagement.title)
    event.add("dtstart", engagement.date)
    event.add("dtend", engagement.date + timedelta(days=1))
    event.add("dtstamp", timezone.now())
    place = engagement.tr("place").text
    if place:
        event.add("location", place)
    description = engagement.tr("summary").text
    if engagement.date_is_approximate:
        description = _("The date is approximate.") + "\n\n" + description
    if description.strip():
        event.add("description", description.strip())
    event.add("url", request.build_absolute_uri(engagement.get_staff_url()))
    calendar.add_component(event)
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="engagement-{engagement.pk}.ics"'
    return response


@staff_required
def participation_add(request, pk):
    engagement = get_object_or_404(Engagement, pk=pk)
    form = ParticipationForm(request.POST or None, engagement=engagement)
    if request.method == "POST":
        if form.is_valid():
            participation = form.save(commit=False)
            participation.engagement = engagement
            participation.save()
            messages.success(
                request,
                _("%(firm)s was added as a participant.") % {"firm": participation.firm.name},
            )
            return redirect(engagement.get_staff_url())
        messages.error(request, _("Please correct the errors below; nothing was saved yet."))
    return render(
        request,
        "staff/participation_form.html",
        {"form": form, "engagement": engagement, "creating": True},
    )


@staff_required
def participation_edit(request, pk, participation_pk):
    engagement = get_object_or_404(Engagement, pk=pk)
    participation = get_object_or_404(
        Participation.objects.select_related("firm"), pk=participation_pk, engagement=engagement
    )
    form = ParticipationForm(request.POST or None, instance=participation, engagement=engagement)
    if request.method == "POST":
        if form.is_valid():
            form.save()
            messages.success(request, _("The changes were saved."))
            return redirect(engagement.get_staff_url())
        messages.error(request, _("Please correct the errors below; nothing was saved yet."))
    return render(
        request,
        "staff/participation_form.html",
        {
            "form": form,
            "engagement": engagement,
            "participation": participation,
            "creating": False,
        },
    )


@staff_required
@require_POST
def participation_remove(request, pk, participation_pk):
    engagement = get_object_or_404(Engagement, pk=pk)
    participation = get_object_or_404(Participation, pk=participation_pk, engagement=engagement)
    firm = participation.firm
    participation.delete()
    messages.success(
        request, _("%(firm)s was removed from the participants.") % {"firm": firm.name}
    )
    return redirect(engagement.get_staff_url())


@staff_required
@require_POST
def engagement_propose_connections(request, pk):
    engagement = get_object_or_404(Engagement, pk=pk)
    created = services.propose_for_participants(engagement, request.user)
    if created:
        messages.success(
            request,
            ngettext(
                "%(n)d connection was proposed.", "%(n)d connections were proposed.", len(created)
            )
            % {"n": len(created)},
        )
    else:
        messages.info(request, _("Every participant already has a connection with the partners."))
    return redirect(engagement.get_staff_url() + "#connections")


@staff_required
@require_POST
def attachment_add(request, pk):
    engagement = get_object_or_404(Engagement, pk=pk)
    form = AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        form.save(engagement, request.user)
        messages.success(request, _("The attachment was uploaded."))
        return redirect(engagement.get_staff_url() + "#attachments")
    for error in form.errors.get("file", []) + form.errors.get("title", []):
        messages.error(request, error)
    return redirect(engagement.get_staff_url() + "#attachments")


@staff_required
def attachment_download(request, pk, attachment_pk):
    attachment = get_object_or_404(EngagementAttachment, pk=attachment_pk, engagement_id=pk)
    try:
        handle = attachment.file.open("rb")
    except FileNotFoundError:
        raise Http404(_("The file of this attachment is missing.")) from None
    inline = attachment.content_type in {"application/pdf", "image/png", "image/jpeg"}
    response = FileResponse(
        handle,
        as_attachment=not inline,
        filename=attachment.original_name,
        content_type=attachment.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


@staff_required
@require_POST
def attachment_delete(request, pk, attachment_pk):
    attachment = get_object_or_404(EngagementAttachment, pk=attachment_pk, engagement_id=pk)
    engagement = attachment.engagement
    name = str(attachment)
    attachment.file.delete(save=False)
    attachment.delete()
    messages.success(request, _("The attachment “%(name)s” was deleted.") % {"name": name})
    return redirect(engagement.get_staff_url() + "#attachments")


@staff_required
def engagement_left_out(request, pk):
    engagement = get_object_or_404(
        Engagement.objects.prefetch_related("partners__seeks_specialties"), pk=pk
    )
    sought_any = any(p.seeks_specialties.all() for p in engagement.partners.all())
    paginator = Paginator(services.left_out_queryset(engagement), PER_PAGE)
    page, _notice = forgiving_page(paginator, request.GET.get("page"))
    return render(
        request,
        "staff/left_out.html",
        {
            "engagement": engagement,
            "page_obj": page,
            "rows": services.left_out_rows(engagement, page.object_list),
            "is_paginated": page.has_other_pages(),
            "sought_any": sought_any,
            "total": paginator.count,
        },
    )
