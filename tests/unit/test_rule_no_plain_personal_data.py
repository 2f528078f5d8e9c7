"""Rule (issue 14.5): no ID number or phone is kept in plain text: not in a table (the sign-up's
contact phone), not in the audit trail (auditlog's ``LogEntry`` and our ``AuditEvent``), and
the organization edit form shows the contact phone masked unless the user may reveal it, a
reveal there being audited. (Import files: ``tests/imports/test_rule_import_files_not_kept_plain.py``.)"""

import datetime
import importlib

import pytest
from auditlog.models import LogEntry
from auditlog.registry import auditlog
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.urls import reverse

from apps.audit.models import AuditAction, AuditEvent
from apps.core.crypto import EncryptedCharField
from apps.onboarding.models import SignupApplication
from apps.organizations.models import Organization
from apps.volunteers.id_numbers import synthetic_resident_id
from apps.volunteers.models import Team
from tests.onboarding.factories import make_application
from tests.onboarding.test_signup_review import signup_data
from tests.organizations.helpers import code, make_org
from tests.organizations.test_organization_form import post_data
from tests.personas import COMMUNITY_WORKER, ORG_A_ADMIN, STREET_STAFF
from tests.volunteers.factories import make_volunteer

pytestmark = pytest.mark.django_db
SIGNUP_PHONE = "13966661111"

# Fields whose tracked values the audit trail may keep although a name or label says "phone":
# the issuer's service line printed on every certificate it issues (DOMAIN §4), public by design.
PUBLISHED_CONTACTS = {("activities", "certificate", "contact")}


def _personal(field) -> bool:
    """A column that holds an ID number, a phone, a birth date (the hidden part of a masked
    resident ID) or a keyed hash of one of them."""
    words = f"{field.name} {getattr(field, 'verbose_name', '')}".lower()
    return (isinstance(field, EncryptedCharField) or field.name.endswith("_hash")
            or any(word in words for word in ("phone", "id_number", "document number", "birth")))


def _tracked_fields(model, options):
    fields = model._meta.concrete_fields
    if options["include_fields"]:
        fields = [f for f in fields if f.name in options["include_fields"]]
    return [f for f in fields if f.name not in options["exclude_fields"] and f.name not in options["mask_fields"]]


def test_no_auditlog_registration_tracks_a_personal_field():
    leaks = [
        f"{model._meta.label}.{field.name}"
        for model, options in auditlog._registry.items()
        for field in _tracked_fields(model, options)
        if _personal(field) and (model._meta.app_label, model._meta.model_name, field.name) not in PUBLISHED_CONTACTS
    ]
    assert not leaks, f"auditlog would copy these personal fields into LogEntry.changes: {leaks}"


def test_signup_phone_is_encrypted_in_its_row(world, client):
    response = client.post(reverse("portal:signup"), {
        **signup_data(world, contact_phone=SIGNUP_PHONE),
        "document": SimpleUploadedFile("cert.pdf", b"%PDF-1.4\n", content_type="application/pdf")})
    assert response.status_code == 302
    application = SignupApplication.objects.get()
    with connection.cursor() as cursor:
        cursor.execute("SELECT contact_phone FROM onboarding_signupapplication WHERE id = %s", [application.pk])
        [raw] = cursor.fetchone()
    assert SIGNUP_PHONE not in raw and SIGNUP_PHONE[-4:] not in raw
    assert SignupApplication.objects.get().contact_phone == SIGNUP_PHONE


def test_signup_phone_is_masked_on_the_review_page(world, client_for):
    application = make_application(world.community_a1, contact_phone=SIGNUP_PHONE)
    for persona in (STREET_STAFF, COMMUNITY_WORKER):
        page = client_for(persona).get(reverse("office:onboarding_application_detail", args=[application.pk]))
        assert "139****1111" in page.content.decode() and SIGNUP_PHONE not in page.content.decode()


def test_old_signup_rows_are_encrypted_by_the_migration(world):
    application = make_application(world.community_a1, contact_phone=SIGNUP_PHONE)
    with connection.cursor() as cursor:  # as the column was before: clear text
        cursor.execute("UPDATE onboarding_signupapplication SET contact_phone = %s WHERE id = %s",
                       [SIGNUP_PHONE, application.pk])
    migration = importlib.import_module("apps.onboarding.migrations.0002_signup_contact_phone_encrypted")
    migration.encrypt_contact_phones(apps, connection.schema_editor())
    with connection.cursor() as cursor:
        cursor.execute("SELECT contact_phone FROM onboarding_signupapplication WHERE id = %s", [application.pk])
        assert SIGNUP_PHONE not in cursor.fetchone()[0]
    assert SignupApplication.objects.get(pk=application.pk).contact_phone == SIGNUP_PHONE
    migration.encrypt_contact_phones(apps, connection.schema_editor())  # a second run leaves tokens alone
    assert SignupApplication.objects.get(pk=application.pk).contact_phone == SIGNUP_PHONE


