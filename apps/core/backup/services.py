"""Backup and restore of the whole deployment: database snapshot, uploaded files, manifest.

Inside the encrypted stream (``archive``) an archive is a gzip-compressed tar with, in order:

    manifest.json              format version, creation time, database vendor and version,
                               app commit, migrations (latest per app and the full list), row
                               counts per table, media file count and bytes, fingerprints of
                               the data keys and the hash key (HMACs of a constant, never keys)
    database.sqlite3 | database.pgdump   the snapshot (``databases``)
    media/...                  every regular file under the default storage's location

The manifest comes first so that restore refuses a wrong vendor, foreign data keys or a
newer code version before extracting anything big. Media is read after the database
snapshot: uploads are never changed or deleted in place, so every file the snapshot names
is there (a file uploaded meanwhile is an orphan, harmless).

Restore extracts into a private staging directory under ``settings.BACKUP_DIR`` and only
touches the target database and media once the whole archive has been authenticated.
"""

import hashlib
import hmac
import io
import json
import os
import platform
import shutil
import subprocess
import tarfile
import tempfile
import zlib
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

import django
from django.apps import apps
from django.conf import settings
from django.core.files.storage import FileSystemStorage, default_storage
from django.db import connections
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.loader import MigrationLoader
from django.utils import timezone

from . import databases
from .archive import BackupError, Damaged, EncryptedReader, EncryptedWriter, parse_key

FORMAT = 1
MANIFEST = "manifest.json"
_MEDIA = "media"


@dataclass
class BackupResult:
    path: Path
    size: int
    manifest: dict


@dataclass
class RestoreResult:
    manifest: dict
    media_files: int
    media_replaced: int
    pending_migrations: int


def media_root() -> Path:
    if not isinstance(default_storage, FileSystemStorage):
        raise BackupError("Only uploaded files on the local file system (FileSystemStorage) can be backed up.")
    return Path(default_storage.location).resolve()


def key_fingerprint(secret: str | None) -> str | None:
    """Names a key without revealing it: equal keys, equal fingerprints."""
    if not secret:
        return None
    return hmac.new(secret.encode(), b"gongzhi key fingerprint", hashlib.sha256).hexdigest()[:16]


def _key_fingerprints() -> dict:
    return {"data": [key_fingerprint(key) for key in settings.DATA_ENCRYPTION_KEYS],
            "hash": key_fingerprint(settings.DATA_HASH_KEY)}


def _backup_keys() -> list[str]:
    keys = list(settings.BACKUP_KEYS)
    if not keys:
        raise BackupError("No backup key is configured: set GONGZHI_BACKUP_KEYS (a Fernet key; see the README).")
    for key in keys:
        parse_key(key)
    return keys


def default_output() -> Path:
    return Path(settings.BACKUP_DIR) / f"gongzhi-{timezone.localtime():%Y-%m-%dT%H%M%S}.gzbak"


def _refuse_served_dirs(path: Path):
    """Archives hold everything: never put one where the application serves files from."""
    served = [media_root(), settings.STATIC_ROOT]
    served += [entry[1] if isinstance(entry, (list, tuple)) else entry for entry in settings.STATICFILES_DIRS]
    for directory in filter(None, served):
        directory = Path(directory).resolve()
        if path == directory or directory in path.parents:
            raise BackupError(f"Refusing to write a backup into {directory}: the application serves files from there.")


