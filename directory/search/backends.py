"""How each database finds and scores matching documents. Picked by ``connection.vendor``.

Every backend answers the same three questions with one SQL statement each, returning rows of
(key, tier, score):

* ``match``: the analysed query against the token index — FTS5 ``MATCH`` with ``bm25()``
  column weights on SQLite, ``tsvector @@ tsquery`` with ``ts_rank_cd`` A/B/C/D weights on
  PostgreSQL;
* ``names``: one-character queries, names (or initial consonants) only, as before the analyser;
* ``typos``: typo tolerance, asked only when ``match`` found (almost) nothing — pg_trgm word
  similarity on PostgreSQL, similar words of the name vocabulary (``fts5vocab``) on SQLite.

The tier (exact name, name prefix, other) is the same SQL everywhere: ``tier_sql``.
"""

from __future__ import annotations

import difflib
from typing import TYPE_CHECKING

from django.db import connection

from .analysis import Term
from .documents import SEPARATOR

if TYPE_CHECKING:
    from .services import ParsedQuery

# Field weights, heaviest first: names/aliases, specialty labels, summaries, descriptions.
WEIGHTS = (10.0, 4.0, 2.0, 1.0)
# PostgreSQL's ts_rank_cd takes them as {D, C, B, A}, each at most 1.
PG_WEIGHTS = "{" + ", ".join(str(w / WEIGHTS[0]) for w in reversed(WEIGHTS)) + "}"
# Typo tolerance: Latin-script query words of this length or more.
FUZZY_MIN_LENGTH = 4
# SQLite's stand-in for pg_trgm's word_similarity_threshold (0.6): difflib's ratio.
FUZZY_RATIO = 0.75

# SQLite: the covering index of (key, names, choseong) of each document table (migration 0009).
NAMES_INDEX = {"firm": "search_firm_names", "partner": "search_partner_names"}

TABLES = {
    # kind: (document table, key column, FTS5 table, fts5vocab table)
    "firm": ("search_firmsearchdocument", "firm_id", "search_firm_text", "search_firm_terms"),
    "partner": (
        "search_partnersearchdocument",
        "partner_id",
        "search_partner_text",
        "search_partner_terms",
    ),
}


def is_fuzzy_candidate(word: str) -> bool:
    return len(word) >= FUZZY_MIN_LENGTH and word.isascii() and word.isalpha()


def documents(kind: str) -> str:
    """The document table as ``d``; on SQLite read through its names index (``NAMES_INDEX``):
    the tier and one-character queries need only the key and the names, and the index holds
    them in a few megabytes where the rows carry every analysed text."""
    table = TABLES[kind][0]
    if connection.vendor == "sqlite":
        return f"{table} d INDEXED BY {NAMES_INDEX[kind]}"
    return f"{table} d"


def tier_sql(parsed: ParsedQuery, alias: str = "d") -> tuple[str, list[str]]:
    """THE name ranking: 0 when a name (or its initials) equals the query, 1 when one starts
    with it, else 2. Names are stored one per line with a newline at both ends."""
    column = f"{alias}.{parsed.rank_column}"
    find = "instr" if connection.vendor == "sqlite" else "strpos"
    sql = (
        f"CASE WHEN {find}({column}, %s) > 0 THEN 0 WHEN {find}({column}, %s) > 0 THEN 1 ELSE 2 END"
    )
    return sql, [SEPARATOR + parsed.key + SEPARATOR, SEPARATOR + parsed.key]


def names_sql(kind: str, parsed: ParsedQuery) -> tuple[str, list]:
    """One-character queries: names (or initials) containing the query; no score."""
    _table, key, _fts, _vocab = TABLES[kind]
    tier, params = tier_sql(parsed)
    find = "instr" if connection.vendor == "sqlite" else "strpos"
    column = f"d.{parsed.rank_column}"
    sql = f"SELECT d.{key}, {tier}, 0.0 FROM {documents(kind)} WHERE {find}({column}, %s) > 0"
    return sql, [*params, parsed.key]


# SQLite ---------------------------------------------------------------------------------


def fts_term(term: Term) -> str:
    """A term as an FTS5 phrase (tokens are letters and digits only; quotes doubled anyway)."""
    phrase = '"' + " ".join(token.replace('"', '""') for token in term.tokens) + '"'
    return phrase + ("*" if term.prefix else "")


def fts_query(alternatives: list[tuple[Term, ...]], column: str | None = None) -> str:
    """Each alternative's terms all present (AND); any alternative (OR)."""
    groups = ["(" + " AND ".join(fts_term(t) for t in terms) + ")" for terms in alternatives]
    expression = " OR ".join(groups)
    return f"{{{column}}} : ({expression})" if column else expression


