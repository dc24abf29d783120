"""SQLite: a covering index of each search document's names, so the name tier of a search
(``backends.tier_sql``) and one-character queries read a few megabytes of index instead of the
document rows with their analysed text (hundreds of megabytes at 100,000 firms). The backend
names it with ``INDEXED BY`` (docs/perf/search.md, "Broad queries"). CREATE INDEX does not
rebuild the table, so its change-log triggers stay. PostgreSQL reads the names from the heap
row it visits anyway.
"""

from django.db import migrations

INDEXES = [
    # (index, document table, key column)
    ("search_firm_names", "search_firmsearchdocument", "firm_id"),
    ("search_partner_names", "search_partnersearchdocument", "partner_id"),
]


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    for index, table, key in INDEXES:
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {index} ON {table} ({key}, names, choseong)"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    for index, _table, _key in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {index}")


class Migration(migrations.Migration):
    dependencies = [("search", "0008_merge_analysis_and_change_log")]

    operations = [migrations.RunPython(create, drop)]
