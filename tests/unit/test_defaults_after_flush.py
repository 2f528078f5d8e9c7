"""Default rows made by data migrations (service domains, the guiding catalogue, star
thresholds) come back after ``flush``: each app re-creates them in a post_migrate receiver,
which live-server tests rely on. The receivers never change rows that already exist."""

from decimal import Decimal

import pytest
from django.core.management import call_command

from apps.organizations.defaults import DOMAINS
from apps.organizations.models import ServiceDomain
from apps.procurement.models import CatalogueItem
from apps.volunteers.defaults import DEFAULT_THRESHOLDS
from apps.volunteers.models import StarThreshold

pytestmark = pytest.mark.django_db(transaction=True)


def _defaults():
    return (
        sorted(ServiceDomain.objects.values_list("name", flat=True)),
        sorted(CatalogueItem.objects.filter(area__isnull=True).values_list("code", "on_negative_list")),
        dict(StarThreshold.objects.values_list("level", "min_hours")),
    )


def test_defaults_exist_again_after_flush():
    domains, catalogue, thresholds = _defaults()
    assert domains == sorted(DOMAINS)
    assert ("01", False) in catalogue and ("90.03", True) in catalogue and len(catalogue) == 28
    assert thresholds == {level: Decimal(hours) for level, hours in DEFAULT_THRESHOLDS.items()}

    ServiceDomain.objects.all().delete()
    StarThreshold.objects.all().delete()
    call_command("flush", interactive=False, verbosity=0)

    assert _defaults() == (domains, catalogue, thresholds)
    assert CatalogueItem.objects.get(code="01.01").parent.code == "01"


def test_receivers_keep_local_edits_and_add_no_duplicates():
    StarThreshold.objects.filter(level=2).update(min_hours=Decimal("200"))  # Beijing's table
    CatalogueItem.objects.filter(code="01.01").update(name="居家养老服务")
    call_command("migrate", verbosity=0)  # sends post_migrate for every app

    assert StarThreshold.objects.get(level=2).min_hours == Decimal("200")
    assert CatalogueItem.objects.get(code="01.01").name == "居家养老服务"
    assert ServiceDomain.objects.count() == len(DOMAINS) and StarThreshold.objects.count() == 5
