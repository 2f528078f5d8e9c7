"""What backup and restore refuse, and that a refused restore changes nothing."""

import io

import pytest
from auditlog.models import LogEntry
from cryptography.fernet import Fernet
from django.core.management import CommandError, call_command
from django.db import connection

from apps.accounts.models import User
from apps.core.backup import databases
from apps.volunteers.models import Volunteer

from .conftest import RESTORED, rewrite_manifest, table_names

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def target(places, restored):
    """An empty database and an empty media directory to restore into."""
    places.use_media("media-restored")
    return restored


def _restore(archive, **options):
    call_command("restore", str(archive), stdout=io.StringIO(), **options)


def _assert_untouched(places):
    assert table_names(RESTORED) == []
    media = places.root / "media-restored"
    assert not media.exists() or not any(media.iterdir())
    assert not list(places.backups.glob(".gongzhi-restore-*"))  # staging cleaned up


def _damaged_copy(places, archive, change):
    data = bytearray(archive.read_bytes())
    change(data)
    copy = places.root / "damaged.gzbak"
    copy.write_bytes(bytes(data))
    return copy


@pytest.mark.parametrize(("change", "message"), [
    (lambda data: data.__setitem__(len(data) // 2, data[len(data) // 2] ^ 0x01), "damaged or was tampered with"),
    (lambda data: data.__delitem__(slice(-100, None)), "truncated"),
    (lambda data: data.__delitem__(slice(60, None)), "truncated"),
    (lambda data: data.extend(b"more"), "data after its last chunk"),
], ids=["flipped bit", "cut in the last chunk", "cut after the header", "bytes appended"])
def test_a_damaged_archive_is_refused_and_nothing_changes(source, places, target, change, message):
    with pytest.raises(CommandError, match=message):
        _restore(_damaged_copy(places, source.archive, change), database=target)
    _assert_untouched(places)


def test_another_backup_key_is_refused_and_old_keys_still_open(source, places, target, settings):
    old_key = settings.BACKUP_KEYS[0]
    settings.BACKUP_KEYS = [Fernet.generate_key().decode()]
    with pytest.raises(CommandError, match="another backup key"):
        _restore(source.archive, database=target)
    _assert_untouched(places)

    settings.BACKUP_KEYS = [Fernet.generate_key().decode(), old_key]  # rotated: the old key decrypts
    _restore(source.archive, database=target)
    assert Volunteer.objects.using(target).count() == 5


@pytest.mark.parametrize("setting", ["DATA_ENCRYPTION_KEYS", "DATA_HASH_KEY"])
def test_other_data_keys_are_refused(source, places, target, settings, setting):
    setattr(settings, setting, [Fernet.generate_key().decode()] if setting == "DATA_ENCRYPTION_KEYS" else "other")
    with pytest.raises(CommandError, match="not the ones of the archive") as error:
        _restore(source.archive, database=target)
    assert "fingerprints, not keys" in str(error.value)
    _assert_untouched(places)


def test_an_added_data_key_is_fine(source, target, settings):
    settings.DATA_ENCRYPTION_KEYS = [Fernet.generate_key().decode(), *settings.DATA_ENCRYPTION_KEYS]
    _restore(source.archive, database=target)
    volunteer = source.volunteers[0]
    assert Volunteer.objects.using(target).get(pk=volunteer.pk).phone == volunteer.phone


def test_a_database_with_data_is_refused(source, places):
    counts = databases.table_counts(connection)
    places.use_media("media-restored")
    with pytest.raises(CommandError, match=r"not empty: rows in \d+ table\(s\), e\.g\. accounts_membership"):
        _restore(source.archive)  # the default database, where the source data is
    assert databases.table_counts(connection) == counts


def test_only_migrates_own_rows_leave_a_database_empty():
    # The test database between transactional tests: migrated, then flushed, which re-creates
    # the default rows through the live models, so auditlog recorded them (migrate does not).
    LogEntry.objects.all().delete()
    databases.ensure_empty(connection)  # content types, permissions, default domains, thresholds...
    User.objects.create_user(username="someone")
    with pytest.raises(databases.NotEmpty, match=r"e\.g\. accounts_user \(1\)"):
        databases.ensure_empty(connection)


def test_media_with_files_needs_yes_and_is_then_overwritten(source, places, target):
    media = places.root / "media-restored"
    [name] = [name for name in source.media if name.endswith("r.pdf")]
    (media / name).parent.mkdir(parents=True)
    (media / name).write_bytes(b"old content")
    (media / "kept.txt").write_text("not in the archive")

    with pytest.raises(CommandError, match="media directory .* is not empty .* --yes"):
        _restore(source.archive, database=target)
    assert table_names(RESTORED) == [] and (media / name).read_bytes() == b"old content"

    out = io.StringIO()
    call_command("restore", str(source.archive), database=target, yes=True, stdout=out)
    assert "2 media files (1 replaced existing files)" in out.getvalue()
    assert (media / name).read_bytes() == source.media[name]
    assert (media / "kept.txt").read_text() == "not in the archive"


def test_an_archive_of_a_newer_version_is_refused(source, places, target):
    def future(manifest):
        manifest["applied_migrations"].append(["volunteers", "9999_from_the_future"])
        return manifest

    with pytest.raises(CommandError, match="newer version .* volunteers.9999_from_the_future"):
        _restore(rewrite_manifest(source.archive, future), database=target)
    _assert_untouched(places)


def test_an_archive_of_another_vendor_is_refused(source, places, target):
    other = "postgresql" if connection.vendor == "sqlite" else "sqlite"

    def elsewhere(manifest):
        manifest["database"]["vendor"] = other
        return manifest

    with pytest.raises(CommandError, match=f"holds a {other} database; the target is {connection.vendor}"):
        _restore(rewrite_manifest(source.archive, elsewhere), database=target)
    _assert_untouched(places)


def test_row_counts_are_checked_after_the_restore(source, target):
    def lying(manifest):
        manifest["tables"]["volunteers_volunteer"] += 1
        return manifest

    with pytest.raises(CommandError, match="row counts differ .* volunteers_volunteer: 5 rows, archive 6"):
        _restore(rewrite_manifest(source.archive, lying), database=target)


def test_backup_refuses_served_directories_existing_files_and_missing_keys(source, places, settings):
    with pytest.raises(CommandError, match="Refusing to write a backup into .*media"):
        call_command("backup", output=places.root / "media" / "x.gzbak")
    settings.STATIC_ROOT = places.root / "static"
    with pytest.raises(CommandError, match="Refusing to write a backup into .*static"):
        call_command("backup", output=places.root / "static" / "sub" / "x.gzbak")
    with pytest.raises(CommandError, match="exists already"):
        call_command("backup", output=source.archive)
    (places.root / "other.gzbak.part").write_bytes(b"")
    with pytest.raises(CommandError, match="other.gzbak.part exists: another backup is running"):
        call_command("backup", output=places.root / "other.gzbak")
    assert (places.root / "other.gzbak.part").exists()  # not ours to delete
    settings.BACKUP_KEYS = []
    with pytest.raises(CommandError, match="GONGZHI_BACKUP_KEYS"):
        call_command("backup", output=places.root / "third.gzbak")
    assert not (places.root / "other.gzbak").exists() and not (places.root / "media" / "x.gzbak").exists()


def test_restore_names_a_missing_archive(places, target):
    with pytest.raises(CommandError, match="missing.gzbak: no such archive"):
        _restore(places.root / "missing.gzbak", database=target)
