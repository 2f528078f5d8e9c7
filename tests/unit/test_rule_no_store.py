"""Rule (issue 14.6): pages and files that carry personal data are never kept by a browser or proxy
cache: every answer to a signed-in user says ``Cache-Control: no-store`` (checked over every URL of
the access matrix that some signed-in persona may open: lists, exports, PDFs, reveal pages, the
admin), and so do the pages without log-in that show a person (check-in, certificate verification)."""

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.access.matrix import all_cases
from tests.personas import ANONYMOUS, PERSONAS, STREET_STAFF
from tests.volunteers.factories import make_activity
from tests.volunteers.world import volunteer_world


def _no_store(response):
    return "no-store" in response.get("Cache-Control", "")


def _signed_in_pages():
    """(case, persona): for every URL name (and export) of the matrix, the first row that a signed-in
    persona opens with 200. The header does not depend on whose object a page shows, so one row
    per URL is enough (the matrix's other rows would only repeat it)."""
    seen = set()
    for case in all_cases():
        persona = next((p for p in PERSONAS if p != ANONYMOUS and case.expect.get(p) == 200), None)
        if persona is not None and (case.url_name, case.query) not in seen:
            seen.add((case.url_name, case.query))
            yield case, persona


SIGNED_IN_PAGES = list(_signed_in_pages())


@pytest.mark.parametrize(("case", "persona"), SIGNED_IN_PAGES, ids=[case.id for case, _ in SIGNED_IN_PAGES])
def test_every_page_a_signed_in_user_opens_says_no_store(case, persona, world, client_for):
    # One world per row, as in the access matrix: some rows' URL arguments create objects.
    url = reverse(case.url_name, kwargs=case.kwargs(world) if case.kwargs else None)
    url += f"?{case.query}" if case.query else ""
    response = client_for(persona).get(url)
    assert response.status_code == 200
    assert _no_store(response), f"{url} ({response.get('Content-Type')}): {response.get('Cache-Control')}"


def test_the_walk_includes_exports_pdfs_and_attachments():
    assert len(SIGNED_IN_PAGES) > 100
    assert any(case.query.startswith("_export=") for case, _persona in SIGNED_IN_PAGES)
    names = {case.url_name for case, _persona in SIGNED_IN_PAGES}
    assert {"office:certificate_pdf", "office:organization_attachment"} <= names, sorted(names)


def test_reveal_pages_say_no_store(world, client_for):
    # Reveals answer a POST, which the walk (GET) does not make.
    client = client_for(STREET_STAFF)
    volunteer = volunteer_world(world).volunteer_a
    response = client.post(reverse("office:volunteer_reveal", args=[volunteer.pk]), {"field": "phone"})
    assert response.status_code == 200 and _no_store(response)
    response = client.post(reverse("office:organization_contact_reveal", args=[world.org_a.pk]))
    assert response.status_code == 200 and _no_store(response)


def test_the_check_in_and_verification_pages_say_no_store(world, client):
    activity = make_activity(world.org_a, start=timezone.now())
    assert _no_store(client.get(reverse("public:checkin", args=[activity.checkin_token])))
    certificate = volunteer_world(world).certificate_a
    response = client.get(reverse("public:verify_code", args=[certificate.verification_code]))
    assert response.status_code == 200 and _no_store(response)


def test_anonymous_public_pages_keep_their_own_caching(db, client):
    # The rule is about personal data: the disclosure page of purchased services may be cached.
    assert not _no_store(client.get(reverse("public:disclosure")))
