"""Deadlines on Chinese working days: National Day 2025 (1–8 October off) with the adjusted
working Sunday 28 September and Saturday 11 October, as published by the State Council and
seeded from the chinese-calendar package into the working calendar (``apps.holidays``)."""

from datetime import date

import pytest

from apps.procurement.workdays import add_working_days, calendar_known, is_working_day
from tests.procurement import factories

pytestmark = pytest.mark.django_db  # the calendar is a table


def test_the_package_knows_the_national_day_2025_arrangement():
    assert is_working_day(date(2025, 9, 28))  # Sunday, adjusted working day
    assert not is_working_day(date(2025, 10, 1))
    assert not is_working_day(date(2025, 10, 8))
    assert is_working_day(date(2025, 10, 11))  # Saturday, adjusted working day
    assert not is_working_day(date(2025, 10, 12))


@pytest.mark.parametrize(("start", "count", "expected"), [
    (date(2025, 9, 26), 1, date(2025, 9, 28)),  # Friday → the adjusted working Sunday
    (date(2025, 9, 26), 2, date(2025, 9, 29)),  # plain weekdays would give 30 September
    (date(2025, 9, 30), 1, date(2025, 10, 9)),  # across the whole holiday
    (date(2025, 9, 30), 2, date(2025, 10, 10)),
    (date(2025, 9, 26), 7, date(2025, 10, 13)),  # 28, 29, 30 Sep, 9, 10, 11 (Sat), 13 Oct
    (date(2025, 3, 3), 2, date(2025, 3, 5)),  # an ordinary week
])
def test_add_working_days(start, count, expected):
    assert add_working_days(start, count) == expected


def test_start_day_never_counts_and_count_must_be_positive():
    assert add_working_days(date(2025, 3, 3), 1) == date(2025, 3, 4)
    with pytest.raises(ValueError):
        add_working_days(date(2025, 3, 3), 0)


def test_unknown_year_falls_back_to_weekdays_and_says_so():
    assert not calendar_known(date(2035, 1, 1))
    assert add_working_days(date(2035, 1, 5), 1) == date(2035, 1, 8)  # Friday → Monday


def test_contract_deadlines_are_fixed_at_award_on_working_days(world):
    contract = factories.contract(world, factories.project(world), signed_on=date(2025, 9, 30),
                                  start_date=date(2025, 10, 9), end_date=date(2026, 9, 30))
    assert contract.publication_due == date(2025, 10, 10)
    # 9, 10, 11 (adjusted Saturday), 13, 14, 15, 16 October
    assert contract.filing_due == date(2025, 10, 16)


def test_overdue_publication_and_filing_are_flagged(world):
    from apps.procurement import services
    from apps.procurement.models import Contract
    from tests.personas import STREET_STAFF

    contract = factories.contract(world, factories.project(world), signed_on=date(2025, 9, 30),
                                  start_date=date(2025, 10, 9), end_date=date(2026, 9, 30))
    assert not contract.publication_overdue_on(date(2025, 10, 10))
    assert contract.publication_overdue_on(date(2025, 10, 13))
    assert list(Contract.objects.publication_overdue(date(2025, 10, 13))) == [contract]
    assert not Contract.objects.filing_overdue(date(2025, 10, 16)).exists()
    services.contract_disclosure_record(actor=world.user(STREET_STAFF), contract=contract,
                                        published_on=date(2025, 10, 13), filed_on=date(2025, 10, 15))
    contract.refresh_from_db()
    # Published late stays flagged; filed in time is not.
    assert contract.publication_overdue_on(date(2026, 1, 1))
    assert list(Contract.objects.publication_overdue(date(2026, 1, 1))) == [contract]
    assert not contract.filing_overdue_on(date(2026, 1, 1))
    assert not Contract.objects.filing_overdue(date(2026, 1, 1)).exists()
