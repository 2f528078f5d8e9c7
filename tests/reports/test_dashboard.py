"""The back-office dashboard: every figure equals a direct query over the user's area, street
staff never see another street's numbers, organization users are refused, and the page's
query count does not grow with the data."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from apps.organizations.models import LegalForm, Organization, OrgStatus
from tests.personas import CITY_STAFF, COMMUNITY_WORKER, ORG_A_ADMIN, ORG_B_ADMIN, STREET_STAFF, SUPERUSER
from tests.reports import expected
from tests.reports.builders import build
from tests.volunteers.factories import make_activity

pytestmark = pytest.mark.django_db
HOME = reverse("office:home")


def board_for(client_for, persona):
    response = client_for(persona).get(HOME)
    assert response.status_code == 200
    return response.context["board"]


@pytest.mark.parametrize("persona, area_name", [(STREET_STAFF, "street_a"), (CITY_STAFF, "city"),
                                                (COMMUNITY_WORKER, "community_a1")])
def test_figures_equal_direct_queries(world, client_for, persona, area_name):
    built = build(world)
    area = getattr(world, area_name)
    board = board_for(client_for, persona)

    assert board.organizations.by_form == {form: expected.by_form(area)[form] for form in LegalForm.values}
    assert board.organizations.by_status == {status: expected.by_status(area)[status] for status in OrgStatus.values}
    party = expected.party(area)
    assert (board.party.organizations, board.party.covered, board.party.party_members) == (
        party["organizations"], party["covered"], party["members"])
    assert board.party.party_member_volunteers == expected.volunteers(area).filter(
        political_status__in=["cpc", "cpc_probationary"]).distinct().count()

    hours, people = expected.hours_per_month(area, board.months[0].month)
    assert {m.month: m.hours for m in board.months if m.hours} == hours
    assert {m.month: m.volunteers for m in board.months if m.volunteers} == people
    assert len(board.months) == 12 and board.months[-1].month == built.today.replace(day=1)

    start = board.months[0].month
    held = expected.activities_held(area, start, built.today)
    communities = dict(board.communities)
    for activity in held:
        assert communities[activity.community.name] >= 1
    assert sum(communities.values()) == len(held)

    for year, spend in board.spend.items():
        assert (spend.budget, spend.committed, spend.paid) == (
            expected.budget(area, year), expected.committed(area, year), expected.paid(area, year))


def test_alerts_count_what_the_data_holds_and_link_to_filtered_lists(world, client_for):
    build(world)
    response = client_for(STREET_STAFF).get(HOME)
    alerts = response.context["board"].alerts
    # Street A: org A has no report since 2015 and a grade expiring in 60 days; org A2 was
    # listed 10 days ago; contract A-1 was never published nor filed; three records wait.
    assert (alerts.reports_overdue, alerts.grades_expiring, alerts.new_listings, alerts.publication_overdue,
            alerts.filing_overdue, alerts.records_pending) == (1, 1, 1, 1, 1, 3)
    city = client_for(CITY_STAFF).get(HOME).context["board"].alerts
    assert (city.grades_expiring, city.new_listings, city.publication_overdue, city.records_pending) == (2, 2, 2, 3)
    links = {label: url for label, _count, url in response.context["alerts"]}
    assert any("report_overdue=yes" in url for url in links.values())
    client = client_for(STREET_STAFF)
    for url, name in [(reverse("office:organization_list") + "?grade_expiring=yes", world.org_a.name),
                      (reverse("office:organization_list") + "?listed_recently=yes", world.org_a2.name)]:
        page = client.get(url)
        assert page.status_code == 200
        rows = [str(record) for record in page.context["table"].data]
        assert rows == [name]
    assert client.get(reverse("office:organization_list") + "?grade_expiring=yes").context["table"].data.data.count() == 1


def test_street_staff_never_see_street_b(world, client_for):
    build(world)
    board = board_for(client_for, STREET_STAFF)
    # Street B's 10 Party members, 5 hours and 400,000 yuan contract are not in street A's figures.
    assert board.party.party_members == 7
    assert sum(m.hours for m in board.months) == 8
    assert all(spend.committed in (0, 100000) for spend in board.spend.values())
    assert "白乐桥社区" not in dict(board.communities)
    page = client_for(STREET_STAFF).get(HOME).content.decode()
    assert "白乐桥社区" not in page
    assert board_for(client_for, SUPERUSER).party.party_members == 17


@pytest.mark.parametrize("persona", [ORG_A_ADMIN, ORG_B_ADMIN])
def test_organization_users_are_refused(world, client_for, persona):
    assert client_for(persona).get(HOME).status_code == 403


def test_every_chart_has_an_image_and_a_table(world, client_for):
    build(world)
    page = client_for(STREET_STAFF).get(HOME).content.decode()
    for key in ("forms", "status", "party", "volunteers", "communities", "spend"):
        assert f'data-testid="chart-{key}"' in page and f'data-testid="table-{key}"' in page
    assert 'src="data:image/svg+xml;base64,' in page
    # No inline SVG (its <style> would break the CSP) and no inline styles.
    assert "<svg" not in page and " style=" not in page


def _queries(client):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(HOME).status_code == 200
    return len(captured)


def test_query_count_does_not_grow_with_the_data(world, client_for):
    build(world)
    client = client_for(STREET_STAFF)
    small = _queries(client)
    for i in range(15):
        org = Organization.objects.create(name=f"新组织{i}", area=world.community_a2, founded_on=datetime.date(2016, 1, 1))
        make_activity(org, start=world.org_a.created_at - datetime.timedelta(days=i + 1), name=f"活动{i}")
    assert _queries(client) == small
    # Pinned: session, user, then aggregates: organizations by form/status, party, months ×2 (kept
    # monthly figures; registrations and Party-member volunteers in one pass), communities ×2,
    # spend ×4, alerts (report deadlines, overdue, grades, listings, contracts ×2, pending records,
    # volunteers with a star award under review, likely duplicate registrations), deadlines
    # waiting for a holiday arrangement ×2 (entered years, contracts).
    assert small == 24
