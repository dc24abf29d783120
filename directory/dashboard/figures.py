"""The dashboard's figures, counted by the database (``values`` + ``annotate``), each in a fixed
number of queries whatever the number of firms.

A figure is plain data (``Figure`` of ``Row``): the page renders it as a table, the JSON
endpoint hands it to the chart, the CSV endpoint writes it out. Each row may carry the URL of
the filtered list it summarises, so a click on a bar opens that list.

Public figures (``PUBLIC_FIGURES``) count only what public pages show: published firms,
public engagements, partners that are not archived. The others are for staff only and are
never computed for the public dashboard.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import date, timedelta
from types import SimpleNamespace
from urllib.parse import urlencode

from django.db.models import (
    Count,
    Q,
)
from django.db.models.functions import Coalesce, TruncMonth
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from directory.accounts.models import WAITING_BUCKETS, ProfileChange
from directory.firms import profile_status
from directory.firms.models import Firm
from directory.firms.translation import localize
from directory.partners.models import (
    OPEN_STAGES,
    Connection,
    Engagement,
    OverseasPartner,
    Participation,
    Stage,
    related_to_partner,
)

from .filters import DashboardFilters

FirmSpecialty = Firm.specialties.through

#: The pipeline stages a funnel shows, in order; dormant and closed stand beside it.
FUNNEL_STAGES = [*OPEN_STAGES, Stage.AGREEMENT]
#: The most months the engagements chart shows (the latest ones) when no range is given.
MAX_MONTHS = 36


@dataclass(frozen=True)
class Row:
    key: str  # stable identifier: a slug, a stage, a month (YYYY-MM), a user id
    label: str
    value: int
    url: str = ""  # the filtered list this row summarises ("" when there is none)
    extra: dict[str, int] = field(default_factory=dict)


@dataclass
class Figure:
    key: str
    title: str
    chart: str  # how the browser draws it: "bar", "hbar", "funnel", "line", "pie", "numbers"
    label_header: str
    value_header: str
    rows: list[Row]
    extra_headers: dict[str, str] = field(default_factory=dict)
    note: str = ""
    staff_only: bool = False

    @property
    def total(self) -> int:
        return sum(row.value for row in self.rows)

    @property
    def is_empty(self) -> bool:
        return not any(row.value for row in self.rows)

    def as_json(self) -> dict:
        data = asdict(self)
        data["rows"] = [asdict(row) for row in self.rows]
        return data

    def csv_rows(self) -> list[list]:
        header = [self.label_header, self.value_header, *self.extra_headers.values()]
        body = [
            [row.label, row.value, *(row.extra.get(key, 0) for key in self.extra_headers)]
            for row in self.rows
        ]
        return [header, *body]


def _url(name: str, **params) -> str:
    query = urlencode({key: value for key, value in params.items() if value not in ("", None)})
    return reverse(name) + (f"?{query}" if query else "")


def _names(prefix: str) -> list[str]:
    return [f"{prefix}name_{suffix}" for suffix in ("ko", "en", "zh")]


def _label(row: dict, prefix: str) -> str:
    """The localized name of a values() row holding ``<prefix>name_ko/_en/_zh``."""
    obj = SimpleNamespace(**{f"name_{s}": row.get(f"{prefix}name_{s}") for s in ("ko", "en", "zh")})
    return localize(obj, "name").text


# --- filters as querysets ----------------------------------------------------------------


def _firms(filters: DashboardFilters, public: bool):
    """Firms a figure counts: published ones (the directory); with a partner, only the firms
    engaged (or, for staff, connected) with it."""
    firms = Firm.objects.published()
    if filters.partner is not None:
        participations = Participation.objects.filter(engagement__partners=filters.partner)
        if public:
            participations = participations.public()
            firms = firms.filter(pk__in=participations.values("firm_id"))
        else:
            firms = related_to_partner(firms, filters.partner)
    return firms


def _engagements(filters: DashboardFilters, public: bool, *, dated: bool = True):
    """Engagements in the range, with the partner; ``dated=False`` keeps those without a date
    when no range is given (the headline count, as the engagement lists show them)."""
    engagements = Engagement.objects.filter(date__isnull=False) if dated else Engagement.objects
    engagements = engagements.all()
    if public:
        engagements = engagements.public()
    if filters.start:
        engagements = engagements.filter(date__gte=filters.start)
    if filters.end:
        engagements = engagements.filter(date__lte=filters.end)
    if filters.partner is not None:
        engagements = engagements.filter(partners=filters.partner)
    return engagements


def _connections(filters: DashboardFilters):
    """Connections started in the date range (when one is given), with the partner."""
    connections = Connection.objects.all()
    if filters.start:
        connections = connections.filter(created_at__date__gte=filters.start)
    if filters.end:
        connections = connections.filter(created_at__date__lte=filters.end)
    if filters.partner is not None:
        connections = connections.filter(partner=filters.partner)
    return connections


# --- public figures ----------------------------------------------------------------------


def totals(filters: DashboardFilters, public: bool) -> Figure:
    """Headline numbers: one COUNT query each (four public, six for staff)."""
    partners = OverseasPartner.objects.for_public_display()
    if filters.partner is not None:
        partners = partners.filter(pk=filters.partner.pk)
    engagements = _engagements(filters, public, dated=False)
    participations = Participation.objects.filter(engagement__in=engagements.values("pk"))
    counted = {
        "firms": (_("published firms"), _firms(filters, public)),
        "partners": (_("overseas partners"), partners),
        "engagements": (_("engagements"), engagements),
        "participants": (
            _("firms that took part"),
            Firm.objects.published().filter(pk__in=participations.values("firm_id")),
        ),
    }
    partner_slug = filters.partner.slug if filters.partner else ""
    urls = {
        "firms": _firm_list(filters, public),
        "partners": (
            filters.partner.get_absolute_url() if filters.partner else _url("partners:list")
        ),
        "participants": _firm_list(filters, public),
        "engagements": _url(
            "engagements:list",
            partner=partner_slug,
            **{"from": _iso(filters.start), "to": _iso(filters.end)},
        ),
    }
    if not public:
        connections = _connections(filters)
        counted["connections"] = (_("connections"), connections)
        counted["agreements"] = (_("agreements"), connections.filter(stage=Stage.AGREEMENT))
        partner_pk = filters.partner.pk if filters.partner else ""
        urls["engagements"] = _url("staff:engagement-list", partner=partner_pk)
        urls["connections"] = _url("staff:connection-list", partner=partner_pk)
        urls["agreements"] = _url("staff:connection-list", partner=partner_pk, stage="agreement")
    return Figure(
        key="totals",
        title=_("At a glance"),
        chart="numbers",
        label_header=_("figure"),
        value_header=_("number"),
        rows=[
            Row(key, label, queryset.order_by().count(), urls.get(key, ""))
            for key, (label, queryset) in counted.items()
        ],
    )


def _firm_list(filters: DashboardFilters, public: bool, **params) -> str:
    """The firm list a firm-counting row opens: the directory for the public, the staff firm
    list (published firms, the partner's by the staff's definition) for staff."""
    if public:
        return _url("firms:list", **params, partner=filters.partner.slug if filters.partner else "")
    partner = filters.partner.pk if filters.partner else ""
    return _url("staff:firm-list", **params, published="yes", partner=partner)


def _iso(day: date | None) -> str:
    return day.isoformat() if day else ""


def firms_by_specialty(filters: DashboardFilters, public: bool) -> Figure:
    """Published firms per top-level specialty (a firm with two children of one parent counts
    once). One query."""
    firms = _firms(filters, public)
    rows = (
        FirmSpecialty.objects.filter(firm__in=firms.values("pk"))
        .annotate(
            top_slug=Coalesce("specialty__parent__slug", "specialty__slug"),
            top_name_ko=Coalesce("specialty__parent__name_ko", "specialty__name_ko"),
            top_name_en=Coalesce("specialty__parent__name_en", "specialty__name_en"),
            top_name_zh=Coalesce("specialty__parent__name_zh", "specialty__name_zh"),
            top_position=Coalesce("specialty__parent__position", "specialty__position"),
        )
        .values("top_slug", "top_name_ko", "top_name_en", "top_name_zh", "top_position")
        .annotate(n=Count("firm_id", distinct=True))
        .order_by("-n", "top_position", "top_name_ko")
    )
    return Figure(
        key="specialties",
        title=_("Firms by specialty"),
        chart="hbar",
        label_header=_("specialty"),
        value_header=_("firms"),
        rows=[
            Row(
                row["top_slug"],
                _label(row, "top_"),
                row["n"],
                _firm_list(filters, public, specialty=row["top_slug"]),
            )
            for row in rows
        ],
        note=_("A firm with several specialties counts once under each."),
    )


def firms_by_cluster(filters: DashboardFilters, public: bool) -> Figure:
    """Published firms per cluster. One query."""
    rows = (
        _firms(filters, public)
        .order_by()
        .values("cluster__slug", *_names("cluster__"))
        .annotate(n=Count("pk"))
        .order_by("-n", "cluster__name_ko")
    )
    out = []
    for row in rows:
        if row["cluster__slug"] is None:
            out.append(Row("", pgettext("cluster", "none"), row["n"]))
        else:
            out.append(
                Row(
                    row["cluster__slug"],
                    _label(row, "cluster__"),
                    row["n"],
                    _firm_list(filters, public, cluster=row["cluster__slug"]),
                )
            )
    return Figure(
        key="clusters",
        title=_("Firms by cluster"),
        chart="pie",
        label_header=_("cluster"),
        value_header=_("firms"),
        rows=out,
    )


def _months(first: date, last: date) -> list[date]:
    months = []
    current = first.replace(day=1)
    while current <= last and len(months) < 240:
        months.append(current)
        current = (current + timedelta(days=32)).replace(day=1)
    return months


def engagements_per_month(filters: DashboardFilters, public: bool) -> Figure:
    """Engagements and the firms taking part, per month; months without any show as zero.
    One query."""
    rows = list(
        _engagements(filters, public)
        .annotate(month=TruncMonth("date"))
        .order_by()
        .values("month")
        .annotate(
            n=Count("pk", distinct=True),
            firms=Count("participations__firm", distinct=True),
        )
        .order_by("month")
    )
    by_month = {_as_date(row["month"]): row for row in rows}
    out = []
    if by_month:
        first = filters.start or min(by_month)
        last = filters.end or max(by_month)
        months = _months(first, last)
        if not (filters.start and filters.end):
            months = months[-MAX_MONTHS:]
        partner_pk = filters.partner.pk if filters.partner else ""
        partner_slug = filters.partner.slug if filters.partner else ""
        for month in months:
            row = by_month.get(month, {"n": 0, "firms": 0})
            key = month.strftime("%Y-%m")
            if public:
                url = _url("engagements:list", month=key, partner=partner_slug)
            else:
                url = _url("staff:engagement-list", month=key, partner=partner_pk)
            out.append(Row(key, key, row["n"], url, {"firms": row["firms"]}))
    return Figure(
        key="engagements",
        title=_("Engagements per month"),
        chart="line",
        label_header=_("month"),
        value_header=_("engagements"),
        extra_headers={"firms": _("firms taking part")},
        rows=out,
        note=_("Engagements without a date are not counted."),
    )


def _as_date(value) -> date:
    if hasattr(value, "date") and callable(value.date):
        value = value.date()
    return value.replace(day=1)


# --- staff-only figures ------------------------------------------------------------------


def _profile_firms(filters: DashboardFilters):
    """The firms the profile figures count: every active firm, published or not (what the
    staff firm list shows), with the partner's firms only when a partner is chosen."""
    firms = Firm.objects.active()
    if filters.partner is not None:
        firms = related_to_partner(firms, filters.partner)
    return firms.order_by()


