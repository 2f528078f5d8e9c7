"""The access matrix: every URL name of the project × every persona × GET and POST → expected answer.

Each ``cases_*.py`` module in this package contributes a ``CASES`` list. ``missing_rows``
reports URL names without a case, URL names without a POST row, and rows without an expectation
for some persona; the test in ``test_access_matrix.py`` fails on any of them, so a new URL
cannot land without rows.

Expectations: an HTTP status (200, 403, 404, 405 …), ``LOGIN`` for "redirected to the log-in
page" (``LOGGED_OUT`` after logging out), ``REDIRECT`` for any other redirect, and for the Django
admin ``ADMIN_LOGIN`` (either log-in page) and ``NOT_AN_ERROR`` (any answer below 500).

A case's POST row is either stated (a dict) or derived from its GET row by a rule below
(``read_only``, ``same_as_get``): the rules say which answers of a GET page carry over to a POST
with an empty body. POSTs are sent without a body (the test client does not check CSRF tokens),
so a form comes back with its errors and an action refuses or redirects.
"""

import copy
import importlib
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.personas import ANONYMOUS, ORG_A_MEMBERS, ORG_B_ADMIN, ORG_USERS, PERSONAS, ROLES, STAFF, SUPERUSER

LOGIN = "login"
REDIRECT = "redirect"
ADMIN_LOGIN = "admin-login"
NOT_AN_ERROR = "not-an-error"
LOGGED_OUT = "logged-out"  # sent to the log-in page after logging out (which writes: the session ends)
#: Answers that refuse the request: nothing may be written to the database for them.
REFUSALS = {LOGIN, ADMIN_LOGIN, 403, 404, 405}


@dataclass(frozen=True)
class Case:
    url_name: str
    expect: dict
    kwargs: Callable | None = None  # world -> URL kwargs
    label: str = ""
    query: str = ""
    # The POST row: a dict like ``expect``, or a rule deriving it from ``expect``. Variants of a
    # page that differ only in the query string (exports, filters) may leave it out.
    post: dict | Callable | None = None

    @property
    def id(self):
        return f"{self.url_name}[{self.label}]" if self.label else self.url_name

    @property
    def post_expect(self):
        return self.post(self.expect) if callable(self.post) else self.post

    def url(self, world):
        url = reverse(self.url_name, kwargs=self.kwargs(world) if self.kwargs else None)
        return f"{url}?{self.query}" if self.query else url


def expect(default, **overrides):
    """An expectation row: ``default`` for every persona, then per-persona overrides."""
    row = dict.fromkeys(PERSONAS, default)
    row.update(overrides)
    return row


def staff_only(staff=200, superuser=200):
    """A back-office page: staff see it, organization users are refused, anonymous log in."""
    row = expect(403, **{ANONYMOUS: LOGIN, SUPERUSER: superuser})
    row.update(dict.fromkeys(STAFF, staff) if not isinstance(staff, dict) else staff)
    return row


def any_logged_in(status=200):
    return expect(status, **{ANONYMOUS: LOGIN})


def org_a_page(role, allowed=200):
    """A portal page under organization A's code whose view needs ``role``: A's members with that
    role or a higher one get ``allowed``, lower roles 403 (the role is checked before the object is
    looked up), everybody else 404 (staff too, outside a view-as session)."""
    row = expect(404, **{ANONYMOUS: LOGIN})
    for persona, member_role in ORG_A_MEMBERS.items():
        row[persona] = allowed if ROLES.index(member_role) >= ROLES.index(role) else 403
    return row


def org_b_page(allowed=200):
    """A portal page under organization B's code: its admin gets ``allowed``, everybody else 404."""
    return expect(404, **{ANONYMOUS: LOGIN, ORG_B_ADMIN: allowed})


# --- POST rules: a GET row -> the POST row of the same URL ---

def read_only(row):
    """A back-office or public view without a POST handler: whoever gets past the log-in (LOGIN) and
    the staff or role check of ``dispatch`` (403) is told 405, before the object in the URL is
    looked up, so a GET's 404 becomes 405 as well (it says nothing about the object).

    Portal pages do not fit: their tenant middleware answers 404 to non-members before the view;
    their rows state the POST row with ``org_a_page(role, 405)``."""
    return {persona: 405 if answer in (200, REDIRECT, 404) else answer for persona, answer in row.items()}


def same_as_get(row):
    """A form page: an empty POST re-shows the form with its errors (200) to whoever may open it,
    and is refused exactly like the GET."""
    return dict(row)


def all_cases():
    import tests.access as package

    cases = []
    for module_info in pkgutil.iter_modules(package.__path__):
        if module_info.name.startswith("cases_"):
            cases += importlib.import_module(f"tests.access.{module_info.name}").CASES
    return cases


