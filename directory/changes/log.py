"""Reading the change log: what changed since a position, and per-process followers.

Every derived structure learns of changes the same way: it remembers the id of the last change
it applied (its *position*), reads ``latest()`` (one indexed query) and, when the log has moved,
applies ``since(position, latest)`` — the firms, partners and specialties written since — or
starts afresh when the batch is too large or reaches back behind pruned rows (``Batch.full``).
See docs/architecture.md.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import Generic, TypeVar

from django.db import connections, transaction
from django.db.models import Max
from django.utils import timezone

from .models import Change, Cursor, Kind

T = TypeVar("T")

#: Above this many changed rows in one batch, consumers rebuild instead. Large enough for a
#: spreadsheet import (10,000 rows); each consumer may still choose to rebuild for less.
MAX_INCREMENTAL = 20_000
HORIZON = "horizon"


@dataclass(frozen=True)
class Batch:
    """What changed between two positions of the log."""

    start: int
    end: int
    firms: frozenset[int] = frozenset()
    partners: frozenset[int] = frozenset()
    specialties: frozenset[int] = frozenset()
    reference: bool = False
    full: bool = False

    def __bool__(self) -> bool:
        return bool(self.firms or self.partners or self.specialties or self.reference or self.full)


def latest(using: str = "default") -> int:
    """The id of the newest change (the horizon when all were pruned, else 0): one query of
    two primary-key look-ups."""
    with connections[using].cursor() as cursor:
        cursor.execute(
            f"SELECT COALESCE((SELECT MAX(id) FROM {Change._meta.db_table}), "
            f"(SELECT position FROM {Cursor._meta.db_table} WHERE name = %s), 0)",
            [HORIZON],
        )
        return cursor.fetchone()[0]


def horizon(using: str = "default") -> int:
    """Changes up to this id were pruned: a consumer behind it must start afresh."""
    row = Cursor.objects.using(using).filter(name=HORIZON).values_list("position", flat=True)
    return row.first() or 0


# The last batches read: the consumers of one process usually stand at the same position, so a
# request reads each batch once however many structures apply it.
_recent: OrderedDict[tuple, Batch] = OrderedDict()
_recent_lock = threading.Lock()


def since(position: int, end: int | None = None, using: str = "default") -> Batch:
    """The changes after ``position`` up to ``end`` (inclusive), merged into one batch: one
    query, none when the same batch was read a moment ago."""
    end = latest(using) if end is None else end
    if end <= position:
        return Batch(position, end)
    key = (using, position, end)
    with _recent_lock:
        if key in _recent:
            return _recent[key]
    batch = _read(position, end, using)
    with _recent_lock:
        _recent[key] = batch
        while len(_recent) > 8:
            _recent.popitem(last=False)
    return batch


def _read(position: int, end: int, using: str) -> Batch:
    change, cursor = Change._meta.db_table, Cursor._meta.db_table
    sql = (
        f"SELECT DISTINCT kind, object_id FROM {change} WHERE id > %s AND id <= %s "
        f"UNION ALL SELECT 'horizon', position FROM {cursor} WHERE name = %s AND position > %s"
    )
    ids: dict[str, set[int]] = {Kind.FIRM: set(), Kind.PARTNER: set(), Kind.SPECIALTY: set()}
    reference = False
    with connections[using].cursor() as db:
        db.execute(sql, [position, end, HORIZON, position])
        for count, (kind, object_id) in enumerate(db.fetchall()):
            if kind in (Kind.ALL, HORIZON) or count > MAX_INCREMENTAL:
                return Batch(position, end, full=True)
            if kind == Kind.REFERENCE:
                reference = True
            elif object_id is not None:
                ids[kind].add(object_id)
    return Batch(
        position,
        end,
        firms=frozenset(ids[Kind.FIRM]),
        partners=frozenset(ids[Kind.PARTNER]),
        specialties=frozenset(ids[Kind.SPECIALTY]),
        reference=reference,
    )


def record_all(using: str = "default") -> int:
    """Log "everything may have changed" (after a rebuild from scratch): every consumer
    starts afresh. Returns the new change's id."""
    return Change.objects.using(using).create(kind=Kind.ALL, at=timezone.now()).id


