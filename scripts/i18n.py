#!/usr/bin/env python
"""Keep the zh_Hans catalog complete.

    .venv/bin/python scripts/i18n.py update                 # extract msgids, compile .mo
    .venv/bin/python scripts/i18n.py fill translations.json  # {msgid: msgstr}, then update
    .venv/bin/python scripts/i18n.py missing                # list msgids without a translation

All commands hold a lock on the catalog, so several people can run them at once safely.
Plural entries take a list of strings in the JSON file.
"""

import fcntl
import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PO = ROOT / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po"
IGNORE = [".venv", "var", "node_modules", "tests", "scripts", "test-artifacts"]


def _django():
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    import django

    django.setup()


def update():
    from django.core.management import call_command

    os.chdir(ROOT)
    call_command("makemessages", locale=["zh_Hans"], no_location=True, no_obsolete=True,
                 ignore_patterns=IGNORE, verbosity=0)
    call_command("compilemessages", locale=["zh_Hans"], verbosity=0, ignore_patterns=IGNORE)


def fill(path):
    import polib

    translations = json.loads(Path(path).read_text(encoding="utf-8"))
    update()
    catalog = polib.pofile(str(PO))
    for entry in catalog:
        value = translations.get(entry.msgid)
        if value is None:
            continue
        if entry.msgid_plural:
            values = value if isinstance(value, list) else [value]
            entry.msgstr_plural = {i: v for i, v in enumerate(values)}
        else:
            entry.msgstr = value
        if "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
    catalog.save()
    update()


def missing():
    import polib

    catalog = polib.pofile(str(PO))
    return [e.msgid for e in catalog if not e.obsolete and (not e.translated() or "fuzzy" in e.flags)]


def main():
    command = sys.argv[1] if len(sys.argv) > 1 else ""
    _django()
    PO.parent.mkdir(parents=True, exist_ok=True)
    with open(ROOT / "locale" / ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if command == "update":
            update()
        elif command == "fill" and len(sys.argv) == 3:
            fill(sys.argv[2])
        elif command == "missing":
            update()
            for msgid in missing():
                print(json.dumps(msgid, ensure_ascii=False))
        else:
            print(__doc__)
            sys.exit(2)


if __name__ == "__main__":
    main()
