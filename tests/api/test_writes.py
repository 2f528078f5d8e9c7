"""Point 3 of issue 17: writes through the services the pages use (one code path, the same rules
and messages), records pending until staff or the organization confirm them, check-in and
check-out, idempotency keys for retries, and error bodies with field errors in Chinese (default)
and English (``Accept-Language: en``)."""

import datetime

import pytest
from auditlog.models import LogEntry
from django.urls import reverse
from django.utils import timezone

from apps.activities.models import Activity, CheckIn, OrganizerKind, RecordStatus, ServiceRecord
from apps.apiclients.models import IdempotencyKey
from tests.api.world import ORG_A_WRITE, ORG_B_WRITE, STREET_A_WRITE
from tests.portal_work.world import portal_world

pytestmark = pytest.mark.django_db

ACTIVITIES = reverse("api:activity-list")
RECORDS = reverse("api:service-record-list")


def local(*args):
    return timezone.make_aware(datetime.datetime(*args)).isoformat()


def new_activity(module_world, **extra):
    return {"name": "接口测试活动", "organizer_kind": OrganizerKind.ORGANIZATION, "organization": module_world.org_a.pk,
            "community": module_world.community_a1.pk, "place": "社区广场", "starts_at": local(2026, 3, 5, 9),
            "ends_at": local(2026, 3, 5, 12), "category": "community", "lead_person": "王芳",
            "positions": [{"name": "引导员", "quota": 2}], **extra}


def test_a_street_client_creates_an_activity_through_the_service(call, api, module_world):
    response = call(STREET_A_WRITE, "post", ACTIVITIES, new_activity(module_world))
    assert response.status_code == 201, response.content
    body = response.json()
    activity = Activity.objects.get(pk=body["id"])
    assert activity.created_by == api.clients[STREET_A_WRITE].service_user
    assert [p["name"] for p in body["positions"]] == ["引导员"]
    # auditlog names the client's service user as the actor of the new row.
    entry = LogEntry.objects.get_for_object(activity).get()
    assert entry.actor == api.clients[STREET_A_WRITE].service_user


def test_an_organization_client_organizes_as_itself_whatever_it_sends(call, module_world):
    data = new_activity(module_world, organizer_kind=OrganizerKind.COMMUNITY, organization=None)
    response = call(ORG_A_WRITE, "post", ACTIVITIES, data)
    assert response.status_code == 201, response.content
    activity = Activity.objects.get(pk=response.json()["id"])
    assert (activity.organizer_kind, activity.organization) == (OrganizerKind.ORGANIZATION, module_world.org_a)