@transaction.atomic
def prune(days: int, using: str = "default") -> int:
    """Delete changes older than ``days``; consumers behind them will rebuild. Returns count."""
    cutoff = timezone.now() - timedelta(days=days)
    old = Change.objects.using(using).filter(at__lt=cutoff)
    newest_old = old.aggregate(last=Max("id"))["last"]
    if newest_old is None:
        return 0
    deleted, _ = Change.objects.using(using).filter(id__lte=newest_old).delete()
    Cursor.objects.using(using).update_or_create(name=HORIZON, defaults={"position": newest_old})
    return deleted


# Everything a process keeps from the log forgets it together (``forget_all``).
_forgetters: list[Callable[[], None]] = []


def on_forget(forget: Callable[[], None]) -> None:
    """Register per-process state to drop in ``forget_all``."""
    _forgetters.append(forget)


def forget_all() -> None:
    """Drop every per-process structure that follows the log (tests call this between tests:
    a rollback winds the log back, and ids are reused)."""
    for forget in _forgetters:
        forget()
    with _recent_lock:
        _recent.clear()


class Follower(Generic[T]):
    """A value kept per process and brought up to date from the change log.

    ``build()`` makes it from scratch; ``apply(value, batch)`` returns it updated for a batch
    of changes (usually patching only the firms in it). Threads share the value; one of them
    applies a batch while the others wait for the lock. Applying is idempotent, so a change
    that a build already saw may safely be applied again.

    When ``background(value, batch)`` says so (a large value whose update for that batch takes
    long), the batch is applied in a thread while requests keep getting the previous value, so
    no request waits.
    """

    def __init__(
        self,
        build: Callable[[], T],
        apply: Callable[[T, Batch], T],
        background: Callable[[T, Batch], bool] | None = None,
    ) -> None:
        self.build = build
        self.apply = apply
        self.background = background
        self.lock = threading.Lock()
        self.value: T | None = None
        self.position = -1
        self.updating = False  # a background update is running
        on_forget(self.clear)

    def get(self, end: int | None = None) -> T:
        """The value as of change ``end`` (default: the newest)."""
        end = latest() if end is None else end
        value = self.value
        if value is not None and self.position >= end:
            return value
        with self.lock:
            if self.value is None:
                self.value = self.build()
            elif self.position < end:
                if self.background is not None and self.background(
                    self.value, since(self.position, end)
                ):
                    self._update_in_background(end)
                    return self.value
                self.value = self._updated(self.value, self.position, end)
            self.position = max(self.position, end)
            return self.value

    def _updated(self, value: T, position: int, end: int) -> T:
        batch = since(position, end)
        return self.build() if batch.full else self.apply(value, batch)

    def _update_in_background(self, end: int) -> None:
        """Called with the lock held."""
        position = self.position
        self._replace_in_background(lambda value: (self._updated(value, position, end), end))

    def rebuild_in_background(self) -> None:
        """Build afresh in a thread while requests keep the current value (e.g. a value that
        depends on the date, on a new day)."""

        def rebuild(_value: T) -> tuple[T, int]:
            end = latest()  # read first: the build sees at least this change
            return self.build(), end

        with self.lock:
            if self.value is not None:
                self._replace_in_background(rebuild)

    def _replace_in_background(self, compute: Callable[[T], tuple[T, int]]) -> None:
        """Called with the lock held: ``compute(value)`` -> (new value, change id it is as of),
        in a thread; requests keep the current value until it is swapped in."""
        if self.updating:
            return
        self.updating = True
        value = self.value

        def run() -> None:
            try:
                updated, end = compute(value)
                with self.lock:
                    if self.value is value:  # not cleared or replaced meanwhile
                        self.value, self.position = updated, max(self.position, end)
            finally:
                self.updating = False
                connections.close_all()  # this thread's connections

        threading.Thread(target=run, name="change-log-follower", daemon=True).start()

    def wait(self, timeout: float = 30.0) -> None:
        """Until a background update has finished (tests, benchmarks)."""
        deadline = time.monotonic() + timeout
        while self.updating and time.monotonic() < deadline:
            time.sleep(0.01)

    def clear(self) -> None:
        with self.lock:
            self.value = None
            self.position = -1
            self.updating = False
