"""Every API URL × every client kind, GET and POST, against the rows of ``cases.py``; a refusal
writes nothing but its audit entry and its rate-limit count."""

import types

import pytest
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import path

from tests.access.matrix import Case, all_url_names, missing_rows, outcome
from tests.api.cases import CASES, LIST, READ_ONLY_POST
from tests.api.world import CLIENT_KINDS, ORG_B_WRITE

REFUSALS = {401, 403, 404, 405}
#: What a refused call may write: its audit entry (every call is audited) and its count.
ALLOWED_WRITES = ('"audit_auditevent"', '"core_ratelimitcounter"')


def api_url_names(urlconf=None):
    return {name for name in all_url_names(urlconf) if name.startswith("api:")}


def _writes(queries):
    return [q["sql"] for q in queries if q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))
            and not any(table in q["sql"] for table in ALLOWED_WRITES)]


def check(api, world, case, method):
    row = case.expect if method == "get" else case.post_expect
    url = case.url(world)
    mismatches = {}
    for kind in CLIENT_KINDS:
        with transaction.atomic(), CaptureQueriesContext(connection) as queries:
            client = Client()
            if method == "get":
                response = client.get(url, **api.headers(kind))
            else:
                response = client.post(url, {}, content_type="application/json", **api.headers(kind))
            transaction.set_rollback(True)
        problem = outcome(response, row[kind])
        if problem is None and row[kind] in REFUSALS and _writes(queries.captured_queries):
            problem = f"refused with {response.status_code} but wrote: {_writes(queries.captured_queries)[:2]}"
        if problem:
            mismatches[kind] = problem
    return mismatches


def test_every_api_url_has_a_get_and_a_post_row_for_every_client_kind():
    coverage = missing_rows(api_url_names(), CASES, personas=CLIENT_KINDS)
    assert coverage.complete, coverage


def test_a_new_endpoint_without_a_row_is_reported():
    fake = types.ModuleType("fake_api_urlconf")
    fake.urlpatterns = [path("api/", lambda r: None, name="known"), path("api/new/", lambda r: None, name="new")]
    fake.urlpatterns = [path("", __import__("django.urls", fromlist=["include"]).include(
        (fake.urlpatterns, "api"), namespace="api"))]
    coverage = missing_rows(api_url_names(fake), [Case("api:known", LIST, post=READ_ONLY_POST)],
                            personas=CLIENT_KINDS)
    assert coverage.urls_without_case == ["api:new"]


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.id)
def test_get(case, api, module_world, db):
    mismatches = check(api, module_world, case, "get")
    assert not mismatches, f"GET {case.url(module_world)}: {mismatches}"


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.id)
def test_post(case, api, module_world, db):
    mismatches = check(api, module_world, case, "post")
    assert not mismatches, f"POST {case.url(module_world)}: {mismatches}"


def test_a_wrong_row_is_detected(api, module_world, db):
    wrong = next(case for case in CASES if case.url_name == "api:organization-detail")
    wrong = Case(wrong.url_name, {**wrong.expect, ORG_B_WRITE: 200}, kwargs=wrong.kwargs, post=wrong.post)
    assert set(check(api, module_world, wrong, "get")) == {ORG_B_WRITE}
