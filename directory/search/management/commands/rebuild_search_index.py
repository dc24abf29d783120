from django.core.management.base import BaseCommand
from django.db import connection
from django.utils.translation import gettext as _

from directory.search.index import rebuild_index


class Command(BaseCommand):
    help = _("Rebuild the search index of every firm and overseas partner.")

    def handle(self, *args, **options):
        firms, partners = rebuild_index()
        if connection.vendor == "sqlite":
            with connection.cursor() as cursor:
                # Merge FTS5 index segments after a bulk load: faster queries, smaller file.
                for table in ("search_firm_text", "search_partner_text"):
                    cursor.execute(f"INSERT INTO {table}({table}) VALUES ('optimize')")
        elif connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE search_firmsearchdocument")
                cursor.execute("ANALYZE search_partnersearchdocument")
        self.stdout.write(
            _("Indexed %(firms)d firms and %(partners)d overseas partners.")
            % {"firms": firms, "partners": partners}
        )
