"""Staff pages: the match page, the reverse view on a firm, shortlists and briefing packs."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from directory.accounts.permissions import staff_required
from directory.firms.models import Firm
from directory.partners.models import OverseasPartner

from . import briefing
from .forms import MatchForm, ShortlistForm
from .models import Shortlist, ShortlistEntry
from .reasons import RELATIONSHIP_LABELS, ReasonRenderer
from .services import (
    DEFAULT_LIMIT,
    MAX_LIMIT,
    NoPartner,
    create_shortlist,
    introduce,
    partners_for_firm,
    run_match,
)

SHORTLISTS_PER_PAGE = 25
BRIEF_KEYS = {"specialties", "keywords", "countries"}


def _prefilled(data: QueryDict) -> tuple[QueryDict, OverseasPartner | None]:
    """?partner=<slug> alone opens the page with the partner's sought specialties and country."""
    slug = data.get("partner")
    if not slug or set(data.keys()) - {"partner"}:
        return data, None
    partner = (
        OverseasPartner.objects.active()
        .filter(slug=slug)
        .prefetch_related("seeks_specialties")
        .first()
    )
    if partner is None:
        return data, None
    data = data.copy()
    data.setlist("specialties", [str(s.pk) for s in partner.seeks_specialties.all()])
    data.setlist("countries", [partner.country_id])
    return data, partner


def _result_rows(outcome, renderer: ReasonRenderer) -> list[dict]:
    firms = Firm.objects.select_related("cluster").in_bulk([r.firm_id for r in outcome.results])
    # Formatted here, once, rather than by template filters 50 times (the page must be quick).
    score_text = _("%(total)s of %(maximum)s points")
    maximum = f"{outcome.maximum:.1f}"
    rows = []
    for rank_number, result in enumerate(outcome.results, start=1):
        parts = renderer.parts(part.to_dict() for part in result.parts)
        for part in parts:
            part["points_text"] = f"{part['points']:.1f}"
        rows.append(
            {
                "rank": rank_number,
                "result": result,
                "firm": firms.get(result.firm_id),
                "total": round(result.total, 1),
                "score_text": score_text % {"total": f"{result.total:.1f}", "maximum": maximum},
                "percent": round(100 * result.total / outcome.maximum) if outcome.maximum else 0,
                "parts": parts,
                "summary": renderer.summary(part.to_dict() for part in result.parts),
                "relationship": result.relationship,
                "relationship_label": RELATIONSHIP_LABELS[result.relationship],
            }
        )
    return rows


def _render_match(request, data: QueryDict, *, shortlist_form=None, selected=()):
    data, prefilled_partner = _prefilled(data)
    form = MatchForm(data if any(k in data for k in (*BRIEF_KEYS, "partner")) else None)
    ctx = {
        "form": form,
        "prefilled_partner": prefilled_partner,
        "shortlist_form": shortlist_form or ShortlistForm(),
        "selected": set(selected),
    }
    if form.is_bound and form.is_valid():
        brief = form.brief()
        partner = form.cleaned_data.get("partner")
        limit = form.result_limit()
        outcome = run_match(brief, form.filters(), limit=limit)
        ctx.update(
            partner=partner,
            brief=brief,
            outcome=outcome,
            rows=_result_rows(outcome, ReasonRenderer()),
            maximum=round(outcome.maximum, 1),
            needs_more_brief=not (brief.specialty_ids or brief.keywords),
        )
        if outcome.candidates > limit and limit < MAX_LIMIT:
            more = data.copy()
            more["limit"] = str(min(MAX_LIMIT, limit + DEFAULT_LIMIT))
            ctx["more_url"] = f"?{more.urlencode()}"
        if not shortlist_form:
            name = partner.name if partner else _("Ad-hoc brief")
            ctx["shortlist_form"] = ShortlistForm(initial={"name": name})
        # The brief and filters again, as hidden fields of the shortlist form.
        ctx["brief_fields"] = [(key, value) for key in form.fields for value in data.getlist(key)]
    return render(request, "matching/match.html", ctx)


@staff_required
def match(request):
    """Rank the directory's firms for a partner's brief or an ad-hoc brief."""
    return _render_match(request, request.GET)


@staff_required
@require_POST
def shortlist_create(request):
    """Save the ticked firms of a match as a shortlist, with the brief."""
    match_form = MatchForm(request.POST)
    submitted = [v for v in request.POST.getlist("firms") if v.isdigit()]
    published = Firm.objects.published().filter(pk__in=submitted).values_list("pk", flat=True)
    form = ShortlistForm(request.POST, firm_ids=list(published))
    if not (match_form.is_valid() and form.is_valid()):
        if match_form.is_bound and not match_form.is_valid():
            messages.error(request, _("The brief was not valid; please check it."))
        return _render_match(
            request,
            request.POST,
            shortlist_form=form,
            selected=[int(v) for v in submitted],
        )
    brief = match_form.brief()
    shortlist = create_shortlist(
        name=form.cleaned_data["name"],
        brief=brief,
        firm_ids=form.cleaned_data["firms"],
        author=request.user,
        partner=match_form.cleaned_data.get("partner"),
        keywords_text=match_form.cleaned_data.get("keywords") or "",
    )
    messages.success(
        request,
        ngettext(
            "Shortlist saved with %(count)d firm.",
            "Shortlist saved with %(count)d firms.",
            shortlist.entries.count(),
        )
        % {"count": shortlist.entries.count()},
    )
    return redirect(shortlist)


