"""出生日期 (DOMAIN §3): a birth date before 1900 is a typing error and is refused, whether it
comes from a resident ID number that passes the GB 11643 check (``parse_resident_id``) or is
typed for another document (``check_birth_date``, through ``Volunteer.clean``): on registration
in the back office and the portal (``volunteer_register``) and on import."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from apps.volunteers.id_numbers import parse_resident_id, synthetic_resident_id
from apps.volunteers.models import DocumentType, Volunteer
from apps.volunteers.services import volunteer_register
from tests.imports.helpers import check, errors_by_column, xlsx_upload
from tests.personas import STREET_STAFF

pytestmark = pytest.mark.django_db

BEFORE_1900 = datetime.date(1899, 12, 31)


def _register(world, **fields):
    values = {"name": "老寿星", "phone": "13900001899", "community": world.community_a1, "consent_version": "2026-01",
              "document_type": DocumentType.PASSPORT, "id_number": "E12345678", "sex": "male"} | fields
    return volunteer_register(**values)


def test_an_id_number_born_before_1900_is_refused():
    """Failed before: the number passes the check character, so 1899 was taken as the birth date."""
    with pytest.raises(ValidationError) as refused:
        parse_resident_id(synthetic_resident_id("330106", BEFORE_1900, 11))
    assert refused.value.code == "too_early"


def test_an_id_number_born_on_1_january_1900_is_accepted():
    assert parse_resident_id(synthetic_resident_id("330106", datetime.date(1900, 1, 1), 11)).birth_date.year == 1900


def test_registration_with_such_an_id_number_is_refused(world):
    with pytest.raises(ValidationError) as refused:
        _register(world, document_type=DocumentType.RESIDENT_ID, id_number=synthetic_resident_id("330106", BEFORE_1900, 12),
                  sex="")
    assert "id_number" in refused.value.message_dict
    assert not Volunteer.objects.exists()


@pytest.mark.parametrize("document_type", [DocumentType.PASSPORT, DocumentType.HK_MACAO_TAIWAN,
                                           DocumentType.FOREIGN_PERMANENT])
def test_a_typed_birth_date_before_1900_is_refused_for_other_documents(world, document_type):
    """Failed before: the birth date typed for a passport or permit was never checked."""
    with pytest.raises(ValidationError) as refused:
        _register(world, document_type=document_type, birth_date=BEFORE_1900)
    assert "birth_date" in refused.value.message_dict
    assert not Volunteer.objects.exists()


def test_a_typed_birth_date_in_the_future_is_refused_too(world):
    with pytest.raises(ValidationError) as refused:
        _register(world, birth_date=timezone.localdate() + datetime.timedelta(days=1))
    assert "birth_date" in refused.value.message_dict


def test_a_typed_birth_date_from_1900_is_accepted(world):
    assert _register(world, birth_date=datetime.date(1900, 1, 1)).birth_date == datetime.date(1900, 1, 1)


def test_back_office_form_shows_the_error_on_the_birth_date(world, client_for):
    data = {"name": "老寿星", "document_type": DocumentType.PASSPORT, "id_number": "E12345678", "sex": "male",
            "birth_date": BEFORE_1900.isoformat(), "phone": "13900001899", "community": world.community_a1.pk,
            "political_status": "masses", "consent": "on"}
    response = client_for(STREET_STAFF).post(reverse("office:volunteer_create"), data)
    assert response.status_code == 200
    assert response.context["form"].errors["birth_date"]
    assert not Volunteer.objects.exists()


def test_import_refuses_both_kinds_of_row(world):
    header = ["姓名", "证件类型", "证件号码", "手机号码", "居住社区", "性别", "出生日期"]
    rows = [header,
            ["老甲", "", synthetic_resident_id("330106", BEFORE_1900, 13), "13900001001", "宝石社区", "", ""],
            ["老乙", "护照", "E12345679", "13900001002", "宝石社区", "男", "1899-06-01"]]
    job = check(world.user(STREET_STAFF), "volunteers", xlsx_upload(rows))
    errors = errors_by_column(job)
    assert job.status == "invalid"
    assert (2, "证件号码") in errors and (3, "出生日期") in errors
