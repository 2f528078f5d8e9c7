"""The Django admin is for superusers only: every admin URL sends everybody else to a log-in
page (anonymous visitors may meet our LoginRequiredMiddleware first), and answers a superuser
without a server error (403 where an audit model is read-only, 404 for an absent object)."""

from tests.access.matrix import Case, all_url_names, expect
from tests.access.matrix import REDIRECT
from tests.personas import ANONYMOUS, SUPERUSER

ADMIN_LOGIN = "admin-login"
NOT_AN_ERROR = "not-an-error"

# Values for the URL parameters of admin pages; the objects need not exist.
ADMIN_KWARGS = {"object_id": "1", "app_label": "areas", "content_type_id": "1", "id": "1"}


def _admin_case(url_name):
    if url_name == "admin:login":
        return Case(url_name, expect(200, **{SUPERUSER: REDIRECT}))
    if url_name == "admin:logout":  # POST-only; a GET is sent back to the admin index first
        return Case(url_name, expect(REDIRECT, **{ANONYMOUS: ADMIN_LOGIN, SUPERUSER: NOT_AN_ERROR}))
    return Case(url_name, expect(ADMIN_LOGIN, **{SUPERUSER: NOT_AN_ERROR}), kwargs=lambda w, n=url_name: _kwargs_for(n))


def _kwargs_for(url_name):
    from django.urls import get_resolver

    resolver = get_resolver()
    _app, name = url_name.split(":")
    for possibility in resolver.namespace_dict["admin"][1].reverse_dict.getlist(name):
        params = possibility[0][0][1]
        return {param: ADMIN_KWARGS[param] for param in params}
    return {}


CASES = [_admin_case(name) for name in sorted(all_url_names()) if name.startswith("admin:")]
