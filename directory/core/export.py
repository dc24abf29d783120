"""Spreadsheet exports (CSV and XLSX) that are safe to open in Excel.

A cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is read by
spreadsheet programs as a formula (CSV injection, e.g. ``=HYPERLINK(...)``). Such text cells
are neutralised by a leading apostrophe, which Excel shows as plain text. CSV files start with
a UTF-8 byte order mark so Korean Excel opens them as UTF-8 rather than CP949.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from typing import Any

from django.http import HttpResponse

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMATS = ("csv", "xlsx")


def neutralise(value: Any) -> Any:
    """A cell value that no spreadsheet program will run as a formula.

    Numbers stay numbers (a negative number is not a formula); text that would start a
    formula gets a leading apostrophe.
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Y" if value else ""
    if isinstance(value, (int, float)):
        return value
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    text = str(value)
    if text.startswith(FORMULA_PREFIXES):
        return "'" + text
    return text


def safe_rows(header: Sequence[Any], rows: Iterable[Sequence[Any]]) -> Iterable[list[Any]]:
    yield [neutralise(cell) for cell in header]
    for row in rows:
        yield [neutralise(cell) for cell in row]


def csv_bytes(header: Sequence[Any], rows: Iterable[Sequence[Any]]) -> bytes:
    """UTF-8 with a byte order mark, so Korean Excel reads Hangul correctly."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    for row in safe_rows(header, rows):
        writer.writerow(row)
    return "\ufeff".encode() + buffer.getvalue().encode("utf-8")


def xlsx_bytes(header: Sequence[Any], rows: Iterable[Sequence[Any]], title: str = "Gagyo") -> bytes:
    from openpyxl import Workbook
    from openpyxl.cell.cell import TYPE_STRING

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=title[:31] or "Gagyo")
    for row in safe_rows(header, rows):
        cells = []
        for value in row:
            if isinstance(value, str):
                # Written as a string cell: openpyxl would otherwise read "=..." as a formula.
                from openpyxl.cell import WriteOnlyCell

                cell = WriteOnlyCell(sheet, value=value)
                cell.data_type = TYPE_STRING
                cells.append(cell)
            else:
                cells.append(value)
        sheet.append(cells)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def response(
    fmt: str, filename: str, header: Sequence[Any], rows: Iterable[Sequence[Any]]
) -> HttpResponse:
    """An attachment download of ``rows`` as ``fmt`` ("csv" or "xlsx")."""
    if fmt == "xlsx":
        body, content_type = xlsx_bytes(header, rows), XLSX_CONTENT_TYPE
    else:
        fmt, body, content_type = "csv", csv_bytes(header, rows), CSV_CONTENT_TYPE
    http = HttpResponse(body, content_type=content_type)
    http["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
    http["Cache-Control"] = "private, no-store"
    http["X-Content-Type-Options"] = "nosniff"
    return http
