"""Database triggers that write the change log (``gagyo_change``): one row per written row of
the tables that derived data is made of, whoever writes — ``save()``, ``QuerySet.update()``,
``bulk_create()``, raw SQL.

(table, kind, id column): the id column names the firm or partner the row belongs to; reference
tables log no id. SQLite: row-level triggers. PostgreSQL: row-level triggers for the firm and
partner tables (the id is needed), statement-level ones for the reference tables and for
TRUNCATE (logged as ``all``). On PostgreSQL each logging transaction first takes one
transaction-level advisory lock, so change ids become visible in commit order and a reader never
skips a row that commits late. If a later migration alters one of these tables on SQLite,
Django rebuilds the table and its triggers are lost: recreate them there
(``tests/changes/test_triggers.py`` fails when they are missing).
"""

from django.db import migrations

LOGGED = [
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
LOCK_KEY = 7_291_001  # pg_advisory_xact_lock key of the change log

PG_FUNCTION = f"""
CREATE FUNCTION gagyo_log_change() RETURNS trigger AS $$
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


def _sqlite_value(event: str, column: str | None) -> str:
    if column is None:
        return "NULL"
    return f"{'OLD' if event == 'DELETE' else 'NEW'}.{column}"


def forwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        for table, kind, column in LOGGED:
            for event in ("INSERT", "UPDATE", "DELETE"):
                schema_editor.execute(
                    f"CREATE TRIGGER gagyo_change_{table}_{event.lower()} AFTER {event} ON {table} "
                    "BEGIN INSERT INTO gagyo_change (kind, object_id, at) "
                    f"VALUES ('{kind}', {_sqlite_value(event, column)}, CURRENT_TIMESTAMP); END"
                )
    elif vendor == "postgresql":
        schema_editor.execute(PG_FUNCTION)
        for table, kind, column in LOGGED:
            level = "ROW" if column else "STATEMENT"
            schema_editor.execute(
                f"CREATE TRIGGER gagyo_change AFTER INSERT OR UPDATE OR DELETE ON {table} "
                f"FOR EACH {level} EXECUTE FUNCTION gagyo_log_change('{kind}', '{column or ''}')"
            )
            schema_editor.execute(
                f"CREATE TRIGGER gagyo_change_truncate AFTER TRUNCATE ON {table} "
                f"FOR EACH STATEMENT EXECUTE FUNCTION gagyo_log_change('{kind}', '')"
            )


def backwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        for table, _kind, _column in LOGGED:
            for event in ("insert", "update", "delete"):
                schema_editor.execute(f"DROP TRIGGER IF EXISTS gagyo_change_{table}_{event}")
    elif vendor == "postgresql":
        for table, _kind, _column in LOGGED:
            schema_editor.execute(f"DROP TRIGGER IF EXISTS gagyo_change ON {table}")
            schema_editor.execute(f"DROP TRIGGER IF EXISTS gagyo_change_truncate ON {table}")
        schema_editor.execute("DROP FUNCTION IF EXISTS gagyo_log_change()")


class Migration(migrations.Migration):
    dependencies = [
        ("changes", "0001_initial"),
        ("firms", "0002_directory_partial_indexes"),
        ("partners", "0002_engagement_attachment"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
