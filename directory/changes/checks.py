"""System check: every logged table has its change-log trigger (``manage.py check --database``)."""

from __future__ import annotations

from django.core.checks import Warning
from django.db import connections


def triggers_in_place(app_configs=None, databases=None, **kwargs):
    from .triggers import missing

    found = []
    for alias in databases or []:
        connection = connections[alias]
        try:
            if "gagyo_change" not in connection.introspection.table_names():
                continue  # not migrated yet: `migrate` runs the checks before it creates them
            tables = missing(connection)
        except Exception:  # the database is not migrated yet
            continue
        if tables:
            found.append(
                Warning(
                    f"Change-log triggers are missing on {', '.join(tables)}: derived data "
                    "(search, directory counts, matching) will not see changes there.",
                    hint="Run migrations; a migration that rebuilt these tables must call "
                    "directory.changes.triggers.create(schema_editor).",
                    id="changes.W001",
                )
            )
    return found
