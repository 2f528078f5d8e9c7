"""Registering and editing an organization through the back office: credit-code cases
(valid, malformed, checksum warning, category warning, duplicate), confirmation of warnings,
typed values kept on errors, status history started, and the tenant taken from the scope."""

import pytest
from django.urls import reverse

from apps.organizations.models import LegalForm, Organization, OrgStatus, ServiceDomain, StatusChange
from tests.organizations.helpers import code, make_org, wrong_check
from tests.personas import COMMUNITY_WORKER, STREET_STAFF

URL = reverse("office:organization_create")


def post_data(world, **overrides):
    data = {
        "name": "宝石社区为老服务协会", "legal_form": LegalForm.SOCIAL_GROUP, "credit_code": code("51330106"),
        "area": world.community_a1.pk, "residence": "杭州市西湖区宝石二路1号", "purpose": "为老服务",
        "representative": "王芳", "registered_capital": "3.00", "registration_authority": "杭州市西湖区民政局",
        "founded_on": "2020-05-01", "contact_name": "李娜", "contact_phone": "13800001234",
        "domains": [ServiceDomain.objects.get_or_create(name="养老")[0].pk], "initial_status": OrgStatus.NORMAL,
        "status_reason": "成立登记",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


@pytest.fixture
def client(client_for):
    return client_for(STREET_STAFF)


def test_a_valid_registration(world, client):
    response = client.post(URL, post_data(world))
    organization = Organization.objects.get(name="宝石社区为老服务协会")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("office:organization_detail", args=[organization.pk]))
    assert organization.management_mode == "registered"
    assert organization.capital_kind == "activity_funds"
    assert [d.name for d in organization.domains.all()] == ["养老"]
    change = StatusChange.objects.get(organization=organization)
    assert (change.to_status, change.reason, change.recorded_by) == ("normal", "成立登记", world.user(STREET_STAFF))


def test_malformed_code_is_refused_and_typed_values_are_kept(world, client):
    response = client.post(URL, post_data(world, credit_code="51330106MA2H3K4IOZ"))
    assert response.status_code == 200
    form = response.context["form"]
    assert form.has_error("credit_code", "format")
    html = response.content.decode()
    assert 'value="51330106MA2H3K4IOZ"' in html and 'value="杭州市西湖区宝石二路1号"' in html
    assert "is-invalid" in html
    assert not Organization.objects.filter(name="宝石社区为老服务协会").exists()


@pytest.mark.parametrize("credit_code, legal_form", [
    (wrong_check(code("51330106")), LegalForm.SOCIAL_GROUP),  # checksum failure
    (code("52330106"), LegalForm.SOCIAL_GROUP),  # category of a social service institution
])
def test_warnings_must_be_confirmed(world, client, credit_code, legal_form):
    data = post_data(world, credit_code=credit_code, legal_form=legal_form)
    first = client.post(URL, data)
    form = first.context["form"]
    assert first.status_code == 200 and "confirm_warnings" in form.fields
    assert form.non_field_errors()
    html = first.content.decode()
    assert 'name="confirm_warnings"' in html and f'name="warned_code" value="{credit_code}"' in html
    # Ticking the box without the warned code (e.g. a forged POST) is not enough.
    assert client.post(URL, {**data, "confirm_warnings": "on"}).status_code == 200
    confirmed = client.post(URL, {**data, "confirm_warnings": "on", "warned_code": credit_code})
    assert confirmed.status_code == 302
    assert Organization.objects.get(credit_code=credit_code)


def test_a_confirmation_does_not_carry_over_to_another_code(world, client):
    first_code, second_code = wrong_check(code("51330106")), wrong_check(code("51330106", "MA2H3K4M"))
    data = post_data(world, credit_code=second_code, confirm_warnings="on", warned_code=first_code)
    assert client.post(URL, data).status_code == 200


def test_a_valid_code_needs_no_confirmation_field(world, client):
    response = client.get(URL)
    assert 'name="confirm_warnings"' not in response.content.decode()


def test_duplicate_code_is_refused_even_from_another_street(world, client):
    make_org(world.community_b1, name="灵隐某协会", credit_code=code("51330106"))
    response = client.post(URL, post_data(world))
    assert response.context["form"].has_error("credit_code", "duplicate")
    assert "灵隐某协会" not in response.content.decode()  # does not leak the other street's organization


def test_duplicate_check_ignores_the_organization_itself_on_edit(world, client):
    organization = make_org(world.community_a1, name="宝石社区为老服务协会", credit_code=code("51330106"))
    response = client.post(reverse("office:organization_update", args=[organization.pk]),
                           post_data(world, name="宝石社区为老服务协会（更名）"))
    assert response.status_code == 302
    organization.refresh_from_db()
    assert organization.name == "宝石社区为老服务协会（更名）"


def test_registered_organization_needs_a_code_unless_in_preparation(world, client):
    response = client.post(URL, post_data(world, credit_code=""))
    assert response.context["form"].has_error("credit_code")
    response = client.post(URL, post_data(world, credit_code="", initial_status=OrgStatus.PREPARING))
    assert response.status_code == 302


def test_filed_group_has_a_filing_number_and_no_code(world, client):
    data = post_data(world, legal_form=LegalForm.FILED_COMMUNITY, filing_number="")
    form = client.post(URL, data).context["form"]
    assert form.has_error("credit_code") and form.has_error("filing_number")
    response = client.post(URL, {**data, "credit_code": "", "filing_number": "西民备2026001"})
    assert response.status_code == 302, response.context["form"].errors
    assert response.status_code == 302
    assert Organization.objects.get(filing_number="西民备2026001").management_mode == "filed"


def test_certificate_variant_belongs_to_social_service_institutions(world, client):
    data = post_data(world, legal_form=LegalForm.SERVICE_INSTITUTION, credit_code=code("52330106"))
    assert client.post(URL, data).context["form"].has_error("certificate_variant")
    assert client.post(URL, {**data, "certificate_variant": "legal_person"}).status_code == 302
    group = post_data(world, credit_code=code("51330106", "MA2H3K4X"), certificate_variant="partnership")
    assert client.post(URL, group).context["form"].has_error("certificate_variant")


def test_area_outside_the_users_scope_is_not_a_choice(world, client_for):
    response = client_for(COMMUNITY_WORKER).post(URL, post_data(world, area=world.community_a2.pk))
    assert response.context["form"].has_error("area", "invalid_choice")


def test_errors_are_in_chinese(world, client):
    response = client.post(URL, post_data(world, credit_code="123"))
    assert "18" in response.context["form"].errors["credit_code"][0]
    assert "统一社会信用代码" in response.content.decode()
