"""One analyser for every search: analysed token columns, FTS5 (SQLite) and tsvector (PostgreSQL).

Replaces the substring index of 0002/0003 (an FTS5 trigram table on SQLite, pg_trgm GIN indexes
on the folded keyword and body columns) with an index over the analysed text
(``directory/search/analysis.py``), by weight: names, specialty labels, summaries, descriptions.

* SQLite: an external-content FTS5 table ``search_<kind>_text`` (tokenizer ``unicode61``: the
  tokens are already folded and split, one per space) kept in sync by triggers, scored with
  ``bm25()`` column weights; an ``fts5vocab`` table over it lists the name vocabulary for typo
  tolerance.
* PostgreSQL: a ``vector tsvector`` column (``simple`` configuration, weights A/B/C/D) that a
  ``BEFORE INSERT OR UPDATE`` trigger computes from the token columns, with a GIN index, scored
  with ``ts_rank_cd``. pg_trgm stays on ``names`` for typo tolerance.

Columns are added with ``ALTER TABLE … ADD COLUMN`` and removed with ``DROP COLUMN`` on both
databases (never a SQLite table rebuild, which would drop the facet-counter triggers of 0005).
"""

from django.db import migrations, models

KINDS = [
    # (kind, document table, key column)
    ("firm", "search_firmsearchdocument", "firm_id"),
    ("partner", "search_partnersearchdocument", "partner_id"),
]
COLUMNS = ("name_tokens", "label_tokens", "summary_tokens", "body_tokens")
WEIGHTS = ("A", "B", "C", "D")