def backup_create(*, output: Path | None = None, using: str = "default") -> BackupResult:
    key = _backup_keys()[0]
    output = Path(output or default_output()).absolute()
    output = output.parent.resolve() / output.name
    _refuse_served_dirs(output)
    if output.exists():
        raise BackupError(f"{output} exists already: backups are never overwritten.")
    output.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    media = media_root()
    partial = output.with_name(output.name + ".part")
    try:
        descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        raise BackupError(f"{partial} exists: another backup is running, or a failed one left it behind.") from None
    # The plain snapshot sits next to the archive (as private as the database itself) rather
    # than in /tmp, which may be a small RAM disk.
    workdir = Path(tempfile.mkdtemp(prefix=".gongzhi-backup-", dir=output.parent))
    try:
        with open(descriptor, "wb") as raw:
            snapshot = databases.snapshot(connections[using], workdir)
            media_files = _media_files(media)
            manifest = _manifest(snapshot, media_files)
            writer = EncryptedWriter(raw, key)
            with tarfile.open(fileobj=writer, mode="w|gz", compresslevel=6) as tar:
                _add_bytes(tar, MANIFEST, json.dumps(manifest, indent=1, ensure_ascii=False).encode())
                tar.add(snapshot.path, arcname=snapshot.arcname, filter=_anonymous)
                for relative, _size in media_files:
                    tar.add(media / relative, arcname=f"{_MEDIA}/{relative}", recursive=False, filter=_anonymous)
            writer.close()
            raw.flush()
            os.fsync(raw.fileno())
        os.replace(partial, output)  # a failed run leaves no file that looks like a backup
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    return BackupResult(output, output.stat().st_size, manifest)


def _media_files(media: Path) -> list[tuple[str, int]]:
    files = []
    for directory, dirnames, filenames in os.walk(media):
        dirnames.sort()
        for name in sorted(filenames):
            path = Path(directory) / name
            if path.is_file() and not path.is_symlink():
                files.append((path.relative_to(media).as_posix(), path.stat().st_size))
    return files


def _anonymous(info: tarfile.TarInfo) -> tarfile.TarInfo:
    # The server's user names and ids mean nothing on the machine that restores.
    info.uid = info.gid = 0
    info.uname = info.gname = ""
    return info


def _add_bytes(tar, name: str, data: bytes):
    info = tarfile.TarInfo(name)
    info.size, info.mtime, info.mode = len(data), int(timezone.now().timestamp()), 0o600
    tar.addfile(info, io.BytesIO(data))


def _manifest(snapshot, media_files) -> dict:
    latest = {}
    for app, name in snapshot.applied_migrations:
        latest[app] = name  # in order of application: the last one wins
    return {
        "format": FORMAT,
        "created_at": timezone.localtime().isoformat(timespec="seconds"),
        "database": {"vendor": snapshot.vendor, "server_version": snapshot.server_version,
                     "file": snapshot.arcname},
        "app": {"commit": _commit(), "django": django.get_version(), "python": platform.python_version()},
        "migrations": latest,
        "applied_migrations": [list(pair) for pair in snapshot.applied_migrations],
        "tables": snapshot.tables,
        "rows_total": sum(snapshot.tables.values()),
        "media": {"files": len(media_files), "bytes": sum(size for _name, size in media_files)},
        "keys": _key_fingerprints(),
    }


def _commit() -> str | None:
    try:
        result = subprocess.run(["git", "rev-parse", "HEAD"], cwd=settings.BASE_DIR, capture_output=True,
                                text=True, timeout=10, check=False)
    except OSError:
        return None
    if result.returncode != 0:
        return None
    return result.stdout.strip() or None


def backup_restore(*, path: Path, using: str = "default", overwrite_media: bool = False) -> RestoreResult:
    keys = _backup_keys()
    if not Path(path).is_file():
        raise BackupError(f"{path}: no such archive.")
    connection = connections[using]
    media = media_root()
    # Cheap refusals first, before reading a possibly large archive.
    if connection.in_atomic_block:
        raise BackupError("A restore cannot run inside a transaction.")
    databases.ensure_empty(connection)
    existing = {relative for relative, _size in _media_files(media)} if media.exists() else set()
    if existing and not overwrite_media:
        raise BackupError(f"The media directory {media} is not empty ({len(existing)} files): "
                          "pass --yes to overwrite files of the same name.")
    staging_parent = Path(settings.BACKUP_DIR)
    staging_parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".gongzhi-restore-", dir=staging_parent))
    try:
        manifest = _extract(Path(path), keys, staging, connection)
        databases.restore(connection, staging / manifest["database"]["file"])
        restored_media = _move_media(staging / _MEDIA, media)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    _check_counts(manifest, databases.table_counts(connection))
    executor = MigrationExecutor(connection)
    pending = executor.migration_plan(executor.loader.graph.leaf_nodes())
    return RestoreResult(manifest, len(restored_media), len(restored_media & existing), len(pending))