def _firm_list_url(filters: DashboardFilters, **params) -> str:
    partner_pk = filters.partner.pk if filters.partner else ""
    return _url("staff:firm-list", **params, partner=partner_pk)


def profile_completeness(filters: DashboardFilters, public: bool = False) -> Figure:
    """Active firms per profile completeness band (``firms.profile_status``). One query."""
    counts = {
        row["completeness_band"]: row["n"]
        for row in profile_status.with_completeness(_profile_firms(filters))
        .values("completeness_band")
        .annotate(n=Count("pk"))
    }
    return Figure(
        key="completeness",
        title=_("Profile completeness"),
        chart="bar",
        label_header=_("completeness"),
        value_header=_("firms"),
        rows=[
            Row(
                key,
                str(label),
                counts.get(key, 0),
                _firm_list_url(filters, completeness=key),
            )
            for key, label in profile_status.COMPLETENESS_BANDS
        ],
        note=_(
            "Counted over %(total)d facts: English name, Korean summary and description, logo, "
            "founding year, size, website, address, a specialty and a target market; all active "
            "firms, published or not."
        )
        % {"total": profile_status.completeness_facts()},
        staff_only=True,
    )


def profile_freshness(filters: DashboardFilters, public: bool = False) -> Figure:
    """Active firms by when their profile was last confirmed accurate. One query."""
    counts = {
        row["freshness_bucket"]: row["n"]
        for row in profile_status.with_freshness(_profile_firms(filters))
        .values("freshness_bucket")
        .annotate(n=Count("pk"))
    }
    return Figure(
        key="freshness",
        title=_("Profile freshness"),
        chart="bar",
        label_header=_("last confirmed"),
        value_header=_("firms"),
        rows=[
            Row(key, str(label), counts.get(key, 0), _firm_list_url(filters, confirmed=key))
            for key, label in profile_status.FRESHNESS_BUCKETS
        ],
        note=_("Firms remind themselves with “confirm profile is still accurate” at /my/."),
        staff_only=True,
    )


