# Pending logos move from public MEDIA_ROOT to private storage (served only by a checked view).

import shutil
from pathlib import Path

from django.conf import settings
from django.db import migrations, models

import directory.accounts.models
import directory.partners.models


def move_pending_logos(apps, schema_editor):
    """Move files of existing proposals out of MEDIA_ROOT; names stay the same."""
    ProfileChange = apps.get_model("accounts", "ProfileChange")
    public = Path(settings.MEDIA_ROOT)
    private = Path(settings.PRIVATE_MEDIA_ROOT)
    for name in ProfileChange.objects.exclude(logo="").values_list("logo", flat=True):
        source = public / name
        if source.is_file():
            target = private / name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.move(source, target)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_invitation_profilechange"),
        ("partners", "0002_engagement_attachment"),
    ]

    operations = [
        migrations.AlterField(
            model_name="profilechange",
            name="logo",
            field=models.ImageField(
                blank=True,
                storage=directory.partners.models.private_storage,
                upload_to=directory.accounts.models.pending_logo_upload_to,
                verbose_name="proposed logo",
            ),
        ),
        migrations.RunPython(move_pending_logos, migrations.RunPython.noop),
    ]
