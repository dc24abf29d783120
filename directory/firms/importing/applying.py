"""Reading the catalogue a dry run compares with, and applying a plan: all or nothing, in one
transaction, with every created or changed firm's history saying which file it came from."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from directory.firms.models import Cluster, Country, Firm, FirmContact, Specialty

from . import planning
from .planning import CREATE, UPDATE, Catalogue, ExistingFirm, RowPlan, vocabulary_key

BATCH_SIZE = 500


def load_catalogue() -> Catalogue:
    """Existing firms and vocabularies as plain data (a few queries, whatever the size)."""
    firms = []
    scalar_fields = [f for f in planning.SCALARS if f != "cluster"]
    specialties_of: dict[int, list[str]] = {}
    for firm_id, slug in Firm.specialties.through.objects.values_list("firm_id", "specialty__slug"):
        specialties_of.setdefault(firm_id, []).append(slug)
    markets_of: dict[int, list[str]] = {}
    for firm_id, code in Firm.target_markets.through.objects.values_list("firm_id", "country_id"):
        markets_of.setdefault(firm_id, []).append(code)
    for row in Firm.objects.order_by("pk").values("pk", "slug", "cluster__slug", *scalar_fields):
        pk = row.pop("pk")
        slug = row.pop("slug")
        row["cluster"] = row.pop("cluster__slug")
        row["specialties"] = sorted(specialties_of.get(pk, []))
        row["target_markets"] = sorted(markets_of.get(pk, []))
        firms.append(ExistingFirm(pk=pk, slug=slug, values=row))
    specialties: dict[str, str] = {}
    names: list[str] = []
    for specialty in Specialty.objects.all():
        for text in (specialty.slug, specialty.name_ko, specialty.name_en, specialty.name_zh):
            if text:
                specialties.setdefault(vocabulary_key(text), specialty.slug)
        names.append(specialty.name_ko)
    clusters: dict[str, str] = {}
    for cluster in Cluster.objects.all():
        for text in (cluster.slug, cluster.name_ko, cluster.name_en, cluster.name_zh):
            if text:
                clusters.setdefault(vocabulary_key(text), cluster.slug)
    countries: dict[str, str] = {}
    for country in Country.objects.all():
        for text in (country.code, country.name_ko, country.name_en, country.name_zh):
            if text:
                countries.setdefault(vocabulary_key(text), country.code)
    emails: dict[int, set[str]] = {}
    for firm_id, email in FirmContact.objects.exclude(email="").values_list("firm_id", "email"):
        emails.setdefault(firm_id, set()).add(email.lower())
    return Catalogue(
        firms=firms,
        specialties=specialties,
        specialty_names=names,
        clusters=clusters,
        countries=countries,
        contact_emails=emails,
    )


class StalePlan(Exception):
    """A firm the plan updates was changed or deleted since the dry run; run it again."""


@dataclass
class Applied:
    created: list[int] = field(default_factory=list)
    updated: list[int] = field(default_factory=list)
    contacts: int = 0


def import_reason(filename: str) -> str:
    return _("Imported from file %(name)s") % {"name": filename}


def apply_plans(plans: list[RowPlan], user, filename: str) -> Applied:
    """Create and update the firms of a dry run, in one transaction (nothing on error)."""
    reason = import_reason(filename)
    user = user if getattr(user, "is_authenticated", False) else None
    cluster_ids = dict(Cluster.objects.values_list("slug", "pk"))
    specialty_ids = dict(Specialty.objects.values_list("slug", "pk"))
    result = Applied()
    with transaction.atomic():
        creates = [p for p in plans if p.action == CREATE]
        updates = [p for p in plans if p.action == UPDATE]
        new_firms = []
        for plan in creates:
            firm = Firm(slug=plan.slug)
            _set_scalars(firm, plan.values, cluster_ids)
            firm.normalize_text_fields()
            new_firms.append(firm)
        created = bulk_create_with_history(
            new_firms,
            Firm,
            batch_size=BATCH_SIZE,
            default_user=user,
            default_change_reason=reason,
        )
        links, markets, contacts = [], [], []
        for firm, plan in zip(created, creates, strict=True):
            result.created.append(firm.pk)
            links += [
                Firm.specialties.through(firm_id=firm.pk, specialty_id=specialty_ids[slug])
                for slug in plan.values.get("specialties", [])
            ]
            markets += [
                Firm.target_markets.through(firm_id=firm.pk, country_id=code)
                for code in plan.values.get("target_markets", [])
            ]
            if plan.contact:
                contacts.append(_contact(firm.pk, plan.contact))
        Firm.specialties.through.objects.bulk_create(links, batch_size=BATCH_SIZE)
        Firm.target_markets.through.objects.bulk_create(markets, batch_size=BATCH_SIZE)
        locked = Firm.objects.select_for_update().in_bulk([p.firm_id for p in updates])
        for plan in updates:
            firm = locked.get(plan.firm_id)
            if firm is None:
                raise StalePlan(plan.slug)
            _set_scalars(firm, plan.values, cluster_ids)
            firm._history_user = user
            firm._change_reason = reason
            firm.save()
            if "specialties" in plan.values:
                firm.specialties.set([specialty_ids[s] for s in plan.values["specialties"]])
            if "target_markets" in plan.values:
                firm.target_markets.set(plan.values["target_markets"])
            if "contact_email" in plan.changes and plan.contact:
                contacts.append(_contact(firm.pk, plan.contact))
            result.updated.append(firm.pk)
        if contacts:
            bulk_create_with_history(
                contacts,
                FirmContact,
                batch_size=BATCH_SIZE,
                default_user=user,
                default_change_reason=reason,
            )
        result.contacts = len(contacts)
    return result


def _set_scalars(firm: Firm, values: dict, cluster_ids: dict[str, int]) -> None:
    for name, value in values.items():
        if name in ("specialties", "target_markets"):
            continue
        if name == "cluster":
            firm.cluster_id = cluster_ids[value]
        else:
            setattr(firm, name, value)


def _contact(firm_id: int, contact: dict[str, str]) -> FirmContact:
    name = contact.get("name") or contact.get("email", "").split("@")[0]
    return FirmContact(firm_id=firm_id, name=name[:100], email=contact.get("email", ""))