def _walk_every_producer(world, client_for):
    """Create and change every kind of row that holds a phone or an ID number, and run every
    path that writes an ``AuditEvent`` near one; return the values that must not appear."""
    from auditlog.context import set_actor

    street = world.user(STREET_STAFF)
    volunteer = make_volunteer(world.community_a1, name="吴桐", organization=world.org_a, phone="13955550001")
    other = make_volunteer(world.community_b1, name="郑岚", organization=world.org_b, phone="13955550002")
    with set_actor(street):
        volunteer.phone = "13955550003"
        volunteer.save()
        team = Team.objects.create(name="吴桐服务队", organization=world.org_a, contact_phone="13955550004")
        team.contact_phone = "13955550005"
        team.save()
        org = make_org(world.community_a1, name="隐私协会", contact_phone="13955550006")
        org.contact_phone = "13955550007"
        org.save()
    application = make_application(world.community_a1, name="隐私读书会", contact_phone="13955550008")
    application.contact_phone = "13955550009"
    application.save()
    office = client_for(STREET_STAFF)
    office.post(reverse("office:onboarding_application_decide", args=[application.pk]), {"decision": "approve"})
    office.post(reverse("office:volunteer_reveal", args=[volunteer.pk]), {"field": "id_number"})
    office.post(reverse("office:organization_contact_reveal", args=[org.pk]))
    office.get(reverse("office:organization_update", args=[org.pk]))
    for value in (volunteer.id_number, volunteer.phone, other.phone):
        office.get(reverse("office:volunteer_list"), {"document": value})
        b"".join(office.get(reverse("office:volunteer_list"), {"document": value, "_export": "csv"})
                 .streaming_content)
    portal = client_for(ORG_A_ADMIN)
    portal_number = synthetic_resident_id("330106", datetime.date(1979, 9, 9), 555)
    portal.post(reverse("portal:work_volunteer_register", args=[world.org_a.code]), {
        "name": "冯川", "document_type": "resident_id", "id_number": portal_number, "phone": "13955550010",
        "community": world.community_a1.pk, "political_status": "masses", "consent": "on"})
    portal.post(reverse("portal:work_volunteer_register", args=[world.org_a.code]), {
        "name": "冯川", "document_type": "resident_id", "id_number": other.id_number, "phone": "13955550011",
        "community": world.community_a1.pk, "political_status": "masses", "consent": "on"})
    for name in ("郑岚", "别人"):
        portal.post(reverse("portal:work_volunteer_add", args=[world.org_a.code]),
                    {"document_type": "resident_id", "id_number": other.id_number, "name": name})
    return [volunteer.id_number, other.id_number, portal_number, *(f"139555500{n:02d}" for n in range(1, 12))]


def test_the_audit_trail_never_holds_a_plain_id_number_or_phone(world, client_for):
    values = _walk_every_producer(world, client_for)
    assert AuditEvent.objects.filter(action=AuditAction.REVEAL).count() >= 3
    assert AuditEvent.objects.filter(action=AuditAction.LOOKUP).exists()
    assert AuditEvent.objects.filter(action=AuditAction.EXPORT).exists()
    texts = [" ".join(str(part) for part in (e.changes, e.changes_text, e.serialized_data, e.additional_data,
                                             e.object_repr)) for e in LogEntry.objects.all()]
    texts += [f"{e.detail} {e.object_repr}" for e in AuditEvent.objects.all()]
    found = sorted({value for value in values for text in texts if value in text})
    assert not found, f"plain personal values in the audit trail: {found}"


def test_old_audit_entries_are_scrubbed_by_the_migration(world):
    application = make_application(world.community_a1, contact_phone=SIGNUP_PHONE)
    entry = LogEntry.objects.create(
        content_type=ContentType.objects.get_for_model(SignupApplication), object_pk=str(application.pk),
        object_id=application.pk, object_repr=application.name, action=LogEntry.Action.CREATE,
        changes={"name": ["None", application.name], "contact_phone": ["None", SIGNUP_PHONE]})
    event = AuditEvent.objects.create(action=AuditAction.EXPORT, detail={
        "format": "csv", "query": f"document={SIGNUP_PHONE}&document=330106199203154327&keyword=王"})
    migration = importlib.import_module("apps.audit.migrations.0003_scrub_personal_data")
    migration.scrub_log_entries(apps, None)
    migration.scrub_audit_events(apps, None)
    entry.refresh_from_db()
    event.refresh_from_db()
    assert entry.changes == {"name": ["None", application.name]}
    assert SIGNUP_PHONE not in str(event.detail) and "330106199203154327" not in str(event.detail)
    assert "keyword" in event.detail["query"] and event.detail["format"] == "csv"


@pytest.fixture
def org(world):
    return make_org(world.community_a1, name="电话协会", contact_phone="13912345678", credit_code=code("51330106"))


def test_edit_form_masks_the_phone_for_whoever_may_not_reveal_it(world, client_for, org):
    client = client_for(COMMUNITY_WORKER)
    url = reverse("office:organization_update", args=[org.pk])
    page = client.get(url).content.decode()
    assert "139****5678" in page and "13912345678" not in page
    assert not AuditEvent.objects.filter(action=AuditAction.REVEAL).exists()
    data = post_data(world, name=org.name, contact_phone="139****5678")
    assert client.post(url, data).status_code == 302
    org.refresh_from_db()
    assert org.contact_phone == "13912345678"


def test_edit_form_showing_the_full_phone_is_an_audited_reveal(world, client_for, org):
    page = client_for(STREET_STAFF).get(reverse("office:organization_update", args=[org.pk])).content.decode()
    assert "13912345678" in page
    event = AuditEvent.objects.get(action=AuditAction.REVEAL, object_id=str(org.pk))
    assert event.actor == world.user(STREET_STAFF) and event.detail["field"] == "contact_phone"
    assert Organization.objects.get(pk=org.pk).contact_phone == "13912345678"
