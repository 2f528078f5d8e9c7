"""Issue 16.7: a public home page for anonymous visitors (log in, apply to join, verify a certificate,
the public disclosure, sign in to an activity by its 6-digit code); signed-in users keep going to
their own home; the log-in page links to sign-up and password reset.

The code look-up must not list activities: it finds only activities running today (local day, not
cancelled), look-ups that find nothing are limited per address, and the check-in page still needs
the code and a phone number."""

import datetime
import re

import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from apps.activities.models import Activity
from apps.core.filters import local_day_start
from tests.personas import ANONYMOUS, ORG_A_ADMIN, STREET_STAFF
from tests.volunteers.factories import make_activity

pytestmark = pytest.mark.django_db
FEW = {"RATE_LIMITS": {"checkin": (5, 10), "checkin_code": (3, 10), "signup": (10, 60), "password_reset": (5, 60)}}


def _today_at(hour):
    return local_day_start(timezone.localdate()) + datetime.timedelta(hours=hour)


def _with_code(activity, code):
    Activity.objects.filter(pk=activity.pk).update(checkin_code=code)
    activity.checkin_code = code
    return activity


def _find(client, code, address="203.0.113.9"):
    return client.post(reverse("public:checkin_find"), {"code": code}, REMOTE_ADDR=address)


def test_anonymous_visitors_get_the_public_home_page(client_for):
    response = client_for(ANONYMOUS).get("/")
    assert response.status_code == 200
    page = response.content.decode()
    for url in (reverse("login"), reverse("portal:signup"), reverse("public:verify"), reverse("public:disclosure"),
                reverse("public:checkin_find")):
        assert f'"{url}"' in page, url
    assert 'name="code"' in page and 'name="q"' in page  # the code, certificate and search forms


@pytest.mark.parametrize(("persona", "home"), [(STREET_STAFF, "office:home"), (ORG_A_ADMIN, "portal:home")])
def test_signed_in_users_keep_going_to_their_own_home(client_for, persona, home):
    response = client_for(persona).get("/")
    assert response.status_code == 302 and response["Location"] == reverse(home)


def test_the_log_in_page_links_to_sign_up_and_password_reset(client_for):
    page = client_for(ANONYMOUS).get(reverse("login")).content.decode()
    assert f'"{reverse("portal:signup")}"' in page and f'"{reverse("password_reset")}"' in page


def test_a_code_of_an_activity_running_today_leads_to_its_check_in_page(world, client_for):
    activity = _with_code(make_activity(world.org_a, start=_today_at(8), hours=10), "246810")
    client = client_for(ANONYMOUS)
    response = _find(client, "246810")
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('public:checkin', args=[activity.checkin_token])}?code=246810"
    page = client.get(response["Location"]).content.decode()
    assert re.search(r'name="code"[^>]*value="246810"|value="246810"[^>]*name="code"', page)  # typed once
    assert 'name="phone"' in page  # signing in still needs the phone number


@pytest.mark.parametrize("when", ["yesterday", "tomorrow", "cancelled"])
def test_only_activities_running_today_are_found(world, client_for, when):
    start = {"yesterday": _today_at(-14), "tomorrow": _today_at(33), "cancelled": _today_at(8)}[when]
    activity = _with_code(make_activity(world.org_a, start=start, hours=3), "135790")
    if when == "cancelled":
        Activity.objects.filter(pk=activity.pk).update(is_cancelled=True)
    response = _find(client_for(ANONYMOUS), "135790")
    assert response.status_code == 200
    assert activity.checkin_token not in response.content.decode()
    assert response.context["form"].errors["code"]


def test_an_activity_that_started_yesterday_and_runs_into_today_is_found(world, client_for):
    activity = _with_code(make_activity(world.org_a, start=_today_at(-2), hours=4), "864200")
    assert _find(client_for(ANONYMOUS), "864200")["Location"].startswith(
        reverse("public:checkin", args=[activity.checkin_token]))


def test_two_activities_with_one_code_today_are_offered_to_choose(world, client_for):
    first = _with_code(make_activity(world.org_a, start=_today_at(8), name="上午清洁"), "555111")
    second = _with_code(make_activity(world.org_b, start=_today_at(14), name="下午汇演"), "555111")
    response = _find(client_for(ANONYMOUS), "555111")
    assert response.status_code == 200
    page = response.content.decode()
    assert first.checkin_token in page and second.checkin_token in page


@override_settings(**FEW)
def test_look_ups_that_find_nothing_are_limited_per_address(world, client_for):
    activity = _with_code(make_activity(world.org_a, start=_today_at(8), hours=10), "424242")
    client = client_for(ANONYMOUS)
    for guess in ("000001", "000002", "000003"):
        assert _find(client, guess).status_code == 200
    blocked = _find(client, "424242")  # even the right code, once the misses are used up
    assert blocked.status_code == 429 and blocked.context["wait"]
    assert _find(client, "424242", address="198.51.100.1").status_code == 302  # another address is not


@override_settings(**FEW)
def test_found_codes_do_not_use_up_the_attempts(world, client_for):
    _with_code(make_activity(world.org_a, start=_today_at(8), hours=10), "777333")
    client = client_for(ANONYMOUS)
    for _ in range(5):  # a whole team on one Wi-Fi signing in
        assert _find(client, "777333").status_code == 302


def test_full_width_digits_are_refused_with_a_reason(client_for):
    response = _find(client_for(ANONYMOUS), "１２３４５６")
    assert response.status_code == 200
    [error] = response.context["form"].errors["code"]
    assert "0-9" in error  # "type the number with the half-width digits 0-9"


def test_a_code_from_a_link_that_is_not_six_digits_is_not_put_in_the_form(world, client_for):
    activity = make_activity(world.org_a, start=_today_at(8), hours=10)
    url = reverse("public:checkin", args=[activity.checkin_token])
    page = client_for(ANONYMOUS).get(f"{url}?code=%22%3E%3Cscript%3E").content.decode()
    assert "<script>" not in page and "&quot;&gt;" not in page


# --- 信息公开: searchable and paginated ---

def test_the_disclosure_is_searchable_and_paged(world, client_for, monkeypatch):
    from apps.public.views import disclosure
    from tests.procurement import factories as procurement

    superuser = world.user("superuser")
    project = procurement.project(world, budget="10000000")
    for n in range(5):
        contract = procurement.contract(world, project, number=f"HT-PUB-{n}", amount="1000", actor=superuser)
        contract.published_on = contract.signed_on
        contract.save(update_fields=["published_on"])
    other = procurement.contract(world, project, number="XY-9", amount="1000", provider=world.org_b, actor=superuser)
    other.published_on = other.signed_on
    other.save(update_fields=["published_on"])
    monkeypatch.setattr(disclosure, "PER_PAGE", 2)
    client = client_for(ANONYMOUS)

    found = client.get(reverse("public:disclosure"), {"q": "HT-PUB"})
    shown = found.context["contracts"]["page"]
    assert shown.paginator.count == 5 and [c.number.startswith("HT-PUB") for c in shown] == [True, True]
    assert "XY-9" not in found.content.decode()
    # the next page keeps the search
    next_url = found.context["contracts"]["next"]
    assert "q=HT-PUB" in next_url and "page=2" in next_url
    second = client.get(reverse("public:disclosure") + next_url)
    assert second.context["contracts"]["page"].number == 2 and "XY-9" not in second.content.decode()

    by_provider = client.get(reverse("public:disclosure"), {"q": world.org_b.name})
    assert [c.number for c in by_provider.context["contracts"]["page"]] == ["XY-9"]
