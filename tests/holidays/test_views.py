"""The working-calendar pages: the years with their status, a year's days, add / change / remove
a day and mark a year as entered. Every action is shown with a validation error (in Chinese,
the default language) and is refused to staff below the city."""

import datetime
from unittest import mock

import pytest
from auditlog.models import LogEntry
from django.urls import reverse

from apps.holidays.models import DayKind, HolidayDay, HolidayYear
from tests.personas import CITY_STAFF, COMMUNITY_WORKER, STREET_STAFF, SUPERUSER

pytestmark = pytest.mark.django_db

LIST = reverse("office:holiday_year_list")
TODAY = datetime.datetime(2026, 12, 3, 10, 0, tzinfo=datetime.UTC)


def year_url(year):
    return reverse("office:holiday_year_detail", args=[year])


def add_url(year):
    return reverse("office:holiday_day_create", args=[year])


def enter_url(year):
    return reverse("office:holiday_year_enter", args=[year])


def errors(response, field):
    return response.context["form"].errors.get(field, [])


def test_years_list_their_status_and_ask_for_next_year(client_for):
    with mock.patch("django.utils.timezone.now", return_value=TODAY):
        response = client_for(CITY_STAFF).get(LIST)
    assert response.status_code == 200
    rows = {record.year: record for record in response.context["table"].data}
    assert set(range(2004, 2027)) <= set(rows)
    assert rows[2026].entered and rows[2026].days_off > 20 and rows[2026].working_days == 6
    assert response.context["years_to_enter"] == [2027]
    html = response.content.decode()
    assert "尚未录入" in html and year_url(2027) in html


def test_only_entered_or_draft_years_are_filtered(client_for):
    HolidayYear.objects.create(year=2027)
    response = client_for(STREET_STAFF).get(LIST + "?entered=false")
    assert [record.year for record in response.context["table"].data] == [2027]


def test_a_year_lists_its_days_and_only_city_staff_see_the_steps(client_for):
    city = client_for(CITY_STAFF).get(year_url(2026))
    days = list(city.context["table"].data)
    assert days[0].date == datetime.date(2026, 1, 1) and len(days) == HolidayDay.objects.filter(
        arrangement__year=2026).count()
    html = city.content.decode()
    assert add_url(2026) in html and reverse("office:holiday_day_update", args=[days[0].pk]) in html
    assert enter_url(2026) not in html  # already entered
    street = client_for(STREET_STAFF).get(year_url(2026)).content.decode()
    assert add_url(2026) not in street and reverse("office:holiday_day_update", args=[days[0].pk]) not in street
    assert "已录入" in street


def test_a_year_without_a_row_says_it_is_not_entered(client_for):
    response = client_for(COMMUNITY_WORKER).get(year_url(2027))
    assert response.status_code == 200 and response.context["arrangement"] is None
    assert 'data-testid="year-not-entered"' in response.content.decode()


def test_add_a_day(client_for):
    response = client_for(CITY_STAFF).post(add_url(2027), {"date": "2027-02-06", "kind": DayKind.DAY_OFF,
                                                           "name": "春节"})
    assert response.status_code == 302 and response["Location"] == year_url(2027)
    day = HolidayDay.objects.get(date=datetime.date(2027, 2, 6))
    assert (day.arrangement.year, day.kind, day.name) == (2027, DayKind.DAY_OFF, "春节")
    assert not day.arrangement.entered
    assert LogEntry.objects.get_for_object(day).get().actor.username == "city"


@pytest.mark.parametrize(("data", "field", "message"), [
    ({"date": "2027-05-01", "kind": DayKind.WORKING_DAY, "name": "劳动节"}, "kind", "法定节假日"),
    ({"date": "2027-02-10", "kind": DayKind.WORKING_DAY, "name": "春节"}, "kind", "调休上班日是需要上班的周六或周日"),
    ({"date": "2026-06-01", "kind": DayKind.DAY_OFF, "name": "春节"}, "date", "必须在2027年内"),
    ({"date": "2027-02-06", "kind": DayKind.DAY_OFF, "name": ""}, "name", "该字段是必填项"),
    ({"date": "", "kind": DayKind.DAY_OFF, "name": "春节"}, "date", "该字段是必填项"),
])
def test_add_a_day_refuses_what_cannot_be(client_for, data, field, message):
    response = client_for(CITY_STAFF).post(add_url(2027), data)
    assert response.status_code == 200
    assert any(message in error for error in errors(response, field)), errors(response, field)
    assert message in response.content.decode()
    assert not HolidayDay.objects.filter(arrangement__year=2027).exists()


