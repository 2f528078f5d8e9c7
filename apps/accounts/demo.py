"""The demo personas: one login for every kind of user (listed in the README)."""

from apps.core.demo import DEMO_PASSWORD

from .models import Membership, OrgRole, User

PERSONAS = [
    # username, what the README calls the role, full name
    ("admin", "System administrator (Django admin)", "系统管理员"),
    ("city", "City staff", "市民政局 刘静"),
    ("street", "Street staff", "街道办 陈伟"),
    ("community", "Community worker", "社区工作者 王芳"),
    ("org_a_admin", "Organization A administrator", "组织A 管理员 张强"),
    ("org_a_editor", "Organization A editor", "组织A 编辑 李娜"),
    ("org_a_viewer", "Organization A viewer", "组织A 只读 赵敏"),
    ("org_b_admin", "Organization B administrator", "组织B 管理员 孙磊"),
]


def seed(ctx):
    city = ctx.made["city"]
    street = ctx.made["streets"][0]
    community = street.children.order_by("code").first()
    organizations = ctx.made["organizations"]
    org_a = next(o for o in organizations if o.area_id == community.pk) if any(
        o.area_id == community.pk for o in organizations) else organizations[0]
    if org_a.area_id != community.pk:
        org_a.area = community
        org_a.save()
    other_street = ctx.made["streets"][-1]
    org_b = next((o for o in organizations if o.area.parent_id == other_street.pk), organizations[-1])

    users = {}
    for username, _role, full_name in PERSONAS:
        users[username] = User.objects.create_user(
            username=username, password=DEMO_PASSWORD, full_name=full_name,
            is_superuser=username == "admin", is_staff=username == "admin",
        )
    for username, area in [("city", city), ("street", street), ("community", community)]:
        users[username].area = area
        users[username].save(update_fields=["area"])
    Membership.objects.bulk_create([
        Membership(user=users["org_a_admin"], organization=org_a, role=OrgRole.ADMIN),
        Membership(user=users["org_a_editor"], organization=org_a, role=OrgRole.EDITOR),
        Membership(user=users["org_a_viewer"], organization=org_a, role=OrgRole.VIEWER),
        Membership(user=users["org_b_admin"], organization=org_b, role=OrgRole.ADMIN),
    ])
    ctx.made.update(users=users, org_a=org_a, org_b=org_b)
    ctx.say(f"personas: {len(users)} (org A = {org_a}, org B = {org_b})")
