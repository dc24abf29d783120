"""An in-memory facet index of the published firms: one bit set per filter value.

Exact facet counts over 100,000 firms cost the database a scan of ~200,000 specialty links per
count. Here each filter value (specialty, cluster, target market, size band) is a Python ``int``
used as a bit set whose bit *n* is the firm with primary key *n*. A count is then
``(value & candidates).bit_count()`` — microseconds for 100,000 firms — and the search and the
filters are combined with ``&``, so the database finds the matches once per request.

The index is built from four queries (firms, specialty links, market links, the search
documents' names to rank matches by) and kept per process, keyed by a *version* read with one
cheap query per request (``read_versions``): a counter that database triggers increase on
every write to the firm and link tables (migration ``search.0005_facet_version``), so
``save()``, ``QuerySet.update()`` and bulk loads are all seen. ``MAX_AGE`` bounds the life of
an index in any case. The sort orders of the published firms (by name per language, newest,
recently updated) are kept with it, so a page is a look-up of 24 ids, and so are the firms'
specialties and markets for their cards (``links_of``). The same query reads a second counter
for the reference data (filter values and the partner facet's participations,
``filters.Reference``), cached the same way (``VersionedCache``).
"""

from __future__ import annotations

import threading
import time
from array import array
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass, field
from typing import TypeVar

from django.db import connection

from directory.firms.models import Firm
from directory.partners.models import Participation
from directory.search.documents import SEPARATOR
from directory.search.models import FirmSearchDocument
from directory.search.services import (
    RANK_EXACT,
    RANK_OTHER,
    RANK_PREFIX,
    ParsedQuery,
    match_parsed_ids,
    rank_names,
)

T = TypeVar("T")
FirmSpecialty = Firm.specialties.through
FirmMarket = Firm.target_markets.through

# Rebuild at least this often (seconds), whatever the version says.
MAX_AGE = 600
# Searches remembered per index: paging, sorting and facet clicks repeat the same search.
SEARCH_CACHE_SIZE = 128


@dataclass(frozen=True)
class SearchHits:
    """What a search found, as bit sets (a few kilobytes each, so remembering many searches
    costs little memory): every matching firm (published or not) and, for the relevance
    order, the published firms with a name (or its choseong) equal to the query or starting
    with it."""

    matches: int
    exact: int
    prefix: int


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
    version: tuple
    published: int = 0
    specialty: dict[int, int] = field(default_factory=dict)
    cluster: dict[int | None, int] = field(default_factory=dict)
    market: dict[str, int] = field(default_factory=dict)
    size: dict[str, int] = field(default_factory=dict)
    # The published firms' search-document names and choseong, to rank search matches:
    # "\x00<pk>\x01<lines>" for every firm, one string each (see ``prefixed``).
    names: str = ""
    choseong: str = ""
    keywords: str = ""
    # Sort orders of the published firms, built on first use: key -> (ids in order, positions).
    orders: dict[str, tuple[list[int], array]] = field(default_factory=dict)
    # The specialty and market bit sets as bytes, for constant-time "has firm n this value?"
    # when a page's cards are built (``links_of``); made on first use.
    _link_bytes: tuple[dict, dict] | None = None
    # The most recent searches' results against this index (``search``), newest last.
    searches: OrderedDict = field(default_factory=OrderedDict)
    _searches_lock: threading.Lock = field(default_factory=threading.Lock)

    def search(self, parsed: ParsedQuery) -> SearchHits:
        """The firms a search finds, with the same rules as ``search_firms``: 3+ characters
        through the search index (one query), 1-2 characters in this index's copy of the
        names and keywords (no query: the database could only scan for them). Remembered."""
        return self.remember(parsed, lambda: self._search(parsed))

    def _search(self, parsed: ParsedQuery) -> SearchHits:
        if not parsed.is_short:
            matches = match_parsed_ids(parsed)
        elif parsed.is_choseong:
            matches = list(self.containing("choseong", parsed.key))
        else:
            found = set(self.containing("names", parsed.key))
            found.update(self.containing("keywords", parsed.text))
            matches = list(found)
        groups: dict[int, list[int]] = {RANK_EXACT: [], RANK_PREFIX: [], RANK_OTHER: []}
        for pk, lines in self.containing(parsed.rank_column, SEPARATOR + parsed.key).items():
            groups[rank_names(parsed, lines)].append(pk)
        return SearchHits(
            matches=bits(matches),
            exact=bits(groups[RANK_EXACT]),
            prefix=bits(groups[RANK_PREFIX]),
        )

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
    def build(cls, version: tuple) -> FacetIndex:
        cluster_ids: dict[int | None, list[int]] = {}
        size_ids: dict[str, list[int]] = {}
        published_ids = []
        for pk, cluster_id, size_band in rows(
            Firm.objects.published().order_by().values_list("pk", "cluster_id", "size_band")
        ):
            published_ids.append(pk)
            cluster_ids.setdefault(cluster_id, []).append(pk)
            if size_band:
                size_ids.setdefault(size_band, []).append(pk)
        specialty_ids: dict[int, list[int]] = {}
        for firm_id, specialty_id in rows(
            FirmSpecialty.objects.values_list("firm_id", "specialty_id")
        ):
            specialty_ids.setdefault(specialty_id, []).append(firm_id)
        market_ids: dict[str, list[int]] = {}
        for firm_id, country_id in rows(FirmMarket.objects.values_list("firm_id", "country_id")):
            market_ids.setdefault(country_id, []).append(firm_id)
        published = bits(published_ids)
        blobs: dict[str, list[str]] = {"names": [], "choseong": [], "keywords": []}
        documents = FirmSearchDocument.objects.filter(firm__is_published=True).order_by()
        for pk, *texts in rows(documents.values_list("pk", *blobs)):
            for column, text in zip(blobs, texts, strict=True):
                blobs[column].append(f"\x00{pk}\x01{text.replace(chr(0), '')}")
        return cls(
            names="".join(blobs["names"]),
            choseong="".join(blobs["choseong"]),
            keywords="".join(blobs["keywords"]),
            version=version,
            published=published,
            specialty={k: bits(v) & published for k, v in specialty_ids.items()},
            cluster={k: bits(v) for k, v in cluster_ids.items()},
            market={k: bits(v) & published for k, v in market_ids.items()},
            size={k: bits(v) for k, v in size_ids.items()},
        )

    def containing(self, column: str, needle: str) -> dict[int, str]:
        """Published firms whose search-document ``column`` (names, choseong or keywords)
        contains ``needle``, with that column's text.

        ``str.find`` over one string per column ("\x00<pk>\x01<text>" for every firm): the
        cost is a linear scan in C plus a little per hit. Serves the exact/prefix ranking and
        1-2 character queries, which no trigram index can serve.
        """
        blob = getattr(self, column)
        found: dict[int, str] = {}
        pos = blob.find(needle)
        while pos != -1:
            start = blob.rfind("\x00", 0, pos)
            mark = blob.index("\x01", start)
            if pos <= mark:  # inside the "<pk>" header (a query made of digits)
                pos = blob.find(needle, mark + 1)
                continue
            end = blob.find("\x00", pos)
            end = len(blob) if end == -1 else end
            found[int(blob[start + 1 : mark])] = blob[mark + 1 : end]
            pos = blob.find(needle, end)
        return found


