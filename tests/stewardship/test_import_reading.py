"""Reading uploads: encodings, and every kind of bad file refused with a clear message."""

from __future__ import annotations

import io
import zipfile

import pytest
from openpyxl import Workbook

from directory.firms.importing.reading import ImportFileError, Limits, read_table

HEADER = "기업명,영문명,사업자등록번호\r\n"
ROW = "[예시] 가온클라우드,Gaon Cloud,\r\n"


def xlsx_bytes(rows) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        ((HEADER + ROW).encode("utf-8"), "utf-8"),
        ("\ufeff".encode() + (HEADER + ROW).encode("utf-8"), "utf-8"),
        ((HEADER + ROW).encode("cp949"), "cp949"),
        ((HEADER + ROW).encode("euc-kr"), "cp949"),
    ],
)
def test_csv_in_utf8_with_or_without_bom_and_cp949_is_read(data, encoding):
    table = read_table("firms.csv", data)
    assert table.encoding == encoding
    assert table.headers == ["기업명", "영문명", "사업자등록번호"]
    assert table.rows == [(2, ["[예시] 가온클라우드", "Gaon Cloud", ""])]


def test_xlsx_first_sheet_is_read_with_row_numbers():
    data = xlsx_bytes([["기업명", "설립연도"], [None, None], ["가온", 2019]])
    table = read_table("firms.xlsx", data)
    assert table.file_format == "xlsx"
    assert table.rows == [(3, ["가온", "2019"])]


def _refused(filename: str, data: bytes, limits: Limits | None = None) -> ImportFileError:
    with pytest.raises(ImportFileError) as caught:
        read_table(filename, data, limits or Limits())
    assert caught.value.message
    return caught.value


def test_wrong_type_is_refused():
    assert _refused("logo.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 100).code == "wrong_type"
    assert _refused("firms.csv", b"%PDF-1.7\n\x00\x01binary").code == "wrong_type"
    assert _refused("old.xls", b"\xd0\xcf\x11\xe0" + b"\x00" * 100).code == "wrong_type"
    # A zip that is not a workbook.
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("readme.txt", "hello")
    assert _refused("firms.xlsx", buffer.getvalue()).code == "wrong_type"


def test_broken_encoding_is_refused():
    data = HEADER.encode("utf-8") + b"\xff\xfe\xfa broken \x81\x00"[:-1] + b"\xc9\xff\r\n"
    error = _refused("firms.csv", data)
    assert error.code == "encoding"
    assert "CP949" in error.message


def test_a_50_mb_file_is_refused_before_parsing():
    data = HEADER.encode() + b"x" * (50 * 1024 * 1024)
    assert _refused("firms.csv", data).code == "too_large"


def test_100000_rows_are_refused():
    data = (HEADER + ROW * 100_000).encode("utf-8")
    error = _refused("firms.csv", data, Limits(max_bytes=100 * 1024 * 1024))
    assert error.code == "too_many_rows"
    assert "10,000" in error.message


def test_zip_bomb_disguised_as_xlsx_is_refused_without_unpacking():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"\x00" * (200 * 1024 * 1024))
    data = buffer.getvalue()
    assert len(data) < 1024 * 1024  # small on disk, huge unpacked
    assert _refused("firms.xlsx", data).code == "zip_bomb"


def test_formula_cells_are_refused():
    data = xlsx_bytes([["기업명", "홈페이지"], ["가온", '=HYPERLINK("http://evil.example","x")']])
    error = _refused("firms.xlsx", data)
    assert error.code == "formula"
    assert "B2" in error.message
    csv_data = (HEADER + '가온,"=HYPERLINK(""http://evil.example"")",\r\n').encode()
    assert _refused("firms.csv", csv_data).code == "formula"
    # A phone number or a minus sign is not a formula.
    read_table("firms.csv", (HEADER + "가온,+82-31-000-0000,-\r\n").encode())


def test_empty_and_header_only_files_are_refused():
    assert _refused("firms.csv", b"").code == "empty"
    assert _refused("firms.csv", HEADER.encode()).code == "no_rows"


def test_damaged_xlsx_is_refused():
    assert _refused("firms.xlsx", b"PK\x03\x04garbage").code == "malformed"
