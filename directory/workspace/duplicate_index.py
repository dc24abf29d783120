"""The probable duplicate pairs, kept per process and brought up to date from the change log.

Built before a server answers (``directory/warmup.py``); then each request reads the change log's
newest id (one query) and, when firms changed, re-pairs only those firms (``PairIndex.update``,
milliseconds), so no request waits for all pairs to be recomputed. Lives in the workspace
(a feature app) because the firms app below cannot follow the change log.
"""

from __future__ import annotations

from django.conf import settings

from directory.changes.log import Batch, Follower
from directory.firms import duplicates
from directory.firms.models import Firm


def firm_names(ids=None) -> list[duplicates.FirmNames]:
    """The names of the firms not archived (of ``ids`` only, when given)."""
    rows = Firm.objects.filter(is_archived=False)
    if ids is not None:
        rows = rows.filter(pk__in=ids)
    rows = rows.values_list(
        "pk", "name_ko", "name_en", "name_zh", "aliases", "business_registration_number"
    )
    return [duplicates.FirmNames(*row) for row in rows.order_by()]


def _build() -> duplicates.PairIndex:
    return duplicates.PairIndex.build(firm_names())


def _apply(index: duplicates.PairIndex, batch: Batch) -> duplicates.PairIndex:
    if batch.full:
        return _build()
    if batch.firms:
        changed: dict[int, duplicates.FirmNames | None] = dict.fromkeys(batch.firms)
        changed.update((firm.pk, firm) for firm in firm_names(batch.firms))
        index.update(changed)  # archived or deleted firms (None) leave the index
    return index


_index: Follower[duplicates.PairIndex] = Follower(_build, _apply)


def current_pairs() -> list[duplicates.Pair]:
    """Every probable pair, strongest first, as the directory is now."""
    return _index.get().sorted_pairs


def worth_warming() -> bool:
    """Whether the server builds the pairs before it serves. The pair index's memory and build
    time grow with the directory (figures in docs/perf/stewardship.md), in every process that
    holds it; above ``GAGYO_DUPLICATES_WARM_LIMIT`` firms it is built by
    the first request for the duplicates page instead (a staff page, seldom used), so the
    directory, search and matching keep their memory."""
    return Firm.objects.filter(is_archived=False).count() <= settings.GAGYO_DUPLICATES_WARM_LIMIT


def clear() -> None:
    _index.clear()
