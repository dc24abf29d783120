"""What /healthz checks: the database answers and the cache stores and returns a value."""

from __future__ import annotations

import logging
import uuid

from django.core.cache import cache
from django.db import connection

log = logging.getLogger(__name__)


def check_database() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except Exception:  # noqa: BLE001 - any failure means "down"; the log has the details
        log.exception("health check: database is not answering")
        return False


def check_cache() -> bool:
    key = f"healthz:{uuid.uuid4().hex}"
    try:
        cache.set(key, "ok", 10)
        ok = cache.get(key) == "ok"
        cache.delete(key)
    except Exception:  # noqa: BLE001
        log.exception("health check: cache is not answering")
        return False
    if not ok:
        log.error("health check: cache did not return what was stored")
    return ok


def run_checks() -> dict[str, bool]:
    return {"database": check_database(), "cache": check_cache()}
