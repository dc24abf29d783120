"""Merging a duplicate firm into the one that stays (the survivor).

Why here: the merge moves rows of every app that points at a firm — participations and
connections (partners), memberships, invitations and pending changes (accounts) — and
accounts is the highest base layer, so it may import them all. Rows of feature apps
(matching's shortlist entries) and of apps added later are moved generically, by walking
``Firm._meta.related_objects``, so no base module imports a feature app; a row that would
break a uniqueness rule (the same firm twice on one shortlist) is a duplicate and is dropped.

Nothing is lost: participations in the same engagement keep the survivor's row with the other's
outcome and notes added to its notes; two connections to the same partner become one whose
timeline holds both (the other's stage is noted); memberships keep the stronger role; the
other firm's names become aliases; its history is re-attached to the survivor; its slug
answers 301 to the survivor (``FirmRedirect``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db import IntegrityError, models, transaction
from django.utils.translation import gettext as _

from directory.accounts import review
from directory.accounts.models import Membership, ProfileChange
from directory.firms.models import Firm, FirmRedirect
from directory.firms.names import name_key
from directory.firms.profile_fields import PROFILE_SCALAR_FIELDS
from directory.partners.models import Connection, ConnectionEvent, Participation

#: Fields a merge preview offers to take from the other firm.
MERGE_FIELDS: tuple[str, ...] = (
    *(f for f in PROFILE_SCALAR_FIELDS if f != "aliases"),
    "business_registration_number",
    "cluster",
    "logo",
    "is_published",
    "is_verified",
    "last_confirmed_at",
)


@dataclass
class FieldChoice:
    name: str
    label: str
    survivor: Any
    other: Any

    @property
    def differs(self) -> bool:
        return (self.survivor or "") != (self.other or "")


@dataclass
class MergeReport:
    moved: dict[str, int] = field(default_factory=dict)
    combined: dict[str, int] = field(default_factory=dict)

    def add(self, key: str, n: int = 1, combined: bool = False) -> None:
        target = self.combined if combined else self.moved
        target[key] = target.get(key, 0) + n


def _value(firm: Firm, name: str) -> Any:
    if name == "cluster":
        return firm.cluster
    if name == "logo":
        return firm.logo.name or ""
    return getattr(firm, name)


def preview(survivor: Firm, other: Firm) -> list[FieldChoice]:
    """Field by field, the two values (the survivor's is kept unless staff pick the other)."""
    return [
        FieldChoice(
            name,
            str(Firm._meta.get_field(name).verbose_name),
            _value(survivor, name),
            _value(other, name),
        )
        for name in MERGE_FIELDS
    ]


def related_counts(firm: Firm) -> dict[str, int]:
    """How many rows of each kind point at ``firm`` (for the preview and the tests)."""
    counts = {}
    for rel in Firm._meta.related_objects:
        if rel.many_to_many:
            continue
        model = rel.related_model
        counts[model._meta.label] = model._default_manager.filter(**{rel.field.name: firm}).count()
    counts["firms.Firm.specialties"] = firm.specialties.count()
    counts["firms.Firm.target_markets"] = firm.target_markets.count()
    counts["history"] = firm.history.count()
    return counts


def _merged_aliases(survivor: Firm, other: Firm) -> str:
    known = {name_key(n) for n in (survivor.name_ko, survivor.name_en, survivor.name_zh) if n}
    lines = []
    for line in [
        *survivor.alias_list,
        other.name_ko,
        other.name_en,
        other.name_zh,
        *other.alias_list,
    ]:
        key = name_key(line)
        if line and key and key not in known:
            known.add(key)
            lines.append(line.strip())
    return "\n".join(lines)


def _move_participations(survivor, other, user, report: MergeReport) -> None:
    mine = {p.engagement_id: p for p in survivor.participations.all()}
    for participation in other.participations.all():
        kept = mine.get(participation.engagement_id)
        if kept is None:
            participation.firm = survivor
            participation._history_user = user
            participation.save()
            report.add("participations")
            continue
        note = _("From %(firm)s (merged): role %(role)s, outcome %(outcome)s.") % {
            "firm": other.name_ko,
            "role": participation.get_role_display(),
            "outcome": participation.get_outcome_display(),
        }
        kept.notes = "\n".join(filter(None, [kept.notes, note, participation.notes]))
        kept._history_user = user
        kept.save()
        participation._history_user = user
        participation.delete()
        report.add("participations", combined=True)


def _move_connections(survivor, other, user, report: MergeReport) -> None:
    mine = {c.partner_id: c for c in survivor.connections.all()}
    for connection in other.connections.select_related("partner"):
        kept = mine.get(connection.partner_id)
        if kept is None:
            connection.firm = survivor
            connection._history_user = user
            connection.save()
            report.add("connections")
            continue
        # One connection per firm and partner: the survivor's keeps both timelines.
        moved = ConnectionEvent.objects.filter(connection=connection).update(connection=kept)
        ConnectionEvent.objects.create(
            connection=kept,
            kind=ConnectionEvent.Kind.NOTE,
            text=_(
                "Merged with the connection of %(firm)s (stage: %(stage)s, next step: %(step)s); "
                "its timeline is included above."
            )
            % {
                "firm": other.name_ko,
                "stage": connection.get_stage_display(),
                "step": connection.next_step or "—",
            },
            author=user if getattr(user, "is_authenticated", False) else None,
        )
        if not kept.next_step and connection.next_step:
            kept.next_step, kept.due_date = connection.next_step, connection.due_date
            kept._history_user = user
            kept.save()
        connection._history_user = user
        connection.delete()
        report.add("connection events", moved)
        report.add("connections", combined=True)


def _move_memberships(survivor, other, report: MergeReport) -> None:
    mine = {m.user_id: m for m in survivor.memberships.all()}
    for membership in other.memberships.all():
        kept = mine.get(membership.user_id)
        if kept is None:
            membership.firm = survivor
            membership.save()
            report.add("memberships")
        else:
            if membership.role == Membership.Role.OWNER and kept.role != membership.role:
                kept.role = Membership.Role.OWNER
                kept.save(update_fields=["role"])
            membership.delete()
            report.add("memberships", combined=True)


def _move_generic(rel, survivor, other, report: MergeReport) -> None:
    model = rel.related_model
    name = rel.field.name
    rows = model._default_manager.filter(**{name: other})
    if rel.one_to_one:
        # Derived one-per-firm rows (the search document) are rebuilt for the survivor.
        rows.delete()
        return
    for obj in rows:
        setattr(obj, name, survivor)
        try:
            with transaction.atomic():
                obj.save()
            report.add(model._meta.verbose_name_plural)
        except IntegrityError:
            obj.delete()  # the survivor already has the same row (e.g. on a shortlist)
            report.add(model._meta.verbose_name_plural, combined=True)


HANDLED = {Participation, Connection, Membership, FirmRedirect}


@transaction.atomic
def merge_firms(survivor: Firm, other: Firm, user, take_from_other=()) -> MergeReport:
    """Move everything of ``other`` to ``survivor`` and delete ``other`` (see module doc)."""
    if survivor.pk == other.pk:
        raise ValueError("a firm cannot be merged into itself")
    locked = Firm.objects.select_for_update().in_bulk([survivor.pk, other.pk])
    survivor, other = locked[survivor.pk], locked[other.pk]
    report = MergeReport()
    reason = _("Merged %(other)s (%(slug)s) into this firm") % {
        "other": other.name_ko,
        "slug": other.slug,
    }
    take = [name for name in take_from_other if name in MERGE_FIELDS]
    values = {name: getattr(other, "cluster" if name == "cluster" else name) for name in take}
    if "business_registration_number" in take and other.business_registration_number:
        # The number is unique: free it before the survivor takes it.
        Firm.objects.filter(pk=other.pk).update(business_registration_number=None)
    for name, value in values.items():
        setattr(survivor, name, value)
        if name == "logo":
            survivor.logo_small = other.logo_small
            survivor.logo_medium = other.logo_medium
    survivor.aliases = _merged_aliases(survivor, other)
    survivor.is_archived = survivor.is_archived and other.is_archived

    for change in ProfileChange.objects.filter(firm=other, status=ProfileChange.Status.PENDING):
        if ProfileChange.objects.pending().filter(firm=survivor).exists():
            change.status = review.next_status(change.status, "withdraw")
            change.review_comment = reason
            change.save()
    _move_participations(survivor, other, user, report)
    _move_connections(survivor, other, user, report)
    _move_memberships(survivor, other, report)
    FirmRedirect.objects.filter(firm=other).update(firm=survivor)
    for rel in Firm._meta.related_objects:
        if rel.many_to_many:
            accessor = rel.get_accessor_name()
            for obj in getattr(other, accessor).all():
                getattr(obj, rel.field.name).add(survivor)
            continue
        if rel.related_model in HANDLED:
            continue
        _move_generic(rel, survivor, other, report)
    survivor.specialties.add(*other.specialties.all())
    survivor.target_markets.add(*other.target_markets.all())
    moved_history = Firm.history.filter(id=other.pk).update(id=survivor.pk)
    report.add("history", moved_history)
    old_slug = other.slug
    other._history_user = user
    other._change_reason = reason
    other.delete()
    FirmRedirect.objects.update_or_create(old_slug=old_slug, defaults={"firm": survivor})
    survivor._history_user = user
    survivor._change_reason = reason
    survivor.save()
    return report


def firm_fk_models() -> list[type[models.Model]]:
    return [rel.related_model for rel in Firm._meta.related_objects]