def pipeline(filters: DashboardFilters, public: bool = False) -> Figure:
    """Connections per stage as a funnel, dormant and closed beside it. One query."""
    counts = dict.fromkeys(Stage.values, 0)
    for row in _connections(filters).order_by().values("stage").annotate(n=Count("pk")):
        counts[row["stage"]] = row["n"]
    partner_pk = filters.partner.pk if filters.partner else ""
    return Figure(
        key="pipeline",
        title=_("Connection pipeline"),
        chart="funnel",
        label_header=_("stage"),
        value_header=_("connections"),
        rows=[
            Row(
                stage.value,
                str(stage.label),
                counts[stage.value],
                _url("staff:connection-list", stage=stage.value, partner=partner_pk),
            )
            for stage in Stage
        ],
        note=_("The funnel shows the pipeline stages; dormant and closed stand beside it."),
        staff_only=True,
    )


def agreements_by_partner(filters: DashboardFilters, public: bool = False) -> Figure:
    """Per overseas partner: connections and how many reached an agreement. One query."""
    rows = (
        _connections(filters)
        .order_by()
        .values("partner_id", "partner__slug", *_names("partner__"))
        .annotate(
            n=Count("pk"),
            agreements=Count("pk", filter=Q(stage=Stage.AGREEMENT)),
            open=Count("pk", filter=Q(stage__in=OPEN_STAGES)),
        )
        .order_by("-agreements", "-n", "partner__name_ko")[:20]
    )
    return Figure(
        key="agreements",
        title=_("Agreements per partner"),
        chart="hbar",
        label_header=_("overseas partner"),
        value_header=_("connections"),
        extra_headers={"open": _("open"), "agreements": _("agreements")},
        rows=[
            Row(
                row["partner__slug"],
                _label(row, "partner__"),
                row["n"],
                _url("staff:connection-list", partner=row["partner_id"]),
                {"open": row["open"], "agreements": row["agreements"]},
            )
            for row in rows
        ],
        note=_("The 20 partners with the most agreements."),
        staff_only=True,
    )


