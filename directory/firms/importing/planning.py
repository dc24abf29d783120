"""The dry run: every row of a table becomes a planned action (create, update, unchanged or
rejected) with the reasons. Plain Python: what is in the database comes in as a ``Catalogue``
of plain values, so this module is tested without one.

Rows match existing firms by business registration number, then slug, then normalised Korean
name (``names.name_key``). Only mapped, non-empty cells change an existing firm.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from django.utils.translation import gettext as _

from directory.firms.names import name_key, slug_base, unique_slug
from directory.firms.validators import brn_checksum_ok, normalize_brn

from .columns import FIELDS
from .reading import Table

CREATE, UPDATE, UNCHANGED, REJECTED = "create", "update", "unchanged", "rejected"
ACTIONS = (CREATE, UPDATE, UNCHANGED, REJECTED)
LIST_SEPARATORS = re.compile(r"[;,/|\n、，]+")
SIZE_BANDS = ("micro", "small", "medium", "large")
YES = {"y", "yes", "true", "1", "예", "네", "공개", "o", "○", "是"}
NO = {"n", "no", "false", "0", "아니오", "아니요", "비공개", "x", "否"}
SCALARS = (
    "name_ko",
    "name_en",
    "name_zh",
    "business_registration_number",
    "website",
    "address",
    "founded_year",
    "size_band",
    "cluster",
    "summary_ko",
    "summary_en",
    "description_ko",
    "aliases",
    "is_published",
)
MAX_LENGTHS = {
    "name_ko": 150,
    "name_en": 150,
    "name_zh": 150,
    "slug": 80,
    "address": 300,
    "summary_ko": 300,
    "summary_en": 300,
    "contact_name": 100,
}


@dataclass
class ExistingFirm:
    pk: int
    slug: str
    values: dict[str, Any]  # SCALARS, "specialties" and "target_markets" (sorted lists)


@dataclass
class Catalogue:
    """What the plan compares rows with: existing firms and the vocabularies."""

    firms: list[ExistingFirm] = field(default_factory=list)
    specialties: dict[str, str] = field(default_factory=dict)  # any name or slug (key) -> slug
    specialty_names: list[str] = field(default_factory=list)  # for suggestions
    clusters: dict[str, str] = field(default_factory=dict)  # any name or slug (key) -> slug
    countries: dict[str, str] = field(default_factory=dict)  # code or any name (key) -> code
    contact_emails: dict[int, set[str]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.by_brn = {
            f.values["business_registration_number"]: f
            for f in self.firms
            if f.values.get("business_registration_number")
        }
        self.by_slug = {f.slug: f for f in self.firms}
        self.by_name: dict[str, ExistingFirm] = {}
        for firm in self.firms:
            self.by_name.setdefault(name_key(firm.values.get("name_ko")), firm)


@dataclass
class Problem:
    column: str
    message: str


@dataclass
class RowPlan:
    row: int
    action: str
    name: str = ""
    slug: str = ""
    firm_id: int | None = None
    changes: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    values: dict[str, Any] = field(default_factory=dict)
    contact: dict[str, str] = field(default_factory=dict)

    def as_json(self) -> dict[str, Any]:
        # By hand: dataclasses.asdict deep-copies, a third of a large dry run's time.
        return {
            "row": self.row,
            "action": self.action,
            "name": self.name,
            "slug": self.slug,
            "firm_id": self.firm_id,
            "changes": self.changes,
            "problems": [{"column": p.column, "message": p.message} for p in self.problems],
            "values": self.values,
            "contact": self.contact,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> RowPlan:
        data = dict(data)
        data["problems"] = [Problem(**p) for p in data.get("problems", [])]
        return cls(**data)


def vocabulary_key(text: str) -> str:
    return re.sub(r"\s+", "", text).casefold()


def size_band(raw: str) -> str | None:
    """``37``, ``37명``, ``10~49``, ``small`` -> a size band; None when unreadable."""
    text = raw.strip().lower()
    if text in SIZE_BANDS:
        return text
    numbers = [int(n) for n in re.findall(r"\d+", text.replace(",", ""))]
    if not numbers:
        return None
    n = max(numbers) if "~" in text or "-" in text or "–" in text else numbers[0]
    if n < 10:
        return "micro"
    if n < 50:
        return "small"
    if n < 300:
        return "medium"
    return "large"


class _Row:
    """One row being validated: reads cells by import field, collects problems."""

    def __init__(self, cells: list[str], columns: dict[str, int], headers: list[str]):
        self.cells = cells
        self.columns = columns
        self.headers = headers
        self.problems: list[Problem] = []

    def has(self, name: str) -> bool:
        return name in self.columns

    def get(self, name: str) -> str:
        index = self.columns.get(name)
        return self.cells[index].strip() if index is not None else ""

    def column(self, name: str) -> str:
        index = self.columns.get(name)
        return self.headers[index] if index is not None else str(FIELDS.get(name, name))

    def problem(self, name: str, message: str) -> None:
        self.problems.append(Problem(self.column(name), message))


# Light checks with compiled patterns: Django's URLValidator and EmailValidator cost about
# half of a 10,000-row dry run (lazy regular expressions), for no better answer here.
_HOST = re.compile(
    r"^(?:[a-z0-9\u00a1-\uffff](?:[a-z0-9\u00a1-\uffff-]{0,61}[a-z0-9\u00a1-\uffff])?\.)+"
    r"[a-z\u00a1-\uffff]{2,63}\.?$|^localhost$|^\d{1,3}(?:\.\d{1,3}){3}$",
    re.IGNORECASE,
)
_EMAIL = re.compile(r"^[^@\s]+@(?:[^@\s.]+\.)+[^@\s.]{2,}$")


def is_web_address(value: str) -> bool:
    """http(s) with a plausible host name, no spaces."""
    if any(ch.isspace() for ch in value):
        return False
    try:
        parts = urlsplit(value)
        host = parts.hostname or ""
        parts.port  # noqa: B018 - raises ValueError for a bad port
    except ValueError:
        return False
    return parts.scheme in ("http", "https") and bool(_HOST.match(host))


def is_email(value: str) -> bool:
    return bool(_EMAIL.match(value)) and len(value) <= 254


def _validate(row: _Row, catalogue: Catalogue) -> tuple[dict[str, Any], dict[str, str]]:
    """Clean values of the mapped, non-empty cells (problems recorded on ``row``)."""
    values: dict[str, Any] = {}
    for name in ("name_ko", "name_en", "name_zh", "address", "summary_ko", "summary_en"):
        text = row.get(name)
        if text:
            limit = MAX_LENGTHS[name]
            if len(text) > limit:
                row.problem(
                    name,
                    _("Longer than %(max)s characters (%(n)s).") % {"max": limit, "n": len(text)},
                )
            values[name] = text
    for name in ("description_ko", "aliases"):
        if row.get(name):
            values[name] = row.get(name).replace("; ", "\n") if name == "aliases" else row.get(name)
    if row.has("name_ko") and not row.get("name_ko"):
        row.problem("name_ko", _("The Korean name is required."))
    brn = row.get("business_registration_number")
    if brn:
        digits = re.sub(r"\D", "", brn)
        if len(digits) != 10:
            row.problem(
                "business_registration_number",
                _("“%(value)s” is not 10 digits (e.g. 123-45-67890).") % {"value": brn},
            )
        elif not brn_checksum_ok(digits):
            row.problem(
                "business_registration_number",
                _("“%(value)s” has an invalid check digit.") % {"value": brn},
            )
        else:
            values["business_registration_number"] = normalize_brn(digits)
    website = row.get("website")
    if website:
        if "://" not in website:
            website = "https://" + website
        if is_web_address(website) and len(website) <= 200:
            values["website"] = website
        else:
            row.problem("website", _("“%(value)s” is not a web address.") % {"value": website})
    year = row.get("founded_year")
    if year:
        match = re.match(r"^\s*(\d{4})", year)
        if match and 1900 <= int(match.group(1)) <= 2100:
            values["founded_year"] = int(match.group(1))
        else:
            row.problem(
                "founded_year",
                _("“%(value)s” is not a year between 1900 and 2100.") % {"value": year},
            )
    size = row.get("size_band")
    if size:
        band = size_band(size)
        if band:
            values["size_band"] = band
        else:
            row.problem(
                "size_band",
                _("“%(value)s” is neither a number of employees nor a size.") % {"value": size},
            )
    cluster = row.get("cluster")
    if cluster:
        slug = catalogue.clusters.get(vocabulary_key(cluster))
        if slug:
            values["cluster"] = slug
        else:
            row.problem("cluster", _("Unknown cluster “%(value)s”.") % {"value": cluster})
    specialties = row.get("specialties")
    if specialties:
        slugs = []
        for item in (s.strip() for s in LIST_SEPARATORS.split(specialties)):
            if not item:
                continue
            slug = catalogue.specialties.get(vocabulary_key(item))
            if slug:
                slugs.append(slug)
                continue
            close = difflib.get_close_matches(item, catalogue.specialty_names, n=3, cutoff=0.4)
            if close:
                row.problem(
                    "specialties",
                    _("Unknown specialty “%(value)s”; did you mean %(suggestions)s?")
                    % {"value": item, "suggestions": ", ".join(f"“{c}”" for c in close)},
                )
            else:
                row.problem("specialties", _("Unknown specialty “%(value)s”.") % {"value": item})
        values["specialties"] = sorted(set(slugs))
    markets = row.get("target_markets")
    if markets:
        codes = []
        for item in (s.strip() for s in LIST_SEPARATORS.split(markets)):
            if not item:
                continue
            code = catalogue.countries.get(vocabulary_key(item))
            if code:
                codes.append(code)
            else:
                row.problem("target_markets", _("Unknown country “%(value)s”.") % {"value": item})
        values["target_markets"] = sorted(set(codes))
    published = row.get("is_published")
    if published:
        key = published.strip().lower()
        if key in YES:
            values["is_published"] = True
        elif key in NO:
            values["is_published"] = False
        else:
            row.problem(
                "is_published",
                _("“%(value)s” is neither yes nor no.") % {"value": published},
            )
    contact: dict[str, str] = {}
    email = row.get("contact_email")
    if email:
        if is_email(email):
            contact["email"] = email.lower()
        else:
            row.problem(
                "contact_email", _("“%(value)s” is not an email address.") % {"value": email}
            )
    if row.get("contact_name"):
        contact["name"] = row.get("contact_name")[:100]
    return values, contact


def plan_rows(
    table: Table,
    mapping: dict[str, str],
    catalogue: Catalogue,
    progress: Callable[[int], None] | None = None,
    every: int = 500,
) -> list[RowPlan]:
    """The dry run of ``table`` with ``mapping`` (column index -> import field)."""
    columns = {name: int(index) for index, name in mapping.items() if name in FIELDS}
    taken_slugs = set(catalogue.by_slug)
    seen: dict[str, int] = {}  # "brn:…", "slug:…", "name:…" -> first row number
    plans = []
    for count, (number, cells) in enumerate(table.rows, start=1):
        plans.append(_plan_row(number, cells, columns, table.headers, catalogue, taken_slugs, seen))
        if progress and count % every == 0:
            progress(count)
    if progress:
        progress(len(table.rows))
    return plans


def _plan_row(number, cells, columns, headers, catalogue, taken_slugs, seen) -> RowPlan:
    row = _Row(cells, columns, headers)
    values, contact = _validate(row, catalogue)
    name = values.get("name_ko", "")
    slug = row.get("slug").lower()
    if slug and not re.fullmatch(r"[a-z0-9][a-z0-9-]{0,79}", slug):
        row.problem(
            "slug",
            _("“%(value)s” is not a slug (lowercase letters, digits and hyphens).")
            % {"value": slug},
        )
        slug = ""
    # Match an existing firm: registration number, then slug, then normalised Korean name.
    existing = None
    brn = values.get("business_registration_number")
    if brn:
        existing = catalogue.by_brn.get(brn)
    if existing is None and slug:
        existing = catalogue.by_slug.get(slug)
    key = name_key(name)
    if existing is None and key:
        existing = catalogue.by_name.get(key)
    # The same firm twice in the file.
    keys = [
        f"brn:{brn}" if brn else "",
        f"slug:{slug}" if slug else "",
        f"name:{key}" if key else "",
    ]
    for k in filter(None, keys):
        if k in seen:
            column = {"brn": "business_registration_number", "slug": "slug"}.get(
                k.split(":")[0], "name_ko"
            )
            row.problem(column, _("Duplicate of row %(row)s in this file.") % {"row": seen[k]})
            break
    if existing is None and not name and not row.problems:
        row.problem("name_ko", _("The Korean name is required."))
    if (
        brn
        and existing is not None
        and existing.values.get("business_registration_number")
        not in (
            None,
            "",
            brn,
        )
    ):
        row.problem(
            "business_registration_number",
            _("The firm matched by name has another registration number."),
        )
    if brn and existing is None and brn in catalogue.by_brn:
        row.problem("business_registration_number", _("Another firm has this number."))
    # Every row claims its keys, rejected or not: two rows for one firm are always reported.
    for k in filter(None, keys):
        seen.setdefault(k, number)
    plan = RowPlan(row=number, action=REJECTED, name=name, contact=contact)
    if row.problems:
        plan.problems = row.problems
        plan.slug = slug or (existing.slug if existing else "")
        return plan
    if existing is None:
        if slug and slug in taken_slugs:
            slug = unique_slug(slug, taken_slugs)
        slug = slug or unique_slug(slug_base(values.get("name_en"), name), taken_slugs)
        taken_slugs.add(slug)
        plan.action, plan.slug, plan.values = CREATE, slug, values
        plan.changes = sorted(values)
        return plan
    plan.firm_id, plan.slug = existing.pk, existing.slug
    plan.name = name or existing.values.get("name_ko", "")
    changes = {}
    for field_name, value in values.items():
        if existing.values.get(field_name) != value:
            changes[field_name] = value
    if contact.get("email") and contact["email"] not in catalogue.contact_emails.get(
        existing.pk, set()
    ):
        plan.changes.append("contact_email")
    plan.values = changes
    plan.changes = sorted(changes) + plan.changes
    plan.action = UPDATE if plan.changes else UNCHANGED
    return plan


def counts(plans: Iterable[RowPlan]) -> dict[str, int]:
    result = dict.fromkeys(ACTIONS, 0)
    for plan in plans:
        result[plan.action] += 1
    return result
