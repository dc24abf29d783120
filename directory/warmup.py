"""Build every per-process structure before a server process answers its first request.

The search documents are brought up to the change log, then the directory's facet index and
reference data and the match profiles are built (docs/architecture.md). gunicorn calls
``warm()`` in its master process before it forks the workers (``preload_app``,
``directory/gunicorn_conf.py``), so the workers start with the indexes already built and
share their memory copy-on-write until a change is applied. Lives at the project level, like
``urls.py``: it reaches into feature apps that must not import each other.
"""

from __future__ import annotations

import gc
import logging
import time

from django.db import connections

logger = logging.getLogger(__name__)


def warm() -> dict[str, float]:
    """Build the indexes; returns the seconds each took."""
    from directory.changes import log
    from directory.matching import profiles
    from directory.search import facet_index, filters
    from directory.workspace import duplicate_index

    timings: dict[str, float] = {}
    started = time.perf_counter()
    end = log.latest()

    def directory_index():
        index = facet_index.current_index(end)
        for suffix in ("ko", "en", "zh"):  # the default order of each language's first page
            key, order_by = facet_index.sort_order("relevance", suffix)
            index.order(key, *order_by)

    steps = {
        "facet index": directory_index,
        "reference data": lambda: filters.current_reference(end),
        "match profiles": profiles.get_index,
        "duplicate pairs": lambda: (
            duplicate_index.worth_warming() and duplicate_index.current_pairs()
        ),
    }
    for name, step in steps.items():
        step_started = time.perf_counter()
        step()
        timings[name] = time.perf_counter() - step_started
    timings["total"] = time.perf_counter() - started
    logger.warning(
        "Indexes warmed in %.1f s (%s)",
        timings["total"],
        ", ".join(
            f"{name} {seconds:.1f} s" for name, seconds in timings.items() if name != "total"
        ),
    )
    return timings


def before_fork() -> None:
    """What the master does after ``warm()`` and before forking the workers."""
    # The forked workers must not share the master's database connections.
    connections.close_all()
    # Objects built so far are long-lived: keep the garbage collector from touching (and so
    # copying) their memory pages in every worker.
    gc.collect()
    gc.freeze()
