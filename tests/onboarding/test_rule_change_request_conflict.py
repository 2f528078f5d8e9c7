"""Rule (issue 15.7): a change request keeps the value it was made against ("old"). When staff
changed that field since, approving it would overwrite a newer value: the reviewer sees both
values, and the approval is refused unless the reviewer explicitly confirms replacing the very
values shown; the replaced value is kept on the request."""

import json

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import ValidationError
from django.urls import reverse

from apps.onboarding import services
from apps.onboarding.models import ChangeRequest, Decision
from apps.organizations.models import Organization
from apps.organizations.services import organization_update
from tests.personas import ORG_A_ADMIN, STREET_STAFF

pytestmark = pytest.mark.django_db


def _request(world, **values):
    [request] = services.change_requests_submit(organization=world.org_a, actor=world.user(ORG_A_ADMIN),
                                                values=values, note="换届选举")
    return request


def _staff_edit(world, **values):
    organization = Organization.objects.get(pk=world.org_a.pk)
    for name, value in values.items():
        setattr(organization, name, value)
    organization_update(organization=organization)


def _representative(world):
    return Organization.objects.get(pk=world.org_a.pk).representative


def test_approving_over_a_newer_staff_edit_is_refused(world):
    request = _request(world, representative="钱晓红")
    _staff_edit(world, representative="孙立")  # staff corrected the registry meanwhile
    with pytest.raises(ValidationError) as error:
        services.change_request_approve(change_request=request, actor=world.user(STREET_STAFF))
    assert {item.code for item in error.value.error_list} == {"conflict"}
    assert any("孙立" in message and "钱晓红" in message for message in error.value.messages)
    request.refresh_from_db()
    assert request.status == Decision.PENDING and _representative(world) == "孙立"


def test_an_explicit_choice_replaces_the_value_seen_and_keeps_it(world):
    request = _request(world, representative="钱晓红")
    _staff_edit(world, representative="孙立")
    with pytest.raises(ValidationError):  # a confirmation for another value than the one there now
        services.change_request_approve(change_request=request, actor=world.user(STREET_STAFF),
                                        overwrite={"representative": "赵某"})
    services.change_request_approve(change_request=request, actor=world.user(STREET_STAFF),
                                    overwrite={"representative": "孙立"})
    request.refresh_from_db()
    assert request.status == Decision.APPROVED and _representative(world) == "钱晓红"
    assert request.changes["representative"] == {"old": "", "new": "钱晓红", "overwritten": "孙立"}


def test_no_conflict_when_staff_already_entered_the_requested_value_or_another_field(world):
    from apps.onboarding.conflicts import change_request_conflicts

    request = _request(world, representative="钱晓红")
    _staff_edit(world, representative="钱晓红", residence="宝石二路12号")
    assert change_request_conflicts(request) == []
    services.change_request_approve(change_request=request, actor=world.user(STREET_STAFF))
    organization = Organization.objects.get(pk=world.org_a.pk)
    assert (organization.representative, organization.residence) == ("钱晓红", "宝石二路12号")


def test_the_reviewer_sees_both_values_and_chooses_on_the_page(world, client_for):
    request = _request(world, representative="钱晓红")
    _staff_edit(world, representative="孙立")
    client = client_for(STREET_STAFF)
    page = client.get(reverse("office:onboarding_change_detail", args=[request.pk])).content.decode()
    conflict = page.split('data-testid="conflict"')[1].split("</tr>")[0]
    assert "孙立" in conflict and "钱晓红" in conflict
    assert 'name="overwrite"' in page
    decide = reverse("office:onboarding_change_decide", args=[request.pk])
    refused = client.post(decide, {"decision": "approve"})
    assert refused.status_code == 200 and refused.context["form"].errors
    assert _representative(world) == "孙立"
    stale = client.post(decide, {"decision": "approve", "overwrite": "on", "seen": json.dumps({"representative": "赵某"})})
    assert stale.status_code == 200 and _representative(world) == "孙立"
    assert json.loads(stale.context["form"]["seen"].value()) == {"representative": "孙立"}  # offered again
    seen = json.dumps({"representative": "孙立"})
    assert client.post(decide, {"decision": "approve", "overwrite": "on", "seen": seen}).status_code == 302
    assert _representative(world) == "钱晓红"
    entry = LogEntry.objects.get_for_object(world.org_a).filter(changes__icontains="representative").latest("pk")
    assert entry.changes_dict["representative"] == ["孙立", "钱晓红"] and entry.actor == world.user(STREET_STAFF)
    decided = client.get(reverse("office:onboarding_change_detail", args=[request.pk])).content.decode()
    assert "孙立" in decided.split('data-testid="diff"')[1].split("</table>")[0]  # what was replaced


def test_auto_approval_never_applies_over_a_conflict(world):
    request = _request(world, representative="钱晓红")
    _staff_edit(world, representative="孙立")
    ChangeRequest.objects.filter(pk=request.pk).update(auto_approved=False)
    with pytest.raises(ValidationError):
        services.change_request_approve(change_request=request, actor=None, auto=True)
    assert _representative(world) == "孙立"
