"""A contract whose open deadline was counted through a year without an entered arrangement is
flagged on its page and listed on the dashboard of the staff who see it, until city staff
enter the year (which recomputes the deadline)."""

import datetime

import pytest
from django.urls import reverse

from apps.holidays import services as calendar
from apps.holidays.models import DayKind
from apps.procurement import services
from tests.personas import CITY_STAFF, COMMUNITY_WORKER, STREET_STAFF
from tests.procurement import factories

pytestmark = pytest.mark.django_db

HOME = reverse("office:home")
SIGNED = datetime.date(2026, 12, 30)


def award(world, number="HT-2027-1", signed_on=SIGNED, purchaser=None):
    project = factories.project(world, purchaser=purchaser, name=f"项目{number}")
    return factories.contract(world, project, number=number, signed_on=signed_on, start_date=datetime.date(2027, 1, 4),
                              end_date=datetime.date(2027, 12, 31), actor=world.user("superuser"), today=signed_on)


def enter_2027(world):
    city = world.user(CITY_STAFF)
    calendar.holiday_day_add(actor=city, year=2027, date=datetime.date(2027, 1, 4), kind=DayKind.DAY_OFF, name="元旦")
    calendar.holiday_year_enter(actor=city, year=2027, notice="国办发明电〔2026〕9号")


def test_the_contract_page_warns_until_the_year_is_entered(world, client_for):
    contract = award(world)
    url = reverse("office:procurement_contract_detail", args=[contract.pk])
    page = client_for(STREET_STAFF).get(url)
    warnings = [(d.key, d.due, d.years) for d in page.context["provisional_deadlines"]]
    assert warnings == [("publication", datetime.date(2027, 1, 4), (2027,)),
                        ("filing", datetime.date(2027, 1, 11), (2027,))]
    html = page.content.decode()
    assert html.count('data-testid="provisional-deadline"') == 2 and "2027年国务院节假日安排尚未录入" in html
    assert reverse("office:holiday_year_detail", args=[2027]) in html

    enter_2027(world)
    page = client_for(STREET_STAFF).get(url)
    assert page.context["provisional_deadlines"] == []
    assert 'data-testid="provisional-deadline"' not in page.content.decode()
    assert page.context["object"].publication_due == datetime.date(2027, 1, 5)


def test_a_met_deadline_is_not_flagged(world, client_for):
    contract = award(world)
    services.contract_disclosure_record(actor=world.user(STREET_STAFF), contract=contract,
                                        published_on=datetime.date(2026, 12, 31))
    page = client_for(STREET_STAFF).get(reverse("office:procurement_contract_detail", args=[contract.pk]))
    assert [d.key for d in page.context["provisional_deadlines"]] == ["filing"]


def test_the_dashboard_lists_the_contract_until_the_year_is_entered(world, client_for):
    street_a = award(world, "HT-A")
    street_b = award(world, "HT-B", purchaser=world.street_b)
    award(world, "HT-2026", signed_on=datetime.date(2026, 12, 1))  # counted within 2026: final

    board = client_for(STREET_STAFF).get(HOME).context["board"]
    assert [c.number for c in board.waiting.contracts] == ["HT-A"]  # street B's is not theirs to see
    assert (board.waiting.count, board.waiting.years) == (1, [2027])
    city = client_for(CITY_STAFF).get(HOME)
    assert sorted(c.number for c in city.context["board"].waiting.contracts) == ["HT-A", "HT-B"]
    html = city.content.decode()
    assert 'data-testid="provisional-deadlines"' in html and reverse(
        "office:procurement_contract_detail", args=[street_b.pk]) in html
    assert client_for(COMMUNITY_WORKER).get(HOME).context["board"].waiting.count == 0  # not in their area

    enter_2027(world)

    board = client_for(CITY_STAFF).get(HOME).context["board"]
    assert (board.waiting.count, board.waiting.contracts) == (0, [])
    assert 'data-testid="provisional-deadlines"' not in client_for(STREET_STAFF).get(HOME).content.decode()
    street_a.refresh_from_db()
    assert street_a.publication_due == datetime.date(2027, 1, 5)


def test_the_dashboard_shows_ten_and_counts_the_rest(world, client_for):
    award(world, "HT-22", signed_on=datetime.date(2026, 12, 22))  # filing due 31 December: final
    for n in range(10):
        award(world, f"HT-23-{n}", signed_on=datetime.date(2026, 12, 23))  # filing due 4 January 2027
    board = client_for(CITY_STAFF).get(HOME).context["board"]
    assert (board.waiting.count, len(board.waiting.contracts), board.waiting.more) == (10, 10, 0)
    award(world, "HT-late", signed_on=datetime.date(2026, 12, 31))
    board = client_for(CITY_STAFF).get(HOME).context["board"]
    assert (board.waiting.count, len(board.waiting.contracts), board.waiting.more) == (11, 10, 1)
    assert "HT-22" not in [c.number for c in board.waiting.contracts]
