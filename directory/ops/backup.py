"""One-file backups: database, uploads and private files, with a manifest of checksums.

Archive layout (``gagyo-backup-<UTC time>.tar.gz``)::

    manifest.json           format version, when, app version, database kind, migrations,
                            and the size and SHA-256 of every other member
    database/db.sqlite3     SQLite: a consistent copy made with SQLite's online backup API
    database/db.pgdump      PostgreSQL: ``pg_dump --format=custom``
    media/...               MEDIA_ROOT (published logos and thumbnails)
    private/...             PRIVATE_MEDIA_ROOT (attachments, pending logos)

``restore`` verifies every checksum before touching anything, refuses a database that holds
data (unless forced), then brings back the database and the files.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath

import django
from django.conf import settings
from django.db import connection
from django.db.migrations.recorder import MigrationRecorder

from directory.changes import log as change_log

FORMAT = "gagyo-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
# Tables that exist with rows in any migrated database; they do not make it "non-empty".
# Bookkeeping that an empty database may hold: Django's own tables, and the change log (whose
# triggers also log the deletions that emptied it).
FRAMEWORK_TABLES = {
    "django_migrations",
    "django_content_type",
    "auth_permission",
    "gagyo_change",
    "gagyo_change_cursor",
}


class BackupError(Exception):
    """Something an operator must fix; the message says what."""


@dataclass(frozen=True)
class Result:
    path: Path
    manifest: dict


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1024 * 1024), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _files_under(root: Path) -> Iterator[Path]:
    if root.is_dir():
        for path in sorted(root.rglob("*")):
            if path.is_file() and not path.is_symlink():
                yield path


def app_version() -> str:
    """GAGYO_VERSION if the deployment sets it, else the git commit, else 'unknown'."""
    if os.environ.get("GAGYO_VERSION"):
        return os.environ["GAGYO_VERSION"]
    try:
        out = subprocess.run(
            ["git", "rev-parse", "HEAD"],
            cwd=settings.BASE_DIR,
            capture_output=True,
            text=True,
            timeout=10,
        )
    except (OSError, subprocess.SubprocessError):
        return "unknown"
    return out.stdout.strip() if out.returncode == 0 else "unknown"


def applied_migrations() -> dict[str, list[str]]:
    applied: dict[str, list[str]] = {}
    for app, name in sorted(MigrationRecorder(connection).applied_migrations()):
        applied.setdefault(app, []).append(name)
    return applied


# --- database dumps ------------------------------------------------------------------------


def _pg_env() -> dict[str, str]:
    db = connection.settings_dict
    env = {**os.environ}
    for key, var in (("HOST", "PGHOST"), ("PORT", "PGPORT"), ("USER", "PGUSER")):
        if db.get(key):
            env[var] = str(db[key])
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])
    env["PGDATABASE"] = str(db["NAME"])
    return env


def _run(command: list[str], env: dict[str, str]) -> None:
    try:
        result = subprocess.run(command, env=env, capture_output=True, text=True)
    except FileNotFoundError:
        raise BackupError(
            f"{command[0]} was not found; install the PostgreSQL client tools "
            "(Debian: postgresql-client) of the server's major version."
        ) from None
    if result.returncode != 0:
        raise BackupError(f"{command[0]} failed: {result.stderr.strip()}")


def dump_database(target_dir: Path) -> Path:
    vendor = connection.vendor
    if vendor == "sqlite":
        target = target_dir / "db.sqlite3"
        connection.ensure_connection()
        with sqlite3.connect(target) as copy:
            # A consistent snapshot even while the site is writing (online backup API).
            connection.connection.backup(copy)
        copy.close()
        return target
    if vendor == "postgresql":
        target = target_dir / "db.pgdump"
        _run(["pg_dump", "--format=custom", "--no-owner", "--file", str(target)], _pg_env())
        return target
    raise BackupError(f"Backups of {vendor} databases are not supported.")


def load_database(dump: Path, vendor: str) -> None:
    if vendor != connection.vendor:
        raise BackupError(
            f"This archive holds a {vendor} database but this site uses {connection.vendor}; "
            "restore it into the same kind of database."
        )
    if vendor == "sqlite":
        connection.ensure_connection()
        with sqlite3.connect(dump) as source:
            source.backup(connection.connection)
        source.close()
        return
    connection.close()
    _run(
        [
            "pg_restore",
            "--clean",
            "--if-exists",
            "--no-owner",
            "--single-transaction",
            "--exit-on-error",
            "--dbname",
            str(connection.settings_dict["NAME"]),
            str(dump),
        ],
        _pg_env(),
    )


def tables_with_data() -> list[str]:
    """The project's tables that hold rows (framework bookkeeping tables excepted)."""
    names = set(connection.introspection.table_names()) & set(
        connection.introspection.django_table_names(only_existing=True)
    )
    found = []
    with connection.cursor() as cursor:
        for name in sorted(names - FRAMEWORK_TABLES):
            cursor.execute(f"SELECT 1 FROM {connection.ops.quote_name(name)} LIMIT 1")  # noqa: S608
            if cursor.fetchone():
                found.append(name)
    return found


# --- archive -------------------------------------------------------------------------------


