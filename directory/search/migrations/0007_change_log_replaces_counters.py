"""The change log (``changes.0002_triggers``) replaces the two trigger-kept counters of
migrations 0005 and 0006: one mechanism tells every derived structure what changed."""

from django.db import migrations

FIRM_TABLES = [
    "firms_firm",
    "firms_firm_specialties",
    "firms_firm_target_markets",
    "search_firmsearchdocument",
]
REFERENCE_TABLES = [
    "firms_specialty",
    "firms_cluster",
    "firms_country",
    "partners_overseaspartner",
    "partners_engagement",
    "partners_engagement_partners",
    "partners_participation",
]


def forwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        for tables, name in ((FIRM_TABLES, "facet"), (REFERENCE_TABLES, "reference")):
            for table in tables:
                for event in ("insert", "update", "delete"):
                    schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_{name}_{event}")
    elif vendor == "postgresql":
        for tables, name in ((FIRM_TABLES, "facet"), (REFERENCE_TABLES, "reference")):
            for table in tables:
                schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_{name} ON {table}")
        schema_editor.execute("DROP FUNCTION IF EXISTS gagyo_bump_facet_version()")
        schema_editor.execute("DROP FUNCTION IF EXISTS gagyo_bump_reference_version()")
    schema_editor.execute("DROP TABLE IF EXISTS gagyo_facet_version")


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0006_reference_version"),
        ("changes", "0002_triggers"),
    ]

    # The counters are not restored on the way back: migrate search back to 0006 only together
    # with a database restore.
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
