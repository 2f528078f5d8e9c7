"""Issue 15.11: a minor's consent to extra personal fields or to publication is given by a
guardian, recorded with name and relation (DOMAIN §3); service and back-office form refuse it
without them, with a message that says so."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from apps.volunteers.consent import PRIVACY_NOTICE_VERSION, consent_give
from apps.volunteers.models import ConsentPurpose
from tests.personas import STREET_STAFF
from tests.volunteers.factories import make_volunteer

pytestmark = pytest.mark.django_db
SIXTEEN = datetime.date(2010, 6, 1)  # 16 on 3 December 2026: registered without a guardian (14+)


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def give(world, volunteer, purpose, **guardian):
    return consent_give(actor=world.user(STREET_STAFF), volunteer=volunteer, purpose=purpose,
                        version=PRIVACY_NOTICE_VERSION, extra={"occupation": "学生"}, **guardian)


@pytest.mark.parametrize("purpose", [ConsentPurpose.EXTRA_FIELDS, ConsentPurpose.PUBLICATION])
def test_a_minor_consents_through_a_guardian(world, purpose):
    minor = make_volunteer(world.community_a1, birth_date=SIXTEEN)
    with pytest.raises(ValidationError) as raised:
        give(world, minor, purpose)
    assert set(raised.value.message_dict) == {"guardian_name", "guardian_relation"}
    assert "minor" in raised.value.message_dict["guardian_name"][0]
    with pytest.raises(ValidationError) as raised:
        give(world, minor, purpose, guardian_name="王芳")
    assert set(raised.value.message_dict) == {"guardian_relation"}
    assert not minor.consents.filter(purpose=purpose).exists()
    consent = give(world, minor, purpose, guardian_name="王芳", guardian_relation="母亲")
    assert (consent.guardian_name, consent.guardian_relation) == ("王芳", "母亲")


def test_an_adult_consents_alone(world):
    adult = make_volunteer(world.community_a1)
    assert give(world, adult, ConsentPurpose.PUBLICATION).guardian_name == ""


def test_the_back_office_form_asks_for_the_guardian_of_a_minor(world, client_for):
    minor = make_volunteer(world.community_a1, birth_date=SIXTEEN)
    url = reverse("office:volunteer_consent_create", args=[minor.pk])
    client = client_for(STREET_STAFF)
    form = client.get(url).context["form"]
    assert form.fields["guardian_name"].required and form.fields["guardian_relation"].required
    response = client.post(url, {"purpose": ConsentPurpose.PUBLICATION, "agreed": "on"})
    assert response.status_code == 200
    from apps.volunteers.consent import GUARDIAN_REQUIRED

    with translation.override("zh-hans"):  # the page's language
        assert response.context["form"].errors["guardian_name"] == [str(GUARDIAN_REQUIRED)]
    assert not minor.consents.filter(purpose=ConsentPurpose.PUBLICATION).exists()
    done = client.post(url, {"purpose": ConsentPurpose.PUBLICATION, "agreed": "on", "guardian_name": "王芳",
                             "guardian_relation": "母亲"})
    assert done.status_code == 302
    assert minor.consents.get(purpose=ConsentPurpose.PUBLICATION).guardian_name == "王芳"
    adult = make_volunteer(world.community_a1)
    assert not client.get(reverse("office:volunteer_consent_create", args=[adult.pk])).context["form"].fields[
        "guardian_name"].required
