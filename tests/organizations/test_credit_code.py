"""统一社会信用代码: valid, malformed, checksum warning, category warning (duplicates are in
test_organization_form.py, where the form checks them)."""

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st
from stdnum.cn import uscc

from apps.organizations.models import LegalForm
from apps.organizations.validators import check_credit_code
from tests.organizations.helpers import code, wrong_check

ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
FORBIDDEN = "IOSVZ"


def test_a_valid_social_group_code_has_no_warnings():
    valid = code("51330106")
    assert check_credit_code(valid, legal_form=LegalForm.SOCIAL_GROUP).warnings == []


def test_codes_are_normalised():
    valid = code("52330106")
    messy = f" {valid[:6]}-{valid[6:].lower()} "
    assert check_credit_code(messy, legal_form=LegalForm.SERVICE_INSTITUTION).code == valid


@pytest.mark.parametrize("value", ["", "5133010", code() + "1", "51330106MA2H3K4I0", "A1330106MA2H3K4L01"])
def test_malformed_codes_are_refused(value):
    with pytest.raises(ValidationError):
        check_credit_code(value, legal_form=LegalForm.SOCIAL_GROUP)


def test_a_checksum_failure_is_a_warning_not_an_error():
    bad = wrong_check(code("51330106"))
    check = check_credit_code(bad, legal_form=LegalForm.SOCIAL_GROUP)
    assert check.code == bad
    assert not check.checksum_ok and check.category_ok
    assert len(check.warnings) == 1
    assert code("51330106")[-1] in check.warnings[0]  # tells the clerk the expected character


@pytest.mark.parametrize("prefix, form", [
    ("52330106", LegalForm.SOCIAL_GROUP),
    ("51330106", LegalForm.FOUNDATION),
    ("53330106", LegalForm.SERVICE_INSTITUTION),
    ("59330106", LegalForm.SOCIAL_GROUP),
    ("91330106", LegalForm.SOCIAL_GROUP),  # an enterprise code, not civil affairs
])
def test_a_category_that_disagrees_with_the_legal_form_is_a_warning(prefix, form):
    check = check_credit_code(code(prefix), legal_form=form)
    assert check.checksum_ok and not check.category_ok
    assert len(check.warnings) == 1


@pytest.mark.parametrize("prefix, form", [
    ("51330106", LegalForm.SOCIAL_GROUP), ("52330106", LegalForm.SERVICE_INSTITUTION),
    ("53330106", LegalForm.FOUNDATION),
])
def test_matching_categories(prefix, form):
    assert check_credit_code(code(prefix), legal_form=form).warnings == []


# --- Property-based ---------------------------------------------------------------------------

bodies = st.text(alphabet=ALPHABET, min_size=9, max_size=9)
areas = st.from_regex(r"\A[0-9]{6}\Z", fullmatch=True)
forms = st.sampled_from(list(LegalForm))


@given(category=st.sampled_from("1239"), area=areas, body=bodies, form=forms)
def test_category_warning_iff_category_disagrees(category, area, body, form):
    base = f"5{category}{area}{body}"
    check = check_credit_code(base + uscc.calc_check_digit(base), legal_form=form)
    expected = {"social_group": "1", "service_institution": "2", "foundation": "3"}.get(form)
    assert check.category_ok == (expected is None or expected == category)


@given(category=st.sampled_from("1239"), area=areas, body=bodies, form=forms)
def test_any_code_with_the_right_check_character_is_accepted_without_checksum_warning(category, area, body, form):
    base = f"5{category}{area}{body}"
    valid = base + uscc.calc_check_digit(base)
    check = check_credit_code(valid, legal_form=form)
    assert check.code == valid
    assert check.checksum_ok
    assert len(check.warnings) == (0 if check.category_ok else 1)


@given(area=areas, body=bodies, wrong=st.sampled_from(ALPHABET))
def test_any_wrong_check_character_warns_and_never_raises(area, body, wrong):
    base = f"51{area}{body}"
    if wrong == uscc.calc_check_digit(base):
        return
    check = check_credit_code(base + wrong, legal_form=LegalForm.SOCIAL_GROUP)
    assert not check.checksum_ok and check.category_ok
    assert len(check.warnings) == 1


@given(text=st.text(max_size=30))
def test_arbitrary_input_is_either_refused_or_an_18_character_code(text):
    try:
        check = check_credit_code(text)
    except ValidationError:
        return
    assert len(check.code) == 18
    assert set(check.code) <= set(ALPHABET)


@given(area=areas, body=bodies, position=st.integers(min_value=8, max_value=17), letter=st.sampled_from(FORBIDDEN))
def test_forbidden_letters_are_refused_anywhere(area, body, position, letter):
    base = f"51{area}{body}"
    valid = base + uscc.calc_check_digit(base)
    with pytest.raises(ValidationError):
        check_credit_code(valid[:position] + letter + valid[position + 1:])
