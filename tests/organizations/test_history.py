"""The organization's history tab shows its own changes and those of its annual reports,
grades, credit listings, penalties and status changes, in a fixed number of queries."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from apps.organizations import services
from apps.organizations.models import (
    AnnualReport, CreditListing, CreditListKind, EvaluationGrade, OrgStatus, Penalty, StatusChange,
)
from tests.personas import STREET_STAFF

pytestmark = pytest.mark.django_db
DAY = datetime.date(2026, 6, 1)


def _history(client, org):
    response = client.get(reverse("office:organization_detail", args=[org.pk]) + "?tab=history")
    return response, response.content.decode()


def _records(org, year, listing=True):
    AnnualReport.objects.create(organization=org, year=year, submitted_on=DAY, result="qualified")
    EvaluationGrade.objects.create(organization=org, grade=3, score=750, evaluated_on=DAY,
                                   valid_until=DAY.replace(year=DAY.year + 5), certificate_number=f"PG-{year}")
    if listing:  # one open listing per kind
        CreditListing.objects.create(organization=org, kind=CreditListKind.ABNORMAL, reason="未按时年报",
                                     decision_document=f"西民异〔{year}〕1号", listed_on=DAY)
    Penalty.objects.create(organization=org, decided_on=DAY, kind="警告", reason="未按章程活动",
                           decision_document=f"西民罚〔{year}〕2号")


def test_history_tab_shows_related_records(world, client_for):
    org = world.org_a
    _records(org, 2025)
    services.organization_status_change(organization=org, to_status=OrgStatus.CHANGING, changed_on=DAY,
                                        reason="变更住所", actor=world.user(STREET_STAFF))
    response, content = _history(client_for(STREET_STAFF), org)
    subjects = " ".join(item.subject for item in response.context["history"])
    for text in ["西民异〔2025〕1号", "西民罚〔2025〕2号", "PG-2025", "变更住所", "2025"]:
        assert text in content
    for model in [AnnualReport, EvaluationGrade, CreditListing, Penalty, StatusChange]:
        assert str(model._meta.verbose_name).lower() in subjects.lower(), model
    assert 'data-testid="history-subject"' in content
    # Foreign keys and choices are shown by name, not by id or code.
    listing = next(item for item in response.context["history"] if "西民异" in str(item.changes))
    assert str(CreditListKind.ABNORMAL.label) in str(listing.changes)
    assert org.name in str(listing.changes)


def test_other_organizations_records_are_not_in_the_history(world, client_for):
    _records(world.org_a2, 2024)
    _, content = _history(client_for(STREET_STAFF), world.org_a)
    assert "西民罚〔2024〕2号" not in content and "PG-2024" not in content


def test_history_query_count_does_not_grow_with_related_records(world, client_for):
    client = client_for(STREET_STAFF)
    _records(world.org_a, 2020)
    _history(client, world.org_a)
    with CaptureQueriesContext(connection) as few:
        _history(client, world.org_a)
    for year in range(2021, 2026):
        _records(world.org_a, year, listing=False)
    with CaptureQueriesContext(connection) as many:
        response, _ = _history(client, world.org_a)
    # 6 × (report, grade, penalty) + 1 listing
    assert sum(1 for item in response.context["history"] if item.subject) == 19
    assert len(many) == len(few)
