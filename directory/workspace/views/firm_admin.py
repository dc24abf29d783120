"""Firm management in the staff workspace: the list of all firms with search, filters and bulk
actions, create, edit (with history and conflict detection), publish/verify/archive, export."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from directory.accounts import review
from directory.accounts import services as account_services
from directory.accounts.forms import ContactFormSet, contacts_from
from directory.accounts.permissions import staff_required
from directory.accounts.services.bulk_invitations import (
    STATUS_LABELS,
    invitation_status,
    invite_firms,
)
from directory.core import export
from directory.core.pagination import forgiving_page
from directory.firms.models import Firm, FirmRedirect
from directory.firms.names import slug_base, unique_slug
from directory.firms.translation import localize
from directory.workspace.firm_forms import (
    BULK_ACTIONS,
    BulkActionForm,
    StaffFirmFilter,
    StaffFirmForm,
)

PER_PAGE = settings.STAFF_PER_PAGE
LIST_FIELDS = (
    "pk",
    "slug",
    "name_ko",
    "name_en",
    "name_zh",
    "is_published",
    "is_verified",
    "is_archived",
    "cluster",
    "updated_at",
    "last_confirmed_at",
    "business_registration_number",
)


def staff_firms(request):
    """The filtered firms of the list (also what its export and bulk actions work on)."""
    queryset = Firm.objects.select_related("cluster").only(
        *LIST_FIELDS[1:], "cluster__name_ko", "cluster__name_en", "cluster__name_zh"
    )
    filterset = StaffFirmFilter(request.GET, queryset=queryset)
    firms = filterset.qs
    if request.GET.get("q", "").strip():
        firms = firms.order_by("search_rank", "name_ko", "pk")
    else:
        firms = firms.order_by("name_ko", "pk")
    return filterset, firms


@staff_required
def firm_list(request):
    filterset, firms = staff_firms(request)
    page, notice = forgiving_page(Paginator(firms, PER_PAGE), request.GET.get("page"))
    if notice:
        messages.info(request, notice)
    rows = list(page.object_list)
    status = invitation_status(f.pk for f in rows)
    for firm in rows:
        firm.invitation_status = STATUS_LABELS[status[firm.pk]]
    query = request.GET.copy()
    query.pop("page", None)
    ctx = {
        "filter": filterset,
        "firms": rows,
        "page_obj": page,
        "is_paginated": page.has_other_pages(),
        "total": page.paginator.count,
        "query": query.urlencode(),
        "bulk_actions": BULK_ACTIONS,
        "specialties": BulkActionForm().fields["specialty"].queryset.select_related("parent"),
    }
    return render(request, "staff/firms/firm_list.html", ctx)


def _export_rows(firms):
    for firm in firms.prefetch_related("specialties", "target_markets"):
        yield [
            firm.name_ko,
            firm.name_en,
            firm.name_zh,
            firm.slug,
            firm.business_registration_number or "",
            firm.cluster.name_ko if firm.cluster else "",
            "; ".join(s.name_ko for s in firm.specialties.all()),
            "; ".join(c.code for c in firm.target_markets.all()),
            firm.website,
            firm.address,
            firm.founded_year or "",
            firm.size_band,
            firm.is_published,
            firm.is_verified,
            firm.is_archived,
            firm.updated_at,
        ]


EXPORT_HEADER = [
    "기업명",
    "영문명",
    "중문명",
    "슬러그",
    "사업자등록번호",
    "클러스터",
    "전문분야",
    "목표시장",
    "홈페이지",
    "주소",
    "설립연도",
    "규모",
    "공개",
    "확인됨",
    "보관",
    "수정일",
]


@staff_required
def firm_export(request, fmt):
    """The list's filtered rows (or the ticked ``firms``) as CSV or XLSX, formulas neutralised.
    The header is in Korean so the file imports back unchanged."""
    _filterset, firms = staff_firms(request)
    ids = [v for v in request.GET.getlist("firms") if v.isdigit()]
    if ids:
        firms = Firm.objects.filter(pk__in=ids).select_related("cluster").order_by("name_ko", "pk")
    firms = firms.defer(None)  # every column, not only the list's
    return export.response(fmt, "gagyo-firms", EXPORT_HEADER, _export_rows(firms))


def _firm_or_redirect(slug: str):
    firm = Firm.objects.filter(slug=slug).first()
    if firm is not None:
        return firm, None
    moved = FirmRedirect.objects.select_related("firm").filter(old_slug=slug).first()
    if moved is None:
        raise Http404
    return None, moved.firm


def _form_view(request, firm: Firm | None):
    creating = firm is None
    form_kwargs = {"firm": firm, "creating": creating}
    conflict = None
    if request.method == "POST":
        form = StaffFirmForm(request.POST, request.FILES, **form_kwargs)
        contacts = ContactFormSet(request.POST, prefix="contacts")
        if form.is_valid() and contacts.is_valid():
            proposed = form.proposed(contacts_from(contacts))
            logo = form.cleaned_data.get("logo")
            try:
                with transaction.atomic():
                    if creating:
                        firm = _create(request.user, form)
                        token = account_services.current_token(firm, for_staff=True)
                    else:
                        token = form.cleaned_data["token"]
                    account_services.direct_edit(
                        firm, request.user, proposed, token, logo, form.staff_values()
                    )
                    firm.refresh_from_db()
                    new_slug = form.cleaned_data["slug"]
                    if not creating and new_slug and new_slug != firm.slug:
                        FirmRedirect.objects.update_or_create(
                            old_slug=firm.slug, defaults={"firm": firm}
                        )
                        FirmRedirect.objects.filter(old_slug=new_slug).delete()
                        firm.slug = new_slug
                        firm._history_user = request.user
                        firm._change_reason = _("Slug changed by staff")
                        firm.save()
                messages.success(
                    request,
                    _("The firm was created.")
                    if creating
                    else _("The profile was saved and is live."),
                )
                return redirect("staff:firm-detail", slug=firm.slug)
            except account_services.EditConflict as exc:
                conflict = [
                    {
                        "label": str(form.fields[c.field].label)
                        if c.field in form.fields
                        else c.field,
                        "now": c.old,
                    }
                    for c in review.diff(exc.current, proposed)
                ]
                data = request.POST.copy()
                data["token"] = exc.token
                form = StaffFirmForm(data, **form_kwargs)
                form.is_valid()
        else:
            messages.error(request, _("Please correct the errors below; nothing was saved yet."))
    else:
        if creating:
            form = StaffFirmForm(creating=True, firm=None)
            contacts = ContactFormSet(prefix="contacts")
        else:
            start = account_services.editing_start(firm, for_staff=True)
            initial = StaffFirmForm.initial_from(
                start, account_services.current_token(firm, for_staff=True)
            )
            initial.update(
                {
                    "cluster": firm.cluster_id,
                    "business_registration_number": firm.business_registration_number,
                    "is_published": firm.is_published,
                    "is_verified": firm.is_verified,
                    "slug": firm.slug,
                }
            )
            form = StaffFirmForm(initial=initial, **form_kwargs)
            contacts = ContactFormSet(prefix="contacts", initial=start["contacts"])
    ctx = {
        "firm": firm,
        "form": form,
        "contacts": contacts,
        "creating": creating,
        "conflict": conflict,
    }
    return render(request, "staff/firms/firm_form.html", ctx, status=409 if conflict else 200)


def _create(user, form: StaffFirmForm) -> Firm:
    data = form.cleaned_data
    taken = set(
        Firm.objects.filter(
            slug__startswith=slug_base(data.get("name_en"), data["name_ko"])[:40]
        ).values_list("slug", flat=True)
    ) | set(FirmRedirect.objects.values_list("old_slug", flat=True))
    slug = data.get("slug") or unique_slug(slug_base(data.get("name_en"), data["name_ko"]), taken)
    firm = Firm(slug=slug, name_ko=data["name_ko"])
    firm._history_user = user
    firm._change_reason = _("Created by staff")
    firm.save()
    return firm


@staff_required
def firm_create(request):
    return _form_view(request, None)


@staff_required
def firm_edit(request, slug):
    firm, moved = _firm_or_redirect(slug)
    if moved is not None:
        return redirect(reverse("staff:firm-edit", args=[moved.slug]), permanent=True)
    return _form_view(request, firm)


STATUS_ACTIONS = {
    "publish": ({"is_published": True, "is_archived": False}, _("Published by staff")),
    "unpublish": ({"is_published": False}, _("Unpublished by staff")),
    "verify": ({"is_verified": True}, _("Verified by staff")),
    "unverify": ({"is_verified": False}, _("Verification withdrawn by staff")),
    "archive": ({"is_archived": True, "is_published": False}, _("Archived by staff")),
    "unarchive": ({"is_archived": False}, _("Restored from the archive by staff")),
}


def set_status(firms, action: str, user) -> int:
    """Publish, unpublish, verify… each firm with a history record; returns how many changed."""
    values, reason = STATUS_ACTIONS[action]
    changed = 0
    with transaction.atomic():
        for firm in firms:
            if all(getattr(firm, k) == v for k, v in values.items()):
                continue
            for key, value in values.items():
                setattr(firm, key, value)
            firm._history_user = user
            firm._change_reason = str(reason)
            firm.save()
            changed += 1
    return changed


@staff_required
@require_POST
def firm_status(request, slug):
    firm = get_object_or_404(Firm, slug=slug)
    action = request.POST.get("action", "")
    if action not in STATUS_ACTIONS:
        messages.error(request, _("Unknown action."))
    elif set_status([firm], action, request.user):
        messages.success(request, str(STATUS_ACTIONS[action][1]))
    else:
        messages.info(request, _("Nothing changed."))
    return redirect("staff:firm-detail", slug=firm.slug)


@staff_required
@require_POST
def firm_bulk(request):
    form = BulkActionForm(request.POST)
    back = reverse("staff:firm-list") + (
        "?" + request.POST["query"] if request.POST.get("query") else ""
    )
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        if "firms" in form.errors:
            messages.error(request, _("Tick at least one firm."))
        return redirect(back)
    firms = list(form.cleaned_data["firms"])
    action = form.cleaned_data["action"]
    if action in ("publish", "unpublish", "verify"):
        n = set_status(firms, action, request.user)
        messages.success(
            request,
            ngettext("%(n)d firm changed.", "%(n)d firms changed.", n) % {"n": n},
        )
    elif action in ("add_specialty", "remove_specialty"):
        specialty = form.cleaned_data["specialty"]
        with transaction.atomic():
            for firm in firms:
                firm._history_user = request.user
                if action == "add_specialty":
                    firm.specialties.add(specialty)
                else:
                    firm.specialties.remove(specialty)
        messages.success(
            request,
            ngettext("%(n)d firm changed.", "%(n)d firms changed.", len(firms)) % {"n": len(firms)},
        )
    else:
        result = invite_firms(
            firms,
            request.user,
            lambda token: accept_url(request, token),
            resend=action == "resend",
        )
        invite_messages(request, result)
    return redirect(back)


def accept_url(request, token: str) -> str:
    with translation.override("ko"):
        return request.build_absolute_uri(reverse("accept-invitation", args=[token]))


def _names(firms) -> str:
    names = [localize(f, "name").text for f in firms[:10]]
    return ", ".join(names) + (" …" if len(firms) > 10 else "")


def invite_messages(request, result) -> None:
    if result.sent:
        messages.success(
            request, _("Invitations sent: %(firms)s.") % {"firms": _names(result.sent)}
        )
    if result.resent:
        messages.success(
            request, _("Invitations sent again: %(firms)s.") % {"firms": _names(result.resent)}
        )
    if result.already_live:
        messages.info(
            request,
            _("Already invited (use “Resend invitations” to send a new link): %(firms)s.")
            % {"firms": _names(result.already_live)},
        )
    if result.no_email:
        messages.warning(
            request,
            _("No contact email, not invited: %(firms)s.") % {"firms": _names(result.no_email)},
        )
