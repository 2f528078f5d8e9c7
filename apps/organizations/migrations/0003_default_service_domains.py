"""The starting list of service domains (DOMAIN §2); offices edit it afterwards in the admin."""

from django.db import migrations

DOMAINS = [
    "社区服务", "养老", "助残", "儿童青少年", "文体", "调解", "劳动关系", "行业协会商会", "社会心理服务",
    "法律援助", "慈善救助", "社区协商", "枢纽型",
]


def add_domains(apps, schema_editor):
    ServiceDomain = apps.get_model("organizations", "ServiceDomain")
    for order, name in enumerate(DOMAINS, start=1):
        ServiceDomain.objects.get_or_create(name=name, defaults={"sort_order": order * 10})


class Migration(migrations.Migration):
    dependencies = [("organizations", "0002_servicedomain_statuschange_and_more")]
    operations = [migrations.RunPython(add_domains, migrations.RunPython.noop)]