def _extract(path: Path, keys, staging: Path, connection) -> dict:
    """Authenticate the whole archive while unpacking it into ``staging``; returns the manifest."""
    manifest = None
    try:
        with open(path, "rb") as raw:
            reader = EncryptedReader(raw, keys)
            with tarfile.open(fileobj=reader, mode="r|gz") as tar:
                for member in tar:
                    if manifest is None:
                        if member.name != MANIFEST or not member.isfile():
                            raise Damaged("The archive does not start with its manifest.")
                        manifest = json.loads(tar.extractfile(member).read())
                        _check_manifest(manifest, connection)
                        continue
                    _check_member(member, manifest)
                    tar.extract(member, staging, filter="data")
            reader.verify_end()
    except (tarfile.TarError, zlib.error, EOFError, json.JSONDecodeError) as error:
        # Only an archive made with the right key but wrong content gets here.
        raise Damaged(f"The archive's content is unreadable: {error}") from error
    if manifest is None or not (staging / manifest["database"]["file"]).is_file():
        raise Damaged("The archive holds no database snapshot.")
    return manifest


def _check_member(member: tarfile.TarInfo, manifest: dict):
    name = PurePosixPath(member.name)
    expected = name.as_posix() == manifest["database"]["file"] or (name.parts[0] == _MEDIA and len(name.parts) > 1)
    if not expected or not (member.isfile() or member.isdir()):
        raise Damaged(f"Unexpected entry in the archive: {member.name}")


def _check_manifest(manifest: dict, connection):
    if manifest.get("format") != FORMAT:
        raise BackupError(f"Unsupported archive content format {manifest.get('format')!r}.")
    vendor = manifest["database"]["vendor"]
    if vendor != connection.vendor:
        raise BackupError(f"The archive holds a {vendor} database; the target is {connection.vendor}.")
    current = _key_fingerprints()
    missing = [fp for fp in manifest["keys"]["data"] if fp not in current["data"]]
    if missing or manifest["keys"]["hash"] != current["hash"]:
        raise BackupError(
            "The current GONGZHI_DATA_KEYS / GONGZHI_HASH_KEY are not the ones of the archive, so the restored "
            f"personal data would be unreadable. Archive: data keys {manifest['keys']['data']}, hash key "
            f"{manifest['keys']['hash']}; configured: data keys {current['data']}, hash key {current['hash']} "
            "(fingerprints, not keys). Configure the keys the archive was made with."
        )
    known = set(MigrationLoader(None, ignore_no_migrations=True).disk_migrations)
    installed = {config.label for config in apps.get_app_configs()}
    unknown = [f"{app}.{name}" for app, name in manifest["applied_migrations"]
               if app in installed and (app, name) not in known]
    if unknown:
        raise BackupError(
            f"The archive was made by a newer version of Gongzhi (commit {manifest['app']['commit']}): "
            f"migrations unknown here: {', '.join(unknown[:5])}. Deploy that version first."
        )


def _move_media(source: Path, media: Path) -> set[str]:
    moved = set()
    if not source.is_dir():
        return moved
    for relative, _size in _media_files(source):
        target = media / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(source / relative, target)
        moved.add(relative)
    return moved


def _check_counts(manifest: dict, counts: dict[str, int]):
    differing = {table: (expected, counts.get(table)) for table, expected in manifest["tables"].items()
                 if counts.get(table) != expected}
    if differing:
        details = ", ".join(f"{table}: {got} rows, archive {expected}" for table, (expected, got) in differing.items())
        raise BackupError(f"Restored, but the row counts differ from the archive's manifest: {details}")
