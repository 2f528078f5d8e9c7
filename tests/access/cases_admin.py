"""The Django admin is for superusers only: every admin URL sends everybody else to a log-in
page (anonymous visitors may meet our LoginRequiredMiddleware first), and answers a superuser
without a server error (403 where an audit model is read-only, 404 for an absent object, 405
where a page takes no POST). The same rule holds for a POST with an empty body."""

from tests.access.matrix import ADMIN_LOGIN, NOT_AN_ERROR, REDIRECT, Case, all_url_names, expect, same_as_get
from tests.personas import ANONYMOUS, SUPERUSER

# Values for the URL parameters of admin pages; the objects need not exist.
ADMIN_KWARGS = {"object_id": "1", "app_label": "areas", "content_type_id": "1", "id": "1"}


def _admin_case(url_name):
    if url_name == "admin:login":  # an empty POST re-shows the form, to a superuser as well
        return Case(url_name, expect(200, **{SUPERUSER: REDIRECT}), post=expect(200, **{SUPERUSER: NOT_AN_ERROR}))
    if url_name == "admin:logout":  # POST-only; a GET is sent back to the admin index first
        return Case(url_name, expect(REDIRECT, **{ANONYMOUS: ADMIN_LOGIN, SUPERUSER: NOT_AN_ERROR}), post=same_as_get)
    return Case(url_name, expect(ADMIN_LOGIN, **{SUPERUSER: NOT_AN_ERROR}), kwargs=lambda w, n=url_name: _kwargs_for(n),
                post=same_as_get)


def _kwargs_for(url_name):
    from django.urls import get_resolver

    resolver = get_resolver()
    _app, name = url_name.split(":")
    for possibility in resolver.namespace_dict["admin"][1].reverse_dict.getlist(name):
        params = possibility[0][0][1]
        return {param: ADMIN_KWARGS[param] for param in params}
    return {}


CASES = [_admin_case(name) for name in sorted(all_url_names()) if name.startswith("admin:")]