def test_add_a_day_twice_is_refused(client_for):
    client = client_for(CITY_STAFF)
    data = {"date": "2026-12-31", "kind": DayKind.DAY_OFF, "name": "元旦"}
    assert client.post(add_url(2027), data).status_code == 302
    response = client.post(add_url(2027), data)
    assert "该日期已在表中" in errors(response, "date")[0]
    # 2026-10-01 is in the seeded 2026 arrangement already
    response = client.post(add_url(2026), {"date": "2026-10-01", "kind": DayKind.DAY_OFF, "name": "国庆节"})
    assert "该日期已在表中" in errors(response, "date")[0]


def test_change_a_day(client_for):
    day = HolidayDay.objects.get(date=datetime.date(2026, 10, 10))  # a worked Saturday
    url = reverse("office:holiday_day_update", args=[day.pk])
    client = client_for(CITY_STAFF)
    assert client.get(url).context["form"].initial["name"] == "国庆节"
    response = client.post(url, {"date": "2026-10-10", "kind": DayKind.DAY_OFF, "name": "国庆节"})
    assert response.status_code == 302
    day.refresh_from_db()
    assert day.kind == DayKind.DAY_OFF
    response = client.post(url, {"date": "2026-10-02", "kind": DayKind.DAY_OFF, "name": "国庆节"})
    assert "该日期已在表中" in errors(response, "date")[0]
    response = client.post(url, {"date": "2026-10-01", "kind": DayKind.WORKING_DAY, "name": "国庆节"})
    assert response.status_code == 200 and "法定节假日" in response.content.decode()


def test_remove_a_day(client_for):
    day = HolidayDay.objects.get(date=datetime.date(2026, 10, 10))
    url = reverse("office:holiday_day_delete", args=[day.pk])
    client = client_for(SUPERUSER)
    page = client.get(url)
    assert page.status_code == 200 and "国庆节" in page.content.decode()
    assert page.context["confirm_note"]  # an entered year: deadlines are recomputed
    response = client.post(url)
    assert response.status_code == 302 and response["Location"] == year_url(2026)
    assert not HolidayDay.objects.filter(pk=day.pk).exists()
    assert LogEntry.objects.filter(object_pk=str(day.pk), action=LogEntry.Action.DELETE).exists()


def test_mark_a_year_as_entered(client_for):
    client = client_for(CITY_STAFF)
    client.post(add_url(2027), {"date": "2027-02-06", "kind": DayKind.DAY_OFF, "name": "春节"})
    page = client.get(enter_url(2027))
    assert page.context["days_off"] == 1 and page.context["working_days"] == 0
    response = client.post(enter_url(2027), {"notice": "国办发明电〔2026〕9号", "confirm": "on"})
    assert response.status_code == 302 and response["Location"] == year_url(2027)
    year = HolidayYear.objects.get(year=2027)
    assert year.entered and year.notice == "国办发明电〔2026〕9号" and year.entered_by.username == "city"
    assert LogEntry.objects.get_for_object(year).filter(changes__icontains="entered").exists()


def test_mark_a_year_as_entered_refuses_what_is_missing(client_for):
    client = client_for(CITY_STAFF)
    response = client.post(enter_url(2027), {"notice": "", "confirm": ""})
    assert errors(response, "notice") and "请确认已对照通知核对了日期" in errors(response, "confirm")[0]
    response = client.post(enter_url(2027), {"notice": "国办发明电〔2026〕9号", "confirm": "on"})
    assert "请先录入2027年通知中的放假日" in response.content.decode()
    response = client.post(enter_url(2026), {"notice": "国办发明电〔2025〕7号", "confirm": "on"})
    assert "2026年安排已经录入" in response.content.decode()
    assert not HolidayYear.objects.filter(year=2027, entered=True).exists()


@pytest.mark.parametrize("persona", [STREET_STAFF, COMMUNITY_WORKER])
def test_staff_below_the_city_cannot_post_changes(client_for, persona):
    client = client_for(persona)
    day = HolidayDay.objects.get(date=datetime.date(2026, 10, 10))
    new_day = {"date": "2027-02-06", "kind": DayKind.DAY_OFF, "name": "春节"}
    assert client.post(add_url(2027), new_day).status_code == 403
    assert client.post(reverse("office:holiday_day_update", args=[day.pk]),
                       {"date": "2026-10-10", "kind": DayKind.DAY_OFF, "name": "x"}).status_code == 403
    assert client.post(reverse("office:holiday_day_delete", args=[day.pk])).status_code == 403
    assert client.post(enter_url(2027), {"notice": "x", "confirm": "on"}).status_code == 403
    day.refresh_from_db()
    assert day.kind == DayKind.WORKING_DAY and not HolidayYear.objects.filter(year=2027).exists()


def test_the_days_page_query_count_does_not_grow(client_for, django_assert_max_num_queries):
    client = client_for(CITY_STAFF)
    with django_assert_max_num_queries(12) as small:
        client.get(year_url(2025))
    with django_assert_max_num_queries(12) as large:
        client.get(year_url(2020))  # the extended Spring Festival: more rows
    assert len(small.captured_queries) == len(large.captured_queries)
