from auditlog.models import LogEntry
from django.urls import reverse

from apps.onboarding import services
from apps.onboarding.models import AutoApproval, ChangeRequest, Decision, OrganizationContact
from apps.organizations.models import Organization
from tests.onboarding.factories import make_change_request
from tests.personas import COMMUNITY_WORKER, ORG_A_ADMIN, ORG_A_VIEWER, STREET_STAFF


def form_data(organization, **changes):
    data = {name: getattr(organization, name) or "" for name in services.GROUP_BY_FIELD}
    data.update(changes)
    return data


def test_registered_fields_change_only_after_approval_and_are_audited(world, client_for):
    client = client_for(ORG_A_ADMIN)
    response = client.post(reverse("portal:change_request_create", args=[world.org_a.code]),
                           form_data(world.org_a, representative="钱晓红", residence="宝石二路12号"))
    assert response.status_code == 302
    requests = ChangeRequest.objects.order_by("field_group")
    assert [r.field_group for r in requests] == ["representative", "residence"]
    world.org_a.refresh_from_db()
    assert world.org_a.representative == "" and world.org_a.residence == ""
    request = requests.get(field_group="representative")
    staff = client_for(STREET_STAFF)
    page = staff.get(reverse("office:onboarding_change_detail", args=[request.pk])).content.decode()
    assert "钱晓红" in page  # the before/after diff
    staff.post(reverse("office:onboarding_change_decide", args=[request.pk]), {"decision": "approve"})
    world.org_a.refresh_from_db()
    assert world.org_a.representative == "钱晓红" and world.org_a.residence == ""
    entry = LogEntry.objects.get_for_object(world.org_a).filter(changes__icontains="representative").first()
    assert entry is not None and entry.actor == world.user(STREET_STAFF)


def test_rejected_change_is_not_applied(world, client_for):
    request = make_change_request(world.org_a, new="某人")
    client_for(STREET_STAFF).post(reverse("office:onboarding_change_decide", args=[request.pk]),
                                  {"decision": "reject", "reason": "缺少换届材料"})
    request.refresh_from_db()
    world.org_a.refresh_from_db()
    assert request.status == Decision.REJECTED and world.org_a.representative == ""


def test_community_worker_cannot_approve(world, client_for):
    request = make_change_request(world.org_a, new="某人")
    response = client_for(COMMUNITY_WORKER).post(reverse("office:onboarding_change_decide", args=[request.pk]),
                                                 {"decision": "approve"})
    assert response.status_code == 403
    world.org_a.refresh_from_db()
    assert world.org_a.representative == ""


def test_auto_approval_applies_its_group_at_once(world, client_for):
    client_for(STREET_STAFF).post(reverse("office:onboarding_auto_approval"), {"groups": ["residence"]})
    assert AutoApproval.objects.get(area=world.street_a, field_group="residence").enabled
    client_for(ORG_A_ADMIN).post(reverse("portal:change_request_create", args=[world.org_a.code]),
                                 form_data(world.org_a, representative="钱晓红", residence="宝石二路12号"))
    world.org_a.refresh_from_db()
    assert world.org_a.residence == "宝石二路12号" and world.org_a.representative == ""
    assert ChangeRequest.objects.get(field_group="residence").auto_approved
    assert ChangeRequest.objects.get(field_group="representative").status == Decision.PENDING
    # Another street's setting does not reach org A.
    assert not services.auto_approval_enabled(world.org_b, "residence")


def test_contact_fields_are_edited_directly_by_editors_only(world, client_for):
    url = reverse("portal:profile_contact", args=[world.org_a.code])
    data = {"contact_name": "李联系", "contact_phone": "13911112222", "mailing_address": "宝石山下1号"}
    assert client_for(ORG_A_VIEWER).post(url, data).status_code == 403
    assert client_for(ORG_A_ADMIN).post(url, data).status_code == 302
    organization = Organization.objects.get(pk=world.org_a.pk)
    assert organization.contact_name == "李联系" and organization.contact_phone == "13911112222"
    assert OrganizationContact.objects.get(organization=organization).mailing_address == "宝石山下1号"
    assert not ChangeRequest.objects.exists()


def test_bad_contact_phone_changes_nothing(world, client_for):
    url = reverse("portal:profile_contact", args=[world.org_a.code])
    response = client_for(ORG_A_ADMIN).post(url, {"contact_name": "李联系", "contact_phone": "abc"})
    assert response.status_code == 200 and 'value="李联系"' in response.content.decode()
    assert Organization.objects.get(pk=world.org_a.pk).contact_name == ""
