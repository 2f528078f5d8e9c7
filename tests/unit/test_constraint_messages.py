"""Issue 16.6: nobody reads a database constraint's name ("约束 “teammembership_one_current” 是无效的").

Every constraint of the project's models carries its own message (``violation_error_message``),
which Django's ``full_clean()`` raises and every form and service shows: the first test walks all
of them in both languages. The pages below then violate constraints through the forms of the back
office and the portal and read what the person sees; and a write a database constraint refuses that
no form checked first answers a generic page (``apps.web.middleware.IntegrityErrorMiddleware``),
never a 500 page or the database's own words."""

import logging
import re

import pytest
from django.apps import apps
from django.conf import settings
from django.db import IntegrityError
from django.test import RequestFactory
from django.utils import translation

from apps.organizations.models import CreditListing
from apps.procurement.models import Evaluation, PerformanceTarget, TargetKind
from apps.volunteers.models import TeamMembership
from apps.web import middleware as web_middleware
from tests.personas import ORG_A_ADMIN, STREET_STAFF, SUPERUSER
from tests.procurement import factories as procurement
from tests.volunteers.world import volunteer_world

CONSTRAINTS = [(model, constraint) for model in apps.get_models() if model.__module__.startswith("apps.")
               for constraint in model._meta.constraints]
NAMES = sorted(constraint.name for _model, constraint in CONSTRAINTS)
#: What Django and the databases say of a constraint without a message of its own.
DATABASE_WORDS = re.compile(r"是无效的|is violated|constraint failed|violates .* constraint|IntegrityError")


def shown_text(response):
    """The page's text without markup (the messages framework's alerts included)."""
    return re.sub(r"<[^>]+>", " ", response.content.decode())


def zh(message):
    with translation.override("zh-hans"):
        return translation.gettext(message)


def assert_no_constraint_words(text):
    leaked = [name for name in NAMES if name in text]
    assert not leaked, f"constraint names shown: {leaked}"
    assert not DATABASE_WORDS.search(text), DATABASE_WORDS.search(text).group(0)


def test_the_project_has_constraints_to_check():
    assert len(CONSTRAINTS) > 70


@pytest.mark.parametrize(("model", "constraint"), CONSTRAINTS,
                         ids=[f"{model.__name__}.{constraint.name}" for model, constraint in CONSTRAINTS])
def test_every_constraint_has_its_own_message(model, constraint):
    assert constraint.violation_error_message not in (None, constraint.default_violation_error_message), (
        f"{model.__name__}: give {constraint.name} a violation_error_message a clerk can act on")
    for language in ("zh-hans", "en"):
        with translation.override(language):
            message = str(constraint.get_violation_error_message())
        assert constraint.name not in message and "%(" not in message, message
        assert not DATABASE_WORDS.search(message), message


# --- The forms: a violation reaches the page as the constraint's message. ---

@pytest.fixture(scope="module")
def scene(module_world):
    people = volunteer_world(module_world)
    contract = procurement.performing_contract(module_world, number="HT-16-6")
    return {"world": module_world, "people": people, "contract": contract}


def _client(client, scene, persona):
    client.force_login(scene["world"].user(persona), backend="django.contrib.auth.backends.ModelBackend")
    return client


def test_adding_a_current_member_to_a_team_again_says_so(client, scene, db):
    """Back office: "约束 “teammembership_one_current” 是无效的" before."""
    people = scene["people"]
    assert TeamMembership.objects.filter(team=people.team_a, volunteer=people.volunteer_a, left_on=None).exists()
    response = _client(client, scene, STREET_STAFF).post(
        f"/office/teams/{people.team_a.pk}/members/", {"volunteer": people.volunteer_a.pk, "role": "member"},
        follow=True)
    text = shown_text(response)
    assert zh("This volunteer is already a member of the team.") in text
    assert_no_constraint_words(text)


def test_the_portal_says_the_same(client, scene, db):
    people, world = scene["people"], scene["world"]
    response = _client(client, scene, ORG_A_ADMIN).post(
        f"/portal/{world.org_a.code}/teams/{people.team_a.pk}/members/",
        {"volunteer": people.volunteer_a.pk, "role": "member"}, follow=True)
    text = shown_text(response)
    assert zh("This volunteer is already a member of the team.") in text
    assert_no_constraint_words(text)


