from django.core.management.base import BaseCommand

from directory.changes.log import prune


class Command(BaseCommand):
    help = "Delete change-log rows older than --days (daily cron); consumers behind them rebuild."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=7)

    def handle(self, *args, days: int, **options):
        if days < 1:
            self.stderr.write("--days must be at least 1")
            return
        deleted = prune(days)
        self.stdout.write(f"{deleted} change(s) older than {days} day(s) pruned")
