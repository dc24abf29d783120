"""An in-memory facet index of the published firms: one bit set per filter value.

Exact facet counts over 100,000 firms cost the database a scan of ~200,000 specialty links per
count. Here each filter value (specialty, cluster, target market, size band) is a Python ``int``
used as a bit set whose bit *n* is the firm with primary key *n*. A count is then
``(value & candidates).bit_count()`` — microseconds for 100,000 firms — and the search and the
filters are combined with ``&``, so the database finds the matches once per request.

The index is built from three queries (firms, specialty links, market links) and kept per
process. It follows the change log (``directory/changes/log.py``): each request reads the
newest change id (one indexed query) and, when firms changed, gets a patched copy of the index
in which only those firms were re-read (``FacetIndex.patched``); nothing is rebuilt without a
change. The sort orders of the published firms (by name per language, newest, recently
updated) are kept with it, so a page is a look-up of 24 ids, and so are the firms' specialties
and markets for their cards (``links_of``); a patched index re-reads a sort order on first use.
A search runs once through ``directory.search.services.find`` (the one search and ranking of
the project) and its hits are remembered with the index (``SearchHits``); a patched index
starts with none. The reference data (filter values and the partner facet's participations,
``filters.Reference``) follows the same log.
"""

from __future__ import annotations

import threading
from array import array
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass, field
from typing import TypeVar

from django.db import connection
from django.db.models import F, Value
from django.db.models.functions import Coalesce, NullIf

from directory.changes import log
from directory.changes.log import Batch, Follower
from directory.firms.models import Firm
from directory.partners.models import Participation
from directory.search import freshness
from directory.search.index import firms_with_specialties
from directory.search.services import (
    RANK_EXACT,
    RANK_PREFIX,
    ParsedQuery,
    Row,
    find_ranked,
)

T = TypeVar("T")
FirmSpecialty = Firm.specialties.through
FirmMarket = Firm.target_markets.through

# Above this many changed firms, a batch of changes builds a new index instead of patching.
PATCH_LIMIT = 5000
# Searches remembered per index: paging, sorting and facet clicks repeat the same search.
SEARCH_CACHE_SIZE = 128


@dataclass(frozen=True)
class SearchHits:
    """What a search found (``directory.search.services.find``), compactly, so remembering many
    searches costs little memory: every matching firm (published or not) and the exact and
    prefix name matches as bit sets, and every match's id in ranking order (``rank_key``:
    tier, then score) with its key, to order ties by name."""

    matches: int
    exact: int
    prefix: int
    ranked: array = field(default_factory=lambda: array("i"))
    tiers: array = field(default_factory=lambda: array("b"))
    scores: array = field(default_factory=lambda: array("d"))

    @classmethod
    def of(cls, rows: list[Row]) -> SearchHits:
        """From ``find_ranked``'s (pk, tier, score) rows, already in ranking order."""
        pks = [row[0] for row in rows]
        tiers = array("b", [row[1] for row in rows])
        return cls(
            matches=bits(pks),
            exact=bits([row[0] for row in rows if row[1] == RANK_EXACT]),
            prefix=bits([row[0] for row in rows if row[1] == RANK_PREFIX]),
            ranked=array("i", pks),
            tiers=tiers,
            # rank_key's second element, inlined: this runs for every match of a broad query.
            scores=array("d", [-float(f"{row[2]:.9g}") for row in rows]),
        )

    def page(self, order: tuple[list[int], array], mask: int, start: int, stop: int) -> list[int]:
        """Ids ``start:stop`` of the firms in ``mask`` in relevance order (exact name matches,
        name prefixes, then the field-weighted score), each run of equal keys in ``order``
        (the reader's name order)."""
        _ids, positions = order
        inside = Membership(mask)
        found: list[int] = []
        i, n = 0, len(self.ranked)
        while i < n and len(found) < stop:
            j = i + 1
            while j < n and self.tiers[j] == self.tiers[i] and self.scores[j] == self.scores[i]:
                j += 1
            run = (pk for pk in self.ranked[i:j] if pk in inside)
            found.extend(sorted(run, key=positions.__getitem__))
            i = j
        return found[start:stop]


_BINARY_DIGITS = bytes.maketrans(b"\x00\x01", b"01")


def bits(ids: Iterable[int]) -> int:
    """The bit set of primary keys ``ids``: one flag per id, then parsed as a binary number
    (linear in C), which is several times faster than setting bits one by one."""
    ids = ids if isinstance(ids, list) else list(ids)
    if not ids:
        return 0
    flags = bytearray(max(ids) + 1)
    for pk in ids:
        flags[pk] = 1
    return int(flags.translate(_BINARY_DIGITS)[::-1], 2)


