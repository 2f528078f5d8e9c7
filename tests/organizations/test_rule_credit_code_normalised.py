"""统一社会信用代码 typed with a Chinese input method: full-width letters (Ａ–Ｚ, ａ–ｚ), digits and
spaces are the same code as their ASCII form, normalised (NFKC) by
``apps.organizations.validators.check_credit_code`` before any check, on every path that takes a
code: back-office form, portal sign-up, import."""

import pytest
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st
from stdnum.cn import uscc

from apps.organizations.models import LegalForm, Organization
from apps.organizations.validators import check_credit_code
from apps.portal.forms.onboarding import SignupForm
from tests.imports.helpers import check_and_commit, csv_upload
from tests.organizations.files import files_on_disk  # noqa: F401 (fixture)
from tests.organizations.helpers import code
from tests.organizations.test_organization_form import post_data
from tests.personas import STREET_STAFF

ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"


def full_width(value: str) -> str:
    """ASCII letters and digits → their full-width forms (U+FF10…, U+FF21…, U+FF41…)."""
    return "".join(chr(ord(c) + 0xFEE0) if c.isascii() and c.isalnum() else c for c in value)


VALID = code("51330106", "MA2H3K4L")


def test_full_width_letters_and_digits_are_the_same_code():
    """Failed before: full-width letters were refused as malformed (only digits were mapped)."""
    typed = full_width(VALID)
    assert typed != VALID and any("\uff21" <= c <= "\uff3a" for c in typed)
    check = check_credit_code(typed, legal_form=LegalForm.SOCIAL_GROUP)
    assert (check.code, check.warnings) == (VALID, [])


def test_full_width_lower_case_and_ideographic_spaces_are_normalised_too():
    typed = "\u3000" + full_width(VALID[:8]) + "\u3000" + full_width(VALID[8:].lower()) + "\u3000"
    assert check_credit_code(typed, legal_form=LegalForm.SOCIAL_GROUP).code == VALID


def test_a_full_width_forbidden_letter_is_still_refused():
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        check_credit_code(full_width(VALID[:10] + "O" + VALID[11:]), legal_form=LegalForm.SOCIAL_GROUP)


@given(area=st.from_regex(r"\A[0-9]{6}\Z", fullmatch=True), body=st.text(alphabet=ALPHABET, min_size=9, max_size=9))
def test_any_valid_code_typed_full_width_normalises_to_itself(area, body):
    base = f"51{area}{body}"
    valid = base + uscc.calc_check_digit(base)
    assert check_credit_code(full_width(valid), legal_form=LegalForm.SOCIAL_GROUP).code == valid


def test_back_office_form_stores_the_ascii_code(world, client_for):
    response = client_for(STREET_STAFF).post(reverse("office:organization_create"),
                                             post_data(world, credit_code=full_width(VALID)))
    assert response.status_code == 302, response.context["form"].errors
    assert Organization.objects.get(name="宝石社区为老服务协会").credit_code == VALID


def test_portal_sign_up_takes_the_ascii_code(world):
    form = SignupForm(data={"legal_form": LegalForm.SOCIAL_GROUP, "credit_code": full_width(VALID)})
    form.is_valid()
    assert "credit_code" not in form.errors
    assert form.cleaned_data["credit_code"] == VALID


def test_import_takes_the_ascii_code(world, files_on_disk):
    rows = [["名称", "组织类型", "统一社会信用代码", "所在社区"],
            ["宝石全角协会", "社会团体", full_width(VALID), world.community_a1.code]]
    job = check_and_commit(world.user(STREET_STAFF), "organizations", csv_upload(rows))
    assert job.error_count == 0
    assert Organization.objects.get(name="宝石全角协会").credit_code == VALID
