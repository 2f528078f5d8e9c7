"""Fixtures of the backup tests: private media and backup directories, a second database to
restore into (SQLite: a file under tmp_path; PostgreSQL: a database created on the test
server), a world with personal data and uploads, and a way to forge archive content."""

import copy
import io
import json
import os
import secrets
import subprocess
import sys
import tarfile
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings as django_settings
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.db import connection, connections
from django.db.utils import load_backend

from apps.core.backup.archive import EncryptedReader, EncryptedWriter
from apps.organizations.models import Attachment
from tests.personas import build_world
from tests.volunteers.factories import make_volunteer

RESTORED = "restored"


@dataclass
class Places:
    root: Path
    settings: object

    @property
    def backups(self) -> Path:
        return self.root / "backups"

    def use_media(self, name: str) -> Path:
        """Point the default storage at tmp_path/<name> (and return it)."""
        location = self.root / name
        self.settings.STORAGES = {**self.settings.STORAGES, "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": location, "base_url": None},
        }}
        return location


@pytest.fixture
def places(settings, tmp_path):
    """Media and backups of the test live under tmp_path, never in the repository's var/."""
    settings.BACKUP_DIR = tmp_path / "backups"
    here = Places(tmp_path, settings)
    here.use_media("media")
    return here


@pytest.fixture
def restored(transactional_db, tmp_path):
    """The alias of a new, empty database next to the test database."""
    config = copy.deepcopy(connections.settings["default"])
    if connection.vendor == "sqlite":
        config["NAME"] = str(tmp_path / "restored.sqlite3")
    else:
        config["NAME"] = f"{connection.settings_dict['NAME']}_restored_{secrets.token_hex(4)}"
        # No pool: its idle connections would keep the database from being dropped.
        config["OPTIONS"] = {key: value for key, value in config["OPTIONS"].items() if key != "pool"}
        with connection._nodb_cursor() as cursor:
            cursor.execute(f'CREATE DATABASE "{config["NAME"]}"')
    # A connection made here rather than an alias in settings: Django's test case allows such
    # dynamically created connections, and the test database setup never sees it.
    connections[RESTORED] = load_backend(config["ENGINE"]).DatabaseWrapper(config, RESTORED)
    try:
        yield RESTORED
    finally:
        connections[RESTORED].close()
        del connections[RESTORED]
        if connection.vendor == "postgresql":
            with connection._nodb_cursor() as cursor:
                cursor.execute(f'DROP DATABASE IF EXISTS "{config["NAME"]}" WITH (FORCE)')


@dataclass
class Source:
    volunteers: list
    organization_pk: int
    organization_phone: str
    media: dict[str, bytes]
    archive: Path


MEDIA_MARKER = b"MEDIA-PLAINTEXT-MARKER-7f3a"


@pytest.fixture
def source(transactional_db, places):
    """Committed data with personal data and uploads, and a backup of it."""
    world = build_world()
    volunteers = [make_volunteer(world.community_a1, name=f"备份测试{n}号", organization=world.org_a)
                  for n in range(5)]
    world.org_a.contact_phone = "13900001111"
    world.org_a.save()
    Attachment.objects.create(organization=world.org_a, title="章程",
                              file=ContentFile(MEDIA_MARKER + bytes(range(256)) * 40, name="章程 2026.pdf"))
    Attachment.objects.create(organization=world.org_b, title="年报", file=ContentFile(b"%PDF-1.4\n", name="r.pdf"))
    media = {path.relative_to(places.root / "media").as_posix(): path.read_bytes()
             for path in (places.root / "media").rglob("*") if path.is_file()}
    archive = places.root / "archive.gzbak"
    call_command("backup", output=archive, stdout=io.StringIO())
    return Source(volunteers, world.org_a.pk, "13900001111", media, archive)


def migrate_in_another_process(alias: str, var_dir: Path):
    """``manage.py migrate`` on the database of ``alias``, as on a fresh machine. In another
    process because a data migration (activities 0003) queries the default database whatever
    database it migrates."""
    config = connections[alias].settings_dict
    if connections[alias].vendor == "sqlite":
        url = f"sqlite:///{config['NAME']}"
    else:
        credentials = quote(config["USER"]) + (f":{quote(str(config['PASSWORD']))}" if config["PASSWORD"] else "")
        url = f"postgres://{credentials}@{config['HOST']}:{config['PORT']}/{config['NAME']}"
    env = {**os.environ, "DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "config.settings.test",
           "GONGZHI_VAR_DIR": str(var_dir)}
    result = subprocess.run([sys.executable, "manage.py", "migrate", "--no-input", "-v0"], cwd=django_settings.BASE_DIR,
                            env=env, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


def table_names(alias: str) -> list[str]:
    with connections[alias].cursor() as cursor:
        return sorted(connections[alias].introspection.table_names(cursor))


def rewrite_manifest(archive: Path, edit) -> Path:
    """A copy of ``archive`` whose manifest went through ``edit`` (sealed with the same key):
    what an archive made by other code, or a lying one, looks like."""
    members = []
    with archive.open("rb") as raw:
        with tarfile.open(fileobj=EncryptedReader(raw, django_settings.BACKUP_KEYS), mode="r|gz") as tar:
            for member in tar:
                members.append((member, tar.extractfile(member).read()))
    forged = archive.with_name("forged-" + archive.name)
    with forged.open("wb") as raw:
        writer = EncryptedWriter(raw, django_settings.BACKUP_KEYS[0])
        with tarfile.open(fileobj=writer, mode="w|gz") as tar:
            for member, data in members:
                if member.name == "manifest.json":
                    data = json.dumps(edit(json.loads(data))).encode()
                    member.size = len(data)
                tar.addfile(member, io.BytesIO(data))
        writer.close()
    return forged
