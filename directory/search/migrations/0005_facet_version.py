"""A change counter for the directory's in-memory facet index (directory/firms/facet_index.py).

``gagyo_facet_version`` holds one row whose ``n`` database triggers increase on every insert,
update or delete of firms, of their specialty and target-market links and of their
search documents (the index keeps the names it ranks by) — whoever writes:
``save()``, ``QuerySet.update()``, ``bulk_create()``, raw SQL. The directory reads it once per
request (one indexed row) to know whether its cached facet index is still current.

SQLite: row-level triggers. PostgreSQL: statement-level triggers (one increment per statement,
so bulk loads stay fast). Other databases get the table without triggers; the index then relies
on its other version parts and its maximum age.

Note: if a later migration alters one of these tables on SQLite, Django rebuilds the
table and its triggers are lost: recreate them there (``tests/search/test_facet_version.py``
fails when they are missing).
"""

from django.db import migrations

TABLES = [
    "firms_firm",
    "firms_firm_specialties",
    "firms_firm_target_markets",
    "search_firmsearchdocument",
]
BUMP = "UPDATE gagyo_facet_version SET n = n + 1 WHERE id = 1"


def forwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    schema_editor.execute(
        "CREATE TABLE gagyo_facet_version (id integer PRIMARY KEY, n bigint NOT NULL)"
    )
    schema_editor.execute("INSERT INTO gagyo_facet_version (id, n) VALUES (1, 0)")
    if vendor == "sqlite":
        for table in TABLES:
            for event in ("INSERT", "UPDATE", "DELETE"):
                schema_editor.execute(
                    f"CREATE TRIGGER {table}_facet_{event.lower()} AFTER {event} ON {table} "
                    f"BEGIN {BUMP}; END"
                )
    elif vendor == "postgresql":
        schema_editor.execute(
            "CREATE FUNCTION gagyo_bump_facet_version() RETURNS trigger AS $$ "
            f"BEGIN {BUMP}; RETURN NULL; END $$ LANGUAGE plpgsql"
        )
        for table in TABLES:
            schema_editor.execute(
                f"CREATE TRIGGER {table}_facet AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE "
                f"ON {table} FOR EACH STATEMENT EXECUTE FUNCTION gagyo_bump_facet_version()"
            )


def backwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        for table in TABLES:
            for event in ("insert", "update", "delete"):
                schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_facet_{event}")
    elif vendor == "postgresql":
        for table in TABLES:
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_facet ON {table}")
        schema_editor.execute("DROP FUNCTION IF EXISTS gagyo_bump_facet_version()")
    schema_editor.execute("DROP TABLE IF EXISTS gagyo_facet_version")


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0004_build_index"),
        ("firms", "0002_directory_partial_indexes"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
