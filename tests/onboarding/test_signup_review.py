from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from apps.accounts.models import Membership, OrgRole, User
from apps.onboarding.models import Decision, Notification, SignupApplication
from apps.organizations.models import LegalForm, Organization
from tests.onboarding.factories import make_application, valid_credit_code
from tests.personas import COMMUNITY_WORKER, STREET_STAFF


def signup_data(world, **overrides):
    data = {
        "name": "湖畔读书会", "legal_form": LegalForm.SOCIAL_GROUP, "credit_code": valid_credit_code(),
        "filing_number": "", "area": world.community_a1.pk, "residence": "宝石一路1号", "representative": "周兰",
        "contact_name": "周兰", "contact_phone": "13900001111", "document_title": "登记证书",
        "username": "hupan", "full_name": "周兰", "email": "hupan@example.org",
        "password1": "Lake-reading-2026", "password2": "Lake-reading-2026",
    }
    data.update(overrides)
    return data


def post_signup(client, world, **overrides):
    data = signup_data(world, **overrides)
    data["document"] = SimpleUploadedFile("cert.pdf", b"%PDF-1.4\n", content_type="application/pdf")
    return client.post(reverse("portal:signup"), data)


def test_signup_creates_an_account_limited_to_its_application(world, client):
    response = post_signup(client, world)
    assert response.status_code == 302, response.context["form"].errors
    application = SignupApplication.objects.get()
    assert application.status == Decision.PENDING
    assert application.documents.count() == 1
    assert not Membership.objects.filter(user=application.applicant).exists()
    page = client.get(reverse("portal:home"))
    assert "湖畔读书会" in page.content.decode()


def test_bad_credit_code_changes_nothing_and_keeps_what_was_typed(world, client):
    response = post_signup(client, world, credit_code="51330106MJ00000IOS")
    assert response.status_code == 200
    assert "credit_code" in response.context["form"].errors
    assert 'value="宝石一路1号"' in response.content.decode()
    assert not SignupApplication.objects.exists() and not User.objects.filter(username="hupan").exists()


def test_checksum_warning_needs_confirmation(world, client):
    code = valid_credit_code()
    wrong = code[:-1] + ("0" if code[-1] != "0" else "1")
    assert post_signup(client, world, credit_code=wrong).status_code == 200
    assert not SignupApplication.objects.exists()
    assert post_signup(client, world, credit_code=wrong, confirm_warnings="on").status_code == 302


def test_approval_creates_the_organization_and_makes_the_applicant_admin(world, client_for):
    application = make_application(world.community_a1, name="新组织", contact_email="boss@example.org")
    response = client_for(STREET_STAFF).post(
        reverse("office:onboarding_application_decide", args=[application.pk]), {"decision": "approve"})
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == Decision.APPROVED
    organization = application.organization
    assert organization.name == "新组织" and organization.area == world.community_a1
    assert Membership.objects.get(user=application.applicant, organization=organization).role == OrgRole.ADMIN
    assert Notification.objects.filter(user=application.applicant).count() == 1
    assert mail.outbox and mail.outbox[-1].to == ["boss@example.org"]


def test_approval_links_the_existing_registry_record_by_credit_code(world, client_for):
    code = valid_credit_code()
    world.org_a.credit_code = code
    world.org_a.save()
    application = make_application(world.community_a1, legal_form=LegalForm.SOCIAL_GROUP, credit_code=code,
                                   filing_number="")
    count = Organization.objects.count()
    client_for(STREET_STAFF).post(reverse("office:onboarding_application_decide", args=[application.pk]),
                                  {"decision": "approve"})
    application.refresh_from_db()
    assert application.organization == world.org_a
    assert Organization.objects.count() == count


def test_rejection_needs_a_reason_and_notifies(world, client_for):
    application = make_application(world.community_a1)
    client = client_for(STREET_STAFF)
    url = reverse("office:onboarding_application_decide", args=[application.pk])
    assert client.post(url, {"decision": "reject", "reason": ""}).status_code == 200
    application.refresh_from_db()
    assert application.status == Decision.PENDING
    assert client.post(url, {"decision": "reject", "reason": "证书模糊"}).status_code == 302
    application.refresh_from_db()
    assert application.status == Decision.REJECTED and application.decision_reason == "证书模糊"
    assert "证书模糊" in mail.outbox[-1].body


def test_community_worker_and_other_street_cannot_decide(world, client_for):
    mine = make_application(world.community_a1)
    other = make_application(world.community_b1)
    url = "office:onboarding_application_decide"
    assert client_for(COMMUNITY_WORKER).post(reverse(url, args=[mine.pk]), {"decision": "approve"}).status_code == 403
    assert client_for(STREET_STAFF).post(reverse(url, args=[other.pk]), {"decision": "approve"}).status_code == 404
    assert SignupApplication.objects.filter(status=Decision.PENDING).count() == 2


def test_review_queue_is_scoped_and_constant_in_queries(world, client_for, django_assert_max_num_queries):
    make_application(world.community_a1, name="本街道申请")
    make_application(world.community_b1, name="外街道申请")
    client = client_for(STREET_STAFF)
    body = client.get(reverse("office:onboarding_application_list")).content.decode()
    assert "本街道申请" in body and "外街道申请" not in body
    with django_assert_max_num_queries(12) as small:
        client.get(reverse("office:onboarding_application_list"))
    for index in range(20):
        make_application(world.community_a1, name=f"申请{index}")
    with django_assert_max_num_queries(12) as large:
        client.get(reverse("office:onboarding_application_list"))
    assert len(small.captured_queries) == len(large.captured_queries)
