"""System check: pg_trgm needs a locale that knows Hangul and Han characters are letters."""

from __future__ import annotations

from django.core import checks
from django.db import connections
from django.utils.translation import gettext_lazy as _

W001 = "search.W001"


def ctype_warning(ctype: str | None, alias: str = "default") -> checks.Warning | None:
    """A warning when LC_CTYPE is C/POSIX: pg_trgm then drops Hangul and Han as non-letters."""
    if ctype is None:
        return None
    if ctype.strip().upper() not in {"C", "POSIX"}:
        return None
    return checks.Warning(
        _("Database %(alias)s has LC_CTYPE %(ctype)s: trigram search ignores Korean and Chinese.")
        % {"alias": alias, "ctype": ctype},
        hint=_(
            "Create the database with a UTF-8 locale, e.g. "
            "CREATE DATABASE … LC_CTYPE 'C.UTF-8' TEMPLATE template0; see docs/search.md."
        ),
        id=W001,
    )


def database_ctype(alias: str = "default") -> str | None:
    connection = connections[alias]
    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute("SELECT datctype FROM pg_database WHERE datname = current_database()")
        row = cursor.fetchone()
    return row[0] if row else None


def check_trigram_locale(app_configs=None, databases=None, **kwargs) -> list[checks.CheckMessage]:
    messages: list[checks.CheckMessage] = []
    for alias in databases or []:
        warning = ctype_warning(database_ctype(alias), alias)
        if warning:
            messages.append(warning)
    return messages


def register() -> None:
    # Tagged "database": runs with `check --database default` and before migrate, never
    # on a plain `check` (which must not need a database connection).
    checks.register(check_trigram_locale, checks.Tags.database)
