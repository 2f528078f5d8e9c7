"""Issue 15.11: one person, one registration. A person registered with a resident ID who is
registered again with a passport or permit (same name and birth date) is not silently a second
volunteer: the registration is flagged "likely duplicate" for street staff (volunteer page,
volunteer list filter, dashboard), on every registration path (back office, portal, import),
without telling the registering organization anything; staff record "a different person".
Merging two registrations is not built yet."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import translation

from apps.audit.models import AuditEvent
from apps.volunteers.duplicates import volunteer_duplicate_resolve
from apps.volunteers.id_numbers import synthetic_resident_id
from apps.volunteers.models import DocumentType, DuplicateReview, Volunteer
from apps.volunteers.services import volunteer_register
from tests.imports.helpers import check_and_commit, csv_upload
from tests.personas import COMMUNITY_WORKER, ORG_A_ADMIN, STREET_STAFF
from tests.volunteers.factories import make_volunteer

pytestmark = pytest.mark.django_db
BIRTH = datetime.date(1990, 1, 1)


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def resident(world, name="张三"):
    return make_volunteer(world.community_a1, name=name, birth_date=BIRTH)


def passport(world, name="张三", number="E12345678", community=None):
    return volunteer_register(name=name, document_type=DocumentType.PASSPORT, id_number=number, phone="13900003333",
                              community=community or world.community_a2, consent_version="2026-01",
                              birth_date=BIRTH, sex="male")


def test_the_same_name_and_birth_date_with_a_passport_is_flagged_for_staff(world):
    first = resident(world)
    second = passport(world)
    assert second.pk != first.pk  # registered, not refused: the caller learns nothing
    second.refresh_from_db()
    assert (second.duplicate_review, second.duplicate_of_id) == (DuplicateReview.LIKELY, first.pk)
    first.refresh_from_db()
    assert first.duplicate_review == ""
    # The index is a keyed hash: no clear name or birth date in the new column.
    assert len(second.person_hash) == 64 and "张三" not in second.person_hash and "1990" not in second.person_hash
    assert second.person_hash == first.person_hash


def test_two_resident_ids_are_two_people(world):
    resident(world)
    twin_namesake = resident(world)  # another resident ID number, same name and birthday
    assert twin_namesake.duplicate_review == ""
    assert passport(world, name="李四").duplicate_review == ""


def test_staff_find_it_on_the_dashboard_the_list_and_the_volunteer_page(world, client_for):
    first = resident(world)
    second = passport(world)
    client = client_for(STREET_STAFF)
    home = client.get(reverse("office:home"))
    assert home.context["board"].alerts.likely_duplicates == 1
    [link] = [url for _label, _count, url in home.context["alerts"] if "review=duplicate" in url]
    listed = client.get(link)
    assert [row.pk for row in listed.context["table"].data] == [second.pk]
    page = client.get(reverse("office:volunteer_detail", args=[second.pk])).content.decode()
    assert 'data-testid="likely-duplicate"' in page and first.number in page


def test_staff_record_a_different_person(world, client_for):
    resident(world)
    second = passport(world)
    url = reverse("office:volunteer_duplicate_resolve", args=[second.pk])
    assert client_for(COMMUNITY_WORKER).post(url, {"reason": "x"}).status_code == 403
    with pytest.raises(PermissionDenied):
        volunteer_duplicate_resolve(actor=world.user(COMMUNITY_WORKER), volunteer=second, reason="x")
    assert client_for(STREET_STAFF).post(url, {"reason": "当面核对证件，不是同一人"}).status_code == 302
    second.refresh_from_db()
    assert second.duplicate_review == DuplicateReview.DIFFERENT
    event = AuditEvent.objects.get(detail__action="duplicate_different")
    assert event.actor == world.user(STREET_STAFF) and event.detail["reason"] == "当面核对证件，不是同一人"
    assert client_for(STREET_STAFF).get(reverse("office:home")).context["board"].alerts.likely_duplicates == 0


def test_the_portal_registration_is_flagged_and_the_organization_learns_nothing(world, client_for):
    first = resident(world)
    url = reverse("portal:work_volunteer_register", args=[world.org_a.code])
    data = {"name": "张三", "document_type": "passport", "id_number": "E7654321", "birth_date": "1990-01-01",
            "sex": "male", "phone": "13900004444", "community": world.community_a1.pk, "political_status": "masses",
            "consent": "on"}
    client = client_for(ORG_A_ADMIN)
    response = client.post(url, data, follow=True)
    stranger = client.post(url, {**data, "name": "王五", "id_number": "E7654322", "phone": "13900004445"},
                           follow=True)
    # The same answer as for anybody else: no word of the earlier registration.
    assert [str(m) for m in response.context["messages"]] == [str(m) for m in stranger.context["messages"]]
    assert first.number not in response.content.decode()
    flagged = Volunteer.objects.get(name="张三", document_type=DocumentType.PASSPORT)
    assert (flagged.duplicate_review, flagged.duplicate_of_id) == (DuplicateReview.LIKELY, first.pk)
    assert Volunteer.objects.get(name="王五").duplicate_review == ""


def test_the_volunteer_import_flags_the_same_way(world):
    first = resident(world)
    header = ["姓名", "证件类型", "证件号码", "手机号码", "居住社区", "性别", "出生日期"]
    rows = [header, ["张三", "护照", "E11112222", "13900005555", world.community_a1.name, "男", "1990-01-01"],
            ["钱七", "", synthetic_resident_id("330106", datetime.date(1991, 2, 2), 7), "13900005556",
             world.community_a1.name, "", ""]]
    check_and_commit(world.user(STREET_STAFF), "volunteers", csv_upload(rows))
    flagged = Volunteer.objects.get(document_type=DocumentType.PASSPORT)
    assert (flagged.duplicate_review, flagged.duplicate_of_id) == (DuplicateReview.LIKELY, first.pk)
    assert Volunteer.objects.get(name="钱七").duplicate_review == ""