def members(mask: int) -> list[int]:
    """The primary keys in a bit set, ascending."""
    digits = bin(mask)[:1:-1]  # least significant bit first, without "0b"
    found = []
    pos = digits.find("1")
    while pos != -1:
        found.append(pos)
        pos = digits.find("1", pos + 1)
    return found


def rows(queryset) -> list[tuple]:
    """All rows of a values_list() queryset with one fetchall(): for the hundreds of
    thousands of rows of a build, several times faster than the ORM's chunked iterator."""
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


@dataclass
class FacetIndex:
    published: int = 0
    specialty: dict[int, int] = field(default_factory=dict)
    cluster: dict[int | None, int] = field(default_factory=dict)
    market: dict[str, int] = field(default_factory=dict)
    size: dict[str, int] = field(default_factory=dict)
    # Sort orders of the published firms, built on first use: key -> (ids in order, positions).
    orders: dict[str, tuple[list[int], array]] = field(default_factory=dict)
    # The specialty and market bit sets as bytes, for constant-time "has firm n this value?"
    # when a page's cards are built (``links_of``); made on first use.
    _link_bytes: tuple[dict, dict] | None = None
    # The most recent searches' results against this index (``search``), newest last.
    searches: OrderedDict = field(default_factory=OrderedDict)
    _searches_lock: threading.Lock = field(default_factory=threading.Lock)

    def search(self, parsed: ParsedQuery) -> SearchHits:
        """The firms a search finds and their ranking (``directory.search.services.find``, one
        query; the documents were brought up to date by ``current_index``), remembered while this
        index is current."""
        return self.remember(parsed, lambda: SearchHits.of(find_ranked(parsed, fresh=True)))

    def remember(self, key: Hashable, find: Callable[[], T]) -> T:
        """``find()``'s result for the search ``key``, remembered while this index is current.

        The index is replaced whenever a firm or its search document changes, so a remembered
        result is never stale; only the ``SEARCH_CACHE_SIZE`` most recent searches are kept.
        Paging through results, changing the sort or clicking a facet repeats a search, which
        then costs no query.
        """
        with self._searches_lock:
            found = self.searches.get(key)
            if found is not None:
                self.searches.move_to_end(key)
                return found
        found = find()
        with self._searches_lock:
            self.searches[key] = found
            while len(self.searches) > SEARCH_CACHE_SIZE:
                self.searches.popitem(last=False)
        return found

    def links_of(self, pks: Iterable[int]) -> dict[int, tuple[list[int], list[str]]]:
        """Each published firm's specialty ids and target-market codes, from the bit sets:
        the cards of a page need no query for them."""
        if self._link_bytes is None:
            self._link_bytes = (
                {key: Membership(mask) for key, mask in self.specialty.items()},
                {key: Membership(mask) for key, mask in self.market.items()},
            )
        specialties, markets = self._link_bytes
        return {
            pk: (
                [key for key, has in specialties.items() if pk in has],
                [key for key, has in markets.items() if pk in has],
            )
            for pk in pks
        }

    def order(self, key: str, *order_by) -> tuple[list[int], array]:
        """The published firms' ids sorted by ``order_by`` (by the database, so its collation
        decides), and each id's position in that list; cached under ``key``."""
        found = self.orders.get(key)
        if found is None:
            ids = list(Firm.objects.published().order_by(*order_by).values_list("pk", flat=True))
            positions = array("l", [-1]) * ((max(ids) + 1) if ids else 0)
            for position, pk in enumerate(ids):
                positions[pk] = position
            found = (ids, positions)
            self.orders[key] = found
        return found

    @classmethod
    def build(cls) -> FacetIndex:
        """The index of every published firm: three queries."""
        return cls.collect(None)

    @classmethod
    def collect(cls, pks: set[int] | None) -> FacetIndex:
        """The index of the published firms among ``pks`` (all firms for None)."""

        def only(queryset, field: str = "pk"):
            return queryset if pks is None else queryset.filter(**{f"{field}__in": pks})

        cluster_ids: dict[int | None, list[int]] = {}
        size_ids: dict[str, list[int]] = {}
        published_ids = []
        firms = only(Firm.objects.published().order_by())
        for pk, cluster_id, size_band in rows(firms.values_list("pk", "cluster_id", "size_band")):
            published_ids.append(pk)
            cluster_ids.setdefault(cluster_id, []).append(pk)
            if size_band:
                size_ids.setdefault(size_band, []).append(pk)
        specialty_ids: dict[int, list[int]] = {}
        links = only(FirmSpecialty.objects.all(), "firm_id")
        for firm_id, specialty_id in rows(links.values_list("firm_id", "specialty_id")):
            specialty_ids.setdefault(specialty_id, []).append(firm_id)
        market_ids: dict[str, list[int]] = {}
        markets = only(FirmMarket.objects.all(), "firm_id")
        for firm_id, country_id in rows(markets.values_list("firm_id", "country_id")):
            market_ids.setdefault(country_id, []).append(firm_id)
        published = bits(published_ids)
        return cls(
            published=published,
            specialty={k: bits(v) & published for k, v in specialty_ids.items()},
            cluster={k: bits(v) for k, v in cluster_ids.items()},
            market={k: bits(v) & published for k, v in market_ids.items()},
            size={k: bits(v) for k, v in size_ids.items()},
        )

    def patched(self, batch: Batch) -> FacetIndex:
        """A copy of this index with the firms of ``batch`` (and those described with a changed
        specialty, whose search hits may differ) re-read: three small queries. This index stays
        as it is for the requests still using it."""
        pks = set(batch.firms) | firms_with_specialties(batch.specialties)
        if not pks:
            return self
        if len(pks) > PATCH_LIMIT:
            return FacetIndex.build()
        fresh = FacetIndex.collect(pks)
        keep = ~bits(pks)

        def merge(old: dict, new: dict) -> dict:
            merged = {key: mask & keep for key, mask in old.items()}
            for key, mask in new.items():
                merged[key] = merged.get(key, 0) | mask
            return merged

        return FacetIndex(
            published=(self.published & keep) | fresh.published,
            specialty=merge(self.specialty, fresh.specialty),
            cluster=merge(self.cluster, fresh.cluster),
            market=merge(self.market, fresh.market),
            size=merge(self.size, fresh.size),
        )


