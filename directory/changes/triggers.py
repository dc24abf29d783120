"""The change log's database triggers, defined once: migrations create them, a system check
reports any that are missing.

On SQLite, Django rebuilds a table for many schema changes (adding a field with a default,
altering a field), and the rebuilt table has no triggers. A migration that changes a logged
table must therefore call ``create(schema_editor)`` after it (``changes.0003`` does so for the
migrations written so far); ``tests/changes/test_change_log.py`` and the system check
``changes.W001`` fail while a trigger is missing.
"""

from __future__ import annotations

#: (table, kind, id column): the id column names the firm or partner the row belongs to;
#: reference tables log no id.
LOGGED: list[tuple[str, str, str | None]] = [
    ("firms_firm", "firm", "id"),
    ("firms_firm_specialties", "firm", "firm_id"),
    ("firms_firm_target_markets", "firm", "firm_id"),
    ("firms_specialty", "specialty", "id"),
    ("partners_overseaspartner", "partner", "id"),
    ("partners_overseaspartner_seeks_specialties", "partner", "overseaspartner_id"),
    ("firms_cluster", "reference", None),
    ("firms_country", "reference", None),
    ("partners_engagement", "reference", None),
    ("partners_engagement_partners", "reference", None),
    ("partners_participation", "reference", None),
]
EVENTS = ("INSERT", "UPDATE", "DELETE")
LOCK_KEY = 7_291_001  # pg_advisory_xact_lock key of the change log

PG_FUNCTION = f"""
CREATE OR REPLACE FUNCTION gagyo_log_change() RETURNS trigger AS $$
DECLARE
    changed_id bigint := NULL;
BEGIN
    PERFORM pg_advisory_xact_lock({LOCK_KEY});
    IF TG_LEVEL = 'ROW' AND TG_ARGV[1] <> '' THEN
        IF TG_OP = 'DELETE' THEN
            changed_id := (to_jsonb(OLD) ->> TG_ARGV[1])::bigint;
        ELSE
            changed_id := (to_jsonb(NEW) ->> TG_ARGV[1])::bigint;
        END IF;
    END IF;
    INSERT INTO gagyo_change (kind, object_id, at)
    VALUES (CASE WHEN TG_OP = 'TRUNCATE' THEN 'all' ELSE TG_ARGV[0] END, changed_id, now());
    RETURN NULL;
END $$ LANGUAGE plpgsql
"""


def sqlite_name(table: str, event: str) -> str:
    return f"gagyo_change_{table}_{event.lower()}"


def _sqlite_value(event: str, column: str | None) -> str:
    if column is None:
        return "NULL"
    return f"{'OLD' if event == 'DELETE' else 'NEW'}.{column}"


def statements(vendor: str) -> list[str]:
    """SQL that (re)creates every trigger; safe to run again."""
    sql: list[str] = []
    if vendor == "sqlite":
        for table, kind, column in LOGGED:
            for event in EVENTS:
                name = sqlite_name(table, event)
                sql.append(f"DROP TRIGGER IF EXISTS {name}")
                sql.append(
                    f"CREATE TRIGGER {name} AFTER {event} ON {table} "
                    "BEGIN INSERT INTO gagyo_change (kind, object_id, at) "
                    f"VALUES ('{kind}', {_sqlite_value(event, column)}, CURRENT_TIMESTAMP); END"
                )
    elif vendor == "postgresql":
        sql.append(PG_FUNCTION)
        for table, kind, column in LOGGED:
            level = "ROW" if column else "STATEMENT"
            sql += [
                f"DROP TRIGGER IF EXISTS gagyo_change ON {table}",
                f"DROP TRIGGER IF EXISTS gagyo_change_truncate ON {table}",
                f"CREATE TRIGGER gagyo_change AFTER INSERT OR UPDATE OR DELETE ON {table} "
                f"FOR EACH {level} EXECUTE FUNCTION gagyo_log_change('{kind}', '{column or ''}')",
                f"CREATE TRIGGER gagyo_change_truncate AFTER TRUNCATE ON {table} "
                f"FOR EACH STATEMENT EXECUTE FUNCTION gagyo_log_change('{kind}', '')",
            ]
    return sql


def create(schema_editor) -> None:
    """(Re)create every trigger (for migrations)."""
    for sql in statements(schema_editor.connection.vendor):
        schema_editor.execute(sql)


def missing(connection) -> list[str]:
    """The logged tables that lack a trigger (empty when all are in place)."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(
                "SELECT name FROM sqlite_master WHERE type = 'trigger' "
                "AND name LIKE 'gagyo_change_%'"
            )
            names = {row[0] for row in cursor.fetchall()}
            return sorted(
                {t for t, _k, _c in LOGGED for e in EVENTS if sqlite_name(t, e) not in names}
            )
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT DISTINCT event_object_table FROM information_schema.triggers "
                "WHERE trigger_name = 'gagyo_change'"
            )
            tables = {row[0] for row in cursor.fetchall()}
            return sorted({t for t, _k, _c in LOGGED} - tables)
    return []
