from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from directory.ops import backup


class Command(BaseCommand):
    help = (
        "Write one archive with the database, MEDIA_ROOT, PRIVATE_MEDIA_ROOT and a manifest "
        "of checksums (see docs/deployment.md)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--output-dir",
            type=Path,
            default=None,
            help="Where to write the archive (default: GAGYO_BACKUP_DIR or var/backups).",
        )
        parser.add_argument(
            "--keep",
            type=int,
            default=0,
            help="Afterwards delete all but the N newest archives in that folder (0: keep all).",
        )

    def handle(self, *args, output_dir, keep, **options):
        output_dir = output_dir or Path(settings.BACKUP_DIR)
        if keep < 0:
            raise CommandError("--keep must be 0 or more.")
        try:
            result = backup.create(output_dir)
        except backup.BackupError as exc:
            raise CommandError(str(exc)) from exc
        files = len(result.manifest["files"]) - 1
        self.stdout.write(
            f"{result.path} ({files} files and the {result.manifest['database']['vendor']} database)"
        )
        for path in backup.prune(output_dir, keep):
            self.stdout.write(f"deleted old backup {path}")
