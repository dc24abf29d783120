"""The workspace's business rules as plain functions; views and commands call these.

Every change to a connection goes through here, so the timeline (ConnectionEvent) and the
model history (django-simple-history) are always written together, in one transaction.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.db import transaction
from django.db.models import Count, F, Q
from django.utils import timezone

from directory.firms.models import Firm, Specialty

from .models import (
    OPEN_STAGES,
    Connection,
    ConnectionEvent,
    Engagement,
    OverseasPartner,
    Stage,
)
from .timeline import change_data


def _stamp(obj, user) -> None:
    """Make simple-history record `user` even outside a request (commands, tests)."""
    if user is not None and getattr(user, "is_authenticated", False):
        obj._history_user = user


# --- connections -------------------------------------------------------------------------


@transaction.atomic
def propose_connection(
    firm: Firm,
    partner: OverseasPartner,
    user=None,
    origin: str = "",
    *,
    source_engagement: Engagement | None = None,
    owner=None,
    origin_data: dict | None = None,
) -> tuple[Connection, bool]:
    """Get or create the one connection of this firm and partner; never duplicates.

    A new connection starts at "proposed" with a "created" event in its timeline.
    An existing connection is returned unchanged (whatever its stage).
    """
    existing = Connection.objects.select_for_update().filter(firm=firm, partner=partner).first()
    if existing:
        return existing, False
    connection = Connection(
        firm=firm,
        partner=partner,
        stage=Stage.PROPOSED,
        origin=origin[:300],
        source_engagement=source_engagement,
        owner=owner if owner is not None else (user if _is_user(user) else None),
    )
    _stamp(connection, user)
    connection.save()
    ConnectionEvent.objects.create(
        connection=connection,
        kind=ConnectionEvent.Kind.CREATED,
        to_stage=Stage.PROPOSED,
        text=origin,
        data=origin_data or ({"engagement": source_engagement.pk} if source_engagement else {}),
        author=user if _is_user(user) else None,
    )
    return connection, True


def propose_for_participants(engagement: Engagement, user=None) -> list[Connection]:
    """Propose a connection between every participant and every partner of the engagement.

    Existing connections are left as they are; returns only the newly created ones.
    """
    created_connections = []
    partners = list(engagement.partners.all())
    for participation in engagement.participations.select_related("firm"):
        if participation.outcome in ("invited", "no_show"):
            continue  # they did not meet the partner
        for partner in partners:
            connection, created = propose_connection(
                participation.firm,
                partner,
                user,
                "",  # the engagement is the origin; pages name it in their language
                source_engagement=engagement,
            )
            if created:
                created_connections.append(connection)
    return created_connections


def _is_user(user) -> bool:
    return user is not None and getattr(user, "is_authenticated", False)


@transaction.atomic
def change_stage(connection: Connection, new_stage: str, user=None, note: str = "") -> bool:
    """Move a connection to `new_stage`, recording the change in timeline and history.

    Returns False (and records nothing) when the connection is already at that stage.
    """
    new_stage = Stage(new_stage)
    locked = Connection.objects.select_for_update().get(pk=connection.pk)
    old_stage = locked.stage
    if old_stage == new_stage:
        return False
    locked.stage = new_stage
    _stamp(locked, user)
    locked.save(update_fields=["stage", "updated_at"])
    ConnectionEvent.objects.create(
        connection=locked,
        kind=ConnectionEvent.Kind.STAGE,
        from_stage=old_stage,
        to_stage=new_stage,
        text=note,
        author=user if _is_user(user) else None,
    )
    connection.stage = new_stage
    connection.updated_at = locked.updated_at
    return True


def add_note(connection: Connection, text: str, user=None) -> ConnectionEvent:
    return ConnectionEvent.objects.create(
        connection=connection,
        kind=ConnectionEvent.Kind.NOTE,
        text=text,
        author=user if _is_user(user) else None,
    )


@transaction.atomic
def record_assessment(
    connection: Connection, assessment: str, user=None, note: str = ""
) -> ConnectionEvent:
    """Record a follow-up assessment some months after a meeting.

    "Agreement reached" also moves the connection to the agreement stage, so the pipeline
    counts it; the other assessments leave the stage to the staff member's judgement.
    """
    assessment = ConnectionEvent.Assessment(assessment)
    event = ConnectionEvent.objects.create(
        connection=connection,
        kind=ConnectionEvent.Kind.ASSESSMENT,
        assessment=assessment,
        text=note,
        author=user if _is_user(user) else None,
    )
    if assessment == ConnectionEvent.Assessment.AGREEMENT_REACHED:
        change_stage(connection, Stage.AGREEMENT, user, note="")
    return event


@transaction.atomic
def update_connection(connection: Connection, user=None, **changes) -> list[str]:
    """Change owner / next step / due date; a note in the timeline says what changed."""
    changed = []
    for name, value in changes.items():
        if getattr(connection, name) != value:
            setattr(connection, name, value)
            changed.append(name)
    if not changed:
        return []
    _stamp(connection, user)
    connection.save()
    # Stored as data: the timeline says it in each reader's language.
    ConnectionEvent.objects.create(
        connection=connection,
        kind=ConnectionEvent.Kind.NOTE,
        data=change_data(connection, changed),
        author=user if _is_user(user) else None,
    )
    return changed


# --- counts ------------------------------------------------------------------------------


def stage_counts(queryset) -> dict[str, int]:
    """Number of connections per stage (every stage present, zeros included)."""
    counts = {stage.value: 0 for stage in Stage}
    for row in queryset.order_by().values("stage").annotate(n=Count("pk")):
        counts[row["stage"]] = row["n"]
    return counts


def agreements_per_partner() -> dict[int, int]:
    """partner id → number of its connections at the agreement stage."""
    rows = (
        Connection.objects.filter(stage=Stage.AGREEMENT)
        .order_by()
        .values("partner")
        .annotate(n=Count("pk"))
    )
    return {row["partner"]: row["n"] for row in rows}


def agreements_per_engagement() -> dict[int, int]:
    """engagement id → number of connections it produced that reached an agreement."""
    rows = (
        Connection.objects.filter(stage=Stage.AGREEMENT, source_engagement__isnull=False)
        .order_by()
        .values("source_engagement")
        .annotate(n=Count("pk"))
    )
    return {row["source_engagement"]: row["n"] for row in rows}


def agreements_for_partner(partner: OverseasPartner) -> int:
    return partner.connections.filter(stage=Stage.AGREEMENT).count()


def agreements_for_engagement(engagement: Engagement) -> int:
    return engagement.connections.filter(stage=Stage.AGREEMENT).count()


def with_agreement_counts(partners):
    """Annotate a partner queryset with `agreement_count` and `open_count`."""
    return partners.annotate(
        agreement_count=Count(
            "connections", filter=Q(connections__stage=Stage.AGREEMENT), distinct=True
        ),
        open_count=Count(
            "connections", filter=Q(connections__stage__in=OPEN_STAGES), distinct=True
        ),
    )


# --- who was left out --------------------------------------------------------------------


@dataclass
class LeftOutFirm:
    firm: Firm
    partners: list[OverseasPartner] = field(default_factory=list)
    shared_specialties: list[Specialty] = field(default_factory=list)


def expand_specialties(specialties) -> set[int]:
    """Ids of the specialties and, for each top-level one, of its children."""
    ids = set()
    for specialty in specialties:
        ids.add(specialty.pk)
        if specialty.parent_id is None:
            ids.update(child.pk for child in specialty.children.all())
    return ids


def left_out_queryset(engagement: Engagement):
    """Published firms that fit a partner's sought specialties but did not take part in the
    engagement and have no connection with that partner: the firms to connect next.

    One database query (with ``shared``, the number of fitting specialties, to order by: most
    first, then name), so the page costs the same at 10 firms or 10,000; ``left_out_rows``
    adds the partners and specialties of the firms on one page.
    """
    partners = list(engagement.partners.prefetch_related("seeks_specialties__children"))
    sought = {p.pk: expand_specialties(p.seeks_specialties.all()) for p in partners}
    sought = {pk: ids for pk, ids in sought.items() if ids}
    if not sought:
        return Firm.objects.none()
    # One join to the links of sought specialties; a link counts when the firm is not yet
    # connected with a partner that seeks that specialty. The exclusions are uncorrelated
    # ``NOT IN (SELECT firm_id …)``: each subquery is read once (PostgreSQL hashes it,
    # SQLite builds a temporary index), instead of a correlated NOT EXISTS per firm.
    fits = Q()
    for pk, ids in sought.items():
        connected = Connection.objects.filter(partner_id=pk).values("firm_id")
        fits |= Q(specialties__in=ids) & ~Q(pk__in=connected)
    took_part = engagement.participations.values("firm_id")
    return (
        Firm.objects.published()
        .active()
        .exclude(pk__in=took_part)
        # In one filter() call, so the count below reuses this join of the links.
        .filter(fits)
        .annotate(shared=Count("specialties", distinct=True))
        # What a row shows; fewer columns also make the GROUP BY of the count cheap.
        .only("slug", "name_ko", "name_en", "name_zh", "is_published")
        .order_by("-shared", "name_ko", "pk")
    )


def left_out_rows(engagement: Engagement, firms) -> list[LeftOutFirm]:
    """The page's rows: for each firm, the partners it fits and its fitting specialties."""
    firms = list(firms)
    partners = list(
        engagement.partners.prefetch_related("seeks_specialties__children").order_by("name_ko")
    )
    sought_by_partner = {
        partner.pk: expand_specialties(partner.seeks_specialties.all()) for partner in partners
    }
    connected = set(
        Connection.objects.filter(partner__in=partners, firm__in=firms).values_list(
            "firm_id", "partner_id"
        )
    )
    specialties: dict[int, list[Specialty]] = defaultdict(list)
    through = Firm.specialties.through.objects.filter(firm__in=firms).select_related(
        "specialty__parent"
    )
    for link in through.order_by("specialty__position", "specialty__name_ko"):
        specialties[link.firm_id].append(link.specialty)
    rows = []
    for firm in firms:
        row = LeftOutFirm(firm=firm)
        shared_ids: set[int] = set()
        for partner in partners:
            if (firm.pk, partner.pk) in connected:
                continue
            shared = [s for s in specialties[firm.pk] if s.pk in sought_by_partner[partner.pk]]
            if shared:
                row.partners.append(partner)
                for specialty in shared:
                    if specialty.pk not in shared_ids:
                        shared_ids.add(specialty.pk)
                        row.shared_specialties.append(specialty)
        rows.append(row)
    return rows


