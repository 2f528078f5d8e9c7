"""The shared date-range filter and the dropdowns' encrypted-column deferral."""

import datetime
from unittest import mock

import django_filters
import pytest
from django.test import RequestFactory
from django.utils import timezone

from apps.accounts.models import User
from apps.backoffice.filters.volunteers import VolunteerFilter
from apps.core import crypto
from apps.core.filters import DayRangeFilter
from apps.organizations.models import Organization
from apps.web.scope import OfficeScope
from tests.personas import STREET_STAFF


class JoinedFilter(django_filters.FilterSet):
    joined_from = DayRangeFilter(field_name="date_joined", bound="from")
    joined_to = DayRangeFilter(field_name="date_joined", bound="to")

    class Meta:
        model = User
        fields = ["joined_from", "joined_to"]


def _local(*args):
    return timezone.make_aware(datetime.datetime(*args))


@pytest.fixture
def joined(db):
    """Three users around the local midnight between 1 and 2 March (Asia/Shanghai, UTC+8)."""
    return {
        name: User.objects.create_user(username=name, date_joined=when)
        for name, when in [("late_first", _local(2026, 3, 1, 23, 30)), ("early_second", _local(2026, 3, 2, 0, 10)),
                           ("third", _local(2026, 3, 3, 8, 0))]
    }


def _names(data):
    return sorted(JoinedFilter(data, queryset=User.objects.all()).qs.values_list("username", flat=True))


def test_days_are_local_days_and_both_ends_inclusive(joined):
    assert timezone.get_current_timezone_name() == "Asia/Shanghai"
    assert _names({"joined_to": "2026-03-01"}) == ["late_first"]
    assert _names({"joined_from": "2026-03-02"}) == ["early_second", "third"]
    assert _names({"joined_from": "2026-03-02", "joined_to": "2026-03-02"}) == ["early_second"]
    assert _names({"joined_from": "2026-03-01", "joined_to": "2026-03-03"}) == ["early_second", "late_first", "third"]
    assert _names({}) == ["early_second", "late_first", "third"]


def test_the_column_is_compared_bare_so_an_index_serves_it(joined):
    sql = str(JoinedFilter({"joined_from": "2026-03-02", "joined_to": "2026-03-02"},
                           queryset=User.objects.all()).qs.query)
    where = sql.split("WHERE", 1)[1]
    assert '"date_joined" >=' in where and '"date_joined" <' in where
    assert "cast_date" not in where and "AT TIME ZONE" not in where and "::date" not in where


def test_bound_must_be_from_or_to():
    with pytest.raises(ValueError):
        DayRangeFilter(field_name="date_joined", bound="until")


def test_filter_dropdowns_decrypt_no_personal_data(world):
    for n in range(5):
        Organization.objects.create(name=f"测试组织{n}", area=world.community_a1, contact_phone="13800138000")
    request = RequestFactory().get("/office/volunteers/")
    request.user = world.user(STREET_STAFF)
    with mock.patch.object(crypto, "decrypt", wraps=crypto.decrypt) as decrypt:
        html = str(VolunteerFilter({}, queryset=None, request=request, scope=OfficeScope(request.user)).form)
    assert "测试组织4" in html
    assert decrypt.call_count == 0
    # Without the deferral each organization would decrypt its phone (the test can fail).
    with mock.patch.object(crypto, "decrypt", wraps=crypto.decrypt) as decrypt:
        list(Organization.objects.visible_to(request.user))
    assert decrypt.call_count >= 5


def test_a_day_bound_offers_the_browsers_date_picker():
    html = str(JoinedFilter({"joined_from": "2026-03-02"}).form["joined_from"])
    assert 'type="date"' in html and 'value="2026-03-02"' in html
