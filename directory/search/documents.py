"""What goes into a search document: pure functions from names and texts to indexed columns."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass

from .hangul import choseong
from .text import fold

SEPARATOR = "\n"


@dataclass(frozen=True)
class DocumentText:
    names: str
    choseong: str
    keywords: str
    body: str

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


def build_document(
    names: Iterable[str], texts: Iterable[str], keywords: Iterable[str] = ()
) -> DocumentText:
    """Fold names, short keywords and long texts into the indexed columns."""
    names = [name for name in names if name and name.strip()]
    return DocumentText(
        names=_lines(name_key(name) for name in names),
        choseong=_lines(choseong(fold(name)) for name in names),
        keywords=_lines(fold(keyword) for keyword in keywords if keyword),
        body=SEPARATOR.join(fold(text) for text in texts if text and text.strip()),
    )


def firm_document(firm, specialties: Iterable) -> DocumentText:
    """The document of a firm (also works with migration-time historical models)."""
    names = [firm.name_ko, firm.name_en, firm.name_zh, *split_aliases(firm.aliases)]
    texts = [
        firm.summary_ko,
        firm.summary_en,
        firm.summary_zh,
        firm.description_ko,
        firm.description_en,
        firm.description_zh,
    ]
    keywords = []
    for specialty in specialties:
        keywords += [specialty.name_ko, specialty.name_en, specialty.name_zh]
    return build_document(names, texts, keywords)


def partner_document(partner) -> DocumentText:
    names = [partner.name_ko, partner.name_en, partner.name_zh]
    keywords = [partner.city_ko, partner.city_en, partner.city_zh]
    texts = [partner.description_ko, partner.description_en, partner.description_zh]
    return build_document(names, texts, keywords)