@dataclass(frozen=True)
class Versions:
    """What the directory's per-process caches are keyed by (``read_versions``)."""

    firms: tuple  # the facet index: firms, their links and search documents
    reference: tuple  # the filter values and the partner facet's participations


def read_versions() -> Versions:
    """One query whose results change whenever the directory's cached data may have changed.

    ``gagyo_facet_version`` row 1 is increased by database triggers on every write to the firm
    and link tables (migration ``search.0005_facet_version``), row 2 on every write to the
    reference tables: specialties, clusters, countries, partners, engagements and
    participations (``search.0006_reference_version``). The other parts are O(1) index
    look-ups that catch most firm changes even without the triggers: the newest published
    firm's ``updated_at`` and the largest ids of the firm and link tables.
    """
    firm = connection.ops.quote_name(Firm._meta.db_table)
    links = connection.ops.quote_name(FirmSpecialty._meta.db_table)
    markets = connection.ops.quote_name(FirmMarket._meta.db_table)
    # Written as the ORM writes filter(is_published=True), so the partial index on published
    # firms' (-updated_at, -id) serves it.
    published = "is_published" if connection.vendor == "sqlite" else "is_published = true"
    sql = (
        "SELECT (SELECT n FROM gagyo_facet_version WHERE id = 1), "
        f"(SELECT MAX(updated_at) FROM {firm} WHERE {published}), (SELECT MAX(id) FROM {firm}), "
        f"(SELECT MAX(id) FROM {links}), (SELECT MAX(id) FROM {markets}), "
        "(SELECT n FROM gagyo_facet_version WHERE id = 2)"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql)
        *firms, reference = cursor.fetchone()
    database = (connection.alias, connection.settings_dict["NAME"])
    return Versions(firms=(*database, *firms), reference=(*database, reference))


def data_version() -> tuple:
    """The facet index's part of ``read_versions``."""
    return read_versions().firms


class VersionedCache:
    """One value per process, built by ``build(version)`` and kept while the version stays the
    same (and at most ``MAX_AGE`` seconds). Threads share it; one rebuild per change."""

    def __init__(self, build) -> None:
        self.build = build
        self.lock = threading.Lock()
        self.value = None
        self.version = None
        self.built_at = 0.0

    def _current(self, version) -> bool:
        return (
            self.value is not None
            and self.version == version
            and time.monotonic() - self.built_at < MAX_AGE
        )

    def get(self, version):
        if self._current(version):
            return self.value
        with self.lock:
            # Another thread may have rebuilt it while this one waited for the lock.
            if not self._current(version):
                self.value = self.build(version)
                self.version = version
                self.built_at = time.monotonic()
            return self.value

    def clear(self) -> None:
        with self.lock:
            self.value = None
            self.version = None


_index = VersionedCache(FacetIndex.build)
CACHES = [_index]


def current_index(versions: Versions | None = None) -> FacetIndex:
    """The index for the data as it is now: cached per process, rebuilt when the data changed."""
    return _index.get((versions or read_versions()).firms)


def clear() -> None:
    """Forget the cached index and reference data (tests call this between tests)."""
    for cache in CACHES:
        cache.clear()


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
