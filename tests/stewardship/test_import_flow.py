"""The sample file imported through the pages: upload, mapping, dry run, apply; bad files
change nothing."""

from __future__ import annotations

import io

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from directory.demo.firms import load_reference_data
from directory.firms.models import Firm, ImportJob
from directory.search.services import search_firms
from tests.factories import make_firm
from tests.stewardship.conftest import SAMPLE

pytestmark = pytest.mark.django_db


def upload(client, name: str, data: bytes):
    return client.post("/staff/firms/import/", {"file": SimpleUploadedFile(name, data)})


def test_sample_file_end_to_end_dry_run_then_apply(staff_client, staff):
    load_reference_data()
    existing = make_firm(slug="example-gaon-cloud", name_ko="[예시] 가온클라우드", name_en="")
    response = upload(staff_client, "firms-sample.csv", SAMPLE.read_bytes())
    job = ImportJob.objects.get()
    assert response.status_code == 302
    assert job.encoding == "cp949"
    assert job.row_count == 40
    assert job.mapping["0"] == "name_ko" and job.mapping["13"] == "contact_email"

    # The mapping page, then the dry run (staff may correct the guessed mapping).
    page = staff_client.get(f"/staff/firms/import/{job.pk}/")
    assert "기업명" in page.content.decode()
    data = {f"col_{i}": field for i, field in job.mapping.items()}
    staff_client.post(f"/staff/firms/import/{job.pk}/", data)
    job.refresh_from_db()
    assert job.status == ImportJob.Status.PLANNED
    assert job.counts == {"create": 39, "update": 1, "unchanged": 0, "rejected": 0}
    assert Firm.objects.count() == 1  # a dry run writes nothing

    staff_client.post(f"/staff/firms/import/{job.pk}/apply/")
    job.refresh_from_db()
    assert job.status == ImportJob.Status.APPLIED
    assert Firm.objects.count() == 40
    existing.refresh_from_db()
    assert existing.name_en == "[Example] Gaon Cloud"
    created = Firm.objects.get(slug="example-nurisol-data")
    assert created.is_published
    assert created.cluster.slug == "pangyo-techno-valley"
    assert [s.slug for s in created.specialties.all()] == ["ai-data"]
    record = created.history.first()
    assert record.history_user == staff
    assert "firms-sample.csv" in record.history_change_reason
    assert created.contacts.get().email == "contact@nurisol.example"
    # The new firms are searchable at once.
    assert search_firms(Firm.objects.all(), "누리솔").get() == created
    progress = staff_client.get(f"/staff/firms/import/{job.pk}/progress.json").json()
    assert progress["percent"] == 100 and not progress["running"]
    # The file's email column: invite every imported firm's contact person, in Korean.
    staff_client.post(f"/staff/firms/import/{job.pk}/invite/")
    assert len(mail.outbox) == 40
    assert "[예시] 누리솔데이터" in " ".join(m.subject for m in mail.outbox)
    staff_client.post(f"/staff/firms/import/{job.pk}/invite/")
    assert len(mail.outbox) == 40  # one live invitation per firm and address


def test_rejected_rows_are_reported_and_left_out(staff_client):
    load_reference_data()
    data = (
        "기업명,사업자등록번호,전문분야,홈페이지\r\n"
        "가온,123-45-67892,클라우드 서비스,https://gaon.example\r\n"
        "나래,,클라우드 서비쓰,https://narae.example\r\n"
        "다온,,,ftp://x\r\n"
        "가온,,,\r\n"
        "라온,,AI 데이터,\r\n"
    ).encode()
    upload(staff_client, "bad-rows.csv", data)
    job = ImportJob.objects.get()
    staff_client.post(
        f"/staff/firms/import/{job.pk}/",
        {
            "col_0": "name_ko",
            "col_1": "business_registration_number",
            "col_2": "specialties",
            "col_3": "website",
        },
    )
    job.refresh_from_db()
    assert job.counts == {"create": 1, "update": 0, "unchanged": 0, "rejected": 4}
    page = staff_client.get(f"/staff/firms/import/{job.pk}/?show=rejected").content.decode()
    assert "클라우드 서비스" in page  # the suggestion
    staff_client.post(f"/staff/firms/import/{job.pk}/apply/")
    assert list(Firm.objects.values_list("name_ko", flat=True)) == ["라온"]


def _xlsx(rows) -> bytes:
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("logo.png", b"\x89PNG\r\n\x1a\n\x00\x00", "CSV"),
        ("firms.csv", "기업명\r\n".encode() + b"\xff\xfe\x81\xc9\r\n", "CP949"),
        ("firms.xlsx", _xlsx([["기업명"], ['=HYPERLINK("x")']]), "A2"),
    ],
)
def test_bad_files_get_a_clear_error_and_change_nothing(staff_client, name, data, message):
    response = upload(staff_client, name, data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not ImportJob.objects.exists()
    assert not Firm.objects.exists()


def test_a_file_over_the_limit_is_refused_before_reading(staff_client, settings):
    settings.IMPORT_MAX_BYTES = 1024
    response = upload(staff_client, "big.csv", b"a," * 2048)
    assert "MB" in response.content.decode()
    assert not ImportJob.objects.exists()


def test_apply_without_a_dry_run_is_refused(staff_client):
    upload(staff_client, "f.csv", "기업명\r\n가온\r\n".encode())
    job = ImportJob.objects.get()
    staff_client.post(f"/staff/firms/import/{job.pk}/apply/")
    job.refresh_from_db()
    assert job.status == ImportJob.Status.UPLOADED
    assert not Firm.objects.exists()


def test_a_firm_deleted_since_the_dry_run_makes_the_apply_fail_cleanly(staff_client):
    firm = make_firm(name_ko="가온")
    upload(staff_client, "f.csv", "기업명,영문명\r\n가온,Gaon\r\n나래,Narae\r\n".encode())
    job = ImportJob.objects.get()
    staff_client.post(f"/staff/firms/import/{job.pk}/", {"col_0": "name_ko", "col_1": "name_en"})
    firm.delete()
    staff_client.post(f"/staff/firms/import/{job.pk}/apply/")
    job.refresh_from_db()
    assert job.status == ImportJob.Status.FAILED
    assert not Firm.objects.exists()  # all or nothing: 나래 was not created either
