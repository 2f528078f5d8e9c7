"""Every URL × every persona, GET and POST, against the rows in ``cases_*.py``.

The world is built once for this module (``matrix`` fixture); every request runs in a savepoint
rolled back after it, so the order of cases and personas does not matter."""

import types

import pytest
from django.urls import path, reverse

from tests.access.matrix import (
    LOGIN, Case, all_cases, all_url_names, expect, missing_rows, outcome, read_only, staff_only,
)
from tests.personas import ANONYMOUS, CITY_STAFF, PERSONAS

CASES = all_cases()
POST_CASES = [case for case in CASES if case.post is not None]


def test_every_url_has_a_get_and_a_post_row_for_every_persona():
    coverage = missing_rows(all_url_names(), CASES)
    assert coverage.complete, coverage


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.id)
def test_get(case, matrix, db):
    mismatches = matrix.check(case, "get")
    assert not mismatches, f"GET {case.url(matrix.world)}: {mismatches}"


@pytest.mark.parametrize("case", POST_CASES, ids=lambda case: case.id)
def test_post(case, matrix, db):
    mismatches = matrix.check(case, "post")
    assert not mismatches, f"POST {case.url(matrix.world)}: {mismatches}"


# --- The matrix test itself must be able to fail. ---

def _view(request):
    raise AssertionError("never called")


def test_a_url_without_a_row_is_reported():
    fake_urlconf = types.ModuleType("fake_urlconf")
    fake_urlconf.urlpatterns = [path("known/", _view, name="known"), path("new/", _view, name="brand_new")]
    coverage = missing_rows(all_url_names(fake_urlconf), [Case("known", expect(200), post=read_only)])
    assert not coverage.complete
    assert coverage.urls_without_case == ["brand_new"]


def test_a_url_without_a_post_row_is_reported():
    coverage = missing_rows({"known"}, [Case("known", expect(200)), Case("known", expect(200), query="x=1")])
    assert not coverage.complete
    assert coverage.urls_without_post_row == ["known"]


def test_a_row_missing_a_persona_is_reported():
    row = expect(200)
    del row[PERSONAS[3]]
    coverage = missing_rows({"known"}, [Case("known", row, post=expect(405))])
    assert not coverage.complete
    assert PERSONAS[3] in coverage.cases_missing_personas[0] and "GET" in coverage.cases_missing_personas[0]
    coverage = missing_rows({"known"}, [Case("known", expect(200), post=row)])
    assert PERSONAS[3] in coverage.cases_missing_personas[0] and "POST" in coverage.cases_missing_personas[0]


def test_a_row_for_a_removed_url_is_reported():
    cases = [Case("known", expect(200), post=read_only), Case("gone", expect(200), post=read_only)]
    coverage = missing_rows({"known"}, cases)
    assert coverage.cases_for_unknown_urls == ["gone"]


def test_a_wrong_expectation_is_detected(matrix, db):
    response, _writes = matrix.request(ANONYMOUS, "get", reverse("office:home"))
    assert outcome(response, 200) is not None
    assert outcome(response, LOGIN) is None
    wrong = Case("office:home", {**staff_only(), ANONYMOUS: 200}, post={**read_only(staff_only()), CITY_STAFF: 200})
    assert set(matrix.check(wrong, "get")) == {ANONYMOUS}
    assert set(matrix.check(wrong, "post")) == {CITY_STAFF}


def test_a_refusal_that_writes_is_detected(matrix, db):
    # Logging out answers like a refusal (a redirect to the log-in page) but ends the session.
    mismatches = matrix.check(Case("logout", expect(405), post=expect(LOGIN)), "post")
    assert set(mismatches) == set(PERSONAS) - {ANONYMOUS}
    assert all("wrote" in problem for problem in mismatches.values())


def test_a_post_is_rolled_back_for_the_next_persona(matrix, db):
    from apps.accounts.models import Membership

    world = matrix.world
    viewer = Membership.objects.get(user=world.user("org_a_viewer"))
    url = reverse("portal:member_remove", kwargs={"org": world.org_a.code, "pk": viewer.pk})
    first, _ = matrix.request("org_a_admin", "post", url)
    second, _ = matrix.request("org_a_admin", "post", url)
    assert first.status_code == second.status_code == 302  # removed twice: the first removal was undone
    assert Membership.objects.filter(pk=viewer.pk).exists()
