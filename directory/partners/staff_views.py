"""The staff workspace: partners, engagements, connections, follow-ups. Staff only.

Views are thin: permissions (StaffRequiredMixin / staff_required), ORM reads and rendering;
every change goes through forms and `services`.
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Count, Prefetch, Q
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST
from django.views.generic import DetailView, ListView
from django_filters.views import FilterView

from directory.accounts.permissions import StaffRequiredMixin, staff_required
from directory.firms.models import Firm, Specialty

from . import services
from .forms import (
    AssessmentForm,
    AttachmentForm,
    ConnectionCreateForm,
    ConnectionEditForm,
    ConnectionFilter,
    EngagementFilter,
    EngagementForm,
    NoteForm,
    ParticipationForm,
    PartnerContactFormSet,
    PartnerForm,
    StageChangeForm,
)
from .models import (
    Connection,
    Engagement,
    EngagementAttachment,
    OverseasPartner,
    Participation,
    Stage,
)

PER_PAGE = settings.STAFF_PER_PAGE


# --- home --------------------------------------------------------------------------------


@staff_required
def home(request):
    today = timezone.localdate()
    connections = Connection.objects.all()
    ctx = {
        "stage_counts": _stage_rows(services.stage_counts(connections)),
        "overdue_count": connections.overdue(today=today).count(),
        "due_count": connections.due_soon(days=settings.FOLLOWUPS_DAYS, today=today).count(),
        "upcoming": Engagement.objects.upcoming().prefetch_related("partners")[:5],
        "partner_count": OverseasPartner.objects.active().count(),
        "engagement_count": Engagement.objects.count(),
        "my_due": Connection.objects.due_soon(days=settings.FOLLOWUPS_DAYS, today=today)
        .filter(owner=request.user)
        .select_related("firm", "partner")
        .order_by("due_date")[:10],
    }
    return render(request, "staff/home.html", ctx)


def _stage_rows(counts: dict[str, int]) -> list[dict]:
    return [{"stage": stage, "label": stage.label, "count": counts[stage]} for stage in Stage]


# --- partners ----------------------------------------------------------------------------


class PartnerListView(StaffRequiredMixin, ListView):
    template_name = "staff/partner_list.html"
    context_object_name = "partners"
    paginate_by = PER_PAGE

    def get_queryset(self):
        qs = OverseasPartner.objects.select_related("country")
        self.show = self.request.GET.get("show", "active")
        if self.show == "archived":
            qs = qs.filter(is_archived=True)
        elif self.show != "all":
            self.show = "active"
            qs = qs.filter(is_archived=False)
        q = self.request.GET.get("q", "").strip()
        if q:
            qs = qs.filter(
                Q(name_ko__icontains=q) | Q(name_en__icontains=q) | Q(name_zh__icontains=q)
            )
        return (
            services.with_agreement_counts(qs)
            .annotate(engagement_count=Count("engagements", distinct=True))
            .order_by("name_ko", "pk")
        )

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["show"] = self.show
        ctx["q"] = self.request.GET.get("q", "")
        return ctx


def _partner_form_view(request, partner: OverseasPartner | None):
    creating = partner is None
    instance = partner or OverseasPartner()
    if request.method == "POST":
        form = PartnerForm(request.POST, instance=instance)
        formset = PartnerContactFormSet(request.POST, instance=instance, prefix="contacts")
        if form.is_valid() and formset.is_valid():
            with transaction.atomic():
                partner = form.save()
                formset.instance = partner
                formset.save()
            if creating:
                messages.success(request, _("The partner was added."))
            else:
                messages.success(request, _("The changes were saved."))
            return redirect(partner.get_staff_url())
        messages.error(request, _("Please correct the errors below; nothing was saved yet."))
    else:
        form = PartnerForm(instance=instance)
        formset = PartnerContactFormSet(instance=instance, prefix="contacts")
    return render(
        request,
        "staff/partner_form.html",
        {"form": form, "formset": formset, "partner": partner, "creating": creating},
    )


@staff_required
def partner_create(request):
    return _partner_form_view(request, None)


@staff_required
def partner_edit(request, slug):
    return _partner_form_view(request, get_object_or_404(OverseasPartner, slug=slug))


class PartnerDetailView(StaffRequiredMixin, DetailView):
    template_name = "staff/partner_detail.html"
    context_object_name = "partner"
    queryset = OverseasPartner.objects.select_related("country").prefetch_related(
        Prefetch("seeks_specialties", queryset=Specialty.objects.select_related("parent")),
        "contacts",
    )

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        partner = self.object
        connections = partner.connections.select_related("firm", "owner").order_by(
            "stage", "firm__name_ko"
        )
        ctx.update(
            connections=connections,
            stage_counts=_stage_rows(services.stage_counts(partner.connections.all())),
            agreement_count=services.agreements_for_partner(partner),
            engagements=partner.engagements.annotate(
                participant_count=Count("participations", distinct=True)
            ).order_by("-date", "-pk"),
            blockers=services.partner_delete_blockers(partner),
            history=services.history_rows(partner),
        )
        return ctx


@staff_required
@require_POST
def partner_archive(request, slug):
    partner = get_object_or_404(OverseasPartner, slug=slug)
    if services.set_partner_archived(partner, True, request.user):
        messages.success(
            request,
            _("The partner was archived: it is hidden from public pages; its history is kept."),
        )
    return redirect(partner.get_staff_url())


@staff_required
@require_POST
def partner_unarchive(request, slug):
    partner = get_object_or_404(OverseasPartner, slug=slug)
    if services.set_partner_archived(partner, False, request.user):
        messages.success(request, _("The partner was restored."))
    return redirect(partner.get_staff_url())


@staff_required
def partner_delete(request, slug):
    partner = get_object_or_404(OverseasPartner, slug=slug)
    blockers = services.partner_delete_blockers(partner)
    if request.method == "POST":
        if blockers:
            messages.error(request, _refusal_message(blockers))
            return redirect(partner.get_staff_url())
        partner.delete()
        messages.success(request, _("The partner was deleted."))
        return redirect("staff:partner-list")
    return render(
        request,
        "staff/partner_confirm_delete.html",
        {"partner": partner, "blockers": blockers, "refusal": _refusal_message(blockers)},
    )


def _refusal_message(blockers: dict[str, int]) -> str:
    if not blockers:
        return ""
    return _(
        "This partner cannot be deleted: it has %(engagements)d engagement(s) and "
        "%(connections)d connection(s). Archive it instead; archiving hides it from public "
        "pages and keeps its history."
    ) % {
        "engagements": blockers.get("engagements", 0),
        "connections": blockers.get("connections", 0),
    }


# --- engagements -------------------------------------------------------------------------


class EngagementListView(StaffRequiredMixin, FilterView):
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


class UpcomingEngagementListView(StaffRequiredMixin, ListView):
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
    rows = services.left_out_firms(engagement)
    sought_any = any(p.seeks_specialties.all() for p in engagement.partners.all())
    page = Paginator(rows, PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "staff/left_out.html",
        {
            "engagement": engagement,
            "page_obj": page,
            "rows": page.object_list,
            "is_paginated": page.has_other_pages(),
            "sought_any": sought_any,
            "total": len(rows),
        },
    )


# --- connections -------------------------------------------------------------------------


class ConnectionListView(StaffRequiredMixin, FilterView):
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
        ctx["stage_counts"] = _stage_rows(counts)
        ctx["stage_query"] = query
        ctx["current_stage"] = self.request.GET.get("stage", "")
        ctx["total_unstaged"] = sum(counts.values())
        ctx["today"] = timezone.localdate()
        return ctx


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
    origin = (
        _("Not yet connected after: %(title)s") % {"title": engagement.title_ko}
        if engagement
        else ""
    )
    connection, created = services.propose_connection(
        firm, partner, request.user, origin, source_engagement=engagement
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


# --- firms (staff view) ------------------------------------------------------------------


@staff_required
def firm_detail(request, slug):
    firm = get_object_or_404(Firm.objects.select_related("cluster"), slug=slug)
    ctx = {
        "firm": firm,
        "connections": firm.connections.select_related("partner", "owner").order_by(
            "partner__name_ko"
        ),
        "participations": firm.participations.select_related("engagement")
        .prefetch_related("engagement__partners")
        .order_by("-engagement__date", "-engagement__pk"),
    }
    return render(request, "staff/firm_detail.html", ctx)


# --- follow-ups --------------------------------------------------------------------------


@staff_required
def followups(request):
    days = settings.FOLLOWUPS_DAYS
    page = Paginator(services.followups_queryset(days=days), PER_PAGE * 2).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "staff/followups.html",
        {
            "groups": services.group_by_owner(page.object_list),
            "days": days,
            "today": timezone.localdate(),
            "total": page.paginator.count,
            "page_obj": page,
            "is_paginated": page.has_other_pages(),
        },
    )
