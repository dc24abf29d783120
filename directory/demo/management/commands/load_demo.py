"""Load the demo data: taxonomy, the article's firms, partners, engagements and demo accounts."""

from django.core.management.base import BaseCommand

from directory.demo.accounts import load_accounts
from directory.demo.firms import load_firms, load_reference_data
from directory.demo.partners import load_partners


class Command(BaseCommand):
    help = "Load demo data idempotently (never duplicates rows or overwrites edits)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--examples",
            action="store_true",
            help="Also import docs/examples/firms-sample.csv (fictional example firms) through "
            "the import pipeline and give Tencent Cloud sought specialties.",
        )

    def handle(self, *args, **options):
        load_reference_data()
        created = load_firms()
        load_partners()
        load_accounts(stdout=self.stdout)
        self.stdout.write(
            self.style.SUCCESS(f"Demo data ready ({len(created)} firms created now).")
        )
        if options["examples"]:
            from directory.demo.examples import load_examples

            job = load_examples()
            counts = job.counts
            self.stdout.write(
                self.style.SUCCESS(
                    f"Example firms: {counts.get('create', 0)} created, "
                    f"{counts.get('update', 0)} updated, {counts.get('unchanged', 0)} unchanged, "
                    f"{counts.get('rejected', 0)} rejected ({job.get_status_display()})."
                )
            )