def sort_order(sort: str, suffix: str) -> tuple[str, tuple]:
    """The cache key and ORDER BY of a directory sort (``filters.Sort``) for the language with
    field suffix ``suffix``; relevance sorts by name after the rank."""
    if sort == "newest":
        return "newest", ("-created_at", "-pk")
    if sort == "updated":
        return "updated", ("-updated_at", "-pk")
    # Sort by the name the reader sees: their language's, else the Korean one.
    name = (
        F("name_ko")
        if suffix == "ko"
        else Coalesce(NullIf(F(f"name_{suffix}"), Value("")), F("name_ko"))
    )
    return f"name:{suffix}", (name, "pk")


def latest_change() -> int:
    """The newest change id: the one query a warm directory request makes to know that its
    per-process data is current (``current_index``, ``filters.current_reference``)."""
    return log.latest()


_index: Follower[FacetIndex] = Follower(FacetIndex.build, FacetIndex.patched)


def current_index(end: int | None = None) -> FacetIndex:
    """The index as of change ``end`` (default: the newest): the search documents are brought
    up to date first, then the index is built once per process and patched after changes."""
    end = latest_change() if end is None else end
    freshness.sync(end)
    return _index.get(end)


def clear() -> None:
    """Forget every per-process structure that follows the change log (``log.forget_all``)."""
    log.forget_all()


def partner_pairs() -> list[tuple[int, int]]:
    """(partner id, firm id) of every public engagement's participation: one query."""
    return list(
        Participation.objects.filter(engagement__is_public=True, engagement__partners__isnull=False)
        .values_list("engagement__partners", "firm_id")
        .distinct()
    )


class Membership:
    """Constant-time ``pk in mask`` for a bit set."""

    def __init__(self, mask: int) -> None:
        self.data = mask.to_bytes((mask.bit_length() + 7) // 8, "little")

    def __contains__(self, pk: int) -> bool:
        byte = pk >> 3
        return byte < len(self.data) and bool(self.data[byte] >> (pk & 7) & 1)


# Below this many results, sort them by position; above, walk the sort order.
SORT_SMALL = 2000


def page_ids(
    order: tuple[list[int], array],
    mask: int,
    count: int,
    start: int,
    stop: int,
    first: list[list[int]] = (),
) -> list[int]:
    """Ids ``start:stop`` of the firms in ``mask`` in ``order``.

    ``first`` are groups of ids that come before all others, each group in ``order`` (the
    exact and prefix name matches of a search, ranked before the other matches).
    """
    ids, positions = order
    inside = Membership(mask)
    ahead: list[int] = []
    seen: set[int] = set()
    for group in first:
        chosen = sorted((pk for pk in group if pk in inside and pk not in seen),
                        key=positions.__getitem__)  # fmt: skip
        ahead.extend(chosen)
        seen.update(chosen)
    if stop <= len(ahead):
        return ahead[start:stop]
    wanted = stop - len(ahead)
    if count <= SORT_SMALL:
        rest = sorted((pk for pk in members(mask) if pk not in seen), key=positions.__getitem__)
        rest = rest[:wanted]
    else:
        rest = []
        for pk in ids:
            if pk in inside and pk not in seen:
                rest.append(pk)
                if len(rest) >= wanted:
                    break
    return (ahead + rest)[start:stop]
