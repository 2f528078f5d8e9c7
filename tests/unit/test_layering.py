"""The app boundaries of ``.importlinter`` hold, and the checker would report a crossing.

``./dev test`` and ``.ci/run`` run ``lint-imports`` before the suite; these tests keep the
configuration honest: the project's own contracts are kept, and the same contracts applied to a
small tree with one forbidden import of each kind are broken."""

import configparser
import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def _lint(cwd, config):
    return subprocess.run([str(LINT_IMPORTS), "--no-cache", "--no-logo", str(config)], cwd=cwd,
                          capture_output=True, text=True, env={"PYTHONPATH": str(cwd), "PATH": "/usr/bin:/bin"})


def test_the_project_keeps_its_app_boundaries():
    result = _lint(ROOT, ROOT / ".importlinter")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "2 kept, 0 broken" in result.stdout


def test_every_app_of_the_project_is_in_a_layer():
    layers = configparser.ConfigParser()
    layers.read(ROOT / ".importlinter")
    named = set(layers["importlinter:contract:layers"]["layers"].replace("|", " ").replace(":", " ").split())
    apps = {f"apps.{p.name}" for p in (ROOT / "apps").iterdir() if (p / "__init__.py").exists()}
    assert apps == named


def _tree(tmp_path, files):
    for name, source in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(source))
    apps = {p.parent.name for p in tmp_path.glob("apps/*/__init__.py")}
    for app in apps | {""}:
        (tmp_path / "apps" / app / "__init__.py").touch()


def _copy_of_the_contracts(tmp_path):
    config = tmp_path / ".importlinter"
    config.write_text((ROOT / ".importlinter").read_text())
    return config


def test_a_crossing_of_each_kind_is_reported(tmp_path):
    # Every app of the project exists in the small tree; three of them cross a boundary.
    layers = configparser.ConfigParser()
    layers.read(ROOT / ".importlinter")
    named = layers["importlinter:contract:layers"]["layers"].replace("|", " ").replace(":", " ").split()
    _tree(tmp_path, {f"{name.replace('.', '/')}/__init__.py": "" for name in named})
    _tree(tmp_path, {
        "apps/portal/views.py": "from apps.backoffice import forms\n",
        "apps/backoffice/forms.py": "",
        "apps/imports/importers.py": "from apps.backoffice import forms\n",
        "apps/web/shared.py": "from apps.portal import views\n",
    })
    result = _lint(tmp_path, _copy_of_the_contracts(tmp_path))
    assert result.returncode != 0
    assert "apps.portal.views -> apps.backoffice.forms" in result.stdout
    assert "apps.imports.importers -> apps.backoffice.forms" in result.stdout
    assert "apps.web.shared -> apps.portal.views" in result.stdout


def test_the_api_and_its_framework_stay_in_the_api(tmp_path):
    layers = configparser.ConfigParser()
    layers.read(ROOT / ".importlinter")
    named = layers["importlinter:contract:layers"]["layers"].replace("|", " ").replace(":", " ").split()
    _tree(tmp_path, {f"{name.replace('.', '/')}/__init__.py": "" for name in named})
    _tree(tmp_path, {
        "apps/api/views.py": "import rest_framework\n",  # allowed: the API's own framework
        "apps/activities/services.py": "from apps.api import views\n",
        "apps/backoffice/views.py": "from rest_framework import serializers\n",
        "apps/volunteers/selectors.py": "import drf_spectacular\n",
    })
    result = _lint(tmp_path, _copy_of_the_contracts(tmp_path))
    assert result.returncode != 0
    assert "apps.activities.services -> apps.api" in result.stdout
    assert "apps.backoffice.views -> rest_framework" in result.stdout
    assert "apps.volunteers.selectors -> drf_spectacular" in result.stdout
    assert "apps.api is not allowed" not in result.stdout
