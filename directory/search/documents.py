"""What goes into a search document: pure functions from names and texts to indexed columns.

A document has two kinds of columns:

* ``names`` and ``choseong``: every name and alias, folded and without spaces (or as initial
  consonants), one per line. They decide the exact/prefix name tiers of the ranking
  (``ranking.tier_sql``) and serve one-character queries, which look at names only.
* four *token* columns, the analysed text (``analysis.index_text``) by weight: names and
  aliases (with the choseong bigrams), specialties (names in three languages, synonyms,
  parents), summaries, descriptions. SQLite indexes them with FTS5, PostgreSQL with a
  weighted ``tsvector`` (A, B, C, D); the field-weighted score comes from there.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass

from directory.firms.models import split_synonyms

from .analysis import bigrams, fold, index_text
from .hangul import choseong

SEPARATOR = "\n"

# The token columns, heaviest first (SQLite bm25() weights and PostgreSQL A/B/C/D follow).
TOKEN_COLUMNS = ("name_tokens", "label_tokens", "summary_tokens", "body_tokens")


@dataclass(frozen=True)
class DocumentText:
    names: str
    choseong: str
    name_tokens: str
    label_tokens: str
    summary_tokens: str
    body_tokens: str

    def as_fields(self) -> dict[str, str]:
        return asdict(self)


def name_key(text: str | None) -> str:
    """A name as compared: folded, without spaces (메가존클라우드 == 메가존 클라우드)."""
    return fold(text).replace(" ", "")


def _lines(values: Iterable[str]) -> str:
    """Unique non-empty values, one per line, with a separator at both ends.

    The outer separators let the ranking test "exact name" as ``contains('\\n' + q + '\\n')``
    and "name prefix" as ``contains('\\n' + q)`` on the same column.
    """
    unique = list(dict.fromkeys(value for value in values if value))
    if not unique:
        return ""
    return SEPARATOR + SEPARATOR.join(unique) + SEPARATOR


def split_aliases(aliases: str | None) -> list[str]:
    return [line.strip() for line in (aliases or "").splitlines() if line.strip()]


def choseong_tokens(keys: Iterable[str]) -> str:
    """Bigrams of the initial-consonant form of each name (``ㅎㄱ ㄱㄱ ㄱㅋ``): a choseong query
    is a phrase of the same bigrams. Only the Hangul part of a name has initials."""
    tokens: list[str] = []
    for key in keys:
        run = "".join(char for char in key if "\u3131" <= char <= "\u318e")
        if run:
            tokens.extend(bigrams(run))
    return " ".join(tokens)


def build_document(
    names: Iterable[str],
    labels: Iterable[str] = (),
    summaries: Iterable[str] = (),
    bodies: Iterable[str] = (),
) -> DocumentText:
    """Fold and analyse names, short labels, summaries and long texts into the columns."""
    names = [name for name in names if name and name.strip()]
    initials = [choseong(fold(name)) for name in names]
    # A name written with spaces is also indexed without them: 메가존클라우드 finds
    # 메가존 클라우드 (the bigram 존클 only exists in the joined form).
    joined = [name_key(name) for name in names if " " in fold(name)]
    return DocumentText(
        names=_lines(name_key(name) for name in names),
        choseong=_lines(initials),
        name_tokens=" ".join(
            filter(None, [index_text(*names), index_text(*joined), choseong_tokens(initials)])
        ),
        label_tokens=index_text(*labels),
        summary_tokens=index_text(*summaries),
        body_tokens=index_text(*bodies),
    )


def specialty_terms(specialty) -> list[str]:
    """A specialty's names in three languages and its synonyms."""
    return [
        specialty.name_ko,
        specialty.name_en,
        specialty.name_zh,
        *split_synonyms(getattr(specialty, "synonyms", "")),
    ]


def firm_document(firm, specialties: Iterable) -> DocumentText:
    """The document of a firm (also works with migration-time historical models)."""
    labels: list[str] = []
    for specialty in specialties:
        labels += specialty_terms(specialty)
    return build_document(
        names=[firm.name_ko, firm.name_en, firm.name_zh, *split_aliases(firm.aliases)],
        labels=labels,
        summaries=[firm.summary_ko, firm.summary_en, firm.summary_zh],
        bodies=[firm.description_ko, firm.description_en, firm.description_zh],
    )


def partner_document(partner) -> DocumentText:
    return build_document(
        names=[partner.name_ko, partner.name_en, partner.name_zh],
        labels=[partner.city_ko, partner.city_en, partner.city_zh],
        bodies=[partner.description_ko, partner.description_en, partner.description_zh],
    )
