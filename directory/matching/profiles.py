"""Load the published firms as scoring.FirmProfile objects, in a few queries, kept per process.

Normalising the text of every published firm is slow; ranking them against a brief must be
fast (figures: docs/perf/matching.md). So profiles are built once per process and then follow the change log
(``directory/changes/log.py``) like every derived structure: each match reads the newest change
id (one query) and, when firms changed, re-reads only those firms' profiles and rebuilds the
ranking index patches those firms in (``ProfileIndex.patched``); a large batch above
``GAGYO_MATCHING_BACKGROUND_ABOVE`` published firms rebuilds the index in a thread while
matches use the previous one. ``QuerySet.update()`` and bulk
loads are seen too (database triggers write the log). "Confirmed recently" depends on the date,
so a new day builds afresh once (in a thread for a large directory).

Relationships with a partner are not cached: they are one small query per brief
(``relationships_for``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.utils import timezone

from directory.changes.log import Batch, Follower
from directory.firms.models import Firm, Specialty
from directory.firms.profile_fields import COMPLETENESS_FIELDS, PROFILE_SCALAR_FIELDS
from directory.partners.models import OPEN_STAGES, Connection, Stage

from .scoring import FirmProfile, ProfileIndex, Relationship, Taxonomy

CONFIRMED_RECENTLY_DAYS = 365

COMPLETENESS_EXTRA = ("specialties", "markets")  # at least one of each

_FIELDS = (
    "id",
    "slug",
    *PROFILE_SCALAR_FIELDS,
    "logo",
    "cluster_id",
    "is_verified",
    "last_confirmed_at",
)


def _interned(cache: dict, values: Iterable) -> frozenset:
    """Identical sets are shared: 100,000 firms have only a few hundred distinct specialty sets."""
    key = frozenset(values)
    return cache.setdefault(key, key)


def build_profiles(using: str = "default", pks: Iterable[int] | None = None) -> list[FirmProfile]:
    """Every published firm (or those among ``pks``) as a FirmProfile: three queries."""

    def only(queryset, field: str = "pk"):
        return queryset if pks is None else queryset.filter(**{f"{field}__in": list(pks)})

    firm_ids_specialties: dict[int, list[int]] = {}
    links = only(Firm.specialties.through.objects.using(using), "firm_id")
    for firm_id, specialty_id in links.values_list("firm_id", "specialty_id"):
        firm_ids_specialties.setdefault(firm_id, []).append(specialty_id)
    firm_markets: dict[int, list[str]] = {}
    markets = only(Firm.target_markets.through.objects.using(using), "firm_id")
    for firm_id, code in markets.values_list("firm_id", "country_id"):
        firm_markets.setdefault(firm_id, []).append(code)

    recent = timezone.now() - timedelta(days=CONFIRMED_RECENTLY_DAYS)
    sets: dict[frozenset, frozenset] = {}
    profiles = []
    total_facts = len(COMPLETENESS_FIELDS) + len(COMPLETENESS_EXTRA)
    rows = only(Firm.objects.using(using).published().order_by()).values_list(*_FIELDS)
    for row in rows.iterator(chunk_size=5000):
        data = dict(zip(_FIELDS, row, strict=True))
        firm_id = data["id"]
        specialties = firm_ids_specialties.get(firm_id, ())
        markets = firm_markets.get(firm_id, ())
        facts = sum(1 for f in COMPLETENESS_FIELDS if data[f]) + bool(specialties) + bool(markets)
        aliases = data["aliases"].replace("\n", " ") if data["aliases"] else ""
        texts = {
            "name_ko": f"{data['name_ko']} {aliases}",
            "name_en": data["name_en"],
            "name_zh": data["name_zh"],
            "summary_ko": data["summary_ko"],
            "summary_en": data["summary_en"],
            "summary_zh": data["summary_zh"],
            "description_ko": data["description_ko"],
            "description_en": data["description_en"],
            "description_zh": data["description_zh"],
        }
        confirmed = data["last_confirmed_at"]
        profiles.append(
            FirmProfile(
                id=firm_id,
                slug=data["slug"],
                name_ko=data["name_ko"],
                name_en=data["name_en"],
                name_zh=data["name_zh"],
                texts={k: v for k, v in texts.items() if v},  # analysed by FirmProfile
                specialty_ids=_interned(sets, specialties),
                market_codes=_interned(sets, markets),
                completeness=facts / total_facts,
                has_en=bool(data["name_en"] and (data["summary_en"] or data["description_en"])),
                has_zh=bool(data["name_zh"] and (data["summary_zh"] or data["description_zh"])),
                confirmed_recently=bool(confirmed and confirmed >= recent),
                is_verified=data["is_verified"],
                cluster_id=data["cluster_id"],
                size_band=data["size_band"],
            )
        )
    return profiles


@dataclass(frozen=True)
class Profiles:
    """The profiles of one process, as of one day (readiness counts recent confirmations)."""

    day: Any
    index: ProfileIndex

    @classmethod
    def build(cls) -> Profiles:
        return cls(timezone.localdate(), ProfileIndex(build_profiles()))

    def updated(self, batch: Batch) -> Profiles:
        """Only the firms of ``batch`` are read again. A few firms are patched into the index
        (``ProfileIndex.patched``; figures in docs/perf/matching.md); when the patches add up to
        more than ``_compact_above`` firms, the index is rebuilt from the profiles in memory
        (no per-firm database or text work for the others)."""
        if not batch.firms:
            return self
        fresh = build_profiles(pks=batch.firms)
        if _patchable(self, batch):
            return Profiles(self.day, self.index.patched(fresh, batch.firms))
        kept = [p for p in self.index.live_profiles() if p.id not in batch.firms]
        return Profiles(self.day, ProfileIndex([*kept, *fresh]))


def _compact_above(profiles: Profiles) -> int:
    """How many patched firms the index carries before it is rebuilt (the patched words of
    those firms are searched apart from the others, so this bounds that cost)."""
    return max(settings.GAGYO_MATCHING_PATCH_LIMIT, len(profiles.index) // 50)


def _patchable(profiles: Profiles, batch: Batch) -> bool:
    return len(
        batch.firms
    ) <= settings.GAGYO_MATCHING_PATCH_LIMIT and profiles.index.overlay_size + len(
        batch.firms
    ) <= _compact_above(profiles)


def _in_background(profiles: Profiles, batch: Batch) -> bool:
    """An edit of a few firms is patched in at once. A large batch (an import) or a rebuild
    of a large index runs in a thread while matches use the previous index (at most one
    batch behind), so no request waits for it."""
    if batch.full or not _patchable(profiles, batch):
        return len(profiles.index) > settings.GAGYO_MATCHING_BACKGROUND_ABOVE
    return False


_profiles: Follower[Profiles] = Follower(Profiles.build, Profiles.updated, _in_background)


def get_index(using: str = "default") -> ProfileIndex:
    """The profiles and their ranking index as the directory is now."""
    current = _profiles.get()
    if current.day != timezone.localdate():
        # "Confirmed recently" moved with the date: build afresh, in a thread for a large
        # directory (matches keep yesterday's readiness for the few seconds it takes).
        if len(current.index) > settings.GAGYO_MATCHING_BACKGROUND_ABOVE:
            _profiles.rebuild_in_background()
        else:
            _profiles.clear()
            current = _profiles.get()
    return current.index


def get_profiles(using: str = "default") -> list[FirmProfile]:
    return get_index(using).live_profiles()


def get_profile(firm_id: int, using: str = "default") -> FirmProfile | None:
    """One published firm's profile (None when the firm is not published)."""
    index = get_index(using)
    position = index.position.get(firm_id)
    return None if position is None else index.profiles[position]


def clear_cache() -> None:
    _profiles.clear()


def get_taxonomy(using: str = "default") -> Taxonomy:
    return Taxonomy(dict(Specialty.objects.using(using).values_list("id", "parent_id")))


def relationship_for_stage(stage: str) -> Relationship:
    if stage == Stage.AGREEMENT:
        return "agreement"
    if stage in OPEN_STAGES:
        return "pipeline"
    return "ended"


def relationships_for(partner_id: int | None, using: str = "default") -> dict[int, Relationship]:
    """Firm id -> relationship with the partner, from its connections (one query)."""
    if partner_id is None:
        return {}
    rows = (
        Connection.objects.using(using)
        .filter(partner_id=partner_id)
        .values_list("firm_id", "stage")
    )
    return {firm_id: relationship_for_stage(stage) for firm_id, stage in rows}