def fts_phrase(query: str) -> str:
    """Quote a query as one FTS5 phrase: operators are inert."""
    return '"' + query.replace('"', '""') + '"'


class SQLiteBackend:
    vendor = "sqlite"

    def match_sql(self, kind: str, parsed: ParsedQuery) -> tuple[str, list]:
        _table, key, fts, _vocab = TABLES[kind]
        tier, params = tier_sql(parsed)
        column = "name_tokens" if parsed.is_choseong else None
        weights = ", ".join(str(w) for w in WEIGHTS)
        sql = (
            f"SELECT d.{key}, {tier}, -bm25({fts}, {weights}) FROM {fts} "
            f"JOIN {documents(kind)} ON d.{key} = {fts}.rowid WHERE {fts} MATCH %s"
        )
        return sql, [*params, fts_query(parsed.alternatives, column)]

    def typos_sql(self, kind: str, parsed: ParsedQuery) -> tuple[str, list] | None:
        """Name words within a small edit distance of the query's Latin words, searched in the
        names column. The vocabulary is read from the FTS index (fts5vocab), by first letter."""
        _table, _key, _fts, vocab = TABLES[kind]
        alternatives: list[tuple[Term, ...]] = []
        with connection.cursor() as cursor:
            for term in parsed.terms:
                word = term.tokens[0]
                if len(term.tokens) != 1 or not is_fuzzy_candidate(word):
                    continue
                cursor.execute(
                    f"SELECT term FROM {vocab} WHERE col = 'name_tokens' "
                    "AND term >= %s AND term < %s",
                    [word[0], chr(ord(word[0]) + 1)],
                )
                vocabulary = [row[0] for row in cursor.fetchall()]
                for similar in difflib.get_close_matches(word, vocabulary, n=5, cutoff=FUZZY_RATIO):
                    if similar != word:
                        alternatives.append((Term((similar,), similar),))
        if not alternatives:
            return None
        _table, key, fts, _vocab = TABLES[kind]
        tier, params = tier_sql(parsed)
        sql = (
            f"SELECT d.{key}, {tier}, -bm25({fts}) / 100.0 FROM {fts} "
            f"JOIN {documents(kind)} ON d.{key} = {fts}.rowid WHERE {fts} MATCH %s"
        )
        return sql, [*params, fts_query(alternatives, "name_tokens")]


# PostgreSQL -----------------------------------------------------------------------------


def ts_term(term: Term, weight: str = "") -> str:
    lexemes = ["'" + token.replace("'", "''") + "'" for token in term.tokens]
    if term.prefix:
        return f"{lexemes[0]}:*{weight}"
    return (
        "(" + " <-> ".join(f"{lexeme}{':' + weight if weight else ''}" for lexeme in lexemes) + ")"
    )


def ts_query(alternatives: list[tuple[Term, ...]], weight: str = "") -> str:
    groups = ["(" + " & ".join(ts_term(t, weight) for t in terms) + ")" for terms in alternatives]
    return " | ".join(groups)


class PostgreSQLBackend:
    vendor = "postgresql"

    def match_sql(self, kind: str, parsed: ParsedQuery) -> tuple[str, list]:
        table, key, _fts, _vocab = TABLES[kind]
        tier, params = tier_sql(parsed)
        weight = "A" if parsed.is_choseong else ""
        sql = (
            f"SELECT d.{key}, {tier}, ts_rank_cd(%s::float4[], d.vector, q) "
            f"FROM {table} d, to_tsquery('simple', %s) q WHERE d.vector @@ q"
        )
        return sql, [*params, PG_WEIGHTS, ts_query(parsed.alternatives, weight)]

    def typos_sql(self, kind: str, parsed: ParsedQuery) -> tuple[str, list] | None:
        """pg_trgm: names with a word similar to the query (``q <% names``, the GIN index on
        names serves it; pg_trgm.word_similarity_threshold, 0.6 by default)."""
        if parsed.is_choseong or not is_fuzzy_candidate(parsed.key):
            return None
        table, key, _fts, _vocab = TABLES[kind]
        tier, params = tier_sql(parsed)
        sql = (
            f"SELECT d.{key}, {tier}, word_similarity(%s, d.names) / 100.0 FROM {table} d "
            "WHERE %s <%% d.names"
        )
        return sql, [*params, parsed.key, parsed.key]


class GenericBackend(SQLiteBackend):
    """Any other database is not supported for search: SQLite's SQL is the closest."""

    vendor = "other"


def get_backend():
    if connection.vendor == "postgresql":
        return PostgreSQLBackend()
    return SQLiteBackend()
