"""Member workspace (/my/), the review queue (/staff/reviews/) and invitations.

Views are thin: permission checks from ``permissions``, work from ``services``.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import FileResponse, Http404, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from directory.accounts import review, services
from directory.accounts.forms import (
    AcceptInvitationForm,
    ContactFormSet,
    DecisionForm,
    InvitationForm,
    ProfileForm,
    StaffProfileForm,
    contacts_from,
)
from directory.accounts.models import WAITING_BUCKETS, Invitation, Membership, ProfileChange
from directory.accounts.permissions import (
    can_edit_firm,
    can_manage_members,
    can_withdraw_change,
    firm_for,
    is_staff_member,
    landing_url_name,
    login_required_view,
    staff_required,
)
from directory.firms.models import Firm, Specialty
from directory.search.services import search_firms

from . import display

MAX_QUERY = 200

# --- member workspace ------------------------------------------------------------------------


def _firm_summary(firm: Firm) -> dict:
    snap = services.snapshot(firm)
    return {
        "firm": firm,
        "completeness": review.completeness(snap),
        "pending": services.open_change(firm),
        "last": firm.profile_changes.select_related("reviewed_by").first(),
    }


@login_required_view
def my_home(request):
    memberships = (
        Membership.objects.filter(user=request.user)
        .select_related("firm")
        .order_by("firm__name_ko")
    )
    ctx = {
        "items": [{**_firm_summary(m.firm), "membership": m} for m in memberships],
        "pending_count": ProfileChange.objects.pending().count()
        if is_staff_member(request.user)
        else 0,
    }
    return render(request, "accounts/my_home.html", ctx)


@login_required_view
def my_firm(request, slug):
    firm = firm_for(request.user, slug)
    summary = _firm_summary(firm)
    pending = summary["pending"]
    ctx = {
        **summary,
        "pending_rows": display.rows(review.diff(pending.base, pending.data)) if pending else [],
        "may_withdraw": pending and can_withdraw_change(request.user, pending),
        "contacts": firm.contacts.all(),
        "members": firm.memberships.select_related("user")
        if can_manage_members(request.user, firm)
        else None,
        "recent": firm.profile_changes.select_related("submitted_by", "reviewed_by")[:5],
    }
    return render(request, "accounts/my_firm.html", ctx)


@login_required_view
def edit_firm(request, slug):
    firm = firm_for(request.user, slug, can_edit_firm)
    staff = is_staff_member(request.user)
    form_class = StaffProfileForm if staff else ProfileForm
    form_kwargs = {"firm": firm} if staff else {}
    conflict = None
    if request.method == "POST":
        form = form_class(request.POST, request.FILES, **form_kwargs)
        contacts = ContactFormSet(request.POST, prefix="contacts")
        if form.is_valid() and contacts.is_valid():
            proposed = form.proposed(contacts_from(contacts))
            logo = form.cleaned_data.get("logo")
            try:
                if staff:
                    services.direct_edit(
                        firm,
                        request.user,
                        proposed,
                        form.cleaned_data["token"],
                        logo,
                        form.staff_values(),
                    )
                    messages.success(request, _("The profile was saved and is live."))
                else:
                    services.submit_change(
                        firm, request.user, proposed, form.cleaned_data["token"], logo
                    )
                    messages.success(
                        request,
                        _(
                            "Your change was saved as a pending change. The public profile "
                            "shows it once staff approve it."
                        ),
                    )
                return redirect("my:firm", slug=firm.slug)
            except services.NoChanges:
                messages.info(request, _("Nothing changed, so nothing was submitted."))
                return redirect("my:firm", slug=firm.slug)
            except services.EditConflict as exc:
                # Keep what this person typed; show what changed meanwhile; new token lets
                # them save again knowingly.
                conflict = {
                    "rows": display.rows(review.diff(exc.current, proposed)),
                    "changed_by": exc.changed_by,
                }
                data = request.POST.copy()
                data["token"] = exc.token
                form = form_class(data, **form_kwargs)
                form.is_valid()
                if logo is not None:
                    messages.warning(request, _("Please choose the logo file again."))
    else:
        start = services.editing_start(firm, for_staff=staff)
        initial = form_class.initial_from(start, services.current_token(firm, for_staff=staff))
        if staff:
            initial.update(
                {
                    "cluster": firm.cluster_id,
                    "business_registration_number": firm.business_registration_number,
                    "is_published": firm.is_published,
                    "is_verified": firm.is_verified,
                }
            )
        form = form_class(initial=initial, **form_kwargs)
        contacts = ContactFormSet(prefix="contacts", initial=start["contacts"])
    ctx = {
        "firm": firm,
        "form": form,
        "contacts": contacts,
        "conflict": conflict,
        "staff_edit": staff,
        "pending": services.open_change(firm),
    }
    return render(request, "accounts/edit_firm.html", ctx, status=409 if conflict else 200)


@require_POST
@login_required_view
def withdraw_change(request, slug, pk):
    firm = firm_for(request.user, slug)
    change = get_object_or_404(ProfileChange, pk=pk, firm=firm)
    if not can_withdraw_change(request.user, change):
        raise PermissionDenied
    try:
        services.withdraw_change(change, request.user)
        messages.success(request, _("The pending change was withdrawn."))
    except review.StatusError:
        messages.error(request, _("This change is no longer pending."))
    return redirect("my:firm", slug=firm.slug)


@require_POST
@login_required_view
def confirm_firm(request, slug):
    firm = firm_for(request.user, slug, can_edit_firm)
    services.confirm_profile(firm, request.user)
    messages.success(request, _("Thank you: the profile is confirmed as accurate."))
    return redirect("my:firm", slug=firm.slug)


M2M_HISTORY = {
    "specialties": ("historicalfirm_specialties_set", "specialty"),
    "target_markets": ("historicalfirm_target_markets_set", "country"),
}
HIDDEN_HISTORY_FIELDS = {"updated_at", "logo_small", "logo_medium"}


def _m2m_values(record, field: str, labels: dict[int, str]) -> list[str]:
    """Names in the active language: specialties as "parent > child", countries by name."""
    accessor, target = M2M_HISTORY[field]
    values = []
    for row in getattr(record, accessor).all():
        obj = getattr(row, target)
        values.append(labels.get(obj.pk, "") if field == "specialties" else obj.tr("name").text)
    return sorted(values)


def _specialty_labels() -> dict[int, str]:
    """Every specialty's label in the active language, in one query (the taxonomy is small)."""
    labels = {}
    for specialty in Specialty.objects.select_related("parent"):
        name = specialty.tr("name").text
        labels[specialty.pk] = (
            f"{specialty.parent.tr('name').text} > {name}" if specialty.parent else name
        )
    return labels


