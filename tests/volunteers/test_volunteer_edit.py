"""Editing a volunteer in the back office (issue 16.13): the phone stays masked (left as shown it is
kept), the extra fields only with their consent, every change in the history, a new phone as an
event without the number, kept areas follow a new community."""

import pytest
from auditlog.models import LogEntry
from django.urls import reverse

from apps.audit.models import AuditAction, AuditEvent
from apps.volunteers.consent import PRIVACY_NOTICE_VERSION, consent_give
from apps.volunteers.models import ConsentPurpose, PoliticalStatus, Volunteer, VolunteerArea
from tests.personas import STREET_STAFF
from tests.volunteers.factories import make_volunteer

pytestmark = pytest.mark.django_db


def _url(volunteer):
    return reverse("office:volunteer_update", args=[volunteer.pk])


def _form(volunteer, **changes):
    data = {"name": volunteer.name, "phone": volunteer.phone_masked, "community": volunteer.community_id,
            "political_status": volunteer.political_status, "skills": volunteer.skills,
            "availability": volunteer.availability, "service_intention": volunteer.service_intention}
    data.update(changes)
    return data


def test_an_edit_saves_what_changed_and_keeps_the_masked_phone(world, client_for):
    volunteer = make_volunteer(world.community_a1, phone="13900001111")
    client = client_for(STREET_STAFF)
    page = client.get(_url(volunteer)).content.decode()
    assert volunteer.phone_masked in page and "13900001111" not in page  # editing reveals nothing
    assert 'name="occupation"' not in page  # no consent to extra fields
    response = client.post(_url(volunteer), _form(volunteer, name="李新名", community=world.community_a2.pk,
                                                  skills="理发", political_status=PoliticalStatus.PARTY_MEMBER))
    assert response.status_code == 302
    volunteer = Volunteer.objects.get(pk=volunteer.pk)
    assert (volunteer.name, volunteer.community, volunteer.skills) == ("李新名", world.community_a2, "理发")
    assert volunteer.phone == "13900001111"
    assert not AuditEvent.objects.filter(action=AuditAction.CHANGE_PERSONAL).exists()
    assert VolunteerArea.objects.filter(volunteer=volunteer, area=world.community_a2, party=True).exists()
    assert not VolunteerArea.objects.filter(volunteer=volunteer, area=world.community_a1).exists()
    entry = LogEntry.objects.get_for_object(volunteer).filter(action=LogEntry.Action.UPDATE).get()
    assert entry.actor == world.user(STREET_STAFF) and "name" in entry.changes_dict
    history = client.get(reverse("office:volunteer_detail", args=[volunteer.pk])).content.decode()
    assert "李新名" in history and world.community_a2.name in history


def test_a_new_phone_is_an_event_without_the_number(world, client_for):
    volunteer = make_volunteer(world.community_a1, phone="13900001111")
    client = client_for(STREET_STAFF)
    assert client.post(_url(volunteer), _form(volunteer, phone="1390000")).status_code == 200  # refused
    assert client.post(_url(volunteer), _form(volunteer, phone="13911112222")).status_code == 302
    assert Volunteer.objects.get(pk=volunteer.pk).phone == "13911112222"
    event = AuditEvent.objects.get(action=AuditAction.CHANGE_PERSONAL, object_id=str(volunteer.pk))
    assert event.detail == {"field": "phone"}
    assert "13911112222" not in str([entry.changes for entry in LogEntry.objects.get_for_object(volunteer)])


def test_extra_fields_only_with_their_consent(world, client_for):
    volunteer = make_volunteer(world.community_a1)
    client = client_for(STREET_STAFF)
    client.post(_url(volunteer), _form(volunteer, occupation="教师"))
    assert Volunteer.objects.get(pk=volunteer.pk).occupation == ""  # not offered, not taken
    consent_give(actor=world.user(STREET_STAFF), volunteer=volunteer, purpose=ConsentPurpose.EXTRA_FIELDS,
                 version=PRIVACY_NOTICE_VERSION, extra={"occupation": "医生"})
    assert 'name="occupation"' in client.get(_url(volunteer)).content.decode()
    client.post(_url(volunteer), _form(volunteer, occupation="教师", education="本科"))
    volunteer = Volunteer.objects.get(pk=volunteer.pk)
    assert (volunteer.occupation, volunteer.education) == ("教师", "本科")


def test_another_streets_volunteer_is_not_found(world, client_for):
    volunteer = make_volunteer(world.community_b1)
    client = client_for(STREET_STAFF)
    assert client.get(_url(volunteer)).status_code == 404
    assert client.post(_url(volunteer), _form(volunteer, name="改")).status_code == 404
