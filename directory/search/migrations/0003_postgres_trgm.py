"""PostgreSQL only: pg_trgm and GIN trigram indexes on the folded document columns.

The search queries these columns with a case-sensitive ``LIKE '%…%'`` (``__contains``) on text
that is already case-folded, so a plain ``gin_trgm_ops`` index on the column serves it; an
``icontains`` (``UPPER(col) LIKE UPPER(…)``) would not. On SQLite this migration does nothing.
"""

from django.db import migrations

INDEXES = [
    ("search_firm_names_trgm", "search_firmsearchdocument", "names"),
    ("search_firm_choseong_trgm", "search_firmsearchdocument", "choseong"),
    ("search_firm_keywords_trgm", "search_firmsearchdocument", "keywords"),
    ("search_firm_body_trgm", "search_firmsearchdocument", "body"),
    ("search_partner_names_trgm", "search_partnersearchdocument", "names"),
    ("search_partner_choseong_trgm", "search_partnersearchdocument", "choseong"),
    ("search_partner_keywords_trgm", "search_partnersearchdocument", "keywords"),
    ("search_partner_body_trgm", "search_partnersearchdocument", "body"),
]


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for name, table, column in INDEXES:
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {name} ON {table} USING gin ({column} gin_trgm_ops)"
        )


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, _table, _column in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("search", "0002_sqlite_fts5")]

    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
