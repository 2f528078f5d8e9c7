"""The API access matrix: every API URL × every client kind (``tests/api/world.py``), GET and POST.

Rows say what each kind of client gets: an area client sees its area's subtree, an organization
client its organization's rows, a read-only client may not write (403, checked before the object
is looked up), a client outside the scope gets 404, and a revoked, expired, unknown or missing
token opens nothing (401). POSTs are sent with an empty JSON body: a write a client may make
answers 400 with the field errors. ``test_every_api_url_has_a_row_for_every_client_kind`` fails
for a new endpoint without a row."""

from tests.access.matrix import LOGIN, Case
from tests.api.world import (
    CITY_READ, CLIENT_KINDS, COMMUNITY_A1_READ, ORG_A_READ, ORG_A_WRITE, ORG_B_WRITE, READERS, REFUSED, STREET_A_WRITE,
    WRITERS,
)
from tests.portal_work.world import portal_world

#: Organization A (in community A1 of street A) and its rows are seen by these clients.
SEE_ORG_A = [CITY_READ, STREET_A_WRITE, COMMUNITY_A1_READ, ORG_A_WRITE, ORG_A_READ]


def row(valid, refused=401, **overrides):
    """``valid`` for every client whose token opens the API, ``refused`` for the others."""
    result = {kind: (refused if kind in REFUSED else valid) for kind in CLIENT_KINDS}
    result.update(overrides)
    return result


def seen_by(kinds, status=200, hidden=404):
    """A detail: ``status`` for the clients in ``kinds``, ``hidden`` for the other valid ones."""
    return row(hidden, **dict.fromkeys(kinds, status))


def by_access(writers, readers=403):
    """A POST: read-only clients are refused before anything else."""
    return row(None, **dict.fromkeys(WRITERS, writers), **dict.fromkeys(READERS, readers))


LIST = row(200)
READ_ONLY_POST = by_access(405)  # past the token and the access check: the endpoint takes no POST


def _a(kind):
    return lambda w: {"pk": _object(w, kind).pk}


def _object(world, kind):
    work = portal_world(world)["a"]
    return {"area": world.community_a1, "organization": world.org_a, "volunteer": work.volunteer, "team": work.team,
            "activity": work.activity, "record": work.record, "contract": work.contract}[kind]


CASES = [
    Case("api:schema", LIST, post=row(405)),
    # The documentation page is for people signed in to the back office: a token is no session.
    Case("api:docs", row(LOGIN, refused=LOGIN), post=row(LOGIN, refused=LOGIN)),
    Case("api:area-list", LIST, post=READ_ONLY_POST),
    Case("api:area-detail", seen_by([CITY_READ, STREET_A_WRITE, COMMUNITY_A1_READ]), kwargs=_a("area"),
         post=READ_ONLY_POST),
    Case("api:organization-list", LIST, post=READ_ONLY_POST),
    Case("api:organization-detail", seen_by(SEE_ORG_A), kwargs=_a("organization"), post=READ_ONLY_POST),
    Case("api:volunteer-list", LIST, post=READ_ONLY_POST),
    Case("api:volunteer-detail", seen_by(SEE_ORG_A), kwargs=_a("volunteer"), post=READ_ONLY_POST),
    Case("api:team-list", LIST, post=READ_ONLY_POST),
    Case("api:team-detail", seen_by(SEE_ORG_A), kwargs=_a("team"), post=READ_ONLY_POST),
    Case("api:activity-list", LIST, post=by_access(400)),
    Case("api:activity-detail", seen_by(SEE_ORG_A), kwargs=_a("activity"), post=READ_ONLY_POST),
    # POST-only steps: a GET is refused as a method; a POST looks the activity up through the scope.
    Case("api:activity-check-in", row(405), kwargs=_a("activity"), post={**by_access(400), ORG_B_WRITE: 404}),
    Case("api:activity-check-out", row(405), kwargs=_a("activity"), post={**by_access(400), ORG_B_WRITE: 404}),
    Case("api:service-record-list", LIST, post=by_access(400)),
    Case("api:service-record-detail", seen_by(SEE_ORG_A), kwargs=_a("record"), post=READ_ONLY_POST),
    Case("api:contract-list", LIST, post=READ_ONLY_POST),
    # Purchased by street A from organization A: not a community's.
    Case("api:contract-detail", seen_by([CITY_READ, STREET_A_WRITE, ORG_A_WRITE, ORG_A_READ]), kwargs=_a("contract"),
         post=READ_ONLY_POST),
    Case("api:disclosure-contract-list", LIST, post=READ_ONLY_POST),
    Case("api:disclosure-acceptance-list", LIST, post=READ_ONLY_POST),
    Case("api:disclosure-credit-listing-list", LIST, post=READ_ONLY_POST),
]
