"""A second change counter: the directory's reference data (filter values and partner facet).

``gagyo_facet_version`` row 2 is increased by database triggers on every write to the tables
the directory's sidebar is made of besides the firms themselves: specialties, clusters,
countries, overseas partners, engagements, their partner links and participations. The
directory keeps the filter values and the public participations per process and reloads them
only when this counter moves (``directory/firms/facet_index.py``, ``current_reference``), so a
warm directory page needs no query for them. Row 1 (migration 0005) stays the firms' counter:
editing an engagement does not rebuild the facet index.

SQLite: row-level triggers; PostgreSQL: statement-level triggers, as in 0005 (same function
shape). If a later migration alters one of these tables on SQLite, Django rebuilds the table
and its triggers are lost: recreate them there (``tests/search/test_facet_version.py`` fails
when they are missing).
"""

from django.db import migrations

TABLES = [
    "firms_specialty",
    "firms_cluster",
    "firms_country",
    "partners_overseaspartner",
    "partners_engagement",
    "partners_engagement_partners",
    "partners_participation",
]
BUMP = "UPDATE gagyo_facet_version SET n = n + 1 WHERE id = 2"


def forwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    schema_editor.execute("INSERT INTO gagyo_facet_version (id, n) VALUES (2, 0)")
    if vendor == "sqlite":
        for table in TABLES:
            for event in ("INSERT", "UPDATE", "DELETE"):
                schema_editor.execute(
                    f"CREATE TRIGGER {table}_reference_{event.lower()} AFTER {event} ON {table} "
                    f"BEGIN {BUMP}; END"
                )
    elif vendor == "postgresql":
        schema_editor.execute(
            "CREATE FUNCTION gagyo_bump_reference_version() RETURNS trigger AS $$ "
            f"BEGIN {BUMP}; RETURN NULL; END $$ LANGUAGE plpgsql"
        )
        for table in TABLES:
            schema_editor.execute(
                f"CREATE TRIGGER {table}_reference AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE "
                f"ON {table} FOR EACH STATEMENT EXECUTE FUNCTION gagyo_bump_reference_version()"
            )


def backwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        for table in TABLES:
            for event in ("insert", "update", "delete"):
                schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_reference_{event}")
    elif vendor == "postgresql":
        for table in TABLES:
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_reference ON {table}")
        schema_editor.execute("DROP FUNCTION IF EXISTS gagyo_bump_reference_version()")
    schema_editor.execute("DELETE FROM gagyo_facet_version WHERE id = 2")


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0005_facet_version"),
        ("firms", "0002_directory_partial_indexes"),
        ("partners", "0002_engagement_attachment"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
