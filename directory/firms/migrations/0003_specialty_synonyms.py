"""Specialty.synonyms: other words for a specialty in any language (search and matching).

Added with a plain ``ALTER TABLE … ADD COLUMN`` on every database: Django would rebuild the
table on SQLite for a NOT NULL column, which would drop the triggers other migrations put on
``firms_specialty`` (search.0006's reference counter, and any change-log trigger).
"""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("firms", "0002_directory_partial_indexes")]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[
                migrations.RunSQL(
                    "ALTER TABLE firms_specialty ADD COLUMN synonyms text NOT NULL DEFAULT ''",
                    "ALTER TABLE firms_specialty DROP COLUMN synonyms",
                )
            ],
            state_operations=[
                migrations.AddField(
                    model_name="specialty",
                    name="synonyms",
                    field=models.TextField(
                        blank=True,
                        default="",
                        help_text=(
                            "Other words for this specialty in any language, one per line or "
                            "separated by commas (e.g. 무인기, 无人机, UAV). Search and matching "
                            "treat them as the specialty."
                        ),
                        verbose_name="synonyms",
                    ),
                )
            ],
        )
    ]