def followups_overdue(filters: DashboardFilters, public: bool = False) -> Figure:
    """Open connections whose next step is overdue, per owner. One query."""
    connections = Connection.objects.overdue()
    if filters.partner is not None:
        connections = connections.filter(partner=filters.partner)
    rows = (
        connections.order_by()
        .values("owner_id", "owner__username", "owner__first_name", "owner__last_name")
        .annotate(n=Count("pk"))
        .order_by("-n", "owner__username")
    )
    partner_pk = filters.partner.pk if filters.partner else ""
    out = []
    for row in rows:
        if row["owner_id"] is None:
            label = _("nobody")
        else:
            full = f"{row['owner__last_name']}{row['owner__first_name']}".strip()
            label = full or row["owner__username"]
        out.append(
            Row(
                str(row["owner_id"] or ""),
                label,
                row["n"],
                _url(
                    "staff:connection-list",
                    owner=row["owner_id"] or "null",
                    status="overdue",
                    partner=partner_pk,
                ),
            )
        )
    return Figure(
        key="followups",
        title=_("Follow-ups overdue per owner"),
        chart="hbar",
        label_header=_("owner"),
        value_header=_("overdue"),
        rows=out,
        note=_(
            "Open connections whose next step is past its due date; the date range does not apply."
        ),
        staff_only=True,
    )


