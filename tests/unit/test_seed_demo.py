import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth import authenticate
from django.core.management import CommandError, call_command
from django.db import transaction

from apps.accounts.demo import PERSONAS
from apps.areas.models import Area, AreaLevel
from apps.core.demo import DEMO_PASSWORD
from apps.organizations.models import Organization

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    """The demo data, seeded once for the module (seeding takes seconds) in a transaction rolled back
    after it; each test takes ``db`` as well, so what one test writes is undone before the next."""
    with django_db_blocker.unblock(), transaction.atomic():
        out = io.StringIO()
        call_command("seed_demo", stdout=out)
        yield out.getvalue()
        transaction.set_rollback(True)


def test_demo_areas_have_the_promised_shape(seeded, db):
    counts = {level: Area.objects.filter(level=level).count() for level in AreaLevel.values}
    assert counts[AreaLevel.CITY] == 1
    assert counts[AreaLevel.DISTRICT] >= 2
    assert counts[AreaLevel.STREET] >= 4
    assert counts[AreaLevel.COMMUNITY] >= 20
    assert counts[AreaLevel.GRID] >= counts[AreaLevel.COMMUNITY]
    assert Area.objects.get(level=AreaLevel.CITY).name == "杭州市"
    # Communities and grids nest by code: <street 9 digits><3-digit community><3-digit grid>.
    for grid in Area.objects.filter(level=AreaLevel.GRID).select_related("parent")[:20]:
        assert grid.code.startswith(grid.parent.code)
    assert Organization.objects.count() > 0


def test_every_demo_login_works_and_is_printed(seeded, db, rf):
    for username, _role, _name in PERSONAS:
        request = rf.post("/accounts/login/")
        assert authenticate(request, username=username, password=DEMO_PASSWORD) is not None, username
        assert username in seeded
    assert DEMO_PASSWORD in seeded


def test_seed_only_fills_an_empty_database(seeded, db):
    organizations = Organization.objects.count()
    out = io.StringIO()
    call_command("seed_demo", if_empty=True, stdout=out)
    assert "already loaded" in out.getvalue()
    assert Organization.objects.count() == organizations
    with pytest.raises(CommandError):
        call_command("seed_demo", stdout=io.StringIO())


def fingerprint():
    """What must come out the same from the same seed (no timestamps, no random tokens)."""
    return [list(row) for row in Organization.objects.order_by("pk").values_list("name", "area__code")]


def test_the_same_seed_gives_the_same_data(seeded, db, tmp_path):
    # A second, independent run (another process, so another hash seed) into a fresh SQLite file
    # must produce the same rows. One process makes the tables, seeds and prints (each start costs a
    # second); it makes them from the models, without the migrations (the test database of this run
    # was migrated already), which takes a fraction of the time.
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "DJANGO_SETTINGS_MODULE")}
    env.update(DATABASE_URL=f"sqlite:///{tmp_path / 'again.sqlite3'}", DJANGO_SETTINGS_MODULE="config.settings.test")
    script = "; ".join([
        "import io, json",
        "from django.apps import apps",
        "from django.conf import settings",
        "from django.core.management import call_command",
        "from tests.unit.test_seed_demo import fingerprint",
        "settings.MIGRATION_MODULES = {config.label: None for config in apps.get_app_configs()}",
        "call_command('migrate', run_syncdb=True, verbosity=0)",
        "call_command('seed_demo', stdout=io.StringIO())",
        "print(json.dumps(fingerprint()))",
    ])
    again = subprocess.run([sys.executable, "manage.py", "shell", "-c", script], cwd=ROOT, env=env,
                           check=True, capture_output=True, text=True)
    assert json.loads(again.stdout.strip().splitlines()[-1]) == fingerprint()
