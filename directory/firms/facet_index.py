"""An in-memory facet index of the published firms: one bit set per filter value.

Exact facet counts over 100,000 firms cost the database a scan of ~200,000 specialty links per
count. Here each filter value (specialty, cluster, target market, size band) is a Python ``int``
used as a bit set whose bit *n* is the firm with primary key *n*. A count is then
``(value & candidates).bit_count()`` — microseconds for 100,000 firms — and the search and the
filters are combined with ``&``, so the database finds the matches once per request.

The index is built from three queries (firms, specialty links, market links) and kept per
process, keyed by a *version*: one cheap query per request that changes whenever a firm is
published, unpublished, saved or deleted (count and ``MAX(updated_at)`` of the
published firms: any save stamps ``updated_at`` with the current time) or a specialty/market link is added or
removed (count and ``MAX(id)`` of each link table). ``QuerySet.update()`` calls that change a
firm's cluster or size without touching ``updated_at`` are not seen; ``MAX_AGE`` bounds how long
such a change can go unnoticed. Participations (the partner facet) are few and change through
other pages, so they are read on every request instead (``partner_pairs``).
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import Q
from django.db.models.expressions import RawSQL

from directory.partners.models import Participation

from .models import Firm

FirmSpecialty = Firm.specialties.through
FirmMarket = Firm.target_markets.through

# Rebuild at least this often (seconds), whatever the version says.
MAX_AGE = 600


def bits(ids: Iterable[int]) -> int:
    """The bit set of primary keys ``ids``."""
    buffer = bytearray()
    for pk in ids:
        byte = pk >> 3
        if byte >= len(buffer):
            buffer.extend(bytes(byte + 1 - len(buffer) + 1024))
        buffer[byte] |= 1 << (pk & 7)
    return int.from_bytes(buffer, "little")


def members(mask: int) -> list[int]:
    """The primary keys in a bit set, ascending."""
    found = []
    data = mask.to_bytes((mask.bit_length() + 7) // 8, "little")
    for byte_index, byte in enumerate(data):
        if byte:
            base = byte_index << 3
            for bit in range(8):
                if byte >> bit & 1:
                    found.append(base + bit)
    return found


@dataclass
class FacetIndex:
    version: tuple
    built_at: float
    published: int = 0
    specialty: dict[int, int] = field(default_factory=dict)
    cluster: dict[int | None, int] = field(default_factory=dict)
    market: dict[str, int] = field(default_factory=dict)
    size: dict[str, int] = field(default_factory=dict)

    @classmethod
    def build(cls, version: tuple) -> FacetIndex:
        cluster_ids: dict[int | None, list[int]] = {}
        size_ids: dict[str, list[int]] = {}
        published_ids = []
        for pk, cluster_id, size_band in Firm.objects.published().values_list(
            "pk", "cluster_id", "size_band"
        ):
            published_ids.append(pk)
            cluster_ids.setdefault(cluster_id, []).append(pk)
            if size_band:
                size_ids.setdefault(size_band, []).append(pk)
        specialty_ids: dict[int, list[int]] = {}
        for firm_id, specialty_id in FirmSpecialty.objects.values_list("firm_id", "specialty_id"):
            specialty_ids.setdefault(specialty_id, []).append(firm_id)
        market_ids: dict[str, list[int]] = {}
        for firm_id, country_id in FirmMarket.objects.values_list("firm_id", "country_id"):
            market_ids.setdefault(country_id, []).append(firm_id)
        published = bits(published_ids)
        return cls(
            version=version,
            built_at=time.monotonic(),
            published=published,
            specialty={k: bits(v) & published for k, v in specialty_ids.items()},
            cluster={k: bits(v) for k, v in cluster_ids.items()},
            market={k: bits(v) & published for k, v in market_ids.items()},
            size={k: bits(v) for k, v in size_ids.items()},
        )


_lock = threading.Lock()
_current: FacetIndex | None = None


def data_version() -> tuple:
    """One query whose result changes whenever the firms' facet data may have changed."""
    firm = connection.ops.quote_name(Firm._meta.db_table)
    links = connection.ops.quote_name(FirmSpecialty._meta.db_table)
    markets = connection.ops.quote_name(FirmMarket._meta.db_table)
    # Written as the ORM writes filter(is_published=True), so the partial indexes on published
    # firms serve it: a count of the smallest one and the first entry of (-updated_at, -id).
    published = "is_published" if connection.vendor == "sqlite" else "is_published = true"
    sql = (
        f"SELECT (SELECT COUNT(*) FROM {firm} WHERE {published}), "
        f"(SELECT MAX(updated_at) FROM {firm} WHERE {published}), "
        f"(SELECT COUNT(*) FROM {links}), (SELECT MAX(id) FROM {links}), "
        f"(SELECT COUNT(*) FROM {markets}), (SELECT MAX(id) FROM {markets})"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql)
        row = cursor.fetchone()
    return (connection.alias, connection.settings_dict["NAME"], *row)


def current_index() -> FacetIndex:
    """The index for the data as it is now: cached per process, rebuilt when the data changed."""
    global _current
    version = data_version()
    index = _current
    fresh = index is not None and time.monotonic() - index.built_at < MAX_AGE
    if fresh and index.version == version:
        return index
    with _lock:
        index = FacetIndex.build(version)
        _current = index
    return index


def clear() -> None:
    """Forget the cached index (tests call this between tests)."""
    global _current
    _current = None


def partner_pairs() -> list[tuple[int, int]]:
    """(partner id, firm id) of every public engagement's participation: one query."""
    return list(
        Participation.objects.filter(engagement__is_public=True, engagement__partners__isnull=False)
        .values_list("engagement__partners", "firm_id")
        .distinct()
    )


def pk_in(ids: list[int]) -> Q:
    """``pk IN ids`` with the ids as one parameter (a JSON array on SQLite, an array on
    PostgreSQL): no limit on how many, and one statement shape for the database to parse."""
    if connection.vendor == "sqlite":
        return Q(pk__in=RawSQL("SELECT value FROM json_each(%s)", (json.dumps(ids),)))
    if connection.vendor == "postgresql":
        return Q(pk__in=RawSQL("SELECT unnest(%s::integer[])", (ids,)))
    return Q(pk__in=ids)
