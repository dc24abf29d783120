"""The directory's firm search: the one search path of /firms/ and of the JSON API /api/firms/.

A ``DirectorySearch`` takes the request's parameters (``q``, the filter names of
``FirmFilterSet`` and ``sort``), runs the search once against the in-memory facet index
(``facet_index.py``), applies the filters and counts the facets with bit sets, and fetches a
page of firm cards on demand (``page``). Values it could not use are recorded, not raised:
``truncated`` (the query was shortened) and ``ignored`` ((parameter, raw value) pairs), so the
page can report them in a message and the API as an error or warning.

It needs the active language (the name sort follows it), so callers activate it first.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from typing import Any

from directory.firms.models import Firm
from directory.firms.translation import active_suffix

from . import cards
from .facet_index import (
    Membership,
    current_index,
    latest_change,
    page_ids,
    sort_order,
)
from .filters import FirmFilterSet, IndexedResult, Sort, current_reference, indexed_facets
from .services import RANK_EXACT, RANK_OTHER, RANK_PREFIX, current_lexicon, parse_query
from .text import clean_query

SORTS = tuple(value for value, _label in Sort.CHOICES)


def printable(text: str) -> str:
    """Drop control characters (NUL and friends), which no search or database should see."""
    return "".join(
        ch if ch in "\t\n\r " or unicodedata.category(ch) not in ("Cc", "Cs") else " "
        for ch in text
    )


class DirectorySearch:
    """Search, filters, facets and sort of the published firms, as /firms/ shows them."""

    def __init__(self, params: Mapping[str, Any]) -> None:
        # One query (the newest change id) tells whether the per-process structures (facet
        # index, filter values and partner facet, lexicon) are current; warm, they need no other.
        end = latest_change()
        reference = current_reference(end)
        self.options = reference.options
        self.q, self.truncated = clean_query(printable(str(params.get("q", "") or "")))
        self.filterset = FirmFilterSet(params, Firm.objects.published(), options=self.options)
        self.ignored: list[tuple[str, str]] = list(self.filterset.ignored)
        self.sort = self._sort(str(params.get("sort", "") or ""))
        # The search runs once; its matches, the filters and the facets are combined in the
        # in-memory facet index, which also knows the sort orders: a page is fetched by id
        # (docs/perf/directory.md).
        self.index = current_index(end)
        self.parsed = parse_query(self.q, current_lexicon(end)) if self.q else None
        self.hits = self.index.search(self.parsed) if self.parsed is not None else None
        self.result: IndexedResult = indexed_facets(
            self.filterset,
            self.index,
            None if self.hits is None else self.hits.matches,
            reference.partner_firms,
        )

    @property
    def count(self) -> int:
        return self.result.count

    @property
    def active(self) -> dict[str, str]:
        """The valid filter values in force, by dimension."""
        return self.filterset.active

    @property
    def default_sort(self) -> str:
        return Sort.RELEVANCE if self.q else Sort.NAME

    def _sort(self, raw: str) -> str:
        if not raw:
            return self.default_sort
        if raw not in SORTS:
            self.ignored.append(("sort", raw))
            return self.default_sort
        if raw == Sort.RELEVANCE and not self.q:
            return Sort.NAME  # nothing to rank by without a search
        return raw

    def _order(self) -> tuple[str, tuple]:
        """The sort order's cache key and ORDER BY (relevance: by name after the rank)."""
        return sort_order(self.sort, active_suffix())

    def ids(self, start: int, stop: int) -> list[int]:
        """Ids of the results ``start:stop`` in the chosen order (pages, exports)."""
        key, order_by = self._order()
        order = self.index.order(key, *order_by)
        if self.hits is not None and self.sort == Sort.RELEVANCE:
            # Exact name matches, name prefixes, then the field-weighted score; ties by name.
            return self.hits.page(order, self.result.mask, start, stop)
        return page_ids(order, self.result.mask, self.result.count, start, stop)

    def page(self, start: int, stop: int) -> list[Firm]:
        """Firm cards ``start:stop`` of the results, each with its ``search_rank``."""
        ids = self.ids(start, stop)
        if not ids:
            return []
        firms = cards.from_index(ids, self.index, self.options)
        exact = prefix = 0
        if self.hits is not None:
            exact, prefix = self.hits.exact, self.hits.prefix
        is_exact, is_prefix = Membership(exact), Membership(prefix)
        for firm in firms:
            firm.search_rank = (
                RANK_EXACT
                if firm.pk in is_exact
                else RANK_PREFIX
                if firm.pk in is_prefix
                else RANK_OTHER
            )
        return firms