def test_a_custom_target_without_a_name_is_refused_with_a_message(client, scene, db):
    """"约束 “target_custom_needs_name” 是无效的" before."""
    contract = scene["contract"]
    response = _client(client, scene, STREET_STAFF).post(
        f"/office/procurement/contracts/{contract.pk}/targets/new/",
        {"kind": TargetKind.CUSTOM, "name": "", "unit": "次", "target_value": "5"})
    assert response.status_code == 200
    text = shown_text(response)
    assert zh("A custom target needs a name.") in text
    assert_no_constraint_words(text)
    assert not PerformanceTarget.objects.filter(contract=contract, name="").exists()


def test_a_second_target_of_a_standard_kind_is_refused_with_a_message(client, scene, db):
    contract = scene["contract"]
    client = _client(client, scene, STREET_STAFF)
    data = {"kind": TargetKind.VOLUNTEER_HOURS, "name": "", "unit": "", "target_value": "50"}
    assert client.post(f"/office/procurement/contracts/{contract.pk}/targets/new/", data).status_code == 302
    response = client.post(f"/office/procurement/contracts/{contract.pk}/targets/new/", data)
    text = shown_text(response)
    assert zh("This contract already has a target for this indicator.") in text  # the service checks first
    assert_no_constraint_words(text)


def test_a_duplicate_contract_number_is_refused_in_words(client, scene, db):
    second = procurement.project(scene["world"], name="第二个项目")
    response = _client(client, scene, STREET_STAFF).post(
        f"/office/procurement/projects/{second.pk}/award/", {
            "provider": scene["world"].org_a.pk, "number": "HT-16-6", "amount": "1000", "signed_on": "2025-03-03",
            "start_date": "2025-03-10", "end_date": "2026-03-09", "content": "助餐", "performance_bond": "0"})
    text = shown_text(response)
    assert zh("Another contract already has this number: each contract has its own number.") in text
    assert_no_constraint_words(text)


def test_a_second_evaluation_by_the_same_kind_is_refused_with_a_message(client, scene, db):
    contract = scene["contract"]
    client = _client(client, scene, STREET_STAFF)
    data = {"evaluator_kind": "purchaser", "evaluator_name": "北山街道", "evaluated_on": "2025-12-01",
            "score": "90", "report": "良好"}
    url = f"/office/procurement/contracts/{contract.pk}/evaluations/new/"
    assert client.post(url, data).status_code == 302
    response = client.post(url, data)
    text = shown_text(response)
    assert Evaluation.objects.filter(contract=contract).count() == 1
    assert zh("This contract already has an evaluation by this evaluator.") in text
    assert_no_constraint_words(text)


def test_a_second_open_listing_is_refused_with_a_message(client, scene, db):
    world = scene["world"]
    client = _client(client, scene, SUPERUSER)
    data = {"kind": "abnormal", "listed_on": "2025-01-10", "reason": "unreachable", "decision_document": "西民〔2025〕1号",
            "decided_by": "西湖区民政局"}
    url = f"/office/organizations/{world.org_a.pk}/listings/new/"
    client.post(url, data)
    response = client.post(url, data, follow=True)
    assert CreditListing.objects.filter(organization=world.org_a, removed_on=None).count() == 1
    assert_no_constraint_words(shown_text(response))


# --- The last resort: a write refused by the database itself. ---

def test_a_refused_write_answers_a_generic_page_and_is_logged(caplog):
    def view(request):
        raise IntegrityError('duplicate key value violates unique constraint "teammembership_one_current"')

    middleware = web_middleware.IntegrityErrorMiddleware(view)
    request = RequestFactory().post("/office/teams/1/members/")
    with caplog.at_level(logging.ERROR, logger="apps.web.middleware"), translation.override("zh-hans"):
        try:
            view(request)
        except IntegrityError as error:
            response = middleware.process_exception(request, error)
    assert response.status_code == 409
    text = shown_text(response)
    assert zh("Not saved") in text
    assert_no_constraint_words(text)
    assert "teammembership_one_current" in caplog.text  # the log keeps what the page does not show


def test_other_errors_are_left_to_django():
    assert web_middleware.IntegrityErrorMiddleware(lambda request: None).process_exception(None, ValueError()) is None


def test_the_middleware_is_installed():
    assert "apps.web.middleware.IntegrityErrorMiddleware" in settings.MIDDLEWARE
    # and it sees the views' exceptions: placed after the middleware that resolves the portal's tenant
    assert settings.MIDDLEWARE.index("apps.web.middleware.IntegrityErrorMiddleware") > \
        settings.MIDDLEWARE.index("apps.portal.middleware.PortalTenantMiddleware")

