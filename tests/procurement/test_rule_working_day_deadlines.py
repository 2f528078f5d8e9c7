"""Rule (issue 15.1): publication (2) and filing (7) working-day deadlines count the holiday
arrangement city staff keep. 2004–2026 count exactly as the chinese-calendar package did; a
year without an entered arrangement counts Monday to Friday, never a day off fixed by law
(元旦, 1–2 May, 1–3 October), and its deadlines are provisional until the year is entered,
which recomputes the open ones."""

from datetime import date, timedelta

import chinese_calendar
import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from apps.audit.models import AuditAction, AuditEvent
from apps.holidays import services as calendar
from apps.holidays.models import DayKind, HolidayDay, HolidayYear
from apps.holidays.workdays import WorkingCalendar, deadline_after, is_working_day
from apps.procurement.workdays import EnteredYears, contract_deadlines, provisional_deadlines
from tests.personas import CITY_STAFF, STREET_STAFF
from tests.procurement import factories

pytestmark = pytest.mark.django_db


def _package_add_working_days(start, count):
    day = start
    while count:
        day += timedelta(days=1)
        count -= chinese_calendar.is_workday(day)
    return day


def _days(year):
    day = date(year, 1, 1)
    while day.year == year:
        yield day
        day += timedelta(days=1)


# 2012/2013/2018: 2 May was a working day (Labour Day was one day from 2008 to 2024); 2015: the
# one-off Victory Day holiday; 2019: 29 December 2018 (a Saturday) was worked for 元旦 2019;
# 2020: the extended Spring Festival; 2025/2026: the current law.
@pytest.mark.parametrize("year", [2004, 2012, 2013, 2015, 2018, 2019, 2020, 2025, 2026])
def test_every_day_of_the_seeded_years_counts_as_the_package_says(year):
    days = list(_days(year))
    known = WorkingCalendar(days[0], days[-1])
    assert [day for day in days if known.is_working_day(day) != chinese_calendar.is_workday(day)] == []


@pytest.mark.parametrize("year", [2008, 2018, 2024, 2025])
def test_every_deadline_of_the_seeded_years_is_the_package_s(year):
    """Starts up to mid-December, so that the counts stay within the package's years."""
    for start in [day for day in _days(year) if day < date(year, 12, 15)]:
        counted = contract_deadlines(start)
        assert (counted.publication.due, counted.filing.due) == (
            _package_add_working_days(start, 2), _package_add_working_days(start, 7)), start
        assert not counted.publication.provisional and not counted.filing.provisional


def test_signed_on_30_december_2026_publication_is_due_after_new_year_and_provisional(world):
    # Wednesday 30 December: Thursday 31 counts; Friday 1 January is 元旦, never a working day
    # (chinese-calendar 1.11.0 does not know 2027, and the old fallback counted it).
    contract = factories.contract(world, factories.project(world), signed_on=date(2026, 12, 30),
                                  start_date=date(2027, 1, 4), end_date=date(2027, 12, 31), today=date(2026, 12, 30))
    assert contract.publication_due == date(2027, 1, 4)
    assert contract.filing_due == date(2027, 1, 11)  # 31 Dec, 4–8 Jan, 11 Jan
    assert [(d.key, d.due, d.years) for d in provisional_deadlines(contract, EnteredYears.read())] == [
        ("publication", date(2027, 1, 4), (2027,)), ("filing", date(2027, 1, 11), (2027,))]
    counted = contract_deadlines(date(2026, 12, 30))
    assert counted.publication.unentered_years == (2027,)


def test_a_deadline_inside_an_entered_year_is_final():
    counted = contract_deadlines(date(2026, 12, 1))
    assert counted.publication.due == date(2026, 12, 3)
    assert counted.filing.due == date(2026, 12, 10)
    assert not counted.publication.provisional and not counted.filing.provisional


@pytest.mark.parametrize("day", [date(2027, 1, 1), date(2031, 5, 1), date(2031, 5, 2), date(2030, 10, 1),
                                 date(2030, 10, 2), date(2030, 10, 3)])
def test_fixed_statutory_days_are_never_working_days_in_an_unknown_year(day):
    assert day.weekday() < 5  # each of them a weekday: only the law makes it a day off
    assert not HolidayYear.objects.filter(year=day.year).exists()
    assert not is_working_day(day)
    assert deadline_after(day - timedelta(days=1), 1).due > day


def test_an_unknown_year_counts_monday_to_friday_otherwise():
    assert is_working_day(date(2027, 2, 10))  # a Wednesday in what will be Spring Festival
    assert not is_working_day(date(2027, 2, 13))  # Saturday
    deadline = deadline_after(date(2027, 3, 5), 1)  # Friday → Monday
    assert (deadline.due, deadline.unentered_years) == (date(2027, 3, 8), (2027,))


def test_a_fixed_day_entered_as_working_day_is_refused_and_still_off_if_it_got_in(world):
    city = world.user(CITY_STAFF)
    with pytest.raises(ValidationError) as refused:
        calendar.holiday_day_add(actor=city, year=2027, date=date(2027, 5, 2), kind=DayKind.WORKING_DAY,
                                 name="劳动节")
    assert "kind" in refused.value.message_dict
    # Even a row written past the validation (a raw import, the shell) changes nothing.
    arrangement = HolidayYear.objects.create(year=2028)
    HolidayDay.objects.create(arrangement=arrangement, date=date(2028, 1, 1), kind=DayKind.WORKING_DAY, name="元旦")
    calendar.holiday_day_add(actor=city, year=2028, date=date(2028, 1, 27), kind=DayKind.DAY_OFF, name="春节")
    calendar.holiday_year_enter(actor=city, year=2028, notice="国办发明电〔2027〕1号")
    assert not is_working_day(date(2028, 1, 1))  # a Saturday: as an adjusted working day it would count
    assert not is_working_day(date(2028, 1, 27))


