"""Text normalisation for search: pure functions, no database."""

from __future__ import annotations

import unicodedata

from . import analysis

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
    """The form stored in the index and compared with queries (``analysis.fold``)."""
    return analysis.fold(text)


def clean_query(raw: str | None) -> tuple[str, bool]:
    """Return the query to search for and whether it had to be shortened."""
    query = normalize(raw)
    if len(query) > MAX_QUERY_LENGTH:
        return query[:MAX_QUERY_LENGTH].rstrip(), True
    return query, False
