from pathlib import Path

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from directory.ops import backup


class Command(BaseCommand):
    help = (
        "Bring back an archive written by `backup` into an empty database (and empty media "
        "folders). Checksums are verified before anything changes."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", type=Path)
        parser.add_argument(
            "--force",
            action="store_true",
            help="Replace a database that holds data, and write over existing files.",
        )

    def handle(self, *args, archive, force, **options):
        try:
            manifest = backup.restore(archive, force=force)
        except backup.BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            f"Restored {archive} (made {manifest['created_at']} by version "
            f"{manifest['app_version']})."
        )
        # An archive from an older version: bring its schema up to this code.
        call_command("migrate", interactive=False, verbosity=0)