@staff_required
@require_POST
def shortlist_add_firms(request):
    """Firms ticked in the staff firm list (/staff/firms/) as a new shortlist, without a brief:
    the workspace links here by URL name (feature apps do not import each other)."""
    ids = [int(v) for v in request.POST.getlist("firms") if v.isdigit()]
    firms = list(
        Firm.objects.filter(pk__in=ids).order_by("name_ko", "pk").values_list("pk", flat=True)
    )
    name = (request.POST.get("name") or "").strip()[:150]
    if not firms or not name:
        messages.error(request, _("Tick at least one firm and name the shortlist."))
        return redirect(request.POST.get("back") or "staff:firm-list")
    shortlist = Shortlist.objects.create(name=name, author=request.user)
    ShortlistEntry.objects.bulk_create(
        ShortlistEntry(shortlist=shortlist, firm_id=pk, position=position)
        for position, pk in enumerate(firms, start=1)
    )
    messages.success(
        request,
        ngettext(
            "Shortlist saved with %(count)d firm.",
            "Shortlist saved with %(count)d firms.",
            len(firms),
        )
        % {"count": len(firms)},
    )
    return redirect(shortlist)


@staff_required
def firm_partners(request, slug: str):
    """The reverse view: which partners' briefs does this firm fit best?"""
    firm = get_object_or_404(Firm.objects.published(), slug=slug)
    renderer = ReasonRenderer()
    rows = [
        {
            "match": m,
            "parts": renderer.parts(part.to_dict() for part in m.result.parts),
            "summary": renderer.summary(part.to_dict() for part in m.result.parts),
            "relationship_label": RELATIONSHIP_LABELS[m.result.relationship],
        }
        for m in partners_for_firm(firm)
    ]
    return render(request, "matching/firm_partners.html", {"firm": firm, "rows": rows})


@staff_required
def shortlist_list(request):
    paginator = Paginator(Shortlist.objects.for_list(), SHORTLISTS_PER_PAGE)
    page = paginator.get_page(request.GET.get("page"))
    return render(request, "matching/shortlist_list.html", {"page_obj": page})


def _shortlist(pk: int) -> Shortlist:
    return get_object_or_404(Shortlist.objects.select_related("partner", "author"), pk=pk)


@staff_required
def shortlist_detail(request, pk: int):
    shortlist = _shortlist(pk)
    renderer = ReasonRenderer()
    stages = {}
    if shortlist.partner:
        stages = {
            c.firm_id: c
            for c in shortlist.partner.connections.filter(firm__in=shortlist.entries.values("firm"))
        }
    entries = [
        {
            "entry": entry,
            "summary": renderer.summary(entry.reasons),
            "connection": stages.get(entry.firm_id),
        }
        for entry in shortlist.entries.select_related("firm")
    ]
    return render(
        request,
        "matching/shortlist_detail.html",
        {"shortlist": shortlist, "entries": entries, "languages": briefing.PACK_LANGUAGES},
    )


@staff_required
@require_POST
def shortlist_introduce(request, pk: int):
    """Propose a connection to the partner for every firm on the shortlist (no duplicates)."""
    shortlist = _shortlist(pk)
    try:
        outcome = introduce(shortlist, request.user)
    except NoPartner:
        messages.error(
            request, _("This shortlist has no partner, so there is nobody to introduce to.")
        )
        return redirect(shortlist)
    if outcome.created:
        messages.success(
            request,
            _("Proposed new connections: %(firms)s.")
            % {"firms": ", ".join(c.firm.name for c in outcome.created)},
        )
    if outcome.existing:
        messages.info(
            request,
            _("Already connected, left unchanged: %(firms)s.")
            % {
                "firms": ", ".join(
                    f"{c.firm.name} ({c.get_stage_display()})" for c in outcome.existing
                )
            },
        )
    return redirect(shortlist)


def _pack(request, pk: int):
    shortlist = _shortlist(pk)
    lang = briefing.pack_language(shortlist, request.GET.get("lang"))
    pack = briefing.build_pack(shortlist, lang, request.build_absolute_uri)
    return shortlist, lang, pack


@staff_required
def briefing_page(request, pk: int):
    shortlist, lang, pack = _pack(request, pk)
    return render(
        request,
        "matching/briefing.html",
        {
            "shortlist": shortlist,
            "pack": pack,
            "pack_lang": lang,
            "pack_language_code": briefing.PACK_LANGUAGES[lang],
            "languages": briefing.PACK_LANGUAGES,
            "any_fallback": any(firm.has_fallback for firm in pack),
        },
    )


def _download(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@staff_required
def briefing_csv(request, pk: int):
    shortlist, lang, pack = _pack(request, pk)
    return _download(
        briefing.to_csv(briefing.table(pack, lang)),
        "text/csv; charset=utf-8",
        f"briefing-{shortlist.pk}-{lang}.csv",
    )


@staff_required
def briefing_xlsx(request, pk: int):
    shortlist, lang, pack = _pack(request, pk)
    return _download(
        briefing.to_xlsx(briefing.table(pack, lang), shortlist.name, pack, lang),
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        f"briefing-{shortlist.pk}-{lang}.xlsx",
    )
