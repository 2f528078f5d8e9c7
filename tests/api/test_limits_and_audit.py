"""Point 4 of issue 17: a rate limit per client (``apps.core.ratelimit``: counted in the database,
so every app process sees the same count) and an audit entry per call (client, endpoint, rows),
shown in the back office's audit log of API calls (``office:api_call_list``, the clients of the
user's area), on each client's page and in the Django admin's audit events ("API call")."""

import datetime

import pytest
from django.test import Client, override_settings
from django.urls import reverse

from apps.audit.models import AuditAction, AuditEvent
from apps.core.models import RateLimitCounter
from tests.api.world import make_client
from tests.personas import STREET_STAFF, SUPERUSER

pytestmark = pytest.mark.django_db

AREAS = reverse("api:area-list")


def get(token, url=AREAS, **extra):
    return Client().get(url, HTTP_AUTHORIZATION=f"Bearer {token}", **extra)


def test_a_client_over_its_limit_is_told_when_to_come_back(module_world):
    _client, token = make_client(module_world, area=module_world.street_a, rate_limit=3)
    _other, other_token = make_client(module_world, area=module_world.street_a, rate_limit=3)
    assert [get(token).status_code for _ in range(3)] == [200, 200, 200]
    refused = get(token, HTTP_ACCEPT_LANGUAGE="en")
    assert refused.status_code == 429
    assert refused.json()["code"] == "throttled"
    assert 1 <= int(refused["Retry-After"]) <= 60
    # Per client: another client's calls are counted apart.
    assert get(other_token).status_code == 200


@override_settings(API_RATE_LIMIT=(2, 5))
def test_without_its_own_figure_a_client_has_the_deployment_s(module_world):
    _client, token = make_client(module_world, area=module_world.street_a)
    assert [get(token).status_code for _ in range(3)] == [200, 200, 429]
    assert int(get(token)["Retry-After"]) <= 5 * 60


def test_the_count_is_kept_in_the_database_hashed(module_world):
    client, token = make_client(module_world, area=module_world.street_a, rate_limit=10)
    before = RateLimitCounter.objects.count()
    get(token)
    get(token)
    assert RateLimitCounter.objects.count() == before + 1
    counter = RateLimitCounter.objects.order_by("-pk").first()
    assert counter.count == 2 and counter.key not in (f"api:{client.pk}", token) and len(counter.key) == 64


def test_every_call_is_audited_with_client_endpoint_and_rows(module_world):
    client, token = make_client(module_world, area=module_world.street_a, rate_limit=100)
    get(token, f"{AREAS}?level=community")
    get(token, reverse("api:area-detail", args=[module_world.community_b1.pk]))  # outside: 404
    events = list(AuditEvent.objects.filter(action=AuditAction.API, object_id=str(client.pk)).order_by("pk"))
    assert len(events) == 2
    listed, refused = events
    assert listed.actor == client.service_user
    assert listed.row_count == 2  # street A's two communities
    assert listed.detail["endpoint"] == "api:area-list" and listed.detail["query"] == "level=community"
    assert listed.detail["status"] == 200 and listed.detail["token"] == client.token_prefix
    assert (refused.detail["endpoint"], refused.detail["status"], refused.row_count) == ("api:area-detail", 404, 0)


def test_calls_over_the_limit_are_counted_not_audited(module_world):
    client, token = make_client(module_world, area=module_world.street_a, rate_limit=1)
    get(token)
    get(token)
    assert AuditEvent.objects.filter(action=AuditAction.API, object_id=str(client.pk)).count() == 1


def logged_in(world, persona):
    browser = Client()
    browser.force_login(world.user(persona), backend="django.contrib.auth.backends.ModelBackend")
    return browser


def test_api_calls_appear_in_the_audit_log_and_on_the_client_s_page(module_world):
    client, token = make_client(module_world, area=module_world.street_a, rate_limit=100)
    get(token, f"{AREAS}?level=community")
    page = logged_in(module_world, STREET_STAFF).get(reverse("office:api_client_detail", args=[client.pk]))
    assert page.status_code == 200
    call = page.context["calls"][0]
    assert call.detail["path"] == AREAS and call.row_count == 2
    assert "level=community" in page.content.decode()
    admin = logged_in(module_world, SUPERUSER).get("/admin/audit/auditevent/", {"action__exact": AuditAction.API})
    assert admin.status_code == 200 and str(client) in admin.content.decode()


def test_old_counters_do_not_count(module_world):
    client, token = make_client(module_world, area=module_world.street_a, rate_limit=1)
    assert get(token).status_code == 200
    RateLimitCounter.objects.update(window_start=datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC))
    assert get(token).status_code == 200


def test_the_back_office_audit_log_of_api_calls_shows_the_user_s_clients_only(module_world):
    street_a, token_a = make_client(module_world, area=module_world.street_a, rate_limit=100, name="甲街道驾驶舱")
    street_b, token_b = make_client(module_world, area=module_world.street_b, rate_limit=100, name="乙街道驾驶舱")
    get(token_a, f"{AREAS}?level=community")
    get(token_b)
    get(token_a, reverse("api:area-detail", args=[module_world.community_b1.pk]))  # 404
    url = reverse("office:api_call_list")
    page = logged_in(module_world, STREET_STAFF).get(url)
    assert page.status_code == 200
    rows = list(page.context["table"].data)
    assert {row.object_id for row in rows} == {str(street_a.pk)} and len(rows) == 2
    assert "level=community" in page.content.decode() and "乙街道驾驶舱" not in page.content.decode()
    refused = logged_in(module_world, STREET_STAFF).get(url, {"refused": "yes"})
    assert [row.detail["status"] for row in refused.context["table"].data] == [404]
    # Another street's client is not a choice: refused like an unknown one.
    other = logged_in(module_world, STREET_STAFF).get(url, {"client": street_b.pk})
    assert "client" in other.context["filter"].form.errors
    city = logged_in(module_world, SUPERUSER).get(url, {"client": street_b.pk})
    assert [row.object_id for row in city.context["table"].data] == [str(street_b.pk)]
