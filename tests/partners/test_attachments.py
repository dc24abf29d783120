"""Engagement attachments: type by content, size limit, private storage, staff-only download."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from directory.partners import attachments
from directory.partners.models import EngagementAttachment
from tests.factories import make_engagement, make_image_bytes, make_partner
from tests.partners.helpers import PDF_BYTES


def _docx_bytes() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<w:document/>")
    return buf.getvalue()


def _xlsx_bytes() -> bytes:
    buf = io.BytesIO()
    Workbook().save(buf)
    return buf.getvalue()


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (PDF_BYTES, "pdf"),
        (make_image_bytes("PNG"), "png"),
        (make_image_bytes("JPEG"), "jpeg"),
        (_docx_bytes(), "docx"),
        (_xlsx_bytes(), "xlsx"),
    ],
)
def test_allowed_types_are_recognised_by_content(content, expected):
    assert attachments.detect_bytes(content).key == expected


@pytest.mark.parametrize(
    "content",
    [
        b"MZ\x90\x00 an executable",
        b"<html><script>alert(1)</script></html>",
        make_image_bytes("GIF"),
        b"PK\x03\x04 not really a zip",
        b"",
    ],
)
def test_other_content_is_refused(content):
    assert attachments.detect_bytes(content) is None


def test_a_plain_zip_is_not_an_office_file():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("evil.exe", "MZ")
    assert attachments.detect_bytes(buf.getvalue()) is None


@pytest.fixture
def engagement(db):
    return make_engagement(partners=[make_partner()])


def _upload(client, engagement, name, content, url_prefix="", **extra):
    return client.post(
        f"{url_prefix}/staff/engagements/{engagement.pk}/attachments/add/",
        {"file": SimpleUploadedFile(name, content), **extra},
        follow=True,
    )


def test_staff_uploads_a_pdf_stored_privately_under_a_random_name(
    staff_client, engagement, settings
):
    response = _upload(staff_client, engagement, "MOU 초안.pdf", PDF_BYTES, title="MOU draft")
    assert response.status_code == 200
    attachment = EngagementAttachment.objects.get()
    assert attachment.original_name == "MOU 초안.pdf"
    assert attachment.content_type == "application/pdf"
    assert attachment.size == len(PDF_BYTES)
    assert "초안" not in attachment.file.name and attachment.file.name.endswith(".pdf")
    stored = settings.PRIVATE_MEDIA_ROOT / attachment.file.name
    assert stored.read_bytes() == PDF_BYTES
    assert not str(stored).startswith(str(settings.MEDIA_ROOT))
    assert "MOU draft" in response.content.decode()


def test_staff_downloads_the_attachment(staff_client, engagement):
    _upload(staff_client, engagement, "agenda.pdf", PDF_BYTES)
    attachment = EngagementAttachment.objects.get()
    response = staff_client.get(attachment.get_download_url())
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF_BYTES
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_member_cannot_download_an_attachment(client, member, engagement, staff):
    client.force_login(staff)
    _upload(client, engagement, "agenda.pdf", PDF_BYTES)
    attachment = EngagementAttachment.objects.get()
    client.force_login(member)
    assert client.get(attachment.get_download_url()).status_code == 403
    client.logout()
    assert client.get(attachment.get_download_url()).status_code == 302


def test_executable_renamed_to_pdf_is_refused(staff_client, engagement):
    response = _upload(staff_client, engagement, "agenda.pdf", b"MZ\x90\x00evil", url_prefix="/en")
    assert "is not a PDF, Word (DOCX), Excel (XLSX), PNG or JPEG file" in response.content.decode()
    assert not EngagementAttachment.objects.exists()


def test_name_and_content_must_agree(staff_client, engagement):
    response = _upload(
        staff_client, engagement, "photo.pdf", make_image_bytes("PNG"), url_prefix="/en"
    )
    assert "the content is PNG" in response.content.decode()
    assert not EngagementAttachment.objects.exists()


@pytest.mark.parametrize("name", ["evil.html", "evil.svg", "agenda", "report.pdf.html"])
def test_pdf_content_under_another_or_no_extension_is_refused(staff_client, engagement, name):
    """`%PDF` named evil.html would be served as HTML by a careless server: refused."""
    response = _upload(staff_client, engagement, name, PDF_BYTES, url_prefix="/en")
    assert "the file name must end in .pdf" in response.content.decode()
    assert not EngagementAttachment.objects.exists()


@pytest.mark.parametrize(
    ("name", "agrees"),
    [("a.pdf", True), ("A.PDF", True), ("a.html", False), ("a", False), ("a.png", False)],
)
def test_name_agrees_with_detected_type(name, agrees):
    assert attachments.name_agrees(name, attachments.PDF) is agrees


def test_too_large_file_is_refused(staff_client, engagement, settings):
    settings.ATTACHMENT_MAX_BYTES = 100
    response = _upload(
        staff_client, engagement, "big.pdf", PDF_BYTES + b"x" * 200, url_prefix="/en"
    )
    assert "attachments may be at most" in response.content.decode()
    assert not EngagementAttachment.objects.exists()


def test_office_and_image_files_are_accepted(staff_client, engagement):
    _upload(staff_client, engagement, "list.xlsx", _xlsx_bytes())
    _upload(staff_client, engagement, "photo.jpg", make_image_bytes("JPEG"))
    types = set(EngagementAttachment.objects.values_list("content_type", flat=True))
    assert types == {attachments.XLSX.content_type, "image/jpeg"}


def test_deleting_an_attachment_removes_the_file(staff_client, engagement, settings):
    _upload(staff_client, engagement, "agenda.pdf", PDF_BYTES)
    attachment = EngagementAttachment.objects.get()
    stored = settings.PRIVATE_MEDIA_ROOT / attachment.file.name
    staff_client.post(f"/staff/engagements/{engagement.pk}/attachments/{attachment.pk}/delete/")
    assert not EngagementAttachment.objects.exists()
    assert not stored.exists()
    assert attachment.history.count() == 2


def test_missing_file_gives_404_not_500(staff_client, engagement, settings):
    _upload(staff_client, engagement, "agenda.pdf", PDF_BYTES)
    attachment = EngagementAttachment.objects.get()
    (settings.PRIVATE_MEDIA_ROOT / attachment.file.name).unlink()
    assert staff_client.get(attachment.get_download_url()).status_code == 404


def test_private_files_have_no_url(engagement, staff_client):
    _upload(staff_client, engagement, "agenda.pdf", PDF_BYTES)
    with pytest.raises(ValueError):
        EngagementAttachment.objects.get().file.url
