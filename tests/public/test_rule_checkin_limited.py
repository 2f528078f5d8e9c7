"""Rule (issue 14.3): the anonymous check-in page limits wrong attempts per activity and address,
answers a registered and an unregistered phone alike, shows at most a masked name, and refuses
digits other than ASCII 0-9 with a clear message instead of failing."""

import datetime
import re
from unittest import mock

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from apps.activities.models import CheckIn
from tests.volunteers.factories import make_activity, make_volunteer

pytestmark = pytest.mark.django_db

PHONE = "13700001111"
UNREGISTERED = "13799999999"
FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")
ARABIC_INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")


@pytest.fixture
def activity(world):
    # Running now, so that signing in is open.
    return make_activity(world.org_a, start=timezone.now() - datetime.timedelta(hours=1), hours=3)


@pytest.fixture
def volunteer(world):
    return make_volunteer(world.community_a1, name="陈小志", phone=PHONE)


def _post(client, activity, *, phone=PHONE, code=None, action="in", address="203.0.113.7"):
    return client.post(reverse("public:checkin", args=[activity.checkin_token]),
                       {"phone": phone, "code": activity.checkin_code if code is None else code, "action": action},
                       REMOTE_ADDR=address)


def _wrong(activity):
    return "000000" if activity.checkin_code != "000000" else "111111"


def _errors(response):
    form = response.context["form"]
    return {field: list(errors) for field, errors in form.errors.items()}


def test_wrong_codes_are_limited_per_activity_and_address(client, activity, volunteer, world):
    for _ in range(5):
        assert "code" in _errors(_post(client, activity, code=_wrong(activity)))
    blocked = _post(client, activity)  # even the right code now waits
    assert blocked.status_code == 429
    minutes = re.search(r"(\d+) (?:min|分钟)", blocked.content.decode())  # what is left of the 10-minute window
    assert minutes and 1 <= int(minutes.group(1)) <= 10
    assert not CheckIn.objects.exists()

    assert _post(client, activity, address="198.51.100.1").context["result"]["kind"] == "in"  # another address
    other = make_activity(world.org_a, start=timezone.now() - datetime.timedelta(hours=1), name="另一个活动")
    assert _post(client, other).context["result"]["kind"] == "in"  # another activity


def test_the_limit_lifts_after_the_window(client, activity, volunteer):
    for _ in range(5):
        _post(client, activity, code=_wrong(activity))
    assert _post(client, activity).status_code == 429
    later = timezone.now() + datetime.timedelta(minutes=11)
    with mock.patch("django.utils.timezone.now", return_value=later):
        assert _post(client, activity).context["result"]["kind"] == "in"


@mock.patch("apps.core.ratelimit.random.random", return_value=0.5)  # no occasional clean-up query
def test_a_registered_and_an_unregistered_phone_get_the_same_failure(_random, client, activity, volunteer):
    _post(client, activity)  # signed in: signing in again fails
    with CaptureQueriesContext(connection) as registered_queries:
        registered = _post(client, activity)
    with CaptureQueriesContext(connection) as unregistered_queries:
        unregistered = _post(client, activity, phone=UNREGISTERED)
    assert registered.status_code == unregistered.status_code == 200
    assert _errors(registered) == _errors(unregistered)
    assert registered.context["result"] is unregistered.context["result"] is None
    # The same work on the database, so that the time taken does not tell them apart either.
    assert len(registered_queries) == len(unregistered_queries)

    not_signed_in = make_volunteer(volunteer.community, name="李四")
    assert _errors(_post(client, activity, phone=not_signed_in.phone, action="out")) == _errors(unregistered)


def test_failed_sign_ins_with_the_right_code_count_too(client, activity, volunteer):
    # Otherwise the page would tell registered numbers apart at any speed.
    for _ in range(5):
        _post(client, activity, phone=UNREGISTERED)
    assert _post(client, activity).status_code == 429


def test_the_page_shows_a_masked_name_only(client, activity, volunteer):
    signed_in = _post(client, activity).content.decode()
    assert "陈**" in signed_in and "陈小志" not in signed_in
    CheckIn.objects.filter(volunteer=volunteer).update(checked_in_at=timezone.now() - datetime.timedelta(hours=1))
    signed_out = _post(client, activity, action="out").content.decode()
    assert "陈**" in signed_out and "陈小志" not in signed_out


@pytest.mark.parametrize("digits", [FULL_WIDTH, ARABIC_INDIC], ids=["full-width", "arabic-indic"])
@pytest.mark.parametrize("field", ["code", "phone"])
def test_non_ascii_digits_get_a_clear_error(client, activity, volunteer, digits, field):
    values = {"code": activity.checkin_code, "phone": PHONE}
    values[field] = values[field].translate(digits)
    response = _post(client, activity, **values)
    assert response.status_code == 200
    errors = _errors(response)
    assert list(errors) == [field]
    assert "0-9" in errors[field][0]
    assert not CheckIn.objects.exists()


def test_superscript_digits_are_refused_too(client, activity, volunteer):
    # str.isdigit() accepts "²": the form must not.
    response = _post(client, activity, code=activity.checkin_code[:5] + "²")
    assert "code" in _errors(response)
