"""Seed the arrangements of 2004–2026 from the chinese-calendar package (entered), so deadlines
of those years count as before. The same function runs after every migrate/flush
(apps.holidays.defaults); it never touches a year that already has a row."""

from django.db import migrations

from apps.holidays.defaults import SEEDED_YEARS, SOURCE, ensure_arrangements


def seed(apps, schema_editor):
    ensure_arrangements(apps, schema_editor.connection.alias)


def unseed(apps, schema_editor):
    HolidayYear = apps.get_model("holidays", "HolidayYear")
    HolidayDay = apps.get_model("holidays", "HolidayDay")
    seeded = HolidayYear.objects.filter(year__in=SEEDED_YEARS, source=SOURCE)
    HolidayDay.objects.filter(arrangement__in=seeded).delete()
    seeded.delete()


class Migration(migrations.Migration):
    dependencies = [("holidays", "0001_working_calendar")]

    operations = [migrations.RunPython(seed, unseed)]