def _history_entries(firm: Firm, records: list) -> list[dict]:
    """Pair each record with the one before it and describe the difference.

    Records come in newest-first with their m2m rows prefetched; the record before the last one
    on the page is fetched once, so the page costs a fixed number of queries.
    """
    if records:
        last = records[-1]
        older = (
            _with_m2m(firm.history.filter(history_date__lt=last.history_date))
            .order_by("-history_date", "-history_id")
            .first()
        )
    else:
        older = None
    prevs = [*records[1:], older]
    change_ids = [
        int(r.history_change_reason.removeprefix("change #"))
        for r in records
        if (r.history_change_reason or "").startswith("change #")
    ]
    changes = ProfileChange.objects.select_related("reviewed_by").in_bulk(change_ids)
    entries = []
    labels = _specialty_labels() if len(records) > 0 else {}
    for record, prev in zip(records, prevs, strict=True):
        fields = []
        if prev is not None:
            delta = record.diff_against(
                prev, excluded_fields=[*M2M_HISTORY, *HIDDEN_HISTORY_FIELDS]
            )
            for c in delta.changes:
                fields.append(
                    {
                        "field": c.field,
                        "label": display.field_label(c.field),
                        "old": display.show(c.field, c.old),
                        "new": display.show(c.field, c.new),
                        "restorable": c.field in services.RESTORABLE_FIELDS,
                    }
                )
            for field in M2M_HISTORY:
                old, new = _m2m_values(prev, field, labels), _m2m_values(record, field, labels)
                if old != new:
                    fields.append(
                        {
                            "field": field,
                            "label": display.field_label(field),
                            "old": ", ".join(old),
                            "new": ", ".join(new),
                            "restorable": False,
                        }
                    )
        reason = record.history_change_reason or ""
        change = None
        if reason.startswith("change #"):
            change = changes.get(int(reason.removeprefix("change #")))
        entries.append(
            {
                "record": record,
                "prev": prev,
                "fields": fields,
                "created": record.history_type == "+",
                "change": change,
            }
        )
    return entries


