"""Searchable pickers (issue 16.9): a dropdown of many volunteers or organizations is drawn with
its chosen options only and searched as one types at the audience's picker URL, which answers
from the same scope as the dropdown."""

import pytest
from django.contrib.auth import get_user_model
from django.test import RequestFactory
from django.urls import reverse

from apps.accounts.models import Membership
from apps.backoffice.filters.activities import ActivityFilter
from apps.organizations.models import Organization
from apps.web import pickers
from apps.web.forms.records import RecordEntryForm
from apps.web.scope import OfficeScope, PortalScope
from tests.personas import ORG_A_ADMIN, ORG_B_ADMIN, STREET_STAFF
from tests.volunteers.factories import make_volunteer


@pytest.fixture
def people(world):
    """Three volunteers named 张 in street A (two of them in org A), one in street B."""
    return {
        "a1": make_volunteer(world.community_a1, name="张一", organization=world.org_a),
        "a2": make_volunteer(world.community_a1, name="张二", organization=world.org_a),
        "a3": make_volunteer(world.community_a2, name="张三"),
        "b": make_volunteer(world.community_b1, name="张四", organization=world.org_b),
    }


def _labels(response):
    return [row["label"].split(" ")[0].split("（")[0].split("(")[0] for row in response.json()["results"]]


def test_the_office_search_answers_the_staff_members_area_only(world, people, client_for):
    client = client_for(STREET_STAFF)
    response = client.get(reverse("office:picker", args=["volunteers"]), {"q": "张"})
    assert response.status_code == 200
    assert sorted(_labels(response)) == sorted(["张一", "张二", "张三"]) and response.json()["more"] is False
    labels = [row["label"] for row in client.get(reverse("office:picker", args=["organizations"]),
                                                  {"q": "协会"}).json()["results"]]
    assert labels == [world.org_a2.name]  # not street B's 白乐桥文体协会
    number = people["a2"].number
    assert _labels(client.get(reverse("office:picker", args=["volunteers"]), {"q": number})) == ["张二"]


def test_the_portal_search_answers_the_organizations_own_volunteers(world, people, client_for):
    url = reverse("portal:picker", kwargs={"org": world.org_a.code, "source": "volunteers"})
    assert sorted(_labels(client_for(ORG_A_ADMIN).get(url, {"q": "张"}))) == sorted(["张一", "张二"])
    assert client_for(ORG_B_ADMIN).get(url, {"q": "张"}).status_code == 404
    organizations = reverse("portal:picker", kwargs={"org": world.org_a.code, "source": "organizations"})
    assert client_for(ORG_A_ADMIN).get(organizations, {"q": "宝石"}).status_code == 404


def test_a_short_query_asks_for_more_and_pages_say_whether_more_follow(world, people, client_for, monkeypatch):
    client = client_for(STREET_STAFF)
    url = reverse("office:picker", args=["volunteers"])
    assert client.get(url, {"q": "a"}).json() == {"results": [], "more": False, "short": True}
    monkeypatch.setattr(pickers, "PAGE_SIZE", 2)
    first, second = client.get(url, {"q": "张"}).json(), client.get(url, {"q": "张", "page": "2"}).json()
    assert len(first["results"]) == 2 and first["more"] is True
    assert len(second["results"]) == 1 and second["more"] is False
    assert client.get(url, {"q": "张", "page": "x"}).json() == first


def _entry_form(world, monkeypatch, inline_max, data=None):
    monkeypatch.setattr(pickers, "INLINE_MAX", inline_max)
    user = world.user(STREET_STAFF)
    return RecordEntryForm(data, scope=OfficeScope(user))


def test_a_scope_with_few_volunteers_keeps_the_plain_select(world, people, monkeypatch):
    html = str(_entry_form(world, monkeypatch, 100)["volunteers"])
    assert "data-picker" not in html and html.count("<option") == 3


def test_a_scope_with_many_volunteers_draws_the_chosen_ones_and_the_search_url(world, people, monkeypatch):
    form = _entry_form(world, monkeypatch, 2, data={"volunteers": [people["a3"].pk]})
    html = str(form["volunteers"])
    assert f'data-picker="{reverse("office:picker", args=["volunteers"])}"' in html
    assert html.count("<option") == 1 and "张三" in html and "selected" in html
    assert 'data-picker-placeholder="' in html
    # The form still takes any volunteer of the scope, and none outside it.
    assert form.is_valid(), form.errors
    outside = _entry_form(world, monkeypatch, 2, data={"volunteers": [people["b"].pk]})
    assert not outside.is_valid()


def test_an_organization_filter_becomes_a_picker_when_the_area_has_many(world, monkeypatch):
    monkeypatch.setattr(pickers, "INLINE_MAX", 1)
    request = RequestFactory().get("/", {"organization": world.org_a2.pk})
    request.user = get_user_model().objects.get(username="street")
    filter_set = ActivityFilter(request.GET, request=request, scope=OfficeScope(request.user))
    html = str(filter_set.form["organization"])
    assert "data-picker=" in html and world.org_a2.name in html and world.org_a.name not in html
    assert filter_set.is_valid() and filter_set.form.cleaned_data["organization"] == world.org_a2


def test_the_portal_keeps_its_organization_dropdowns_plain(world):
    membership = Membership.objects.get(user=world.user(ORG_A_ADMIN))
    scope = PortalScope(membership.organization, membership)
    assert scope.picker_url("organizations") is None
    assert scope.picker_url("volunteers") == reverse("portal:picker", kwargs={
        "org": world.org_a.code, "source": "volunteers"})
    assert Organization.objects.count() == 3


def test_organization_dropdowns_of_the_office_forms_become_pickers(world, monkeypatch):
    from apps.backoffice.forms.activities import ActivityForm
    from apps.web.forms.volunteers import VolunteerRegistrationForm

    monkeypatch.setattr(pickers, "INLINE_MAX", 1)
    scope = OfficeScope(world.user(STREET_STAFF))
    url = reverse("office:picker", args=["organizations"])
    for form in (ActivityForm(scope=scope), VolunteerRegistrationForm(scope=scope)):
        html = str(form["organization"])
        assert f'data-picker="{url}"' in html and world.org_a.name not in html, type(form).__name__
