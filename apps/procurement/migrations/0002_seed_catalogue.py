"""Seed the guiding catalogue (指导性目录) with its six classes, common items, and the
negative list (负面清单) of what may not be bought. Everything stays editable. The same
function runs after every migrate/flush (apps.procurement.defaults)."""

from django.db import migrations

from apps.procurement.defaults import ensure_catalogue


def seed(apps, schema_editor):
    ensure_catalogue(apps, schema_editor.connection.alias)


def unseed(apps, schema_editor):
    items = apps.get_model("procurement", "CatalogueItem").objects.filter(area__isnull=True)
    for item in sorted(items, key=lambda item: -len(item.code)):  # children before parents
        item.delete()


class Migration(migrations.Migration):
    dependencies = [("procurement", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
