"""Load the published firms as scoring.FirmProfile objects, in a few queries, cached per process.

Normalising the text of 100,000 firms takes seconds; ranking them against a brief must take
milliseconds. So profiles are built once and kept in memory until the directory changes. The
cache version is a few MAX() queries on primary keys (constant time, no table scans):

* the latest historical record of Firm (django-simple-history writes one for every save and
  delete, and for every change of the specialties and markets, which are tracked m2m fields);
* the latest Firm id and link-table ids (rows added in bulk, without history);
* today's date, because "confirmed recently" depends on it.

Rebuilding takes seconds at 100,000 firms, so above GAGYO_MATCHING_SYNC_REBUILD_LIMIT published
firms (default 5,000) a stale index is rebuilt in a background thread while requests keep using
the previous one; below it, the rebuild happens in the request, so results are always current.

Not noticed: ``QuerySet.update()`` and bulk link deletions, which bypass history; call
``clear_cache()`` after such scripts.

Relationships with a partner are not cached: they are one small query per brief
(``relationships_for``).
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db import connections as db_connections
from django.db.models import Max
from django.utils import timezone

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

_lock = threading.Lock()
_refreshing: set[str] = set()
_cache: dict[str, tuple[Any, ProfileIndex]] = {}


def profiles_version(using: str = "default") -> tuple[Any, ...]:
    """Changes whenever a firm, its specialties or its markets change (see the module doc)."""
    history = Firm.history.model.objects.using(using)  # a row per save, delete, m2m change
    return (
        db_connections[using].settings_dict.get("NAME"),
        history.aggregate(last=Max("history_id"))["last"],
        Firm.objects.using(using).aggregate(last=Max("id"))["last"],
        Firm.specialties.through.objects.using(using).aggregate(last=Max("id"))["last"],
        Firm.target_markets.through.objects.using(using).aggregate(last=Max("id"))["last"],
        timezone.localdate(),
    )


def _interned(cache: dict, values: Iterable) -> frozenset:
    """Identical sets are shared: 100,000 firms have only a few hundred distinct specialty sets."""
    key = frozenset(values)
    return cache.setdefault(key, key)


def build_profiles(using: str = "default") -> list[FirmProfile]:
    """Every published firm as a FirmProfile: three queries, no per-firm queries."""
    firm_ids_specialties: dict[int, list[int]] = {}
    for firm_id, specialty_id in Firm.specialties.through.objects.using(using).values_list(
        "firm_id", "specialty_id"
    ):
        firm_ids_specialties.setdefault(firm_id, []).append(specialty_id)
    firm_markets: dict[int, list[str]] = {}
    for firm_id, code in Firm.target_markets.through.objects.using(using).values_list(
        "firm_id", "country_id"
    ):
        firm_markets.setdefault(firm_id, []).append(code)

    recent = timezone.now() - timedelta(days=CONFIRMED_RECENTLY_DAYS)
    sets: dict[frozenset, frozenset] = {}
    profiles = []
    total_facts = len(COMPLETENESS_FIELDS) + len(COMPLETENESS_EXTRA)
    rows = Firm.objects.using(using).published().order_by().values_list(*_FIELDS)
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


def _build(using: str, version: tuple[Any, ...]) -> ProfileIndex:
    index = ProfileIndex(build_profiles(using))
    _cache[using] = (version, index)
    return index


def _refresh_in_background(using: str, version: tuple[Any, ...]) -> None:
    """Rebuild in a thread; requests meanwhile use the previous index (seconds old)."""
    if using in _refreshing:
        return

    def run() -> None:
        try:
            with _lock:
                _build(using, version)
        finally:
            _refreshing.discard(using)
            db_connections.close_all()  # this thread's connections

    _refreshing.add(using)
    threading.Thread(target=run, name=f"matching-refresh-{using}", daemon=True).start()


def _cached(using: str) -> ProfileIndex:
    version = profiles_version(using)
    cached = _cache.get(using)
    if cached and cached[0] == version:
        return cached[1]
    if cached and len(cached[1]) > sync_rebuild_limit():
        # A large directory takes seconds to index: keep answering from the previous index
        # (at most one rebuild behind) rather than stall every match after each edit.
        _refresh_in_background(using, version)
        return cached[1]
    with _lock:
        cached = _cache.get(using)
        if cached and cached[0] == version:
            return cached[1]
        return _build(using, version)


def sync_rebuild_limit() -> int:
    return int(getattr(settings, "GAGYO_MATCHING_SYNC_REBUILD_LIMIT", 5000))


def is_refreshing(using: str = "default") -> bool:
    """True while a background rebuild runs: results may miss the last few seconds of edits."""
    return using in _refreshing


def get_index(using: str = "default") -> ProfileIndex:
    """The cached profiles and their indexes, rebuilt when the directory has changed."""
    return _cached(using)


def get_profiles(using: str = "default") -> list[FirmProfile]:
    return _cached(using).profiles


def get_profile(firm_id: int, using: str = "default") -> FirmProfile | None:
    """One published firm's profile (None when the firm is not published)."""
    index = _cached(using)
    position = index.position.get(firm_id)
    return None if position is None else index.profiles[position]


def clear_cache() -> None:
    _cache.clear()


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