def drop_substring_index(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for kind, _table, _key in KINDS:
        if vendor == "sqlite":
            fts = f"search_{kind}_fts"
            for suffix in ("ai", "ad", "au"):
                schema_editor.execute(f"DROP TRIGGER IF EXISTS {fts}_{suffix}")
            schema_editor.execute(f"DROP TABLE IF EXISTS {fts}")
        elif vendor == "postgresql":
            for column in ("choseong", "keywords", "body"):
                schema_editor.execute(f"DROP INDEX IF EXISTS search_{kind}_{column}_trgm")


def sqlite_sql(kind: str, table: str, key: str) -> list[str]:
    fts = f"search_{kind}_text"
    cols = ", ".join(COLUMNS)
    new = ", ".join([f"new.{key}", *(f"new.{c}" for c in COLUMNS)])
    old = ", ".join([f"old.{key}", *(f"old.{c}" for c in COLUMNS)])
    return [
        f"CREATE VIRTUAL TABLE {fts} USING fts5({cols}, content='{table}', "
        f"content_rowid='{key}', tokenize='unicode61 remove_diacritics 0')",
        f"CREATE VIRTUAL TABLE search_{kind}_terms USING fts5vocab({fts}, col)",
        f"CREATE TRIGGER {fts}_ai AFTER INSERT ON {table} BEGIN "
        f"INSERT INTO {fts}(rowid, {cols}) VALUES ({new}); END",
        f"CREATE TRIGGER {fts}_ad AFTER DELETE ON {table} BEGIN "
        f"INSERT INTO {fts}({fts}, rowid, {cols}) VALUES ('delete', {old}); END",
        f"CREATE TRIGGER {fts}_au AFTER UPDATE ON {table} BEGIN "
        f"INSERT INTO {fts}({fts}, rowid, {cols}) VALUES ('delete', {old}); "
        f"INSERT INTO {fts}(rowid, {cols}) VALUES ({new}); END",
    ]


def postgresql_sql(kind: str, table: str, key: str) -> list[str]:
    vector = " || ".join(
        f"setweight(to_tsvector('simple', NEW.{c}), '{w}')"
        for c, w in zip(COLUMNS, WEIGHTS, strict=True)
    )
    return [
        f"ALTER TABLE {table} ADD COLUMN vector tsvector",
        f"CREATE FUNCTION search_{kind}_vector() RETURNS trigger AS $$ "
        f"BEGIN NEW.vector := {vector}; RETURN NEW; END $$ LANGUAGE plpgsql",
        f"CREATE TRIGGER search_{kind}_vector BEFORE INSERT OR UPDATE ON {table} "
        f"FOR EACH ROW EXECUTE FUNCTION search_{kind}_vector()",
        f"CREATE INDEX search_{kind}_vector_gin ON {table} USING gin (vector)",
    ]


def create_text_index(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for kind, table, key in KINDS:
        if vendor == "sqlite":
            statements = sqlite_sql(kind, table, key)
        elif vendor == "postgresql":
            statements = postgresql_sql(kind, table, key)
        else:
            statements = []
        for sql in statements:
            schema_editor.execute(sql)


def drop_text_index(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for kind, table, _key in KINDS:
        if vendor == "sqlite":
            fts = f"search_{kind}_text"
            for suffix in ("ai", "ad", "au"):
                schema_editor.execute(f"DROP TRIGGER IF EXISTS {fts}_{suffix}")
            schema_editor.execute(f"DROP TABLE IF EXISTS search_{kind}_terms")
            schema_editor.execute(f"DROP TABLE IF EXISTS {fts}")
        elif vendor == "postgresql":
            schema_editor.execute(f"DROP TRIGGER IF EXISTS search_{kind}_vector ON {table}")
            schema_editor.execute(f"DROP FUNCTION IF EXISTS search_{kind}_vector()")
            schema_editor.execute(f"ALTER TABLE {table} DROP COLUMN IF EXISTS vector")


def build(apps, schema_editor):
    """Fill the new columns for the firms and partners that exist (the triggers index them)."""
    from directory.search.documents import firm_document, partner_document

    Firm = apps.get_model("firms", "Firm")
    OverseasPartner = apps.get_model("partners", "OverseasPartner")
    FirmSearchDocument = apps.get_model("search", "FirmSearchDocument")
    PartnerSearchDocument = apps.get_model("search", "PartnerSearchDocument")
    FirmSearchDocument.objects.all().delete()
    PartnerSearchDocument.objects.all().delete()
    batch = []
    firms = Firm.objects.order_by("pk").prefetch_related("specialties__parent")
    for firm in firms.iterator(chunk_size=1000):
        specialties = []
        for specialty in firm.specialties.all():
            specialties.append(specialty)
            if specialty.parent_id:
                specialties.append(specialty.parent)
        text = firm_document(firm, specialties)
        batch.append(FirmSearchDocument(firm_id=firm.pk, **text.as_fields()))
        if len(batch) >= 1000:
            FirmSearchDocument.objects.bulk_create(batch)
            batch = []
    FirmSearchDocument.objects.bulk_create(batch)
    PartnerSearchDocument.objects.bulk_create(
        [
            PartnerSearchDocument(partner_id=partner.pk, **partner_document(partner).as_fields())
            for partner in OverseasPartner.objects.all()
        ],
        batch_size=1000,
    )


def token_field(name: str, label: str, help_text: str):
    return models.TextField(blank=True, default="", help_text=help_text, verbose_name=label)


FIELDS = [
    ("name_tokens", "name tokens", "Names and aliases, analysed."),
    ("label_tokens", "label tokens", "Specialty names in every language and their synonyms, analysed."),
    ("summary_tokens", "summary tokens", "Summaries, analysed."),
    ("body_tokens", "description tokens", "Descriptions, analysed."),
]


def add_columns():
    operations = []
    for model, table in (
        ("firmsearchdocument", "search_firmsearchdocument"),
        ("partnersearchdocument", "search_partnersearchdocument"),
    ):
        for name, label, help_text in FIELDS:
            operations.append(
                migrations.SeparateDatabaseAndState(
                    database_operations=[
                        migrations.RunSQL(
                            f"ALTER TABLE {table} ADD COLUMN {name} text NOT NULL DEFAULT ''",
                            f"ALTER TABLE {table} DROP COLUMN {name}",
                        )
                    ],
                    state_operations=[
                        migrations.AddField(
                            model_name=model, name=name, field=token_field(name, label, help_text)
                        )
                    ],
                )
            )
    return operations


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0006_reference_version"),
        ("firms", "0003_specialty_synonyms"),
    ]

    operations = [
        migrations.RunPython(drop_substring_index, migrations.RunPython.noop, elidable=False),
        migrations.RemoveField(model_name="firmsearchdocument", name="keywords"),
        migrations.RemoveField(model_name="firmsearchdocument", name="body"),
        migrations.RemoveField(model_name="partnersearchdocument", name="keywords"),
        migrations.RemoveField(model_name="partnersearchdocument", name="body"),
        *add_columns(),
        migrations.RunPython(create_text_index, drop_text_index, elidable=False),
        migrations.RunPython(build, migrations.RunPython.noop),
    ]
