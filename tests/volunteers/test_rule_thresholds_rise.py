"""Issue 15.9: star thresholds rise level by level (1–5 complete, each above the one below), are
edited by city staff on a back-office page through ``star_thresholds_update``, and the Django
admin no longer changes them row by row around that rule."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from apps.audit.models import AuditEvent
from apps.volunteers.models import StarThreshold
from apps.volunteers.stars import star_thresholds_update
from tests.personas import CITY_STAFF, COMMUNITY_WORKER, STREET_STAFF, SUPERUSER

pytestmark = pytest.mark.django_db

URL = reverse("office:volunteer_star_thresholds")
BEIJING = {1: 100, 2: 200, 3: 500, 4: 800, 5: 1000}


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def table():
    return {level: int(hours) for level, hours in StarThreshold.objects.values_list("level", "min_hours")}


def form_data(thresholds):
    return {f"level_{level}": str(hours) for level, hours in thresholds.items()}


@pytest.mark.parametrize(("thresholds", "level"), [
    ({1: 100, 2: 300, 3: 300, 4: 1000, 5: 1500}, 3),    # equal to the level below
    ({1: 100, 2: 300, 3: 600, 4: 500, 5: 1500}, 4),     # below the level below
    ({1: 0, 2: 300, 3: 600, 4: 1000, 5: 1500}, 1),      # no hours at all
])
def test_thresholds_that_do_not_rise_are_refused(world, thresholds, level):
    before = table()
    with pytest.raises(ValidationError) as raised:
        star_thresholds_update(actor=world.user(CITY_STAFF), thresholds=thresholds)
    assert list(raised.value.message_dict) == [level]
    assert table() == before


def test_every_level_needs_a_threshold(world):
    with pytest.raises(ValidationError, match="every star level"):
        star_thresholds_update(actor=world.user(CITY_STAFF), thresholds={1: 100, 2: 300, 3: 600, 4: 1000})


def test_city_staff_save_a_rising_table_and_it_is_audited(world):
    star_thresholds_update(actor=world.user(CITY_STAFF), thresholds=BEIJING)
    assert table() == BEIJING
    event = AuditEvent.objects.get(detail__action="star_thresholds_update")
    assert event.actor == world.user(CITY_STAFF) and event.row_count == 4  # level 1 stays 100


@pytest.mark.parametrize("persona", [STREET_STAFF, COMMUNITY_WORKER])
def test_only_city_staff_change_the_table(world, persona):
    with pytest.raises(PermissionDenied):
        star_thresholds_update(actor=world.user(persona), thresholds=BEIJING)


def test_the_back_office_page_saves_through_the_rule(world, client_for):
    client = client_for(CITY_STAFF)
    page = client.get(URL)
    assert page.status_code == 200 and 'data-testid="submit"' in page.content.decode()
    refused = client.post(URL, form_data({**BEIJING, 3: 150}))
    assert refused.status_code == 200
    with translation.override("zh-hans"):  # the page's language
        expected = gettext("%(level)d stars need more hours than %(lower)d stars (%(hours)s h).") % {
            "level": 3, "lower": 2, "hours": 200}
    assert refused.context["form"].errors == {"level_3": [expected]}
    assert table() == {1: 100, 2: 300, 3: 600, 4: 1000, 5: 1500}
    assert client.post(URL, form_data(BEIJING)).status_code == 302
    assert table() == BEIJING
    assert client_for(SUPERUSER).post(URL, form_data({**BEIJING, 5: 1200})).status_code == 302


def test_street_staff_read_the_table_but_cannot_change_it(world, client_for):
    client = client_for(STREET_STAFF)
    page = client.get(URL)
    assert page.status_code == 200 and 'data-testid="read-only"' in page.content.decode()
    assert all(field.disabled for field in page.context["form"].fields.values())
    assert client.post(URL, form_data(BEIJING)).status_code == 403
    assert table()[2] == 300


def test_the_admin_cannot_change_a_threshold_around_the_rule(world, client_for):
    threshold = StarThreshold.objects.get(level=2)
    url = reverse("admin:volunteers_starthreshold_change", args=[threshold.pk])
    response = client_for(SUPERUSER).post(url, {"level": "2", "min_hours": "50"})  # below level 1
    assert response.status_code == 403
    assert StarThreshold.objects.get(level=2).min_hours == Decimal("300")
    add = client_for(SUPERUSER).post(reverse("admin:volunteers_starthreshold_add"), {"level": "6", "min_hours": "1"})
    assert add.status_code == 403
