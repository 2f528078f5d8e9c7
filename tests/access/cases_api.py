"""Access rows for the data-sharing API (``/api/v1/``) and the back office's API-client pages (issue 17).

A person's session never opens the API: every endpoint answers 401 to every persona, GET and POST
(the clients' own matrix, by token, is ``tests/api/cases.py``). The schema is also open to staff
signed in to the back office, and its documentation page is for them only: anonymous visitors log
in, organization users are refused.

API clients: staff see the clients of their area (community workers read them), staff at street
level or above create and revoke them. The client on the detail rows is bound to organization A
(in community A1), so every staff persona sees it."""

from tests.access.matrix import LOGIN, REDIRECT, Case, expect, same_as_get, staff_only
from tests.api.cases import CASES as API_CASES
from tests.api.world import ORG_A_READ, api_world
from tests.personas import ANONYMOUS, COMMUNITY_WORKER, ORG_USERS


def _client_kwargs(world):
    return {"pk": api_world(world).clients[ORG_A_READ].pk}  # built with the module's world (conftest)


NO_SESSION = expect(401)  # no token: DRF's 401 (with WWW-Authenticate), whoever is signed in
STAFF_SCHEMA = expect(200, **{ANONYMOUS: 401}, **dict.fromkeys(ORG_USERS, 403))


def _managers(allowed):
    """Street level or above (and the superuser) get ``allowed``; community workers and
    organization users 403; anonymous visitors log in."""
    row = staff_only(allowed, superuser=allowed)
    row[COMMUNITY_WORKER] = 403
    return row


_SPECIAL = {"api:schema", "api:docs"}

CASES = [
    Case("api:schema", STAFF_SCHEMA, post={**STAFF_SCHEMA, **{p: 405 for p, a in STAFF_SCHEMA.items() if a == 200}}),
    Case("api:docs", expect(200, **{ANONYMOUS: LOGIN}, **dict.fromkeys(ORG_USERS, 403)),
         post=expect(405, **{ANONYMOUS: LOGIN}, **dict.fromkeys(ORG_USERS, 403))),
    *[Case(case.url_name, NO_SESSION, kwargs=case.kwargs, post=NO_SESSION)
      for case in API_CASES if case.url_name not in _SPECIAL],
    Case("office:api_client_list", staff_only(), post=staff_only(405, superuser=405)),
    Case("office:api_call_list", staff_only(), post=staff_only(405, superuser=405)),
    # An empty form comes back with its errors.
    Case("office:api_client_create", _managers(200), post=same_as_get),
    Case("office:api_client_detail", staff_only(), kwargs=_client_kwargs, post=staff_only(405, superuser=405)),
    # Revoking is a POST; an empty one (no reason) goes back to the client's page with the error.
    Case("office:api_client_revoke", _managers(405), kwargs=_client_kwargs, post=_managers(REDIRECT)),
]
