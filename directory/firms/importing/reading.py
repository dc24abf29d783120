"""Reading an uploaded spreadsheet into rows of text, refusing anything unsafe or unreadable.

Plain Python (no ORM, no request). Every refusal is an ``ImportFileError`` with a message for
staff; nothing is written anywhere before a file has been read completely.

Encodings: CSV files from Korean Excel are CP949 (a superset of EUC-KR); newer tools write
UTF-8, with or without a byte order mark. Trying UTF-8 strictly first and CP949 strictly second
is exact, not a guess: a CP949 file with Hangul is never valid UTF-8, and a file that is valid
in neither is refused. A detector library (charset-normalizer) would only add guesses.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # legacy .xls (and other OLE documents)
ENCODINGS = ("utf-8-sig", "cp949")
# A cell that a spreadsheet program would run: =..., or +/@ followed by a function name.
FORMULA_RE = re.compile(r"^\s*(=|[+@][A-Za-z_(])")


class ImportFileError(Exception):
    """The file cannot be imported; ``message`` says why, for staff."""

    def __init__(self, message: str, code: str):
        super().__init__(message)
        self.message = message
        self.code = code


@dataclass
class Table:
    """A spreadsheet as text: the header row and the data rows (row numbers as in the file)."""

    file_format: str
    headers: list[str]
    rows: list[tuple[int, list[str]]] = field(default_factory=list)
    encoding: str = ""


@dataclass(frozen=True)
class Limits:
    max_bytes: int = 10 * 1024 * 1024
    max_rows: int = 10_000
    max_unpacked_bytes: int = 100 * 1024 * 1024


def _mb(n: int) -> str:
    return f"{n / (1024 * 1024):.0f}"


def read_table(filename: str, data: bytes, limits: Limits = Limits()) -> Table:
    """Read ``data`` (the whole upload) as a CSV or XLSX table, or raise ImportFileError."""
    if len(data) > limits.max_bytes:
        raise ImportFileError(
            _("The file is larger than %(mb)s MB. Split it into smaller files.")
            % {"mb": _mb(limits.max_bytes)},
            "too_large",
        )
    if not data.strip():
        raise ImportFileError(_("The file is empty."), "empty")
    name = filename.lower()
    if data.startswith(ZIP_MAGIC):
        if not name.endswith(".xlsx"):
            raise ImportFileError(
                _("This file is not a CSV or XLSX spreadsheet. Save it as CSV or XLSX."),
                "wrong_type",
            )
        table = read_xlsx(data, limits)
    elif data.startswith(OLE_MAGIC):
        raise ImportFileError(
            _("Old Excel files (.xls) cannot be read. Save the file as XLSX or CSV."),
            "wrong_type",
        )
    elif name.endswith((".csv", ".txt", ".tsv")):
        table = read_csv(data, limits)
    else:
        raise ImportFileError(
            _("This file is not a CSV or XLSX spreadsheet. Save it as CSV or XLSX."),
            "wrong_type",
        )
    check_formulas(table)
    if not table.rows:
        raise ImportFileError(_("The file has a header row but no data rows."), "no_rows")
    return table


def decode(data: bytes) -> tuple[str, str]:
    """The text of a CSV file and the encoding it was in (UTF-8, else CP949, both strict)."""
    if b"\x00" in data:
        raise ImportFileError(
            _("This file is not a CSV or XLSX spreadsheet. Save it as CSV or XLSX."),
            "wrong_type",
        )
    for encoding in ENCODINGS:
        try:
            return data.decode(encoding), ("utf-8" if encoding == "utf-8-sig" else encoding)
        except UnicodeDecodeError:
            continue
    raise ImportFileError(
        _(
            "The file's text could not be read as UTF-8 or CP949 (EUC-KR). Save it from Excel "
            "as “CSV UTF-8” and upload it again."
        ),
        "encoding",
    )


def _too_many_rows(limits: Limits) -> ImportFileError:
    return ImportFileError(
        _("The file has more than %(max)s rows. Split it into files of at most %(max)s rows.")
        % {"max": f"{limits.max_rows:,}"},
        "too_many_rows",
    )


def _clean(cell: object) -> str:
    if cell is None:
        return ""
    if isinstance(cell, float) and cell.is_integer():
        cell = int(cell)
    return str(cell).strip()


def _table(file_format: str, raw_rows, limits: Limits, encoding: str = "") -> Table:
    headers: list[str] | None = None
    rows: list[tuple[int, list[str]]] = []
    for number, raw in enumerate(raw_rows, start=1):
        cells = [_clean(cell) for cell in raw]
        if not any(cells):
            continue
        if headers is None:
            headers = cells
            continue
        if len(rows) >= limits.max_rows:
            raise _too_many_rows(limits)
        rows.append((number, cells))
    if headers is None:
        raise ImportFileError(_("The file is empty."), "empty")
    # Blank trailing header cells (Excel leaves them) are dropped; others are named.
    while headers and not headers[-1]:
        headers.pop()
    headers = [h or _("column %(n)s") % {"n": i + 1} for i, h in enumerate(headers)]
    width = len(headers)
    rows = [(n, (cells + [""] * width)[:width]) for n, cells in rows]
    return Table(file_format, headers, rows, encoding)


def read_csv(data: bytes, limits: Limits = Limits()) -> Table:
    text, encoding = decode(data)
    sample = text[:4096]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",\t;")
        delimiter = dialect.delimiter
    except csv.Error:
        delimiter = ","
    try:
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        return _table("csv", reader, limits, encoding)
    except csv.Error as error:
        raise ImportFileError(
            _("The CSV file is malformed (%(error)s).") % {"error": error}, "malformed"
        ) from error


def check_zip(data: bytes, limits: Limits) -> None:
    """Refuse a zip bomb before any XML is parsed: look at the declared sizes only."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as error:
        raise ImportFileError(
            _("The XLSX file is damaged and cannot be opened."), "malformed"
        ) from error
    with archive:
        infos = archive.infolist()
        total = sum(info.file_size for info in infos)
        ratios = [
            info.file_size / max(info.compress_size, 1)
            for info in infos
            if info.file_size > 1024 * 1024
        ]
        if total > limits.max_unpacked_bytes or any(ratio > 200 for ratio in ratios):
            raise ImportFileError(
                _(
                    "The XLSX file unpacks to more than %(mb)s MB or is compressed "
                    "suspiciously well; it was not opened."
                )
                % {"mb": _mb(limits.max_unpacked_bytes)},
                "zip_bomb",
            )
        if "xl/workbook.xml" not in archive.namelist():
            raise ImportFileError(
                _("This file is not a CSV or XLSX spreadsheet. Save it as CSV or XLSX."),
                "wrong_type",
            )


