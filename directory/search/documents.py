"""What goes into a search document: pure functions from names and texts to indexed columns."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from .hangul import choseong
from .text import fold

SEPARATOR = "\n"


@dataclass(frozen=True)
class DocumentText:
    names: str
    choseong: str
    body: str


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


def build_document(names: Iterable[str], texts: Iterable[str]) -> DocumentText:
    """Fold names (plus their space-less forms) and texts into the three indexed columns."""
    folded = [fold(name) for name in names if name and name.strip()]
    variants: list[str] = []
    for name in folded:
        variants.append(name)
        # Korean users often type names without spaces: 메가존클라우드 finds 메가존 클라우드.
        variants.append(name.replace(" ", ""))
    return DocumentText(
        names=_lines(variants),
        choseong=_lines(choseong(name) for name in folded),
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
    for specialty in specialties:
        texts += [specialty.name_ko, specialty.name_en, specialty.name_zh]
    return build_document(names, texts)


def partner_document(partner) -> DocumentText:
    names = [partner.name_ko, partner.name_en, partner.name_zh]
    texts = [
        partner.city_ko,
        partner.city_en,
        partner.city_zh,
        partner.description_ko,
        partner.description_en,
        partner.description_zh,
    ]
    return build_document(names, texts)
