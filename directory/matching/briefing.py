"""The briefing pack of a shortlist: each firm's profile in the partner's language.

One data builder (``build_pack``) feeds the printable page, the CSV and the XLSX download, so
the three always say the same thing. A text missing in the pack's language falls back along
``settings.GAGYO_PACK_FALLBACKS`` (Chinese → English → Korean, English → Korean), marked with
the language shown ("[EN]", "[KO]"). Reasons are phrased for the partner (``ReasonRenderer``
with ``for_partner``): no scores, fields or pipeline stages.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db.models import Prefetch
from django.utils import translation
from django.utils.translation import gettext as _

from directory.firms.models import FirmContact
from directory.firms.translation import LANGUAGE_BY_SUFFIX, Localized, localize

from .models import Shortlist
from .reasons import ReasonRenderer

PACK_LANGUAGES = {"ko": "ko", "en": "en", "zh": "zh-hans"}  # field suffix -> Django language
DEFAULT_FALLBACKS = {"zh": ["en", "ko"], "en": ["ko"], "ko": []}
# Spreadsheet apps run cells that start with these as formulas (CSV/formula injection).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def pack_language(shortlist: Shortlist, requested: str | None = None) -> str:
    """?lang= if valid; otherwise Chinese for a partner in China, English for everyone else."""
    if requested in PACK_LANGUAGES:
        return requested
    if shortlist.partner and shortlist.partner.country_id == "CN":
        return "zh"
    return "en"


def safe_cell(value: Any) -> Any:
    """Neutralise text a spreadsheet would execute as a formula by prefixing an apostrophe."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def fallbacks(lang: str) -> list[str]:
    """The languages that stand in for ``lang``, in order (``GAGYO_PACK_FALLBACKS``)."""
    chain = getattr(settings, "GAGYO_PACK_FALLBACKS", DEFAULT_FALLBACKS).get(lang)
    chain = DEFAULT_FALLBACKS.get(lang, ["ko"]) if chain is None else chain
    return [suffix for suffix in chain if suffix in PACK_LANGUAGES and suffix != lang]


def in_language(obj: object, base: str, lang: str) -> Localized:
    """``obj.<base>_<lang>``, else the first non-empty text along the fallback chain."""
    for suffix in (lang, *fallbacks(lang)):
        text = (getattr(obj, f"{base}_{suffix}", "") or "").strip()
        if text:
            return Localized(text, LANGUAGE_BY_SUFFIX[suffix], suffix != lang)
    return Localized("", LANGUAGE_BY_SUFFIX[lang], False)


def marker(value: Localized) -> str:
    """ "[EN]", "[KO]": the language a fallback text is shown in ("" when it is not one)."""
    if not value.is_fallback:
        return ""
    suffix = next((s for s, code in LANGUAGE_BY_SUFFIX.items() if code == value.language), "")
    return f"[{suffix.upper()}]"


def marked(value: Localized) -> str:
    """Text with its language marker when it is a fallback."""
    return f"{marker(value)} {value.text}" if value.is_fallback else value.text


@dataclass
class PackFirm:
    position: int
    slug: str
    name: Localized
    summary: Localized
    description: Localized
    logo_url: str
    website: str
    specialties: list[str]
    markets: list[str]
    contacts: list[dict[str, str]]
    score: float
    reasons: str
    parts: list[dict[str, Any]] = field(default_factory=list)

    @property
    def has_fallback(self) -> bool:
        return any(v.is_fallback for v in (self.name, self.summary, self.description))

    @property
    def name_marker(self) -> str:
        return marker(self.name)

    @property
    def summary_marker(self) -> str:
        return marker(self.summary)

    @property
    def description_marker(self) -> str:
        return marker(self.description)

    def contact_lines(self) -> list[str]:
        return [
            " ".join(
                x
                for x in (
                    c["name"],
                    f"({c['title']})" if c["title"] else "",
                    c["email"],
                    c["phone"],
                )
                if x
            )
            for c in self.contacts
        ]


def build_pack(
    shortlist: Shortlist, lang: str, absolute: Callable[[str], str] = str
) -> list[PackFirm]:
    """The shortlist's firms in language `lang` (ko/en/zh); `absolute` makes URLs absolute."""
    entries = shortlist.entries.select_related("firm").prefetch_related(
        "firm__specialties",
        "firm__target_markets",
        Prefetch(
            "firm__contacts",
            queryset=FirmContact.objects.filter(share_with_partners=True),
            to_attr="shared_contacts",
        ),
    )
    with translation.override(PACK_LANGUAGES[lang]):
        renderer = ReasonRenderer(lang, for_partner=True)
        pack = []
        for entry in entries:
            firm = entry.firm
            logo = firm.logo_medium or firm.logo
            pack.append(
                PackFirm(
                    position=entry.position,
                    slug=firm.slug,
                    name=in_language(firm, "name", lang),
                    summary=in_language(firm, "summary", lang),
                    description=in_language(firm, "description", lang),
                    logo_url=absolute(logo.url) if logo else "",
                    website=firm.website,
                    specialties=[localize(s, "name", lang).text for s in firm.specialties.all()],
                    markets=[localize(c, "name", lang).text for c in firm.target_markets.all()],
                    contacts=[
                        {"name": c.name, "title": c.title, "email": c.email, "phone": c.phone}
                        for c in firm.shared_contacts
                    ],
                    score=entry.score,
                    reasons=renderer.summary(entry.reasons, relationship=False),
                    parts=renderer.parts(entry.reasons),
                )
            )
    return pack