def left_out_firms(engagement: Engagement) -> list[LeftOutFirm]:
    """Every left-out firm with its details (see ``left_out_queryset``)."""
    return left_out_rows(engagement, left_out_queryset(engagement))


# --- follow-ups --------------------------------------------------------------------------


@dataclass
class OwnerFollowUps:
    owner: object | None  # a user, or None for connections nobody owns
    connections: list[Connection]

    @property
    def owner_id(self) -> int | None:
        return self.owner.pk if self.owner is not None else None

    @property
    def overdue_count(self) -> int:
        return sum(1 for c in self.connections if c.is_overdue)


def followups_queryset(days: int = 7, today: date | None = None):
    """Open connections whose next step is overdue or due within `days`, ordered by owner
    (username; unowned last), then due date."""
    today = today or timezone.localdate()
    return (
        Connection.objects.due_soon(days=days, today=today)
        .select_related("firm", "partner", "owner")
        .order_by(F("owner__username").asc(nulls_last=True), "due_date", "pk")
    )


def group_by_owner(connections) -> list[OwnerFollowUps]:
    """Consecutive connections of the same owner, as groups (input ordered by owner)."""
    groups: list[OwnerFollowUps] = []
    for connection in connections:
        if not groups or groups[-1].owner_id != connection.owner_id:
            groups.append(OwnerFollowUps(owner=connection.owner, connections=[]))
        groups[-1].connections.append(connection)
    return groups


