"""Back up, restore into another database and media directory, and find everything again."""

import gzip
import io
import json
import tarfile

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection, connections
from django.db.migrations.recorder import MigrationRecorder

from apps.core.backup import databases
from apps.core.backup.archive import EncryptedReader
from apps.core.backup.services import key_fingerprint
from apps.core.crypto import keyed_hash
from apps.organizations.models import Organization
from apps.volunteers.models import Volunteer

from .conftest import MEDIA_MARKER, RESTORED, migrate_in_another_process, table_names

pytestmark = pytest.mark.django_db(transaction=True)


def _restore(archive, *args, **options):
    out = io.StringIO()
    call_command("restore", str(archive), *args, stdout=out, **options)
    return out.getvalue()


def test_restored_database_and_media_equal_the_originals(source, places, restored):
    places.use_media("media-restored")
    output = _restore(source.archive, database=RESTORED)

    assert "counts match the manifest" in output and "2 media files" in output
    # Every table, row for row (counted on both sides, not only against the manifest).
    assert table_names(RESTORED) == table_names("default")
    assert databases.table_counts(connections[RESTORED]) == databases.table_counts(connection)
    assert Volunteer.objects.using(RESTORED).count() == 5
    # Personal data decrypts to the originals through the models, read from the restored database,
    # and the keyed-hash look-up still finds people.
    for volunteer in source.volunteers:
        copy = Volunteer.objects.using(RESTORED).get(pk=volunteer.pk)
        assert (copy.id_number, copy.phone, copy.name) == (volunteer.id_number, volunteer.phone, volunteer.name)
        assert Volunteer.objects.using(RESTORED).get(id_number_hash=keyed_hash(volunteer.id_number)) == copy
    organization = Organization.objects.using(RESTORED).get(pk=source.organization_pk)
    assert organization.contact_phone == source.organization_phone
    # Uploads, byte for byte, under the same names.
    restored_media = places.root / "media-restored"
    assert {path.relative_to(restored_media).as_posix(): path.read_bytes()
            for path in restored_media.rglob("*") if path.is_file()} == source.media


def test_backup_reports_what_it_wrote_and_the_manifest_describes_it(source, places):
    out = io.StringIO()
    call_command("backup", stdout=out)  # default name under BACKUP_DIR
    [archive] = places.backups.glob("gongzhi-*.gzbak")
    total = sum(databases.table_counts(connection).values())
    assert f"Wrote {archive}" in out.getvalue() and f"{total:,} rows" in out.getvalue()
    assert f"{len(table_names('default'))} tables" in out.getvalue()
    assert oct(archive.stat().st_mode & 0o777) == "0o600"
    assert [path.name for path in places.backups.iterdir()] == [archive.name]  # no snapshot or .part left

    manifest = _manifest(archive)
    assert manifest["database"]["vendor"] == connection.vendor
    assert manifest["tables"] == databases.table_counts(connection)
    assert manifest["rows_total"] == total
    latest = {}
    for migration in MigrationRecorder.Migration.objects.order_by("id"):
        latest[migration.app] = migration.name
    assert manifest["migrations"] == latest
    assert manifest["media"] == {"files": 2, "bytes": sum(len(data) for data in source.media.values())}
    # Keys are named by fingerprint only.
    assert manifest["keys"] == {"data": [key_fingerprint(key) for key in settings.DATA_ENCRYPTION_KEYS],
                                "hash": key_fingerprint(settings.DATA_HASH_KEY)}
    assert not any(key.encode() in archive.read_bytes() + _plain(archive)
                   for key in [*settings.DATA_ENCRYPTION_KEYS, settings.DATA_HASH_KEY, *settings.BACKUP_KEYS])


def test_archive_holds_no_plaintext(source):
    sealed = source.archive.read_bytes()
    inside = _plain(source.archive)
    for volunteer in source.volunteers:
        assert volunteer.id_number.encode() not in sealed and volunteer.phone.encode() not in sealed
        # In the database they are Fernet tokens already: not even the decrypted archive holds them.
        assert volunteer.id_number.encode() not in inside and volunteer.phone.encode() not in inside
        # Names are plain in the database: the decrypted archive shows them (so this test sees
        # content), the archive file does not.
        assert volunteer.name.encode() in inside and volunteer.name.encode() not in sealed
    assert source.organization_phone.encode() not in sealed + inside
    assert MEDIA_MARKER in inside and MEDIA_MARKER not in sealed


def test_restore_into_a_freshly_migrated_database(source, places, restored):
    """The usual fresh machine, where `migrate` ran before the restore: migrate's own rows
    (content types, permissions, default service domains, catalogue, star thresholds) do not
    make the target count as holding data. Fails when a migration adds a new kind of default
    row that databases.MIGRATE_DEFAULT_MODELS does not name."""
    migrate_in_another_process(RESTORED, places.root / "var")
    assert databases.table_counts(connections[RESTORED])["volunteers_starthreshold"] == 5
    places.use_media("media-restored")

    assert "counts match the manifest" in _restore(source.archive, database=RESTORED)

    assert databases.table_counts(connections[RESTORED]) == databases.table_counts(connection)
    volunteer = source.volunteers[0]
    assert Volunteer.objects.using(RESTORED).get(pk=volunteer.pk).id_number == volunteer.id_number


def _plain(archive) -> bytes:
    with archive.open("rb") as raw:
        reader = EncryptedReader(raw, settings.BACKUP_KEYS)
        return gzip.decompress(reader.read() + b"".join(iter(reader.read, b"")))


def _manifest(archive):
    with archive.open("rb") as raw:
        with tarfile.open(fileobj=EncryptedReader(raw, settings.BACKUP_KEYS), mode="r|gz") as tar:
            return json.loads(tar.extractfile(next(iter(tar))).read())
