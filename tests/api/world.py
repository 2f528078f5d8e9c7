"""API clients of every kind, added to the shared test world (with the portal tests' work data of
organizations A and B: volunteers, teams, activities, records, contracts), made once per world.

The client kinds are the API's personas: what a city, street, community or organization system
sees, read-only or read-write, and the tokens that must open nothing (revoked, expired, unknown,
none)."""

import datetime
from dataclasses import dataclass, field

from django.utils import timezone

from apps.apiclients.models import Access, ApiClient
from apps.apiclients.services import api_client_create, api_client_revoke
from tests.personas import SUPERUSER
from tests.portal_work.world import portal_world

CITY_READ = "city_read"
STREET_A_WRITE = "street_a_write"
COMMUNITY_A1_READ = "community_a1_read"
ORG_A_WRITE = "org_a_write"
ORG_A_READ = "org_a_read"
ORG_B_WRITE = "org_b_write"
REVOKED = "revoked"
EXPIRED = "expired"
UNKNOWN_TOKEN = "unknown_token"
NO_TOKEN = "no_token"

CLIENT_KINDS = [CITY_READ, STREET_A_WRITE, COMMUNITY_A1_READ, ORG_A_WRITE, ORG_A_READ, ORG_B_WRITE, REVOKED, EXPIRED,
                UNKNOWN_TOKEN, NO_TOKEN]
#: Kinds whose token opens the API, and whether they may write.
WRITERS = [STREET_A_WRITE, ORG_A_WRITE, ORG_B_WRITE]
READERS = [CITY_READ, COMMUNITY_A1_READ, ORG_A_READ]
REFUSED = [REVOKED, EXPIRED, UNKNOWN_TOKEN, NO_TOKEN]
UNKNOWN = "gz_0000000000_" + "0" * 40


@dataclass
class ApiWorld:
    clients: dict = field(default_factory=dict)  # kind -> ApiClient
    tokens: dict = field(default_factory=dict)  # kind -> token ("" for none)

    def headers(self, kind):
        token = self.tokens[kind]
        return {"HTTP_AUTHORIZATION": f"Bearer {token}"} if token else {}


def api_world(world) -> ApiWorld:
    if getattr(world, "_api", None) is None:
        portal_world(world)
        world._api = _build(world)
    return world._api


def make_client(world, *, area=None, organization=None, access=Access.READ, name="测试系统", **extra):
    return api_client_create(actor=world.user(SUPERUSER), name=name, area=area, organization=organization,
                             access=access, valid_days=30, **extra)


def _build(world):
    made = ApiWorld()
    specs = {
        CITY_READ: {"area": world.city},
        STREET_A_WRITE: {"area": world.street_a, "access": Access.READ_WRITE},
        COMMUNITY_A1_READ: {"area": world.community_a1},
        ORG_A_WRITE: {"organization": world.org_a, "access": Access.READ_WRITE},
        ORG_A_READ: {"organization": world.org_a},
        ORG_B_WRITE: {"organization": world.org_b, "access": Access.READ_WRITE},
        REVOKED: {"area": world.street_a, "access": Access.READ_WRITE},
        EXPIRED: {"area": world.street_a, "access": Access.READ_WRITE},
    }
    for kind, spec in specs.items():
        # A high limit: the matrix's many requests are not what the rate-limit tests measure.
        client, token = make_client(world, name=f"系统 {kind}", rate_limit=100000, **spec)
        made.clients[kind], made.tokens[kind] = client, token
    api_client_revoke(actor=world.user(SUPERUSER), client=made.clients[REVOKED], reason="测试撤销")
    ApiClient.objects.filter(pk=made.clients[EXPIRED].pk).update(
        expires_at=timezone.now() - datetime.timedelta(minutes=1))
    made.tokens[UNKNOWN_TOKEN] = UNKNOWN
    made.tokens[NO_TOKEN] = ""
    return made
