"""Backup and restore: every row and every file comes back, on SQLite and PostgreSQL."""

import hashlib
import io
import json
import shutil
import tarfile
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command

from directory.accounts.models import ProfileChange
from directory.accounts.services import approve_change, snapshot
from directory.changes.models import Change, Kind
from directory.demo.firms import load_firms, load_reference_data
from directory.demo.partners import load_partners
from directory.firms.models import Firm
from directory.partners.models import Engagement, EngagementAttachment
from tests.factories import make_image_bytes, make_member, make_staff
from tests.partners.helpers import PDF_BYTES

pytestmark = pytest.mark.django_db(transaction=True)


def _rows() -> dict[str, list]:
    rows = {}
    for model in apps.get_models(include_auto_created=True):
        if model._meta.app_label == "changes":
            continue  # the change log: a restore adds an "everything changed" row on purpose
        rows[model._meta.label] = list(model._default_manager.order_by("pk").values_list())
    return rows


def _files() -> dict[str, str]:
    found = {}
    for label, root in (("media", settings.MEDIA_ROOT), ("private", settings.PRIVATE_MEDIA_ROOT)):
        root = Path(root)
        for path in sorted(root.rglob("*")) if root.exists() else []:
            if path.is_file():
                found[f"{label}/{path.relative_to(root)}"] = hashlib.sha256(
                    path.read_bytes()
                ).hexdigest()
    return found


def _wipe():
    call_command("flush", interactive=False, verbosity=0)
    for root in (settings.MEDIA_ROOT, settings.PRIVATE_MEDIA_ROOT):
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture
def site():
    """The demo data plus a published logo, a pending logo and a private attachment."""
    load_reference_data()
    load_firms()
    load_partners()
    firm = Firm.objects.get(slug="hancom")
    owner = make_member(firm, username="owner")
    staff = make_staff(username="staff")
    base = snapshot(firm)
    first = ProfileChange.objects.create(
        firm=firm, base=base, data={**base, "summary_ko": "승인된 요약"}, submitted_by=owner
    )
    first.logo.save("logo.png", ContentFile(make_image_bytes("PNG", size=(200, 100))))
    approve_change(first.pk, staff)
    base = snapshot(firm)
    pending = ProfileChange.objects.create(
        firm=firm, base=base, data={**base, "summary_ko": "대기 중"}, submitted_by=owner
    )
    pending.logo.save("logo.png", ContentFile(make_image_bytes("JPEG", size=(120, 80))))
    engagement = Engagement.objects.first()
    attachment = EngagementAttachment(
        engagement=engagement, original_name="MOU.pdf", content_type="application/pdf",
        size=len(PDF_BYTES), uploaded_by=staff,
    )  # fmt: skip
    attachment.file.save("mou.pdf", ContentFile(PDF_BYTES))
    return firm


def _backup(tmp_path) -> Path:
    out = tmp_path / "backups"
    call_command("backup", output_dir=out, verbosity=0)
    (archive,) = out.glob("gagyo-backup-*.tar.gz")
    return archive


def test_round_trip_brings_back_every_row_and_file(site, tmp_path):
    rows, files = _rows(), _files()
    assert any(name.startswith("media/logos/") for name in files)
    assert any(name.startswith("private/pending-logos/") for name in files)
    assert any(name.startswith("private/engagements/") for name in files)
    archive = _backup(tmp_path)
    _wipe()
    assert Firm.objects.count() == 0 and _files() == {}

    call_command("restore", str(archive), verbosity=0)

    assert _rows() == rows
    assert _files() == files
    assert Change.objects.latest("id").kind == Kind.ALL  # every process starts afresh


def test_manifest_lists_version_migrations_and_checksums(site, tmp_path):
    archive = _backup(tmp_path)
    with tarfile.open(archive) as tar:
        manifest = json.load(tar.extractfile("manifest.json"))
        names = set(tar.getnames())
    assert manifest["format"] == "gagyo-backup" and manifest["format_version"] == 1
    assert manifest["database"]["vendor"] in {"sqlite", "postgresql"}
    assert "0003_pending_logos_private" in manifest["migrations"]["accounts"]
    assert manifest["app_version"]
    assert set(manifest["files"]) | {"manifest.json"} == names
    assert all(len(meta["sha256"]) == 64 for meta in manifest["files"].values())
    assert archive.stat().st_mode & 0o077 == 0


def test_restore_refuses_a_database_that_holds_data(site, tmp_path):
    archive = _backup(tmp_path)
    Firm.objects.filter(slug="hancom").update(summary_ko="지금 값")
    with pytest.raises(CommandError, match="The database is not empty"):
        call_command("restore", str(archive), verbosity=0)
    assert Firm.objects.get(slug="hancom").summary_ko == "지금 값"


def test_restore_force_replaces_existing_data(site, tmp_path):
    rows = _rows()
    archive = _backup(tmp_path)
    Firm.objects.filter(slug="hancom").update(summary_ko="지금 값")
    call_command("restore", str(archive), force=True, verbosity=0)
    assert _rows() == rows


def test_a_damaged_archive_is_refused_before_anything_changes(site, tmp_path):
    archive = _backup(tmp_path)
    damaged = tmp_path / "damaged.tar.gz"
    with tarfile.open(archive) as src, tarfile.open(damaged, "w:gz") as dst:
        for member in src.getmembers():
            data = src.extractfile(member).read()
            if member.name.startswith("private/engagements/"):
                data = data.replace(b"%PDF", b"%PDX")
            member.size = len(data)
            dst.addfile(member, io.BytesIO(data))
    _wipe()
    with pytest.raises(CommandError, match="Checksum mismatch"):
        call_command("restore", str(damaged), verbosity=0)
    assert Firm.objects.count() == 0


def test_restore_refuses_something_that_is_not_a_backup(db, tmp_path):
    bogus = tmp_path / "bogus.tar.gz"
    with tarfile.open(bogus, "w:gz") as tar:
        tar.add(__file__, arcname="hello.py")
    with pytest.raises(CommandError, match="not a Gagyo backup"):
        call_command("restore", str(bogus), verbosity=0)
    with pytest.raises(CommandError, match="No such file"):
        call_command("restore", str(tmp_path / "missing.tar.gz"), verbosity=0)


def test_keep_prunes_older_archives(db, tmp_path):
    out = tmp_path / "backups"
    out.mkdir()
    for stamp in ("20250101T000000Z", "20250102T000000Z", "20250103T000000Z"):
        (out / f"gagyo-backup-{stamp}.tar.gz").write_bytes(b"old")
    call_command("backup", output_dir=out, keep=2, verbosity=0)
    remaining = sorted(p.name for p in out.glob("gagyo-backup-*.tar.gz"))
    assert len(remaining) == 2
    assert remaining[0] == "gagyo-backup-20250103T000000Z.tar.gz"