def test_entering_the_year_recomputes_open_deadlines_and_leaves_met_ones(world):
    city, street = world.user(CITY_STAFF), world.user(STREET_STAFF)
    project = factories.project(world, budget="900000.00")
    waiting = factories.contract(world, project, number="HT-2027-1", signed_on=date(2026, 12, 30),
                                 start_date=date(2027, 1, 4), end_date=date(2027, 12, 31), today=date(2026, 12, 30))
    published = factories.contract(world, project, number="HT-2027-2", signed_on=date(2026, 12, 30),
                                   start_date=date(2027, 1, 4), end_date=date(2027, 12, 31), today=date(2026, 12, 30))
    from apps.procurement import services

    services.contract_disclosure_record(actor=street, contract=published, published_on=date(2027, 1, 4))
    # A made-up 2027 notice: 4–5 January off (with 元旦), Saturday 9 January worked.
    for day, kind in ((date(2027, 1, 4), DayKind.DAY_OFF), (date(2027, 1, 5), DayKind.DAY_OFF),
                      (date(2027, 1, 9), DayKind.WORKING_DAY)):
        calendar.holiday_day_add(actor=city, year=2027, date=day, kind=kind, name="元旦")
    waiting.refresh_from_db()
    assert (waiting.publication_due, waiting.filing_due) == (date(2027, 1, 4), date(2027, 1, 11))  # a draft

    calendar.holiday_year_enter(actor=city, year=2027, notice="国办发明电〔2026〕9号")

    waiting.refresh_from_db()
    published.refresh_from_db()
    assert waiting.publication_due == date(2027, 1, 6)  # 31 Dec, 6 Jan
    assert waiting.filing_due == date(2027, 1, 12)  # 31 Dec, 6–8 Jan, Saturday 9 Jan, 11–12 Jan
    assert published.publication_due == date(2027, 1, 4)  # met: stays as the clerk saw it
    assert published.filing_due == date(2027, 1, 12)  # still open: recomputed
    assert provisional_deadlines(waiting, EnteredYears.read()) == []
    event = AuditEvent.objects.get(action=AuditAction.BATCH, detail__action="deadlines_recomputed")
    assert event.actor == city and event.row_count == 2
    assert {"contract": "HT-2027-1", "deadline": "publication", "from": "2027-01-04", "to": "2027-01-06"} in \
        event.detail["changes"]


def test_correcting_a_day_of_an_entered_year_recomputes_open_deadlines(world):
    # Monday 28 September 2026: Tuesday 29 and Wednesday 30 count, then National Day (1–7 October).
    contract = factories.contract(world, factories.project(world), signed_on=date(2026, 9, 28),
                                  start_date=date(2026, 10, 9), end_date=date(2027, 9, 30))
    assert contract.publication_due == date(2026, 9, 30)
    calendar.holiday_day_add(actor=world.user(CITY_STAFF), year=2026, date=date(2026, 9, 29),
                             kind=DayKind.DAY_OFF, name="国庆节")
    contract.refresh_from_db()
    assert contract.publication_due == date(2026, 10, 8)  # 30 September, 8 October


def test_only_city_staff_change_the_calendar(world):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        calendar.holiday_day_add(actor=world.user(STREET_STAFF), year=2027, date=date(2027, 2, 6),
                                 kind=DayKind.DAY_OFF, name="春节")
    with pytest.raises(PermissionDenied):
        calendar.holiday_year_enter(actor=world.user(STREET_STAFF), year=2027, notice="x")
    assert not HolidayYear.objects.filter(year=2027).exists()


def test_a_year_without_days_off_cannot_be_entered(world):
    with pytest.raises(ValidationError):
        calendar.holiday_year_enter(actor=world.user(CITY_STAFF), year=2027, notice="国办发明电〔2026〕9号")
    assert not HolidayYear.objects.filter(year=2027, entered=True).exists()


def test_one_query_reads_both_deadlines_of_a_contract():
    with CaptureQueriesContext(connection) as queries:
        contract_deadlines(date(2026, 12, 30))
        contract_deadlines(date(2025, 9, 30))
    assert len(queries.captured_queries) == 2


def test_provisional_in_python_and_in_a_query_agree_with_a_gap_in_the_entered_years(world):
    """2028 entered before 2027 (a gap): only deadlines counted through 2027 are provisional,
    and a contract signed on 31 December counts from 1 January only."""
    from apps.procurement.models import Contract
    from apps.procurement.workdays import open_provisional

    city = world.user(CITY_STAFF)
    calendar.holiday_day_add(actor=city, year=2028, date=date(2028, 1, 26), kind=DayKind.DAY_OFF, name="春节")
    calendar.holiday_year_enter(actor=city, year=2028, notice="国办发明电〔2027〕1号")
    project = factories.project(world, budget="900000.00")
    signed = {"within 2026": date(2026, 12, 1), "into 2027": date(2026, 12, 30), "within 2027": date(2027, 6, 1),
              "into 2028": date(2027, 12, 29), "from 31 Dec 2027": date(2027, 12, 31), "within 2028": date(2028, 3, 1)}
    for number, signed_on in signed.items():
        factories.contract(world, project, number=number, signed_on=signed_on, start_date=signed_on + timedelta(30),
                           end_date=signed_on + timedelta(300), today=signed_on)
    entered = EnteredYears.read()
    in_python = {c.number for c in Contract.objects.all() if provisional_deadlines(c, entered)}
    in_query = set(Contract.objects.filter(open_provisional(entered)).values_list("number", flat=True))
    assert in_python == in_query == {"into 2027", "within 2027", "into 2028"}
