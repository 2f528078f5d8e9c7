from decimal import Decimal

from django.db import migrations

# The national default; a city edits the table (Beijing: 100/200/500/800/1000).
DEFAULT_THRESHOLDS = {1: 100, 2: 300, 3: 600, 4: 1000, 5: 1500}


def add_defaults(apps, schema_editor):
    StarThreshold = apps.get_model("volunteers", "StarThreshold")
    for level, hours in DEFAULT_THRESHOLDS.items():
        StarThreshold.objects.get_or_create(level=level, defaults={"min_hours": Decimal(hours)})


class Migration(migrations.Migration):
    dependencies = [("volunteers", "0001_initial")]

    operations = [migrations.RunPython(add_defaults, migrations.RunPython.noop)]
