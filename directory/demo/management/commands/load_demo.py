"""Load the demo data: taxonomy, the article's firms, partners, engagements and demo accounts."""

from django.core.management.base import BaseCommand

from directory.demo.accounts import load_accounts
from directory.demo.firms import load_firms, load_reference_data
from directory.demo.partners import load_partners


class Command(BaseCommand):
    help = "Load demo data idempotently (never duplicates rows or overwrites edits)."

    def handle(self, *args, **options):
        load_reference_data()
        created = load_firms()
        load_partners()
        load_accounts(stdout=self.stdout)
        self.stdout.write(
            self.style.SUCCESS(f"Demo data ready ({len(created)} firms created now).")
        )