def followups_due(days: int = 7, today: date | None = None) -> list[OwnerFollowUps]:
    """Open connections whose next step is overdue or due within `days`, grouped per owner."""
    return group_by_owner(followups_queryset(days, today))


# --- history ---------------------------------------------------------------------------


@dataclass
class HistoryRow:
    when: object
    user: object | None
    kind: str  # "+" created, "~" changed, "-" deleted
    fields: list[str]
    reason: str = ""  # e.g. "Imported from file firms.csv"


def history_rows(obj, limit: int = 10) -> list[HistoryRow]:
    """The latest changes of `obj` (django-simple-history): who, when, which fields."""
    records = list(
        obj.history.select_related("history_user").order_by("-history_date")[: limit + 1]
    )
    rows = []
    for record, previous in zip(records, records[1:] + [None], strict=False):
        if len(rows) == limit:
            break
        fields: list[str] = []
        if previous is not None and record.history_type == "~":
            delta = record.diff_against(previous)
            fields = [
                str(obj._meta.get_field(change.field).verbose_name) for change in delta.changes
            ]
        rows.append(
            HistoryRow(
                record.history_date,
                record.history_user,
                record.history_type,
                fields,
                record.history_change_reason or "",
            )
        )
    return rows


# --- deletion guards ---------------------------------------------------------------------


def partner_delete_blockers(partner: OverseasPartner) -> dict[str, int]:
    """What keeps a partner from being deleted (empty when it may be deleted)."""
    counts = {
        "engagements": partner.engagements.count(),
        "connections": partner.connections.count(),
    }
    return {key: n for key, n in counts.items() if n}


@transaction.atomic
def set_partner_archived(partner: OverseasPartner, archived: bool, user=None) -> bool:
    if partner.is_archived == archived:
        return False
    partner.is_archived = archived
    _stamp(partner, user)
    partner.save(update_fields=["is_archived", "updated_at"])
    return True
