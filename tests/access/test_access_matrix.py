import types

import pytest
from django.urls import path, reverse

from tests.access.cases_admin import ADMIN_LOGIN, NOT_AN_ERROR
from tests.access.matrix import LOGIN, REDIRECT, Case, all_cases, all_url_names, expect, missing_rows
from tests.personas import PERSONAS

CASES = all_cases()


def test_every_url_has_a_row_for_every_persona():
    coverage = missing_rows(all_url_names(), CASES)
    assert coverage.complete, coverage


def _outcome(response, expected):
    """Compare a response with an expectation; return a mismatch message or None."""
    status = response.status_code
    location = response.get("Location", "")
    if expected == LOGIN:
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


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.id)
def test_access(case, world, client_for):
    url = reverse(case.url_name, kwargs=case.kwargs(world) if case.kwargs else None)
    if case.query:
        url += "?" + case.query
    mismatches = {}
    for persona in PERSONAS:
        response = client_for(persona).get(url)
        problem = _outcome(response, case.expect[persona])
        if problem:
            mismatches[persona] = problem
    assert not mismatches, f"{url}: {mismatches}"


# --- The matrix test itself must be able to fail. ---

def _view(request):
    raise AssertionError("never called")


def test_a_url_without_a_row_is_reported():
    fake_urlconf = types.ModuleType("fake_urlconf")
    fake_urlconf.urlpatterns = [path("known/", _view, name="known"), path("new/", _view, name="brand_new")]
    coverage = missing_rows(all_url_names(fake_urlconf), [Case("known", expect(200))])
    assert not coverage.complete
    assert coverage.urls_without_case == ["brand_new"]


def test_a_row_missing_a_persona_is_reported():
    row = expect(200)
    del row[PERSONAS[3]]
    coverage = missing_rows({"known"}, [Case("known", row)])
    assert not coverage.complete
    assert PERSONAS[3] in coverage.cases_missing_personas[0]


def test_a_row_for_a_removed_url_is_reported():
    coverage = missing_rows({"known"}, [Case("known", expect(200)), Case("gone", expect(200))])
    assert coverage.cases_for_unknown_urls == ["gone"]


def test_a_wrong_expectation_is_detected(world, client_for):
    response = client_for("anonymous").get(reverse("office:home"))
    assert _outcome(response, 200) is not None
    assert _outcome(response, LOGIN) is None
