"""How each database finds matching documents. Picked by ``connection.vendor``.

Each backend returns a ``Q`` on the document model; ``services`` selects the matching document
keys in a subquery (so the database finds matches through its search index first, whatever
else the view filters on). Queries arrive parsed (``services.ParsedQuery``): folded, with a
space-less form for names.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import connection
from django.db.models import Q
from django.db.models.expressions import RawSQL

from .models import FirmSearchDocument, PartnerSearchDocument

if TYPE_CHECKING:
    from .services import ParsedQuery

# Trigram indexes (FTS5 trigram, pg_trgm) need 3 characters; shorter queries are "short".
TRIGRAM = 3
# Typo tolerance (PostgreSQL): only for Latin-script queries of this length or more.
FUZZY_MIN_LENGTH = 4

FTS_TABLES = {
    FirmSearchDocument: "search_firm_fts",
    PartnerSearchDocument: "search_partner_fts",
}


def fts_phrase(query: str) -> str:
    """Quote a query as one FTS5 phrase: the whole string must occur, operators are inert."""
    return '"' + query.replace('"', '""') + '"'


def is_fuzzy_candidate(query: str) -> bool:
    return len(query) >= FUZZY_MIN_LENGTH and query.isascii() and any(c.isalpha() for c in query)


def substring_condition(parsed: ParsedQuery) -> Q:
    """Names (space-less) or choseong, keywords, and for long queries the body."""
    if parsed.is_choseong:
        return Q(choseong__contains=parsed.key)
    cond = Q(names__contains=parsed.key) | Q(keywords__contains=parsed.text)
    if not parsed.is_short:
        cond |= Q(body__contains=parsed.text)
    return cond


class SQLiteBackend:
    """FTS5 trigram MATCH for 3+ characters; a scan of the document table below that.

    Never LIKE on the FTS table: SQLite 3.40 returns no rows for short non-ASCII LIKE
    patterns there. No typo tolerance on SQLite.
    """

    vendor = "sqlite"
    supports_typos = False

    def condition(self, document_model, parsed: ParsedQuery) -> Q:
        if parsed.is_short:
            return substring_condition(parsed)
        # The FTS rowid is the document's primary key (the firm's or partner's key).
        return Q(pk__in=RawSQL(*self.match_sql(document_model, parsed)))

    def match_sql(self, document_model, parsed: ParsedQuery) -> tuple[str, tuple] | None:
        """SELECT of the matching keys straight from the FTS table (3+ characters), or None."""
        if parsed.is_short:
            return None
        table = FTS_TABLES[document_model]
        if parsed.is_choseong:
            match = "{choseong} : " + fts_phrase(parsed.key)
        else:
            # Names are indexed without spaces; keywords and body as written.
            match = "{names} : " + fts_phrase(parsed.key)
            match += " OR {keywords body} : " + fts_phrase(parsed.text)
        return f"SELECT rowid AS pk FROM {table} WHERE {table} MATCH %s", (match,)


class PostgreSQLBackend:
    """``LIKE '%q%'`` on folded columns, served by pg_trgm GIN indexes; similarity for typos."""

    vendor = "postgresql"
    supports_typos = True

    def match_sql(self, document_model, parsed: ParsedQuery) -> tuple[str, tuple] | None:
        return None

    def condition(self, document_model, parsed: ParsedQuery) -> Q:
        cond = substring_condition(parsed)
        if not parsed.is_choseong and is_fuzzy_candidate(parsed.key):
            # names %> q: word_similarity(q, names) above pg_trgm.word_similarity_threshold (0.6).
            cond |= Q(names__trigram_word_similar=parsed.key)
        return cond


class GenericBackend:
    """Any other database: substring tests on the document table (correct, not indexed)."""

    vendor = "other"
    supports_typos = False

    def match_sql(self, document_model, parsed: ParsedQuery) -> tuple[str, tuple] | None:
        return None

    def condition(self, document_model, parsed: ParsedQuery) -> Q:
        return substring_condition(parsed)


def get_backend():
    if connection.vendor == "sqlite":
        return SQLiteBackend()
    if connection.vendor == "postgresql":
        return PostgreSQLBackend()
    return GenericBackend()
