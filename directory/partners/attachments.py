"""Engagement attachments: what may be uploaded, recognised by content (magic bytes), not name.

Pure helpers (no ORM, no request) so the rules are unit-tested without a database.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from typing import BinaryIO


@dataclass(frozen=True)
class FileType:
    key: str
    label: str
    extension: str
    content_type: str


PDF = FileType("pdf", "PDF", ".pdf", "application/pdf")
DOCX = FileType(
    "docx",
    "Word (DOCX)",
    ".docx",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
)
XLSX = FileType(
    "xlsx",
    "Excel (XLSX)",
    ".xlsx",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
)
PNG = FileType("png", "PNG", ".png", "image/png")
JPEG = FileType("jpeg", "JPEG", ".jpg", "image/jpeg")

ALLOWED_TYPES: tuple[FileType, ...] = (PDF, DOCX, XLSX, PNG, JPEG)
BY_KEY = {t.key: t for t in ALLOWED_TYPES}
# File-name extensions a type may arrive with (checked against the detected content).
EXTENSIONS = {
    ".pdf": PDF,
    ".docx": DOCX,
    ".xlsx": XLSX,
    ".png": PNG,
    ".jpg": JPEG,
    ".jpeg": JPEG,
}


def _office_type(stream: BinaryIO) -> FileType | None:
    """DOCX and XLSX are ZIP packages; tell them apart by their main part."""
    try:
        stream.seek(0)
        with zipfile.ZipFile(stream) as package:
            names = set(package.namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return None
    if "[Content_Types].xml" not in names:
        return None
    if "word/document.xml" in names:
        return DOCX
    if "xl/workbook.xml" in names:
        return XLSX
    return None


def detect_type(stream: BinaryIO) -> FileType | None:
    """The allowed type of this content, or None. Reads from the start; rewinds afterwards."""
    stream.seek(0)
    head = stream.read(16)
    try:
        if head.startswith(b"%PDF-"):
            return PDF
        if head.startswith(b"\x89PNG\r\n\x1a\n"):
            return PNG
        if head.startswith(b"\xff\xd8\xff"):
            return JPEG
        if head.startswith(b"PK\x03\x04"):
            return _office_type(stream)
        return None
    finally:
        stream.seek(0)


def detect_bytes(content: bytes) -> FileType | None:
    return detect_type(io.BytesIO(content))


def claimed_type(filename: str) -> FileType | None:
    """The allowed type a file name's extension claims, or None (unknown or no extension)."""
    return EXTENSIONS.get(extension_of(filename))


def name_agrees(filename: str, detected: FileType) -> bool:
    """The name's extension must be one of the detected type's: `%PDF` named evil.html is not."""
    return claimed_type(filename) == detected


def extension_of(filename: str) -> str:
    dot = filename.rfind(".")
    return filename[dot:].lower() if dot > 0 else ""
