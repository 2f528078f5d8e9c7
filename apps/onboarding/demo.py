"""Demo: a couple of pending sign-up applications and change requests (no uploaded files: their\nstorage paths are random, and the demo data must be the same for the same seed)."""

from apps.accounts.models import User
from apps.areas.models import AreaLevel
from apps.core.demo import DEMO_PASSWORD
from apps.organizations.models import LegalForm

from .models import ChangeRequest, SignupApplication


def seed(ctx):
    street = ctx.made["streets"][0]
    communities = list(street.children.filter(level=AreaLevel.COMMUNITY).order_by("code")[:2])
    applications = []
    for index, (name, form, filing) in enumerate([("湖畔读书会", LegalForm.FILED_COMMUNITY, "BS-2026-017"),
                                                  ("邻里议事协会", LegalForm.FILED_COMMUNITY, "BS-2026-018")]):
        applicant = User.objects.create_user(username=f"applicant{index + 1}", password=DEMO_PASSWORD,
                                             full_name=f"申请人{index + 1}", email=f"applicant{index + 1}@example.org")
        application = SignupApplication.objects.create(
            applicant=applicant, name=name, legal_form=form, filing_number=filing,
            area=communities[index % len(communities)], residence=f"{communities[0].name}活动室",
            representative=ctx.rng.choice(["周兰", "吴斌", "郑华"]), contact_name=applicant.full_name,
            contact_phone=f"1390571{ctx.rng.randint(1000, 9999)}", contact_email=applicant.email,
        )
        applications.append(application)
    org_a = ctx.made["org_a"]
    requests = [
        ChangeRequest.objects.create(organization=org_a, field_group="representative", requested_by=ctx.made["users"]["org_a_admin"],
                                     changes={"representative": {"old": org_a.representative, "new": "钱晓红"}},
                                     note="换届选举结果"),
        ChangeRequest.objects.create(organization=org_a, field_group="residence", requested_by=ctx.made["users"]["org_a_admin"],
                                     changes={"residence": {"old": org_a.residence, "new": "北山街道宝石二路12号"}}),
    ]
    ctx.made.update(signup_applications=applications, change_requests=requests)
    ctx.say(f"onboarding: {len(applications)} pending applications, {len(requests)} change requests")
