"""Rule (issue 14.1): a masked ID number cannot be rebuilt from the page that shows it.

The eight characters a masked resident ID hides (``330106********4327``) are exactly the birth
date, so no page that shows the masked number shows the full birth date, and no history entry
holds it: the volunteer page shows the age; the full number, and with it the date, comes only
through the audited reveal."""

import datetime
import importlib

import pytest
from auditlog.models import LogEntry
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from apps.audit.selectors import object_history
from apps.volunteers.id_numbers import age_on
from apps.volunteers.models import Volunteer
from tests.personas import COMMUNITY_WORKER, ORG_A_ADMIN, STREET_STAFF, SUPERUSER
from tests.volunteers.factories import make_volunteer

pytestmark = pytest.mark.django_db
BIRTH = datetime.date(1992, 3, 15)
# How a page may write that day: ISO, the two locales' date formats, the number's own digits.
BIRTH_FORMS = ["1992-03-15", "1992年3月15日", "March 15, 1992", "Mar. 15, 1992", "19920315", "1992/03/15",
               "1992-3-15", "1992.03.15"]


def _assert_no_birth_date(text):
    found = [form for form in BIRTH_FORMS if form in text]
    assert not found, f"the birth date is on the page as {found}"


@pytest.fixture
def volunteer(world):
    volunteer = make_volunteer(world.community_a1, name="钱晓", birth_date=BIRTH, organization=world.org_a)
    volunteer.skills = "急救"  # an update entry next to the creation entry
    volunteer.save()
    return volunteer


@pytest.mark.parametrize("language", ["zh-hans", "en"])
@pytest.mark.parametrize("persona", [COMMUNITY_WORKER, STREET_STAFF, SUPERUSER])
def test_volunteer_page_shows_the_age_next_to_the_masked_number(world, client_for, volunteer, persona, language):
    response = client_for(persona).get(reverse("office:volunteer_detail", args=[volunteer.pk]),
                                       HTTP_ACCEPT_LANGUAGE=language)
    page = response.content.decode()
    assert volunteer.id_number_masked in page and volunteer.id_number not in page
    _assert_no_birth_date(page)
    age = age_on(BIRTH, datetime.date.today())
    assert f'data-testid="age">{age}' in page


def test_history_tab_holds_no_birth_date(world, client_for, volunteer):
    assert any(item.changes for item in object_history(volunteer))  # the tab has entries to show
    for item in object_history(volunteer):
        _assert_no_birth_date(str(item.changes) + item.note)
    page = client_for(COMMUNITY_WORKER).get(reverse("office:volunteer_detail", args=[volunteer.pk])).content.decode()
    history = page[page.index('data-testid="history"'):]
    _assert_no_birth_date(history)


def test_audit_trail_never_records_the_birth_date(volunteer):
    # Derived from the ID number: logging it would log the hidden part of the number.
    entries = LogEntry.objects.get_for_object(volunteer)
    assert entries.count() >= 2
    for entry in entries:
        assert "birth_date" not in (entry.changes or {})
        _assert_no_birth_date(str(entry.changes) + entry.changes_text + str(entry.serialized_data))


def test_old_history_entries_are_scrubbed(world, volunteer):
    """Entries written before the rule carried the birth date: the data migration removes it."""
    old = LogEntry.objects.create(
        content_type=ContentType.objects.get_for_model(Volunteer), object_pk=str(volunteer.pk),
        object_id=volunteer.pk, object_repr=str(volunteer), action=LogEntry.Action.CREATE,
        changes={"name": ["None", "钱晓"], "birth_date": ["None", "1992-03-15"]})
    migration = importlib.import_module("apps.audit.migrations.0003_scrub_personal_data")
    migration.scrub_log_entries(apps, None)
    old.refresh_from_db()
    assert old.changes == {"name": ["None", "钱晓"]}


def test_django_admin_shows_the_age_too(world, client_for, volunteer):
    page = client_for(SUPERUSER).get(reverse("admin:volunteers_volunteer_change", args=[volunteer.pk]),
                                     HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert volunteer.id_number_masked in page
    _assert_no_birth_date(page)


def test_portal_and_team_pages_show_no_birth_date(world, client_for, volunteer):
    from apps.volunteers.models import Team
    from apps.volunteers.services import team_membership_join

    team = Team.objects.create(name="钱塘服务队", organization=world.org_a, leader=volunteer)
    team_membership_join(team=team, volunteer=volunteer)
    org_client = client_for(ORG_A_ADMIN)
    pages = [
        org_client.get(reverse("portal:work_volunteer_list", args=[world.org_a.code])),
        org_client.get(reverse("portal:work_volunteer_list", args=[world.org_a.code]) + "?_export=csv"),
        org_client.get(reverse("portal:work_team_detail", args=[world.org_a.code, team.pk])),
        client_for(COMMUNITY_WORKER).get(reverse("office:team_detail", args=[team.pk])),
        client_for(COMMUNITY_WORKER).get(reverse("office:volunteer_list") + "?_export=csv"),
    ]
    for response in pages:
        assert response.status_code == 200
        body = b"".join(response.streaming_content) if response.streaming else response.content
        _assert_no_birth_date(body.decode("utf-8-sig"))
