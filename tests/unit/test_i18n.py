"""Every UI string has a Chinese translation, and the compiled catalog matches the source."""

import os
import shutil
from pathlib import Path

import polib
from django.core.management import call_command
from django.test import override_settings

ROOT = Path(__file__).resolve().parents[2]
PO = ROOT / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po"
CANARY = "A string that only the translation test adds"
IGNORE = [".venv", "var", "node_modules", "tests", "scripts", "test-artifacts"]


def _untranslated(catalog):
    return [e.msgid for e in catalog if not e.obsolete and (not e.translated() or "fuzzy" in e.flags)]


def _copy_sources(target):
    """Copy what makemessages reads (Python files and templates, outside IGNORE) and the catalog.

    makemessages writes each file's strings to the nearest ``locale/`` above the file, whatever
    LOCALE_PATHS says, so it must run on a copy: run on the checkout it rewrites the real catalog."""
    for directory, subdirectories, files in os.walk(ROOT):
        subdirectories[:] = [name for name in subdirectories if name not in IGNORE and not name.startswith(".")]
        relative = Path(directory).relative_to(ROOT)
        for name in files:
            if name.endswith((".py", ".html", ".txt")) or relative.parts[:1] == ("locale",):
                (target / relative).mkdir(parents=True, exist_ok=True)
                shutil.copy2(Path(directory) / name, target / relative / name)


def test_every_string_in_the_code_is_translated(tmp_path, monkeypatch):
    # Extract the strings afresh into a copy of the catalog, so that a msgid added to the code
    # but not to the catalog shows up as untranslated.
    catalog_before = PO.read_bytes()
    _copy_sources(tmp_path)
    # A string only the copy has: it must come out untranslated, or the extraction went elsewhere.
    (tmp_path / "i18n_canary.py").write_text(f"from django.utils.translation import gettext as _\n_({CANARY!r})\n")
    monkeypatch.chdir(tmp_path)
    with override_settings(LOCALE_PATHS=[tmp_path / "locale"]):
        call_command("makemessages", locale=["zh_Hans"], no_location=True, no_obsolete=True,
                     ignore_patterns=IGNORE, verbosity=0)
    fresh = polib.pofile(str(tmp_path / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po"))
    assert PO.read_bytes() == catalog_before, "makemessages wrote to the real catalog"
    assert len(fresh) > 50
    missing = _untranslated(fresh)
    assert CANARY in missing
    missing.remove(CANARY)
    assert not missing, f"untranslated (run scripts/i18n.py fill): {missing[:20]}"


def test_untranslated_detection_can_fail(tmp_path):
    catalog = polib.POFile()
    catalog.append(polib.POEntry(msgid="Brand new string", msgstr=""))
    assert _untranslated(catalog) == ["Brand new string"]


def test_compiled_catalog_matches_source():
    source = {(e.msgctxt, e.msgid): e.msgstr for e in polib.pofile(str(PO)) if e.translated() and not e.msgid_plural}
    compiled = {(e.msgctxt, e.msgid): e.msgstr for e in polib.mofile(str(PO.with_suffix(".mo"))) if not e.msgid_plural}
    assert {k: v for k, v in source.items() if compiled.get(k) != v} == {}


def test_pages_render_in_chinese_by_default_and_english_on_request(client):
    response = client.get("/accounts/login/")
    assert "登录" in response.content.decode()
    response = client.get("/accounts/login/", headers={"accept-language": "en"})
    assert "Log in" in response.content.decode()
