"""ID number validation (GB 11643, ISO 7064 MOD 11-2), including property-based tests."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given, settings as hsettings, strategies as st
from stdnum.cn import ric

from apps.volunteers.id_numbers import normalise_other_document, parse_resident_id, synthetic_resident_id

birth_dates = st.dates(min_value=datetime.date(1920, 1, 1), max_value=datetime.date(2020, 12, 31))


@given(birth_dates, st.integers(min_value=0, max_value=999))
def test_every_well_formed_number_is_accepted_and_yields_its_birth_date_and_sex(birth_date, sequence):
    number = synthetic_resident_id("330106", birth_date, sequence)
    identity = parse_resident_id(number)
    assert identity.birth_date == birth_date
    assert identity.sex == ("male" if sequence % 2 else "female")


@given(birth_dates, st.integers(min_value=0, max_value=999), st.sampled_from("0123456789X"))
def test_a_wrong_check_character_is_rejected(birth_date, sequence, check):
    number = synthetic_resident_id("330106", birth_date, sequence)
    if check == number[-1]:
        return
    with pytest.raises(ValidationError) as error:
        parse_resident_id(number[:-1] + check)
    assert error.value.code == "checksum"


@hsettings(max_examples=200)
@given(birth_dates, st.integers(min_value=0, max_value=999), st.integers(min_value=0, max_value=16),
       st.integers(min_value=1, max_value=9))
def test_any_single_digit_change_is_caught(birth_date, sequence, position, delta):
    number = synthetic_resident_id("330106", birth_date, sequence)
    changed = number[:position] + str((int(number[position]) + delta) % 10) + number[position + 1:]
    with pytest.raises(ValidationError):
        parse_resident_id(changed)


@given(st.text(max_size=25))
def test_arbitrary_text_never_crashes_and_is_accepted_only_with_a_right_check_character(text):
    try:
        parse_resident_id(text)
    except ValidationError:
        return
    number = ric.compact(text)
    assert len(number) == 18 and number[-1] == ric.calc_check_digit(number)


@pytest.mark.parametrize("value, code", [
    ("", "length"), ("33010619850601007", "length"), ("330106198513010071", "invalid"),
    ("33010619850601007A", "invalid"),
])
def test_bad_numbers(value, code):
    with pytest.raises(ValidationError) as error:
        parse_resident_id(value)
    assert error.value.code in {code, "checksum"}


def test_future_birth_date_is_rejected():
    future = datetime.date.today() + datetime.timedelta(days=400)
    with pytest.raises(ValidationError):
        parse_resident_id(synthetic_resident_id("330106", future, 1))


def test_lower_case_x_and_spaces_are_normalised():
    number = next(synthetic_resident_id("330106", datetime.date(1980, 1, 1), s) for s in range(1000)
                  if synthetic_resident_id("330106", datetime.date(1980, 1, 1), s).endswith("X"))
    assert parse_resident_id(" " + number.lower() + " ").number == number


@pytest.mark.parametrize("value", ["ab", "!!!!!!", "A" * 21])
def test_other_documents_are_checked_for_shape(value):
    with pytest.raises(ValidationError):
        normalise_other_document(value)


def test_elderly_volunteers_with_a_district_code_newer_than_their_birth_are_accepted():
    # 西湖区's code dates from 1983; ID numbers were issued from 1984, also to people born before.
    number = synthetic_resident_id("330106", datetime.date(1950, 3, 3), 11)
    assert not ric.is_valid(number)  # python-stdnum alone would refuse a real person
    assert parse_resident_id(number).birth_date == datetime.date(1950, 3, 3)


def test_an_area_code_that_never_existed_is_rejected():
    with pytest.raises(ValidationError) as error:
        parse_resident_id(synthetic_resident_id("999999", datetime.date(1990, 1, 1), 1))
    assert error.value.code == "place"
