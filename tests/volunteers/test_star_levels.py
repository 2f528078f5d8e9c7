"""Star levels are computed by one rule (``apps.volunteers.services``): the level one volunteer's
hours reach, the same level as a set-based expression, and the bulk grant the demo seeder uses
give the same answer as the one-by-one grant."""

from decimal import Decimal

import pytest

from apps.audit.models import AuditAction, AuditEvent
from apps.volunteers.models import StarAward, StarThreshold, Volunteer
from apps.volunteers.services import (
    star_award_grant, star_awards_grant_bulk, star_level_for_hours, star_level_of,
)
from tests.personas import CITY_STAFF
from tests.volunteers.factories import make_volunteer

pytestmark = pytest.mark.django_db

HOURS = ["0", "99.99", "100", "199.99", "200", "299.99", "300", "999", "1000", "1499.99", "1500", "9000"]


def volunteers_with(world, hours):
    made = [make_volunteer(world.community_a1) for _ in hours]
    for volunteer, value in zip(made, hours, strict=True):
        Volunteer.objects.filter(pk=volunteer.pk).update(confirmed_hours=Decimal(value))
    return Volunteer.objects.filter(pk__in=[v.pk for v in made])


@pytest.mark.parametrize("beijing", [False, True])
def test_one_volunteer_and_the_set_based_expression_agree(world, beijing):
    if beijing:  # the editable table: 100/200/500/800/1000
        for level, hours in {2: 200, 3: 500, 4: 800, 5: 1000}.items():
            StarThreshold.objects.filter(level=level).update(min_hours=hours)
    volunteers = volunteers_with(world, HOURS)
    by_expression = dict(volunteers.annotate(level=star_level_of()).values_list("confirmed_hours", "level"))
    assert by_expression == {hours: star_level_for_hours(hours) for hours in by_expression}
    assert star_level_for_hours(Decimal("200")) == (2 if beijing else 1)
    assert (star_level_for_hours(Decimal("99.99")), star_level_for_hours(Decimal("9000"))) == (0, 5)


def test_the_bulk_grant_gives_what_the_one_by_one_grant_gives(world):
    actor = world.user(CITY_STAFF)
    one_by_one, bulk = volunteers_with(world, HOURS), volunteers_with(world, HOURS)
    for volunteer in one_by_one.filter(confirmed_hours__gte=100):
        star_award_grant(actor=actor, volunteer=volunteer, granting_body="西湖区志愿服务联合会")
    assert star_awards_grant_bulk(actor=actor, volunteers=bulk, granting_body="西湖区志愿服务联合会") == 10

    def granted(volunteers):
        return sorted((v.confirmed_hours, v.star_level, tuple(v.star_awards.order_by("level").values_list(
            "level", "hours_at_grant", "granting_body", "granted_by"))) for v in volunteers)

    assert granted(bulk) == granted(one_by_one)
    event = AuditEvent.objects.get(action=AuditAction.BATCH)
    assert (event.actor, event.row_count) == (actor, StarAward.objects.filter(volunteer__in=bulk).count())


def test_the_bulk_grant_adds_only_the_levels_not_yet_granted(world):
    actor = world.user(CITY_STAFF)
    volunteer = volunteers_with(world, ["150"]).get()
    star_award_grant(actor=actor, volunteer=volunteer, granting_body="北山街道")
    Volunteer.objects.filter(pk=volunteer.pk).update(confirmed_hours=Decimal("650"))
    assert star_awards_grant_bulk(actor=actor, volunteers=Volunteer.objects.all(), granting_body="西湖区") == 1
    volunteer.refresh_from_db()
    assert volunteer.star_level == 3
    assert list(volunteer.star_awards.order_by("level").values_list("level", "granting_body")) == [
        (1, "北山街道"), (2, "西湖区"), (3, "西湖区")]
    assert star_awards_grant_bulk(actor=actor, volunteers=Volunteer.objects.all(), granting_body="西湖区") == 0


@pytest.mark.parametrize("copies", [1, 4])
def test_the_bulk_grant_is_set_based(world, copies, django_assert_num_queries):
    from django.contrib.contenttypes.models import ContentType

    volunteers = volunteers_with(world, HOURS * copies)
    ContentType.objects.get_for_model(StarAward)  # cached for the audit entry, whatever ran before
    # Savepoint; the volunteers who gain a star; one INSERT of the awards; the UPDATE; the audit
    # entry; release.
    with django_assert_num_queries(6):
        star_awards_grant_bulk(actor=None, volunteers=volunteers, granting_body="杭州市志愿服务联合会")
