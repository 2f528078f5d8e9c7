"""Rows of the onboarding app for tests (and the access matrix)."""

from django.core.files.base import ContentFile

from apps.accounts.models import Membership, OrgRole, User
from apps.accounts.services import invitation_create
from apps.onboarding.models import ApplicationDocument, ChangeRequest, SignupApplication
from apps.organizations.models import LegalForm



def valid_credit_code(body="51330106MJ000000"):
    from stdnum.cn import uscc

    base = (body + "1")[:17]
    return base + uscc.calc_check_digit(base)


def make_application(area, *, name="湖畔读书会", username=None, **fields):
    username = username or f"applicant{SignupApplication.objects.count() + User.objects.count()}"
    applicant = User.objects.create_user(username=username, password="x-Password-2026", email=f"{username}@example.org")
    defaults = dict(legal_form=LegalForm.FILED_COMMUNITY, filing_number=f"F-{username}", contact_name="联系人",
                    contact_phone="13900000000", contact_email=applicant.email, representative="周兰")
    defaults.update(fields)
    return SignupApplication.objects.create(applicant=applicant, name=name, area=area, **defaults)


def make_document(application):
    return ApplicationDocument.objects.create(application=application, title="备案通知书",
                                              file=ContentFile(b"%PDF-1.4\n", name="filing.pdf"))


def make_change_request(organization, *, new="新的负责人"):
    return ChangeRequest.objects.create(organization=organization, field_group="representative",
                                        changes={"representative": {"old": organization.representative, "new": new}})


def make_invitation(organization, *, email="new.member@example.org", role=OrgRole.EDITOR, actor=None):
    invitation, token = invitation_create(organization=organization, email=email, role=role, actor=actor,
                                          accept_url=lambda t: f"http://testserver/portal/join/{t}/")
    return invitation, token


def membership_of(organization, role=OrgRole.VIEWER):
    return Membership.objects.filter(organization=organization, role=role).first()


