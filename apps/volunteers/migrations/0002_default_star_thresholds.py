"""Default star thresholds; the same function runs after every migrate/flush
(apps.volunteers.defaults)."""

from django.db import migrations

from apps.volunteers.defaults import DEFAULT_THRESHOLDS, ensure_star_thresholds  # noqa: F401


def add_defaults(apps, schema_editor):
    ensure_star_thresholds(apps, schema_editor.connection.alias)


class Migration(migrations.Migration):
    dependencies = [("volunteers", "0001_initial")]

    operations = [migrations.RunPython(add_defaults, migrations.RunPython.noop)]
