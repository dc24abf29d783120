"""Keeping the search documents current: they are a consumer of the change log.

Before any search reads the documents, ``sync()`` compares the newest change with the position
this process knows the documents to be current at (no query beyond ``latest()`` when nothing
changed); otherwise it locks the shared cursor row, rewrites the documents of the firms and
partners changed since the cursor (and of the firms described with a renamed specialty),
and moves the cursor. Every process shares the documents, so the cursor lives in the database.
"""

from __future__ import annotations

from django.db import transaction

from directory.changes import log
from directory.changes.models import Cursor

from . import index

CURSOR = "search"
_state = {"known": -1}


def sync(end: int | None = None) -> None:
    """Bring the search documents up to change ``end`` (default: the newest)."""
    end = log.latest() if end is None else end
    if end <= _state["known"]:
        return
    with transaction.atomic():
        cursor, _created = Cursor.objects.select_for_update().get_or_create(name=CURSOR)
        if cursor.position < end:
            batch = log.since(cursor.position, end)
            if batch.full:
                index.rebuild_index()  # moves the cursor itself (mark_current)
                cursor.refresh_from_db()
            else:
                firms = set(batch.firms) | index.firms_with_specialties(batch.specialties)
                if firms:
                    index.reindex_firms(sorted(firms))
                if batch.partners:
                    index.reindex_partners(sorted(batch.partners))
            if cursor.position < end:
                cursor.position = end
                cursor.save(update_fields=["position"])
    _state["known"] = max(_state["known"], end)


def mark_current(position: int) -> None:
    """The documents were rebuilt from scratch as of change ``position``."""
    Cursor.objects.update_or_create(name=CURSOR, defaults={"position": position})
    _state["known"] = max(_state["known"], position)


def clear() -> None:
    """Forget what this process knows (tests: a rollback winds the log back)."""
    _state["known"] = -1


log.on_forget(clear)
