"""SQLite only: FTS5 trigram tables mirroring the document tables, kept in sync by triggers.

External-content FTS5 (content=...) stores only the trigram index; the text stays in the
document table. Triggers keep it in sync on every insert, update and delete, whoever writes.
On PostgreSQL this migration does nothing (see 0003).

Note: if a later migration alters a document table on SQLite, Django rebuilds the table and the
triggers are lost: recreate them there and run ``manage.py rebuild_search_index``.
"""

from django.db import migrations

TABLES = [
    # (fts table, content table, rowid column)
    ("search_firm_fts", "search_firmsearchdocument", "firm_id"),
    ("search_partner_fts", "search_partnersearchdocument", "partner_id"),
]


def create_sql(fts: str, content: str, rowid: str) -> list[str]:
    cols = "names, choseong, keywords, body"
    new = f"new.{rowid}, new.names, new.choseong, new.keywords, new.body"
    old = f"old.{rowid}, old.names, old.choseong, old.keywords, old.body"
    return [
        f"CREATE VIRTUAL TABLE {fts} USING fts5({cols}, content='{content}', "
        f"content_rowid='{rowid}', tokenize='trigram')",
        f"CREATE TRIGGER {fts}_ai AFTER INSERT ON {content} BEGIN "
        f"INSERT INTO {fts}(rowid, {cols}) VALUES ({new}); END",
        f"CREATE TRIGGER {fts}_ad AFTER DELETE ON {content} BEGIN "
        f"INSERT INTO {fts}({fts}, rowid, {cols}) VALUES ('delete', {old}); END",
        f"CREATE TRIGGER {fts}_au AFTER UPDATE ON {content} BEGIN "
        f"INSERT INTO {fts}({fts}, rowid, {cols}) VALUES ('delete', {old}); "
        f"INSERT INTO {fts}(rowid, {cols}) VALUES ({new}); END",
        f"INSERT INTO {fts}({fts}) VALUES ('rebuild')",
    ]


def drop_sql(fts: str) -> list[str]:
    return [f"DROP TRIGGER IF EXISTS {fts}_{suffix}" for suffix in ("ai", "ad", "au")] + [
        f"DROP TABLE IF EXISTS {fts}"
    ]


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    for fts, content, rowid in TABLES:
        for sql in create_sql(fts, content, rowid):
            schema_editor.execute(sql)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    for fts, _content, _rowid in TABLES:
        for sql in drop_sql(fts):
            schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
