"""Text normalisation for search: pure functions, no database."""

from __future__ import annotations

import unicodedata

MAX_QUERY_LENGTH = 100


def normalize(text: str | None) -> str:
    """NFC-normalise, drop control characters (e.g. NUL, which PostgreSQL rejects) and collapse
    white space."""
    text = unicodedata.normalize("NFC", text or "")
    text = "".join(" " if char.isspace() else char for char in text if _keep(char))
    return " ".join(text.split())


def _keep(char: str) -> bool:
    return char.isspace() or unicodedata.category(char) != "Cc"


def fold(text: str | None) -> str:
    """The form stored in the index and compared with queries: normalised and case-folded.

    Both sides of every comparison are folded in Python, so the database compares with a plain
    (case-sensitive) LIKE that its indexes can serve.
    """
    return unicodedata.normalize("NFC", normalize(text).casefold())


def clean_query(raw: str | None) -> tuple[str, bool]:
    """Return the query to search for and whether it had to be shortened."""
    query = normalize(raw)
    if len(query) > MAX_QUERY_LENGTH:
        return query[:MAX_QUERY_LENGTH].rstrip(), True
    return query, False
