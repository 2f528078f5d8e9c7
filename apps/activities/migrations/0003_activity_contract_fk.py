"""Activities link the purchased-service contract they deliver by a foreign key instead of a
typed contract number (numbers are unique per contract, so existing links map one to one;
a number that names no contract is dropped)."""

import django.db.models.deletion
from django.db import migrations, models


def numbers_to_contracts(apps, schema_editor):
    Activity = apps.get_model("activities", "Activity")
    Contract = apps.get_model("procurement", "Contract")
    numbers = set(Activity.objects.exclude(contract_number="").values_list("contract_number", flat=True))
    by_number = dict(Contract.objects.filter(number__in=numbers).values_list("number", "pk"))
    for number, contract_pk in by_number.items():
        Activity.objects.filter(contract_number=number).update(contract_id=contract_pk)


def contracts_to_numbers(apps, schema_editor):
    Activity = apps.get_model("activities", "Activity")
    for activity in Activity.objects.filter(contract__isnull=False).select_related("contract"):
        Activity.objects.filter(pk=activity.pk).update(contract_number=activity.contract.number)


class Migration(migrations.Migration):

    dependencies = [
        ("activities", "0002_initial"),
        ("procurement", "0003_choice_labels"),
    ]

    operations = [
        migrations.AddField(
            model_name="activity",
            name="contract",
            field=models.ForeignKey(
                blank=True, help_text="The government-purchased service contract this activity delivers, if any.",
                null=True, on_delete=django.db.models.deletion.PROTECT, related_name="activities",
                to="procurement.contract", verbose_name="purchased-service contract"),
        ),
        migrations.RunPython(numbers_to_contracts, contracts_to_numbers),
        migrations.RemoveField(model_name="activity", name="contract_number"),
    ]