def test_another_tenant_s_rows_cannot_be_named(call, module_world):
    response = call(ORG_B_WRITE, "post", RECORDS, {"activity": portal_world(module_world)["a"].activity.pk,
                                                   "volunteer": portal_world(module_world)["b"].volunteer.pk},
                    HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert set(response.json()["fields"]) == {"activity"}


def test_a_record_entered_by_a_client_waits_for_confirmation(call, api, module_world):
    activity = call(ORG_A_WRITE, "post", ACTIVITIES, new_activity(module_world)).json()
    volunteer = portal_world(module_world)["a"].volunteer
    response = call(ORG_A_WRITE, "post", RECORDS, {"activity": activity["id"], "volunteer": volunteer.pk,
                                                   "content": "引导居民"})
    assert response.status_code == 201, response.content
    record = ServiceRecord.objects.get(pk=response.json()["id"])
    assert record.status == RecordStatus.PENDING and response.json()["status"] == RecordStatus.PENDING
    assert record.recorded_by == api.clients[ORG_A_WRITE].service_user
    assert record.hours == 3


def test_the_service_s_rules_refuse_with_its_messages_in_chinese_and_english(call, module_world):
    """The volunteer already has a record for the same time: the rule of the pages' entry."""
    work = portal_world(module_world)["a"]
    data = {"activity": work.activity.pk, "volunteer": work.volunteer.pk}
    chinese = call(ORG_A_WRITE, "post", RECORDS, data)
    english = call(ORG_A_WRITE, "post", RECORDS, data, HTTP_ACCEPT_LANGUAGE="en")
    assert chinese.status_code == english.status_code == 400
    assert english.json()["code"] == chinese.json()["code"] == "invalid"
    assert english.json()["detail"] == "Check the input: each field's errors are under “fields”."
    assert chinese.json()["detail"] == "请检查输入：各字段的错误见 “fields”。"
    english_messages = [m for messages in english.json()["fields"].values() for m in messages]
    chinese_messages = [m for messages in chinese.json()["fields"].values() for m in messages]
    assert any("already serves in" in m for m in english_messages), english_messages
    assert all(m.startswith(work.volunteer.name) for m in english_messages + chinese_messages)
    assert chinese_messages != english_messages
    assert ServiceRecord.objects.filter(volunteer=work.volunteer).count() == 1


def test_missing_fields_are_named_one_by_one(call):
    english = call(STREET_A_WRITE, "post", ACTIVITIES, {}, HTTP_ACCEPT_LANGUAGE="en").json()
    chinese = call(STREET_A_WRITE, "post", ACTIVITIES, {}).json()
    assert {"name", "community", "starts_at", "ends_at"} <= set(english["fields"])
    assert english["fields"]["name"] == ["This field is required."]
    assert chinese["fields"]["name"] == ["该字段是必填项。"]


def test_check_in_and_check_out_make_a_pending_record(call, module_world):
    activity = call(ORG_A_WRITE, "post", ACTIVITIES, new_activity(module_world)).json()
    volunteer = portal_world(module_world)["a"].volunteer
    url_in = reverse("api:activity-check-in", args=[activity["id"]])
    url_out = reverse("api:activity-check-out", args=[activity["id"]])
    signed_in = call(ORG_A_WRITE, "post", url_in, {"volunteer": volunteer.pk, "at": local(2026, 3, 5, 9, 10)})
    assert signed_in.status_code == 201, signed_in.content
    again = call(ORG_A_WRITE, "post", url_in, {"volunteer": volunteer.pk, "at": local(2026, 3, 5, 9, 20)},
                 HTTP_ACCEPT_LANGUAGE="en")
    assert again.status_code == 400
    assert again.json()["fields"] == {"non_field_errors": ["You have already signed in to this activity."]}
    signed_out = call(ORG_A_WRITE, "post", url_out, {"volunteer": volunteer.pk, "at": local(2026, 3, 5, 11, 10)})
    assert signed_out.status_code == 201, signed_out.content
    assert signed_out.json()["status"] == RecordStatus.PENDING and signed_out.json()["hours"] == "2.00"
    assert CheckIn.objects.get(activity_id=activity["id"]).checked_out_at is not None


def test_a_future_check_in_is_refused(call, module_world):
    activity = portal_world(module_world)["a"].activity
    future = (timezone.now() + datetime.timedelta(hours=1)).isoformat()
    response = call(ORG_A_WRITE, "post", reverse("api:activity-check-in", args=[activity.pk]),
                    {"volunteer": portal_world(module_world)["a"].volunteer.pk, "at": future},
                    HTTP_ACCEPT_LANGUAGE="en")
    assert response.json()["fields"] == {"at": ["This time lies in the future."]}


def test_a_retry_with_the_same_idempotency_key_writes_once(call, module_world):
    activity = call(ORG_A_WRITE, "post", ACTIVITIES, new_activity(module_world)).json()
    data = {"activity": activity["id"], "volunteer": portal_world(module_world)["a"].volunteer.pk}
    first = call(ORG_A_WRITE, "post", RECORDS, data, HTTP_IDEMPOTENCY_KEY="rec-1")
    retry = call(ORG_A_WRITE, "post", RECORDS, data, HTTP_IDEMPOTENCY_KEY="rec-1")
    assert first.status_code == retry.status_code == 201
    assert retry.json() == first.json() and retry["Idempotent-Replayed"] == "true"
    assert "Idempotent-Replayed" not in first
    assert ServiceRecord.objects.filter(activity_id=activity["id"]).count() == 1
    # Another body under the same key is a client's mistake, not a retry.
    other = call(ORG_A_WRITE, "post", RECORDS, {**data, "content": "别的"}, HTTP_IDEMPOTENCY_KEY="rec-1")
    assert other.status_code == 422 and other.json()["code"] == "idempotency_key_reused"
    # Keys are per client: another client's same key is its own.
    assert call(ORG_B_WRITE, "post", RECORDS, {}, HTTP_IDEMPOTENCY_KEY="rec-1").status_code == 400


def test_a_refused_write_is_replayed_too(call, module_world):
    """A 400 is an answer: the retry gets it again (the work is not tried twice)."""
    work = portal_world(module_world)["a"]
    data = {"activity": work.activity.pk, "volunteer": work.volunteer.pk}
    first = call(ORG_A_WRITE, "post", RECORDS, data, HTTP_IDEMPOTENCY_KEY="bad-1")
    retry = call(ORG_A_WRITE, "post", RECORDS, data, HTTP_IDEMPOTENCY_KEY="bad-1")
    assert first.status_code == retry.status_code == 400 and retry.json() == first.json()
    assert IdempotencyKey.objects.filter(key="bad-1").count() == 1


def test_a_server_error_leaves_the_key_free_for_a_retry(call, module_world, monkeypatch):
    from apps.activities import services

    def broken(**kwargs):
        raise RuntimeError("database went away")

    monkeypatch.setattr(services, "activity_create", broken)
    from django.test import Client

    from tests.api.world import api_world

    client = Client(raise_request_exception=False)
    response = client.post(ACTIVITIES, new_activity(module_world), content_type="application/json",
                           HTTP_IDEMPOTENCY_KEY="boom", **api_world(module_world).headers(ORG_A_WRITE))
    assert response.status_code == 500
    assert not IdempotencyKey.objects.filter(key="boom").exists()
    monkeypatch.undo()
    assert call(ORG_A_WRITE, "post", ACTIVITIES, new_activity(module_world),
                HTTP_IDEMPOTENCY_KEY="boom").status_code == 201


@pytest.mark.parametrize("key", ["", "with space", "x" * 201, "中文"])
def test_a_malformed_idempotency_key_is_a_field_error(call, module_world, key):
    response = call(ORG_A_WRITE, "post", ACTIVITIES, new_activity(module_world), HTTP_IDEMPOTENCY_KEY=key)
    assert response.status_code == 400 and set(response.json()["fields"]) == {"Idempotency-Key"}
    assert not Activity.objects.filter(name="接口测试活动").exists()