def _archive_name(now: datetime) -> str:
    return f"gagyo-backup-{now:%Y%m%dT%H%M%SZ}.tar.gz"


def create(output_dir: Path) -> Result:
    """Write one archive into ``output_dir`` and return its path and manifest."""
    output_dir.mkdir(parents=True, exist_ok=True)
    now = datetime.now(UTC)
    roots = {"media": Path(settings.MEDIA_ROOT), "private": Path(settings.PRIVATE_MEDIA_ROOT)}
    with tempfile.TemporaryDirectory(prefix="gagyo-backup-") as tmp:
        dump = dump_database(Path(tmp))
        members: list[tuple[str, Path]] = [(f"database/{dump.name}", dump)]
        for prefix, root in roots.items():
            for path in _files_under(root):
                members.append((f"{prefix}/{path.relative_to(root).as_posix()}", path))
        manifest = {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "created_at": now.isoformat(),
            "app_version": app_version(),
            "django_version": django.get_version(),
            "database": {"vendor": connection.vendor, "member": f"database/{dump.name}"},
            "migrations": applied_migrations(),
            "files": {
                name: {"size": p.stat().st_size, "sha256": _sha256(p)} for name, p in members
            },
        }
        final = output_dir / _archive_name(now)
        partial = final.with_suffix(".partial")
        with tarfile.open(partial, "w:gz") as tar:
            data = json.dumps(manifest, indent=2, ensure_ascii=False).encode()
            info = tarfile.TarInfo(MANIFEST)
            info.size = len(data)
            info.mtime = int(now.timestamp())
            tar.addfile(info, io.BytesIO(data))
            for name, path in members:
                tar.add(path, arcname=name, recursive=False)
        partial.replace(final)
        final.chmod(0o600)  # it holds confidential notes and contacts
    return Result(final, manifest)


def prune(output_dir: Path, keep: int) -> list[Path]:
    """Delete all but the ``keep`` newest archives in ``output_dir``; return what was deleted."""
    archives = sorted(output_dir.glob("gagyo-backup-*.tar.gz"))
    doomed = archives[:-keep] if keep > 0 else []
    for path in doomed:
        path.unlink()
    return doomed


def read_manifest(tar: tarfile.TarFile) -> dict:
    try:
        manifest = json.load(tar.extractfile(MANIFEST))
    except (KeyError, TypeError, ValueError):
        raise BackupError("This file is not a Gagyo backup (no readable manifest.json).") from None
    if manifest.get("format") != FORMAT:
        raise BackupError("This file is not a Gagyo backup.")
    if manifest.get("format_version") != FORMAT_VERSION:
        raise BackupError(
            f"This backup has format version {manifest.get('format_version')}; this version "
            f"of Gagyo restores version {FORMAT_VERSION}."
        )
    return manifest


def _safe_member(name: str) -> PurePosixPath:
    path = PurePosixPath(name)
    if (
        path.is_absolute()
        or ".." in path.parts
        or path.parts[0] not in {"database", "media", "private"}
    ):
        raise BackupError(f"Refusing an unexpected path in the archive: {name}")
    return path


def restore(archive: Path, *, force: bool = False) -> dict:
    """Bring an archive back. Raises BackupError (nothing changed) when it cannot."""
    if not archive.is_file():
        raise BackupError(f"No such file: {archive}")
    try:
        tar = tarfile.open(archive, "r:gz")  # noqa: SIM115 - closed by the `with` below
    except (tarfile.TarError, OSError) as exc:
        raise BackupError(f"Cannot read {archive}: {exc}") from None
    with tar, tempfile.TemporaryDirectory(prefix="gagyo-restore-") as tmp:
        manifest = read_manifest(tar)
        files = manifest["files"]
        for name in files:
            _safe_member(name)
        names_in_archive = {m.name for m in tar.getmembers() if m.isfile()} - {MANIFEST}
        if names_in_archive != set(files):
            raise BackupError("The archive's contents do not match its manifest.")
        tar.extractall(tmp, members=[tar.getmember(n) for n in files], filter="data")
        for name, meta in files.items():
            if _sha256(Path(tmp, name)) != meta["sha256"]:
                raise BackupError(f"Checksum mismatch for {name}: the archive is damaged.")
        busy = tables_with_data()
        if busy and not force:
            raise BackupError(
                "The database is not empty (data in "
                + ", ".join(busy[:5])
                + ("…" if len(busy) > 5 else "")
                + "). Restore into a new, empty database, or pass --force to replace it."
            )
        roots = {"media": Path(settings.MEDIA_ROOT), "private": Path(settings.PRIVATE_MEDIA_ROOT)}
        occupied = [str(root) for root in roots.values() if any(_files_under(root))]
        if occupied and not force:
            raise BackupError(
                "These folders already hold files: "
                + ", ".join(occupied)
                + ". Empty them, or pass --force to restore over them."
            )
        database = manifest["database"]
        load_database(Path(tmp, database["member"]), database["vendor"])
        for name in files:
            prefix, _, rest = name.partition("/")
            if prefix in roots:
                target = roots[prefix] / rest
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(Path(tmp, name), target)
    # Every process's derived data (search documents, indexes) starts afresh from the restored rows.
    change_log.record_all()
    return manifest