def all_url_names(urlconf=None):
    """Every named URL pattern, with its namespace (``office:area_list``)."""
    names = set()

    def walk(patterns, prefix):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                namespace = f"{prefix}{pattern.namespace}:" if pattern.namespace else prefix
                walk(pattern.url_patterns, namespace)
            elif isinstance(pattern, URLPattern) and pattern.name:
                names.add(prefix + pattern.name)

    walk(get_resolver(urlconf).url_patterns, "")
    return names


@dataclass
class Coverage:
    urls_without_case: list = field(default_factory=list)
    urls_without_post_row: list = field(default_factory=list)
    cases_missing_personas: list = field(default_factory=list)
    cases_for_unknown_urls: list = field(default_factory=list)

    @property
    def complete(self):
        return not (self.urls_without_case or self.urls_without_post_row or self.cases_missing_personas
                    or self.cases_for_unknown_urls)


def missing_rows(url_names, cases, personas=PERSONAS):
    def missing(row):
        return sorted(set(personas) - set(row))

    return Coverage(
        urls_without_case=sorted(url_names - {case.url_name for case in cases}),
        urls_without_post_row=sorted(url_names - {case.url_name for case in cases if case.post is not None}),
        cases_missing_personas=sorted(
            [f"{case.id} GET: {missing(case.expect)}" for case in cases if missing(case.expect)]
            + [f"{case.id} POST: {missing(case.post_expect)}" for case in cases
               if case.post is not None and missing(case.post_expect)]
        ),
        cases_for_unknown_urls=sorted(case.id for case in cases if case.url_name not in url_names),
    )


# --- Running rows ---

def outcome(response, expected):
    """Compare a response with an expectation; return a mismatch message or None."""
    status = response.status_code
    location = response.get("Location", "")
    if expected in (LOGIN, LOGGED_OUT):
        ok = status == 302 and location.startswith(reverse("login"))
    elif expected == ADMIN_LOGIN:
        ok = status == 302 and location.startswith((reverse("admin:login"), reverse("login")))
    elif expected == REDIRECT:
        ok = status == 302 and not location.startswith(reverse("login"))
    elif expected == NOT_AN_ERROR:
        ok = status < 500
    else:
        ok = status == expected
    return None if ok else f"expected {expected}, got {status} {location}".strip()


WRITES = ("INSERT", "UPDATE", "DELETE")
#: Writes that a refusal may make: counting a refused attempt is what a rate limit is for, and the
#: session's idle timer (apps/accounts/sessions.py) notes any request, refused or not, once a minute.
ALLOWED_ON_REFUSAL = ('"core_ratelimitcounter"', '"django_session"')


def _writes(queries):
    return [query["sql"] for query in queries if query["sql"].lstrip().upper().startswith(WRITES)
            and not any(table in query["sql"] for table in ALLOWED_ON_REFUSAL)]


class Matrix:
    """Sends a case's requests for every persona and compares the answers with its row.

    Each persona has one client, logged in once; before each request its cookies are reset to those
    of the fresh log-in, and the request runs in a savepoint that is rolled back afterwards. So
    every request meets the world (and its own session) as built, whatever earlier cases and
    personas did: a POST that an earlier persona was allowed to make changes nothing for the next.
    """

    def __init__(self, world):
        self.world = world
        self._clients = {}
        for persona in PERSONAS:
            client = Client()
            if persona != ANONYMOUS:
                client.force_login(world.user(persona), backend="django.contrib.auth.backends.ModelBackend")
            self._clients[persona] = (client, copy.deepcopy(client.cookies))

    def request(self, persona, method, url):
        client, cookies = self._clients[persona]
        client.cookies = copy.deepcopy(cookies)
        with transaction.atomic(), CaptureQueriesContext(connection) as queries:
            response = getattr(client, method)(url)
            transaction.set_rollback(True)
        return response, _writes(queries.captured_queries)

    def check(self, case, method="get"):
        """{persona: mismatch} for the case's GET or POST row; empty when every answer is as expected."""
        row = case.expect if method == "get" else case.post_expect
        url = case.url(self.world)
        mismatches = {}
        for persona in PERSONAS:
            try:
                response, writes = self.request(persona, method, url)
            except Exception as error:  # a server error: report it with the other personas' answers
                mismatches[persona] = f"expected {row[persona]}, raised {error!r}"
                continue
            problem = outcome(response, row[persona])
            if problem is None and row[persona] in REFUSALS and writes:
                problem = f"refused with {response.status_code} but wrote: {writes[:3]}"
            if problem:
                mismatches[persona] = problem
        return mismatches


__all__ = ["Case", "LOGIN", "LOGGED_OUT", "REDIRECT", "ADMIN_LOGIN", "NOT_AN_ERROR", "expect", "staff_only",
           "any_logged_in", "org_a_page", "org_b_page", "read_only", "same_as_get", "Matrix", "ORG_USERS", "STAFF"]
