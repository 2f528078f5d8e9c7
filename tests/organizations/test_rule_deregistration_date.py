"""Rule (issue 15.8): no status change is dated before the organization was established, so a
deregistration (or a revocation) cannot precede the registration; and the date of establishment
of a closed organization cannot be moved after the day it was closed."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from apps.organizations import services
from apps.organizations.models import Organization, OrgStatus, StatusChange
from tests.organizations.helpers import make_org
from tests.personas import STREET_STAFF

pytestmark = pytest.mark.django_db

D = datetime.date


@pytest.fixture
def org(world):
    """Entered with its founding date but no status history (as imported or made in the admin)."""
    return make_org(world.community_a1, name="宝石社区文体协会", founded_on=D(2018, 3, 1))


def _change(org, world, to_status, changed_on):
    return services.organization_status_change(organization=org, to_status=to_status, changed_on=changed_on,
                                               reason="自行解散，清算完毕", actor=world.user(STREET_STAFF))


@pytest.mark.parametrize("to_status", [OrgStatus.DEREGISTERED, OrgStatus.REVOKED, OrgStatus.CHANGING])
def test_a_status_change_before_the_establishment_is_refused(org, world, to_status):
    with pytest.raises(ValidationError) as error:
        _change(org, world, to_status, D(2018, 2, 28))
    assert error.value.code == "before_established"
    org.refresh_from_db()
    assert org.status == OrgStatus.NORMAL and not StatusChange.objects.exists()


def test_deregistration_on_or_after_the_establishment(org, world):
    _change(org, world, OrgStatus.DEREGISTERED, D(2018, 3, 1))
    org.refresh_from_db()
    assert (org.status, org.status_changed_on) == (OrgStatus.DEREGISTERED, D(2018, 3, 1))


def test_the_status_page_shows_the_refusal(org, client_for):
    response = client_for(STREET_STAFF).post(reverse("office:organization_status", args=[org.pk]), {
        "to_status": OrgStatus.DEREGISTERED, "changed_on": "2017-12-31", "reason": "自行解散"})
    assert response.status_code == 200 and response.context["form"].non_field_errors()
    assert Organization.objects.get(pk=org.pk).status == OrgStatus.NORMAL


def test_the_establishment_cannot_move_after_the_deregistration(org, world):
    _change(org, world, OrgStatus.DEREGISTERED, D(2024, 6, 30))
    org.refresh_from_db()
    org.founded_on = D(2024, 7, 1)
    with pytest.raises(ValidationError) as error:
        services.organization_update(organization=org)
    assert "founded_on" in error.value.message_dict
    assert Organization.objects.get(pk=org.pk).founded_on == D(2018, 3, 1)