def pending_reviews(filters: DashboardFilters, public: bool = False) -> Figure:
    """Pending changes waiting for review, by how long they have waited. One query."""
    counts = {
        row["waiting"]: row["n"]
        for row in ProfileChange.objects.pending()
        .order_by()
        .with_waiting()
        .values("waiting")
        .annotate(n=Count("pk"))
    }
    return Figure(
        key="reviews",
        title=_("Pending changes"),
        chart="bar",
        label_header=_("waiting"),
        value_header=_("pending changes"),
        rows=[
            Row(key, str(label), counts.get(key, 0), _url("reviews:queue", waiting=key))
            for key, label, _days in WAITING_BUCKETS
        ],
        staff_only=True,
    )


FigureFunction = Callable[[DashboardFilters, bool], Figure]

#: Figures the public dashboard shows, in page order.
PUBLIC_FIGURES: dict[str, FigureFunction] = {
    "totals": totals,
    "specialties": firms_by_specialty,
    "clusters": firms_by_cluster,
    "engagements": engagements_per_month,
}
#: Figures the staff dashboard shows, in page order (the public ones included).
STAFF_FIGURES: dict[str, FigureFunction] = {
    "totals": totals,
    "pipeline": pipeline,
    "followups": followups_overdue,
    "reviews": pending_reviews,
    "engagements": engagements_per_month,
    "agreements": agreements_by_partner,
    "specialties": firms_by_specialty,
    "clusters": firms_by_cluster,
    "completeness": profile_completeness,
    "freshness": profile_freshness,
}


def compute(key: str, filters: DashboardFilters, *, public: bool) -> Figure:
    """One figure; KeyError for a figure the audience may not see."""
    registry = PUBLIC_FIGURES if public else STAFF_FIGURES
    return registry[key](filters, public)


def compute_all(filters: DashboardFilters, *, public: bool) -> list[Figure]:
    registry = PUBLIC_FIGURES if public else STAFF_FIGURES
    return [function(filters, public) for function in registry.values()]
