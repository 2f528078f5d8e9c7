"""Rule (issue 14.4): an organization learns nothing about ID numbers registered elsewhere
beyond what "add a registered volunteer" deliberately allows (number *and* name match), and
that flow is limited per user and audited.

Registering a number that is already registered is refused with the one neutral answer, which
says nothing about the number; it counts against the same per-user budget as the add-existing
attempts, and is audited. Once the budget is spent, both flows refuse everything, registered
number or not, before anything is checked."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from apps.audit.models import AuditAction, AuditEvent
from apps.volunteers.id_numbers import synthetic_resident_id
from apps.volunteers.models import Volunteer, VolunteerMembership
from apps.volunteers.portal_services import volunteer_register_for_organization
from tests.personas import ORG_A_ADMIN, ORG_B_ADMIN
from tests.volunteers.factories import make_volunteer

pytestmark = pytest.mark.django_db
# Wording that states the number exists (the old message in either language, Django's default
# message of the uniqueness constraint).
TELLING = ["A volunteer with this document number is already registered", "使用该证件号码的志愿者已注册",
           "already exists", "已存在", "Id number hash"]


def _url(world, name):
    return reverse(f"portal:{name}", args=[world.org_a.code])


def _registration(number, name="孙悦", **extra):
    return {"name": name, "document_type": "resident_id", "id_number": number, "phone": "13900007777",
            "community": "", "political_status": "masses", "consent": "on", **extra}


@pytest.fixture
def elsewhere(world):
    """A person registered by organization B."""
    return make_volunteer(world.community_b1, name="周远", organization=world.org_b,
                          birth_date=datetime.date(1988, 8, 8))


@pytest.fixture
def budget(settings):
    settings.VOLUNTEER_ADD_EXISTING_PER_HOUR = 3
    return 3


def _post(client, url, data, world):
    return client.post(url, {**data, "community": world.community_a1.pk}, HTTP_ACCEPT_LANGUAGE="zh-hans")


def _errors(response):
    form = response.context["form"]
    return {field: list(errors) for field, errors in form.errors.items()}


def test_registering_a_registered_number_gets_the_neutral_refusal(world, client_for, elsewhere):
    response = _post(client_for(ORG_A_ADMIN), _url(world, "work_volunteer_register"),
                     _registration(elsewhere.id_number), world)
    assert response.status_code == 200
    errors = _errors(response)
    assert list(errors) == ["__all__"]  # nothing on the number itself
    text = " ".join(errors["__all__"])
    assert not [word for word in TELLING if word in text]
    assert "添加已注册志愿者" in text  # points to the flow that is meant for it
    assert not VolunteerMembership.objects.filter(volunteer=elsewhere, organization=world.org_a).exists()
    event = AuditEvent.objects.get(action=AuditAction.LOOKUP)
    assert event.actor == world.user(ORG_A_ADMIN) and event.object_id == str(elsewhere.pk)
    assert elsewhere.id_number not in str(event.detail)


def test_a_registered_minor_answers_like_an_unregistered_one(world, client_for):
    """Every other check comes first: a registered number cannot be told by a different error."""
    today = datetime.date.today()
    child_birth = today.replace(year=today.year - 10, day=1)
    registered = make_volunteer(world.community_b1, name="小周", birth_date=child_birth, guardian_name="周父",
                                organization=world.org_b)
    unregistered = synthetic_resident_id("330106", child_birth, 998)
    client, url = client_for(ORG_A_ADMIN), _url(world, "work_volunteer_register")
    first = _errors(_post(client, url, _registration(registered.id_number, name="小周"), world))
    second = _errors(_post(client, url, _registration(unregistered, name="小周"), world))
    assert first == second and list(first) == ["guardian_name"]


def test_service_refusal_names_no_field_and_writes_nothing(world, elsewhere):
    with pytest.raises(ValidationError) as refusal:
        volunteer_register_for_organization(
            actor=world.user(ORG_A_ADMIN), organization=world.org_a, name="孙悦", document_type="resident_id",
            id_number=elsewhere.id_number, phone="13900007777", community=world.community_a1,
            consent_version="2026-01")
    assert not hasattr(refusal.value, "error_dict")
    assert Volunteer.objects.count() == 1


def test_the_uniqueness_constraint_names_no_hash_and_no_registration(world, elsewhere):
    """The database's own check (one person, one registration) has a neutral message too."""
    twin = Volunteer(name="孙悦", document_type=elsewhere.document_type, id_number=elsewhere.id_number,
                     id_number_hash=elsewhere.id_number_hash, phone="13900007777", sex="male",
                     birth_date=elsewhere.birth_date, community=world.community_a1)
    with pytest.raises(ValidationError) as error:
        twin.validate_constraints()
    text = " ".join(error.value.messages)
    assert not [word for word in TELLING if word.lower() in text.lower()]


def test_add_existing_attempts_are_audited_matched_or_not(world, client_for, elsewhere):
    client, url = client_for(ORG_A_ADMIN), _url(world, "work_volunteer_add")
    client.post(url, {"document_type": "resident_id", "id_number": elsewhere.id_number, "name": "别人"})
    client.post(url, {"document_type": "resident_id", "id_number": "110105199001011234", "name": "周远"})
    ok = client.post(url, {"document_type": "resident_id", "id_number": elsewhere.id_number, "name": "周远"})
    assert ok.status_code == 302
    events = AuditEvent.objects.filter(action=AuditAction.LOOKUP).order_by("pk")
    assert [event.detail["matched"] for event in events] == [False, False, True]
    assert {event.actor for event in events} == {world.user(ORG_A_ADMIN)}
    assert all(elsewhere.id_number not in str(event.detail) for event in AuditEvent.objects.all())


def test_the_budget_is_per_user_shared_by_both_flows_and_then_refuses_everything(world, client_for, elsewhere,
                                                                                  budget):
    client = client_for(ORG_A_ADMIN)
    add, register = _url(world, "work_volunteer_add"), _url(world, "work_volunteer_register")
    _post(client, register, _registration(elsewhere.id_number), world)  # a refusal counts
    for n in range(budget - 1):
        client.post(add, {"document_type": "resident_id", "id_number": f"11010519900101{n:04d}", "name": "某人"})
    # Spent: even the right number and name are refused, and nothing is looked up.
    refused = client.post(add, {"document_type": "resident_id", "id_number": elsewhere.id_number, "name": "周远"},
                          HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert refused.status_code == 200 and "每小时最多 3 次" in refused.content.decode()
    assert not VolunteerMembership.objects.filter(volunteer=elsewhere, organization=world.org_a).exists()
    # Registration is refused alike for a registered and a new number: no oracle left.
    new_number = synthetic_resident_id("330106", datetime.date(1991, 1, 1), 997)
    answers = [_errors(_post(client, register, _registration(number), world))
               for number in (elsewhere.id_number, new_number)]
    assert answers[0] == answers[1] and "每小时最多 3 次" in str(answers[0])
    assert not Volunteer.objects.filter(name="孙悦").exists()
    assert AuditEvent.objects.filter(action=AuditAction.LOOKUP).count() == budget
    # Another user of another organization has a budget of their own.
    other = client_for(ORG_B_ADMIN).post(reverse("portal:work_volunteer_add", args=[world.org_b.code]), {
        "document_type": "resident_id", "id_number": "110105199001011234", "name": "某人"})
    assert other.status_code == 200 and "每小时最多" not in other.content.decode()
