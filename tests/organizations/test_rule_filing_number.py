"""备案 (DOMAIN §2): a filed community organization has a local filing number (free format)
instead of a credit code. The back-office form and the import asked for it; the model did not,
so the admin and an approved change request could leave a filed group without one. Now
``Organization.clean`` refuses it on every path."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from apps.onboarding.services import change_request_approve, change_requests_submit
from apps.organizations.models import LegalForm, Organization
from tests.organizations.helpers import make_org
from tests.personas import ORG_A_ADMIN, STREET_STAFF, SUPERUSER

pytestmark = pytest.mark.django_db


def test_a_filed_group_without_a_filing_number_is_refused(world):
    """Failed before: only the forms and the import asked for the filing number."""
    for blank in ("", "   "):
        group = Organization(name="书画队", legal_form=LegalForm.FILED_COMMUNITY, area=world.community_a1,
                             filing_number=blank)
        with pytest.raises(ValidationError) as refused:
            group.full_clean()
        assert "filing_number" in refused.value.message_dict


def test_a_filed_group_with_its_filing_number_and_a_team_without_one_are_accepted(world):
    Organization(name="书画队", legal_form=LegalForm.FILED_COMMUNITY, area=world.community_a1,
                 filing_number="西民备2026001").full_clean()
    Organization(name="巡防队", legal_form=LegalForm.COMMUNITY_TEAM, area=world.community_a1).full_clean()


def test_the_admin_refuses_it(world, client_for):
    data = {"name": "书画队", "legal_form": LegalForm.FILED_COMMUNITY, "area": world.community_a1.pk,
            "filing_number": "", "party_org_type": "none", "party_member_count": 0,
            "status_changes-TOTAL_FORMS": 0, "status_changes-INITIAL_FORMS": 0}
    response = client_for(SUPERUSER).post(reverse("admin:organizations_organization_add"), data)
    assert response.status_code == 200 and response.context["adminform"].form.errors["filing_number"]
    assert not Organization.objects.filter(name="书画队").exists()


def test_a_change_request_cannot_remove_it(world):
    group = make_org(world.community_a1, name="书画队", legal_form=LegalForm.FILED_COMMUNITY,
                     filing_number="西民备2026001")
    [request] = change_requests_submit(organization=group, actor=world.user(ORG_A_ADMIN), values={"filing_number": ""})
    with pytest.raises(ValidationError):
        change_request_approve(change_request=request, actor=world.user(STREET_STAFF))
    group.refresh_from_db()
    assert group.filing_number == "西民备2026001"