def table(pack: list[PackFirm], lang: str) -> list[list[Any]]:
    """Header row plus one row per firm, formula-safe, for CSV and XLSX alike."""
    with translation.override(PACK_LANGUAGES[lang]):
        header = [
            _("No."),
            _("Firm"),
            _("Summary"),
            _("Description"),
            _("Specialties"),
            _("Target markets"),
            _("Website"),
            _("Logo"),
            _("Contact person"),
            _("Why matched"),
        ]
    rows: list[list[Any]] = [header]
    for firm in pack:
        rows.append(
            [
                firm.position,
                marked(firm.name),
                marked(firm.summary),
                marked(firm.description),
                ", ".join(firm.specialties),
                ", ".join(firm.markets),
                firm.website,
                firm.logo_url,
                " / ".join(firm.contact_lines()),
                firm.reasons,
            ]
        )
    return [[safe_cell(cell) for cell in row] for row in rows]


def to_csv(rows: list[list[Any]]) -> bytes:
    """UTF-8 with a byte order mark, so Excel opens Korean and Chinese text intact."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerows(rows)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def to_xlsx(
    rows: list[list[Any]], title: str, pack: list[PackFirm] | None = None, lang: str = "en"
) -> bytes:
    """The table as a workbook: with ``pack``, also the firms' Korean and English names, logo
    links on the configured ``GAGYO_BASE_URL``, scores rounded as on the page (one decimal, half
    up); a frozen header row with column filters."""
    from decimal import ROUND_HALF_UP, Decimal
    from urllib.parse import urlsplit

    from django.conf import settings
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    from directory.firms.models import Firm

    def page_score(value: float) -> float:
        # The page's floatformat:1 rounds half up on the decimal value: 20.86 -> 20.9, 0.25 -> 0.3.
        return float(Decimal(str(value)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))

    def on_base_url(url: str) -> str:
        parts = urlsplit(url)
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        return settings.GAGYO_BASE_URL.rstrip("/") + path

    rows = [list(row) for row in rows]
    score_columns: set[int] = set()
    if pack:
        names = {
            f["slug"]: f
            for f in Firm.objects.filter(slug__in=[p.slug for p in pack]).values(
                "slug", "name_ko", "name_en"
            )
        }
        name_column = None
        for row, firm in zip(rows[1:], pack, strict=False):
            for index, cell in enumerate(row):
                if firm.logo_url and cell == firm.logo_url:
                    row[index] = on_base_url(firm.logo_url)
                elif isinstance(cell, float) and cell == firm.score:
                    row[index] = page_score(cell)
                    score_columns.add(index)
                elif name_column is None and cell == safe_cell(marked(firm.name)):
                    name_column = index
        at = (name_column if name_column is not None else 0) + 1
        with translation.override(PACK_LANGUAGES.get(lang, "en")):
            header = [_("Name (Korean)"), _("Name (English)")]
        rows[0][at:at] = header
        for row, firm in zip(rows[1:], pack, strict=False):
            found = names.get(firm.slug, {})
            row[at:at] = [safe_cell(found.get("name_ko", "")), safe_cell(found.get("name_en", ""))]
        score_columns = {c + 2 if c >= at else c for c in score_columns}

    workbook = Workbook()
    sheet = workbook.active
    # Sheet titles: at most 31 characters, none of []:*?/\
    sheet.title = "".join(c for c in title if c not in "[]:*?/\\")[:31] or "Briefing"
    for row in rows:
        # Tell openpyxl every string is data: it would otherwise treat "=..." as a formula.
        sheet.append(row)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            if isinstance(cell.value, str):
                cell.data_type = "s"
            elif cell.column - 1 in score_columns:
                cell.number_format = "0.0"
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    widths = (
        [5, 24, 24, 24, 36, 60, 28, 20, 28, 28, 36, 8, 60]
        if pack
        else [5, 24, 36, 60, 28, 20, 28, 28, 36, 8, 60]
    )
    for index, width in enumerate(widths[: sheet.max_column], start=1):
        sheet.column_dimensions[sheet.cell(row=1, column=index).column_letter].width = width
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
