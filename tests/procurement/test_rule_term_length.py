"""Rule (issue 15.6): a contract term is generally at most one year, up to three years for stable,
continuing services (with a justification), never more. A term of n years ends the day before the
start's anniversary; the anniversary of 29 February in a common year is 1 March, so
2028-02-29 → 2029-02-28 is one year and 2027-03-01 → 2028-02-29 (twelve whole months) too."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from apps.procurement import rules
from apps.procurement.services.contracts import check_term
from tests.procurement import factories

pytestmark = pytest.mark.django_db

JUSTIFIED = "居家养老服务需连续稳定提供"


@pytest.mark.parametrize(("start", "years", "last_day"), [
    (date(2025, 3, 10), 1, date(2026, 3, 9)),
    (date(2028, 2, 29), 1, date(2029, 2, 28)),  # leap day: the anniversary is 1 March 2029
    (date(2027, 3, 1), 1, date(2028, 2, 29)),  # twelve whole months, through a leap day
    (date(2027, 2, 28), 1, date(2028, 2, 27)),
    (date(2028, 3, 1), 1, date(2029, 2, 28)),
    (date(2028, 2, 29), 3, date(2031, 2, 28)),
    (date(2028, 2, 29), 4, date(2032, 2, 28)),  # leap year again: 29 February 2032 is the anniversary
    (date(2025, 12, 31), 1, date(2026, 12, 30)),
])
def test_last_day_of_a_term(start, years, last_day):
    assert rules.term_last_day(start, years) == last_day


@pytest.mark.parametrize(("start", "end", "justification", "error_field"), [
    (date(2028, 2, 29), date(2029, 2, 28), "", None),  # one year from a leap day
    (date(2028, 2, 29), date(2029, 3, 1), "", "term_justification"),  # a day over
    (date(2027, 3, 1), date(2028, 2, 29), "", None),
    (date(2027, 3, 1), date(2028, 3, 1), "", "term_justification"),
    (date(2025, 3, 10), date(2026, 3, 9), "", None),
    (date(2025, 3, 10), date(2026, 3, 10), "", "term_justification"),
    (date(2028, 2, 29), date(2031, 2, 28), JUSTIFIED, None),  # three years from a leap day
    (date(2028, 2, 29), date(2031, 3, 1), JUSTIFIED, "end_date"),  # never more than three
    (date(2025, 3, 10), date(2028, 3, 9), JUSTIFIED, None),
    (date(2025, 3, 10), date(2028, 3, 10), JUSTIFIED, "end_date"),
    (date(2025, 3, 10), date(2025, 3, 10), "", "end_date"),
])
def test_term_rule(start, end, justification, error_field):
    if error_field is None:
        check_term(start, end, justification)
        return
    with pytest.raises(ValidationError) as error:
        check_term(start, end, justification)
    assert list(error.value.message_dict) == [error_field]


def test_a_leap_day_term_of_one_year_is_awarded_without_a_justification(world):
    contract = factories.contract(world, factories.project(world), start_date=date(2028, 2, 29),
                                  end_date=date(2029, 2, 28))
    assert contract.term_justification == ""
