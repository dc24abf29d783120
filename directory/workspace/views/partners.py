"""Overseas partners in the staff workspace: list, create, edit, archive, delete."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Count, Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.generic import DetailView, ListView

from directory.accounts.permissions import staff_required
from directory.core.pagination import forgiving_page
from directory.firms.models import Specialty
from directory.partners import services
from directory.partners.models import (
    OverseasPartner,
)
from directory.search.services import SEARCH_ORDER, search_partners
from directory.search.text import clean_query
from directory.workspace.display import stage_rows
from directory.workspace.forms import (
    PartnerContactFormSet,
    PartnerForm,
)

PER_PAGE = settings.STAFF_PER_PAGE


@method_decorator(staff_required, name="dispatch")
class PartnerListView(ListView):
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
        q, _truncated = clean_query(self.request.GET.get("q", ""))
        order = ("name_ko", "pk")
        if q:
            # The project's one search and ranking (names, cities, descriptions; any language).
            qs = search_partners(qs, q)
            order = SEARCH_ORDER
        return (
            services.with_agreement_counts(qs)
            .annotate(engagement_count=Count("engagements", distinct=True))
            .order_by(*order)
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


@method_decorator(staff_required, name="dispatch")
class PartnerDetailView(DetailView):
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
            "stage", "firm__name_ko", "pk"
        )
        page, _notice = forgiving_page(
            Paginator(connections, settings.STAFF_PER_PAGE), self.request.GET.get("page")
        )
        ctx.update(
            connections=page.object_list,
            page_obj=page,
            is_paginated=page.has_other_pages(),
            stage_counts=stage_rows(services.stage_counts(partner.connections.all())),
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
