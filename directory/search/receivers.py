"""Index maintenance on save/delete.

Why receivers here (the project avoids signals for business logic): keeping a derived index in
sync is infrastructure, like a database trigger. Firms are saved from the admin, the review
workflow, staff edits, the profile form and imports; one receiver catches them all, where a
call in each place would sooner or later be forgotten.
"""

from __future__ import annotations

from django.db.models.signals import m2m_changed, post_save

from directory.firms.models import Firm, Specialty
from directory.partners.models import OverseasPartner

from .index import reindex_firm, reindex_partner, reindex_specialty


def _firm_saved(sender, instance: Firm, raw: bool = False, **kwargs) -> None:
    if raw:  # loaddata: related rows may not exist yet; run rebuild_search_index afterwards
        return
    reindex_firm(instance)


def _firm_specialties_changed(sender, instance, action: str, reverse: bool, **kwargs) -> None:
    if action not in {"post_add", "post_remove", "post_clear"}:
        return
    if reverse:
        # specialty.firms.add(...): instance is the specialty. (django-simple-history does not
        # support this direction for Firm.specialties either; the app always edits from the firm.)
        for firm in instance.firms.all():
            reindex_firm(firm)
    else:
        reindex_firm(instance)


def _specialty_saved(sender, instance: Specialty, raw: bool = False, created: bool = False, **kw):
    if raw or created:
        return
    reindex_specialty(instance)


def _partner_saved(sender, instance: OverseasPartner, raw: bool = False, **kwargs) -> None:
    if raw:
        return
    reindex_partner(instance)


def connect() -> None:
    """Called from SearchConfig.ready(). Deletions cascade through the OneToOne keys."""
    post_save.connect(_firm_saved, sender=Firm, dispatch_uid="search_firm_saved")
    post_save.connect(_partner_saved, sender=OverseasPartner, dispatch_uid="search_partner_saved")
    post_save.connect(_specialty_saved, sender=Specialty, dispatch_uid="search_specialty_saved")
    m2m_changed.connect(
        _firm_specialties_changed,
        sender=Firm.specialties.through,
        dispatch_uid="search_firm_specialties_changed",
    )
