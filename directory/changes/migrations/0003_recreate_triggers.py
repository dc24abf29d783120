"""Re-create the change-log triggers after the migrations that changed logged tables: on
SQLite, adding a field with a default rebuilds the table (firms.0003_stewardship adds
``Firm.is_archived``), and a rebuilt table has lost its triggers. See
``directory/changes/triggers.py``."""

from django.db import migrations

from directory.changes import triggers


def forwards(apps, schema_editor):
    triggers.create(schema_editor)


class Migration(migrations.Migration):
    dependencies = [
        ("changes", "0002_triggers"),
        ("firms", "0005_merge_stewardship"),
        ("partners", "0005_merge_known_dates_and_url_checks"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
