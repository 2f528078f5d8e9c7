"""The starting list of service domains (DOMAIN §2); offices edit it afterwards in the admin.
The same function runs after every migrate/flush (apps.organizations.defaults)."""

from django.db import migrations

from apps.organizations.defaults import ensure_service_domains


def add_domains(apps, schema_editor):
    ensure_service_domains(apps, schema_editor.connection.alias)


class Migration(migrations.Migration):
    dependencies = [("organizations", "0002_servicedomain_statuschange_and_more")]
    operations = [migrations.RunPython(add_domains, migrations.RunPython.noop)]
