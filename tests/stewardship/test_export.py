"""Exports: formulas neutralised, UTF-8 with BOM, exactly the filtered rows, public fields only."""

from __future__ import annotations

import csv
import io

import pytest
from openpyxl import load_workbook

from directory.core.export import csv_bytes, neutralise, xlsx_bytes
from tests.factories import make_firm, make_specialty

DANGEROUS = ['=HYPERLINK("http://evil")', "+SUM(A1)", "-2+3", "@cmd", "\tx", "\rx"]


@pytest.mark.parametrize("value", DANGEROUS)
def test_cells_starting_a_formula_are_neutralised(value):
    assert neutralise(value) == "'" + value


def test_numbers_stay_numbers():
    assert neutralise(-3) == -3
    assert neutralise("기업") == "기업"


def test_csv_has_a_byte_order_mark_and_neutralised_cells():
    data = csv_bytes(["이름"], [["=1+1"], ["한컴"]])
    assert data.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows == [["이름"], ["'=1+1"], ["한컴"]]


def test_xlsx_cells_are_text_not_formulas():
    data = xlsx_bytes(["이름"], [["=1+1"]])
    sheet = load_workbook(io.BytesIO(data)).active
    cell = sheet["A2"]
    assert cell.value == "'=1+1"
    assert cell.data_type == "s"


def _csv(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


@pytest.mark.django_db
def test_staff_export_holds_exactly_the_filtered_rows(staff_client):
    make_firm(name_ko="=HYPERLINK(1)", slug="evil", is_published=False)
    make_firm(name_ko="가온", slug="gaon")
    response = staff_client.get("/staff/firms/export.csv?published=no")
    assert response["Content-Type"].startswith("text/csv")
    rows = _csv(response)
    assert [r[0] for r in rows[1:]] == ["'=HYPERLINK(1)"]
    xlsx = staff_client.get("/staff/firms/export.xlsx?q=가온")
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert [c.value for c in sheet["A"]][1:] == ["가온"]


@pytest.mark.django_db
def test_public_export_follows_the_directory_filters_with_public_fields_only(client):
    cloud = make_specialty(slug="cloud", name_ko="클라우드")
    make_firm(name_ko="가온", specialties=[cloud], address="성남")
    make_firm(name_ko="나래")
    make_firm(name_ko="비공개", specialties=[cloud], is_published=False)
    rows = _csv(client.get("/firms/export.csv?specialty=cloud"))
    assert [r[0] for r in rows[1:]] == ["가온"]
    assert len(rows[0]) == 13
    text = client.get("/firms/export.csv").content.decode("utf-8-sig")
    assert "비공개" not in text
    assert "@example.com" not in text  # no contacts
    searched = _csv(client.get("/firms/export.csv?q=나래"))
    assert [r[0] for r in searched[1:]] == ["나래"]
    xlsx = client.get("/en/firms/export.xlsx")
    assert xlsx.status_code == 200


@pytest.mark.django_db
def test_connection_and_engagement_exports(staff_client):
    from tests.factories import make_connection, make_engagement

    make_connection(next_step="=cmd|' /C calc'!A0")
    make_engagement(title_ko="+브리핑")
    rows = _csv(staff_client.get("/staff/connections/export.csv"))
    assert rows[1][4].startswith("'=")
    rows = _csv(staff_client.get("/staff/engagements/export.csv"))
    assert rows[1][2] == "'+브리핑"
