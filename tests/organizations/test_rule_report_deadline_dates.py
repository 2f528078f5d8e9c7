"""年报 deadlines (DOMAIN §2: due 31 May, 基金会 31 March, *(local)*): the editable table and the
setting hold a month and a day, and only a day of the calendar is accepted. 31 April used to be
stored and silently read as 28 April; it is now refused by ``AnnualReportDeadline.clean``, by a
database constraint (after a data migration moved old rows to the month's end) and, in
settings, with ``ImproperlyConfigured``. 29 February stays possible: in a common year the report
is due on 28 February."""

import datetime
import importlib

import pytest
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import translation

from apps.organizations import selectors
from apps.organizations.models import AnnualReportDeadline, LegalForm
from tests.personas import SUPERUSER

pytestmark = pytest.mark.django_db

IMPOSSIBLE = [(4, 31), (6, 31), (9, 31), (11, 31), (2, 30), (2, 31), (13, 1), (0, 10), (5, 0), (5, 32)]


@pytest.mark.parametrize("month, day", IMPOSSIBLE)
def test_impossible_days_are_refused_on_entry(month, day):
    """Failed before for 4/31, 6/31, 9/31, 11/31, 2/30, 2/31 (only 1–12 and 1–31 were checked)."""
    with pytest.raises(ValidationError):
        AnnualReportDeadline(legal_form=LegalForm.SOCIAL_GROUP, month=month, day=day).full_clean()


@pytest.mark.parametrize("month, day", [(4, 30), (5, 31), (2, 28), (2, 29), (12, 31), (1, 1)])
def test_days_of_the_calendar_are_accepted(month, day):
    AnnualReportDeadline(legal_form=LegalForm.SOCIAL_GROUP, month=month, day=day).full_clean()


def test_the_message_names_the_day():
    with translation.override("en"), pytest.raises(ValidationError) as refused:
        AnnualReportDeadline(legal_form=LegalForm.FOUNDATION, month=4, day=31).full_clean()
    assert refused.value.message_dict["day"] == ["Month 4 has no day 31."]


@pytest.mark.parametrize("month, day", [(4, 31), (2, 30)])
def test_the_database_refuses_them_too(month, day):
    """Failed before: the constraint checked 1–12 and 1–31 only."""
    with pytest.raises(IntegrityError), transaction.atomic():
        AnnualReportDeadline.objects.create(legal_form=LegalForm.SOCIAL_GROUP, month=month, day=day)


def test_the_admin_form_shows_the_error(world, client_for):
    response = client_for(SUPERUSER).post(reverse("admin:organizations_annualreportdeadline_add"),
                                          {"legal_form": LegalForm.SOCIAL_GROUP, "month": 4, "day": 31})
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["day"]
    assert not AnnualReportDeadline.objects.exists()


def test_an_impossible_day_in_settings_fails_loudly(settings):
    """Failed before: (4, 31) gave 28 April without a word."""
    settings.ORGANIZATION_ANNUAL_REPORT_DEADLINES = {"social_group": (4, 31)}
    with pytest.raises(ImproperlyConfigured):
        selectors.report_due_on(LegalForm.SOCIAL_GROUP, 2025)


def test_29_february_falls_on_28_february_in_a_common_year():
    AnnualReportDeadline.objects.create(legal_form=LegalForm.SOCIAL_GROUP, month=2, day=29)
    assert selectors.report_due_on(LegalForm.SOCIAL_GROUP, 2025) == datetime.date(2026, 2, 28)
    assert selectors.report_due_on(LegalForm.SOCIAL_GROUP, 2027) == datetime.date(2028, 2, 29)


class _OldRow:
    """A row as the old constraint allowed it (the new one forbids writing it to the database)."""

    def __init__(self, month, day):
        self.month, self.day, self.saved = month, day, False

    def save(self, update_fields):
        self.saved = True


def test_the_data_migration_moves_old_rows_to_the_month_end():
    migration = importlib.import_module("apps.organizations.migrations.0006_annual_report_deadline_day_exists")
    rows = [_OldRow(4, 31), _OldRow(2, 31), _OldRow(2, 29), _OldRow(5, 31), _OldRow(11, 31)]
    model = type("AnnualReportDeadline", (), {"objects": type("Manager", (), {"filter": lambda self, **_: rows})()})
    historical_apps = type("Apps", (), {"get_model": lambda self, app, name: model})()
    migration.move_to_month_end(historical_apps, None)
    assert [(row.month, row.day, row.saved) for row in rows] == [
        (4, 30, True), (2, 29, True), (2, 29, False), (5, 31, False), (11, 30, True)]
