"""Issue 14.10: hostile values in every list page's query parameters and every form field of every
persona's pages answer no 5xx (see ``harness.py`` for how, ``hostile.py`` for the values).

``GONGZHI_FUZZ_EXAMPLES`` (default 6) sets the examples per target for a deeper run by hand; the
default keeps the sweep to about a minute and a half of CPU time per database (about 4,000 requests)."""

import os
import types

import pytest
from django.contrib.auth.decorators import login_not_required
from django.http import HttpResponse
from django.test import Client
from django.urls import path

from tests.access.matrix import Case, all_cases, all_url_names, expect
from tests.personas import ANONYMOUS, PERSONAS
from tests.procurement.factories import access_fixture
from tests.volunteers.world import volunteer_world

from .conftest import summary_line
from .harness import fuzz_cases

pytestmark = pytest.mark.django_db

EXAMPLES = int(os.environ.get("GONGZHI_FUZZ_EXAMPLES", "6"))
# Past it, one example per further target (harness.py): about 4,000 requests are needed today.
REQUEST_BUDGET = 2_000 * EXAMPLES


def test_no_page_answers_hostile_input_with_a_server_error(world, client_for, fuzz_summary):
    clients = {persona: client_for(persona) for persona in PERSONAS}
    # Rows of every kind up front, for the admin's change forms of volunteers, records, certificates,
    # contracts ... (the access matrix's own cases build them per case, on these same helpers).
    volunteer_world(world)
    access_fixture(world)
    tally = fuzz_cases(all_cases(), world, clients, examples=EXAMPLES, budget=REQUEST_BUDGET)
    fuzz_summary.append(summary_line(tally))
    # What no persona could open by GET with the matrix's kwargs (admin pages of read-only models,
    # refused steps): listed in the artifact so that a gap in the sweep is visible.
    unreached = sorted(all_url_names() - {url_name for url_name, _persona in tally.pages})
    fuzz_summary.append(f"  URL names no persona opened ({len(unreached)}): {' '.join(unreached)}")
    # The sweep reached both audiences' pages and fuzzed them (it must not pass by visiting nothing).
    reached = {url_name for url_name, _persona in tally.fuzzed}
    assert {"office:record_list", "office:volunteer_create", "portal:work_record_list", "public:verify",
            "admin:volunteers_volunteer_change"} <= reached
    assert not tally.failures, f"{len(tally.failures)} answers of 500 or more:\n{tally.report()}"


# --- The sweep can fail: a page that breaks on a hostile value is reported. ---

@login_not_required
def _fragile_list(request):
    int(request.GET.get("page", "1"))  # what a view must not do with a query parameter
    return HttpResponse('<form method="get"><input name="q"></form><a href="?page=2">2</a>')


@login_not_required
def _fragile_form(request):
    if request.method == "POST":
        return HttpResponse(status=503 if request.POST.get("name", "").strip() != "ok" else 200)
    return HttpResponse('<form method="post" action=""><input name="name" value="ok"><button>Go</button></form>')


@login_not_required
def _fragile_upload(request):
    if request.method == "POST" and "doc" in request.FILES:
        request.FILES["doc"].read().decode("ascii")  # what a view must not do with an uploaded file
    return HttpResponse('<form method="post" enctype="multipart/form-data"><input type="file" name="doc">'
                        '<input name="title" value="t"><button>Go</button></form>')


fragile_urls = types.ModuleType("fragile_urls")
fragile_urls.urlpatterns = [path("list/", _fragile_list, name="list"), path("form/", _fragile_form, name="form"),
                            path("upload/", _fragile_upload, name="upload")]


def test_a_page_failing_on_hostile_input_is_reported(settings, world):
    settings.ROOT_URLCONF = fragile_urls
    cases = [Case("list", expect(200)), Case("form", expect(200)), Case("upload", expect(200))]
    tally = fuzz_cases(cases, world, {ANONYMOUS: Client()}, examples=20, budget=200)
    errors = " ".join(failure.error for failure in tally.failures)
    assert "ValueError" in errors and "HTTP 503" in errors and "UnicodeDecodeError" in errors
    assert {failure.path.split("?")[0] for failure in tally.failures} == {"/list/", "/form/", "/upload/"}