def read_xlsx(data: bytes, limits: Limits = Limits()) -> Table:
    """The first sheet of an XLSX workbook. Formula cells are refused (see check_formulas)."""
    check_zip(data, limits)
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except Exception as error:  # openpyxl raises many kinds for damaged files
        raise ImportFileError(
            _("The XLSX file is damaged and cannot be opened."), "malformed"
        ) from error
    try:
        sheet = workbook.worksheets[0]
        formulas: list[str] = []

        def values():
            for row in sheet.iter_rows():
                out = []
                for cell in row:
                    if getattr(cell, "data_type", "") == "f" and len(formulas) < 5:
                        formulas.append(getattr(cell, "coordinate", "?"))
                    out.append(cell.value)
                yield out

        table = _table("xlsx", values(), limits)
        if formulas:
            raise _formula_error(formulas)
        return table
    finally:
        workbook.close()


def _formula_error(places: list[str]) -> ImportFileError:
    return ImportFileError(
        _(
            "The file contains formulas (%(cells)s). Formulas are not imported: replace "
            "them with their values and upload the file again."
        )
        % {"cells": ", ".join(places)},
        "formula",
    )


def column_letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def check_formulas(table: Table) -> None:
    """Text that a spreadsheet would run as a formula (=HYPERLINK(...)) is refused."""
    places = []
    for number, cells in table.rows:
        for index, cell in enumerate(cells):
            if cell and FORMULA_RE.match(cell):
                places.append(f"{column_letter(index)}{number}")
                if len(places) == 5:
                    raise _formula_error(places)
    if places:
        raise _formula_error(places)
