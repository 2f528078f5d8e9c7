"""A fixed little world and the personas that act in it, shared by every test module.

    杭州市 (city)
    └── 西湖区 (district)
        ├── 北山街道 (street A) ── 社区 A1 (org A), 社区 A2 (org A2)
        └── 灵隐街道 (street B) ── 社区 B1 (org B)
"""

from dataclasses import dataclass

from apps.accounts.models import Membership, OrgRole, User
from apps.areas.models import Area, AreaLevel
from apps.organizations.models import Organization

PASSWORD = "Test-password-2026"

ANONYMOUS = "anonymous"
CITY_STAFF = "city_staff"
STREET_STAFF = "street_staff"
COMMUNITY_WORKER = "community_worker"
ORG_A_ADMIN = "org_a_admin"
ORG_A_EDITOR = "org_a_editor"
ORG_A_VIEWER = "org_a_viewer"
ORG_B_ADMIN = "org_b_admin"
SUPERUSER = "superuser"

PERSONAS = [ANONYMOUS, CITY_STAFF, STREET_STAFF, COMMUNITY_WORKER, ORG_A_ADMIN, ORG_A_EDITOR, ORG_A_VIEWER, ORG_B_ADMIN,
            SUPERUSER]
STAFF = [CITY_STAFF, STREET_STAFF, COMMUNITY_WORKER]
ORG_USERS = [ORG_A_ADMIN, ORG_A_EDITOR, ORG_A_VIEWER, ORG_B_ADMIN]
#: Organization A's members and their roles.
ORG_A_MEMBERS = {ORG_A_ADMIN: OrgRole.ADMIN, ORG_A_EDITOR: OrgRole.EDITOR, ORG_A_VIEWER: OrgRole.VIEWER}
#: Portal roles, least first: each may do what those before it may (stated here, not read from the app,
#: so that the access matrix notices when the app's order changes).
ROLES = [OrgRole.VIEWER, OrgRole.EDITOR, OrgRole.ADMIN]


@dataclass
class World:
    city: Area
    district: Area
    street_a: Area
    street_b: Area
    community_a1: Area
    community_a2: Area
    community_b1: Area
    grid_a1: Area
    org_a: Organization
    org_a2: Organization
    org_b: Organization
    users: dict

    def user(self, persona):
        return self.users.get(persona)


def build_world() -> World:
    def area(code, name, level, parent=None):
        return Area.objects.create(code=code, name=name, level=level, parent=parent)

    city = area("330100000000", "杭州市", AreaLevel.CITY)
    district = area("330106000000", "西湖区", AreaLevel.DISTRICT, city)
    street_a = area("330106001000", "北山街道", AreaLevel.STREET, district)
    street_b = area("330106002000", "灵隐街道", AreaLevel.STREET, district)
    community_a1 = area("330106001001", "宝石社区", AreaLevel.COMMUNITY, street_a)
    community_a2 = area("330106001002", "葛岭社区", AreaLevel.COMMUNITY, street_a)
    community_b1 = area("330106002001", "白乐桥社区", AreaLevel.COMMUNITY, street_b)
    grid_a1 = area("330106001001001", "宝石社区第1网格", AreaLevel.GRID, community_a1)
    org_a = Organization.objects.create(name="宝石邻里互助会", area=community_a1)
    org_a2 = Organization.objects.create(name="葛岭老年协会", area=community_a2)
    org_b = Organization.objects.create(name="白乐桥文体协会", area=community_b1)

    def user(username, **extra):
        return User.objects.create_user(username=username, password=PASSWORD, full_name=username, **extra)

    users = {
        CITY_STAFF: user("city", area=city),
        STREET_STAFF: user("street", area=street_a),
        COMMUNITY_WORKER: user("community", area=community_a1),
        ORG_A_ADMIN: user("org_a_admin"),
        ORG_A_EDITOR: user("org_a_editor"),
        ORG_A_VIEWER: user("org_a_viewer"),
        ORG_B_ADMIN: user("org_b_admin"),
        SUPERUSER: user("root", is_superuser=True, is_staff=True),
    }
    for persona, role in ORG_A_MEMBERS.items():
        Membership.objects.create(user=users[persona], organization=org_a, role=role)
    Membership.objects.create(user=users[ORG_B_ADMIN], organization=org_b, role=OrgRole.ADMIN)
    return World(city, district, street_a, street_b, community_a1, community_a2, community_b1, grid_a1,
                 org_a, org_a2, org_b, users)