def _with_m2m(queryset):
    return queryset.select_related("history_user").prefetch_related(
        "historicalfirm_specialties_set__specialty",
        "historicalfirm_target_markets_set__country",
    )


@login_required_view
def firm_history(request, slug):
    firm = firm_for(request.user, slug)
    page = Paginator(_with_m2m(firm.history.order_by("-history_date", "-history_id")), 20).get_page(
        request.GET.get("page")
    )
    ctx = {
        "firm": firm,
        "page_obj": page,
        "entries": _history_entries(firm, list(page.object_list)),
        "may_restore": is_staff_member(request.user),
    }
    return render(request, "accounts/history.html", ctx)


@require_POST
@staff_required
def restore_field(request, slug):
    firm = get_object_or_404(Firm, slug=slug)
    field = request.POST.get("field", "")
    try:
        history_id = int(request.POST.get("history_id", ""))
        services.restore_field(firm, history_id, field, request.user)
    except (ValueError, firm.history.model.DoesNotExist):
        messages.error(request, _("That value cannot be restored."))
    else:
        messages.success(
            request, _("Restored the earlier %(field)s.") % {"field": display.field_label(field)}
        )
    return redirect("my:history", slug=firm.slug)


# --- staff review queue ----------------------------------------------------------------------


@staff_required
def review_queue(request):
    q = request.GET.get("q", "").strip()[:MAX_QUERY]
    changes = ProfileChange.objects.for_queue()
    if q:
        # Firms are found by the directory's own search (names, aliases, choseong, ...).
        firms = search_firms(Firm.objects.all(), q).values("pk")
        changes = changes.filter(
            Q(firm__in=firms)
            | Q(submitted_by__username__icontains=q)
            | Q(submitted_by__email__icontains=q)
        )
    waiting = request.GET.get("waiting", "")
    buckets = {key: label for key, label, _days in WAITING_BUCKETS}
    if waiting in buckets:
        changes = changes.with_waiting().filter(waiting=waiting)
    elif waiting:
        messages.warning(request, _("Unknown waiting time was ignored."))
        waiting = ""
    page = Paginator(changes, 25).get_page(request.GET.get("page"))
    recent = ProfileChange.objects.exclude(status="pending").select_related(
        "firm", "submitted_by", "reviewed_by"
    )[:10]
    return render(
        request,
        "accounts/review_queue.html",
        {
            "page_obj": page,
            "recent": recent,
            "q": q,
            "waiting": waiting,
            "waiting_label": buckets.get(waiting, ""),
            "pending_total": ProfileChange.objects.pending().count(),
        },
    )


def _review_context(change: ProfileChange, form: DecisionForm, clashes=None) -> dict:
    current = services.snapshot(change.firm)
    return {
        "change": change,
        "firm": change.firm,
        "rows": display.rows(review.diff(change.base, change.data)),
        "clashes": clashes
        if clashes is not None
        else review.conflicts(change.base, current, change.data),
        "current_rows": display.rows(review.diff(change.base, current)),
        "form": form,
    }


@staff_required
def review_detail(request, pk):
    change = get_object_or_404(
        ProfileChange.objects.select_related("firm", "submitted_by", "reviewed_by"), pk=pk
    )
    return render(request, "accounts/review_detail.html", _review_context(change, DecisionForm()))


@require_POST
@staff_required
def review_decide(request, pk, decision):
    change = get_object_or_404(ProfileChange.objects.select_related("firm"), pk=pk)
    form = DecisionForm(request.POST)
    if not form.is_valid():  # pragma: no cover - all fields optional
        return render(request, "accounts/review_detail.html", _review_context(change, form))
    comment = form.cleaned_data["comment"]
    try:
        if decision == "approve":
            services.approve_change(
                change.pk, request.user, comment, force=form.cleaned_data["force"]
            )
            messages.success(request, _("Approved: the public profile now shows the change."))
        else:
            services.reject_change(change.pk, request.user, comment)
            messages.success(request, _("Rejected; the member has been told."))
    except services.ReviewConflict as exc:
        messages.error(
            request,
            _(
                "The profile changed since the member opened it, in the same fields. "
                "Check the differences and tick the box to approve anyway."
            ),
        )
        ctx = _review_context(change, form, clashes=exc.fields)
        return render(request, "accounts/review_detail.html", ctx, status=409)
    except review.StatusError:
        messages.error(request, _("This change is no longer pending."))
    return redirect("reviews:queue")


