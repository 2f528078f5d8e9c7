"""Training and honour records are added from the volunteer's page; consents beyond
registration are recorded, and a withdrawal (date, reason) is honoured at once."""

import datetime

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import ValidationError
from django.urls import reverse

from apps.volunteers import consent as consent_services
from apps.volunteers.models import Consent, ConsentPurpose, Volunteer
from apps.volunteers.models import HonourRecord, TrainingRecord
from tests.personas import COMMUNITY_WORKER, STREET_STAFF
from tests.volunteers.world import volunteer_world

pytestmark = pytest.mark.django_db


def _url(name, volunteer, *args):
    return reverse(f"office:{name}", args=[volunteer.pk, *args])


def test_training_and_honour_records_are_added_and_listed(world, client_for):
    volunteer = volunteer_world(world).volunteer_a
    client = client_for(COMMUNITY_WORKER)
    response = client.post(_url("volunteer_training_create", volunteer),
                           {"title": "急救技能培训", "organizer": "西湖区红十字会", "held_on": "2026-03-01", "hours": "4"})
    assert response.status_code == 302
    client.post(_url("volunteer_honour_create", volunteer),
                {"title": "优秀志愿者", "granting_body": "北山街道", "granted_on": "2026-03-05"})
    assert TrainingRecord.objects.get(volunteer=volunteer).hours == 4
    assert HonourRecord.objects.get(volunteer=volunteer).granting_body == "北山街道"
    detail = client.get(reverse("office:volunteer_detail", args=[volunteer.pk])).content.decode()
    assert "急救技能培训" in detail and "优秀志愿者" in detail


def test_bad_training_input_keeps_values_and_changes_nothing(world, client_for):
    volunteer = volunteer_world(world).volunteer_a
    response = client_for(STREET_STAFF).post(_url("volunteer_training_create", volunteer),
                                             {"title": "消防演练", "organizer": "", "held_on": "2026-03-01",
                                              "hours": "0"})
    assert response.status_code == 200
    form = response.context["form"]
    assert set(form.errors) == {"organizer", "hours"} and form.data["title"] == "消防演练"
    assert not TrainingRecord.objects.exists()


def test_other_streets_volunteer_is_not_found(world, client_for):
    volunteer_b = volunteer_world(world).volunteer_b
    response = client_for(STREET_STAFF).post(_url("volunteer_honour_create", volunteer_b),
                                             {"title": "x", "granting_body": "y", "granted_on": "2026-03-05"})
    assert response.status_code == 404 and not HonourRecord.objects.exists()


def _give_extra(client, volunteer):
    return client.post(_url("volunteer_consent_create", volunteer), {
        "purpose": ConsentPurpose.EXTRA_FIELDS, "occupation": "退休教师", "education": "本科", "agreed": "on"})


def test_extra_fields_need_consent_and_withdrawal_hides_and_erases_them(world, client_for):
    volunteer = volunteer_world(world).volunteer_a
    client = client_for(STREET_STAFF)
    detail_url = reverse("office:volunteer_detail", args=[volunteer.pk])
    refused = client.post(_url("volunteer_consent_create", volunteer), {
        "purpose": ConsentPurpose.PUBLICATION, "occupation": "退休教师", "agreed": "on"})
    assert refused.status_code == 200 and "purpose" in refused.context["form"].errors
    assert Volunteer.objects.get(pk=volunteer.pk).occupation == ""

    assert _give_extra(client, volunteer).status_code == 302
    assert "退休教师" in client.get(detail_url).content.decode()
    consent = Consent.objects.get(volunteer=volunteer, purpose=ConsentPurpose.EXTRA_FIELDS)

    withdraw = _url("volunteer_consent_withdraw", volunteer, consent.pk)
    unconfirmed = client.post(withdraw, {"withdrawn_on": "2026-04-01", "reason": "不再愿意提供"})
    assert unconfirmed.status_code == 200 and Consent.objects.get(pk=consent.pk).in_force
    assert client.post(withdraw, {"withdrawn_on": "2026-04-01", "reason": "不再愿意提供", "confirm": "on"}).status_code == 302

    consent.refresh_from_db()
    assert consent.withdrawn_at.date() == datetime.date(2026, 4, 1) and consent.withdrawal_reason == "不再愿意提供"
    volunteer.refresh_from_db()
    assert volunteer.occupation == "" and volunteer.education == ""
    detail = client.get(detail_url).content.decode()
    assert "退休教师" not in detail and 'data-testid="extra-field"' not in detail
    assert 'data-testid="consent-withdrawn"' in detail and "不再愿意提供" in detail
    # The erased values never went into the audit trail either.
    assert "退休教师" not in str(list(LogEntry.objects.values_list("changes", flat=True)))
    # A withdrawn consent cannot be withdrawn again.
    assert client.get(withdraw).status_code == 404


def test_withdrawn_publication_consent_leaves_published_lists(world):
    vworld = volunteer_world(world)
    actor = world.user(STREET_STAFF)
    consent = consent_services.consent_give(actor=actor, volunteer=vworld.volunteer_a,
                                            purpose=ConsentPurpose.PUBLICATION, version="2026-01")
    consent_services.consent_give(actor=actor, volunteer=vworld.volunteer_b, purpose=ConsentPurpose.PUBLICATION,
                                  version="2026-01")
    assert set(consent_services.publishable_volunteers()) == {vworld.volunteer_a, vworld.volunteer_b}
    consent_services.consent_withdraw(actor=actor, consent=consent, reason="不愿公开")
    assert list(consent_services.publishable_volunteers()) == [vworld.volunteer_b]


def test_registration_consent_is_not_withdrawn_here(world):
    volunteer = volunteer_world(world).volunteer_a
    registration = volunteer.consents.get(purpose=ConsentPurpose.REGISTRATION)
    with pytest.raises(ValidationError):
        consent_services.consent_withdraw(actor=world.user(STREET_STAFF), consent=registration, reason="x")
    registration.refresh_from_db()
    assert registration.in_force
