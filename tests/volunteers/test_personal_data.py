"""ID numbers and phones: encrypted at rest, hashed for look-up, masked on screen, reveals audited."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test import override_settings

from apps.audit.models import AuditAction, AuditEvent
from apps.core import crypto
from apps.core.masking import mask_id_number, mask_name, mask_phone
from apps.volunteers.id_numbers import synthetic_resident_id
from apps.volunteers.models import Consent, DocumentType, Volunteer
from apps.volunteers.permissions import can_reveal_personal_data
from apps.volunteers.services import volunteer_find_by_document, volunteer_register, volunteer_reveal
from tests.personas import CITY_STAFF, COMMUNITY_WORKER, ORG_A_ADMIN, STREET_STAFF, SUPERUSER
from tests.volunteers.factories import make_volunteer

pytestmark = pytest.mark.django_db
ID = synthetic_resident_id("330106", datetime.date(1990, 1, 2), 123)
PHONE = "13812345678"


def _register(world, **extra):
    return volunteer_register(name="李娜", document_type=DocumentType.RESIDENT_ID, id_number=ID, phone=PHONE,
                              community=world.community_a1, consent_version="2026-01", **extra)


def test_id_and_phone_are_not_readable_in_the_raw_database(world):
    volunteer = _register(world)
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM volunteers_volunteer WHERE id = %s", [volunteer.pk])
        row = " ".join(str(value) for value in cursor.fetchone())
    assert ID not in row and ID[-8:] not in row
    assert PHONE not in row and PHONE[-6:] not in row
    assert Volunteer.objects.get(pk=volunteer.pk).id_number == ID  # decrypted for Python code


def test_keys_rotate_old_tokens_still_decrypt(world, settings):
    volunteer = _register(world)
    new_key = "QkJCQkJCQkJCQkJCQkJCQkJCQkJCQkJCQkJCQkJCQkI="
    settings.DATA_ENCRYPTION_KEYS = [new_key, *settings.DATA_ENCRYPTION_KEYS]
    assert Volunteer.objects.get(pk=volunteer.pk).phone == PHONE


def test_hash_uses_its_own_key_not_the_secret_key(settings):
    first = crypto.keyed_hash(ID)
    settings.SECRET_KEY = "something-else"
    assert crypto.keyed_hash(ID) == first
    with override_settings(DATA_HASH_KEY="another-hash-key"):
        assert crypto.keyed_hash(ID) != first


def test_lookup_and_uniqueness_by_keyed_hash(world):
    volunteer = _register(world)
    assert volunteer_find_by_document(document_type=DocumentType.RESIDENT_ID, id_number=ID.lower()) == volunteer
    with pytest.raises(ValidationError) as error:
        _register(world)
    assert "id_number" in error.value.message_dict


def test_birth_date_and_sex_derive_from_the_id_number(world):
    volunteer = _register(world, birth_date=datetime.date(2000, 1, 1), sex="female")
    assert volunteer.birth_date == datetime.date(1990, 1, 2)
    assert volunteer.sex == "male"  # 17th digit 3 is odd


def test_a_child_under_14_needs_a_guardians_consent(world):
    child_id = synthetic_resident_id("330106", datetime.date.today().replace(year=datetime.date.today().year - 10), 2)
    kwargs = dict(name="小明", document_type=DocumentType.RESIDENT_ID, id_number=child_id, phone=PHONE,
                  community=world.community_a1, consent_version="2026-01")
    with pytest.raises(ValidationError) as error:
        volunteer_register(**kwargs)
    assert "guardian_name" in error.value.message_dict
    assert not Volunteer.objects.exists()
    volunteer = volunteer_register(**kwargs, guardian_name="王父", guardian_relation="父亲")
    consent = Consent.objects.get(volunteer=volunteer)
    assert (consent.guardian_name, consent.version, consent.purpose) == ("王父", "2026-01", "registration")


def test_guardian_age_is_a_local_setting_never_below_14(world, settings):
    teen_id = synthetic_resident_id("330106", datetime.date.today().replace(year=datetime.date.today().year - 16), 4)
    kwargs = dict(name="小红", document_type=DocumentType.RESIDENT_ID, id_number=teen_id, phone=PHONE,
                  community=world.community_a1, consent_version="2026-01")
    settings.VOLUNTEER_GUARDIAN_CONSENT_AGE = 18
    with pytest.raises(ValidationError):
        volunteer_register(**kwargs)
    settings.VOLUNTEER_GUARDIAN_CONSENT_AGE = 10  # cannot undercut the law's 14
    assert volunteer_register(**kwargs).pk


def test_other_documents_need_birth_date_and_sex(world):
    volunteer = volunteer_register(name="John Smith", document_type=DocumentType.PASSPORT, id_number="e 1234 5678",
                                   phone=PHONE, community=world.community_a1, consent_version="2026-01",
                                   birth_date=datetime.date(1980, 5, 5), sex="male")
    assert volunteer.id_number == "E12345678"


def test_masking_formats():
    assert mask_id_number("110105199001021234") == "110105********1234"
    assert mask_id_number("110105199001021234", public=True) == "1***************34"
    assert mask_phone("13812341234") == "138****1234"
    assert mask_name("张三丰") == "张**"
    assert mask_id_number("") == ""


@pytest.mark.parametrize("persona, allowed", [
    (SUPERUSER, True), (CITY_STAFF, True), (STREET_STAFF, True), (COMMUNITY_WORKER, False), (ORG_A_ADMIN, False),
])
def test_who_may_reveal(world, persona, allowed):
    assert can_reveal_personal_data(world.user(persona)) is allowed


def test_each_reveal_is_audited_and_refusals_are_not_revealed(world):
    volunteer = make_volunteer(world.community_a1)
    street = world.user(STREET_STAFF)
    assert volunteer_reveal(actor=street, volunteer=volunteer, field="id_number") == volunteer.id_number
    assert volunteer_reveal(actor=street, volunteer=volunteer, field="phone") == volunteer.phone
    events = AuditEvent.objects.filter(action=AuditAction.REVEAL, object_id=str(volunteer.pk))
    assert sorted(events.values_list("detail__field", flat=True)) == ["id_number", "phone"]
    with pytest.raises(PermissionDenied):
        volunteer_reveal(actor=world.user(COMMUNITY_WORKER), volunteer=volunteer, field="phone")
    assert events.count() == 2


def test_audit_log_history_never_holds_the_clear_values(world):
    from auditlog.models import LogEntry

    volunteer = make_volunteer(world.community_a1)
    volunteer.phone = "13900001111"
    volunteer.save()
    dumped = " ".join(str(entry.changes) for entry in LogEntry.objects.get_for_object(volunteer))
    assert volunteer.id_number not in dumped and "13900001111" not in dumped