@login_required_view
def change_logo(request, pk):
    """A proposed logo, for staff and the firm's members only (never under public /media/)."""
    change = get_object_or_404(ProfileChange.objects.select_related("firm"), pk=pk)
    if not can_edit_firm(request.user, change.firm) or not change.logo:
        raise Http404
    try:
        response = FileResponse(change.logo.open("rb"))
    except FileNotFoundError:
        raise Http404 from None
    response["Content-Security-Policy"] = "default-src 'none'"
    response["Cache-Control"] = "private, no-store"
    return response


# --- invitations and memberships (staff) -----------------------------------------------------


@staff_required
def invitations(request):
    if request.method == "POST":
        form = InvitationForm(request.POST)
        if form.is_valid():
            new = services.create_invitation(
                form.cleaned_data["firm"],
                form.cleaned_data["email"],
                form.cleaned_data["role"],
                request.user,
            )
            url = request.build_absolute_uri(reverse("accept-invitation", args=[new.token]))
            services.send_invitation(new, url)
            messages.success(
                request,
                _("Invitation sent to %(email)s.") % {"email": new.invitation.email},
            )
            return redirect("reviews:invitations")
    else:
        form = InvitationForm(initial={"firm": request.GET.get("firm")})
    page = Paginator(
        Invitation.objects.select_related("firm", "created_by", "accepted_by"), 25
    ).get_page(request.GET.get("page"))
    return render(request, "accounts/invitations.html", {"form": form, "page_obj": page})


@require_POST
@staff_required
def revoke_invitation(request, pk):
    services.revoke_invitation(get_object_or_404(Invitation, pk=pk))
    messages.success(request, _("The invitation was revoked."))
    return redirect("reviews:invitations")


@staff_required
def memberships(request):
    page = Paginator(
        Membership.objects.select_related("firm", "user").order_by(
            "firm__name_ko", "user__username"
        ),
        50,
    ).get_page(request.GET.get("page"))
    return render(request, "accounts/memberships.html", {"page_obj": page})


@require_POST
@staff_required
def revoke_membership(request, pk):
    membership = get_object_or_404(Membership.objects.select_related("firm", "user"), pk=pk)
    membership.delete()
    messages.success(
        request,
        _("%(user)s can no longer edit %(firm)s.")
        % {"user": membership.user, "firm": membership.firm.name},
    )
    return redirect("reviews:memberships")


# --- logging in (/accounts/login/) ----------------------------------------------------------


class LoginView(auth_views.LoginView):
    """Django's login; without a safe ``next``, staff land on /staff/ and members on /my/."""

    def get_default_redirect_url(self):
        name = landing_url_name(self.request.user)
        return reverse(name) if name else super().get_default_redirect_url()


# --- accepting an invitation (/accounts/invite/<token>/) -------------------------------------


def accept_invitation(request, token):
    invitation = services.find_invitation(token)
    if invitation is None:
        return render(request, "accounts/invitation_invalid.html", status=404)
    if request.user.is_authenticated:
        if request.method == "POST":
            services.accept_invitation(token, request.user)
            messages.success(
                request, _("You can now edit %(firm)s.") % {"firm": invitation.firm.name}
            )
            return redirect("my:firm", slug=invitation.firm.slug)
        return render(
            request, "accounts/invitation_accept.html", {"invitation": invitation, "form": None}
        )
    if request.method == "POST":
        form = AcceptInvitationForm(request.POST, email=invitation.email)
        if form.is_valid():
            user = services.accept_invitation(
                token,
                username=form.cleaned_data["username"],
                password=form.cleaned_data["password1"],
            )
            if user is None:
                return render(request, "accounts/invitation_invalid.html", status=404)
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(request, _("Welcome! Your account is ready."))
            return redirect("my:firm", slug=invitation.firm.slug)
    elif request.method == "GET":
        form = AcceptInvitationForm(email=invitation.email)
    else:
        return HttpResponseNotAllowed(["GET", "POST"])
    return render(
        request, "accounts/invitation_accept.html", {"invitation": invitation, "form": form}
    )
