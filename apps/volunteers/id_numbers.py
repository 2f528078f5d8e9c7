"""Document numbers: validation of 居民身份证 numbers (GB 11643) and what derives from them."""

import datetime
import functools
import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from stdnum import exceptions as stdnum_errors
from stdnum import numdb
from stdnum.cn import ric


_ASCII_DIGITS = re.compile(r"[0-9]+")

#: Nobody registering today was born before 1900: an earlier birth date (in an ID number that
#: passes the check, or typed for another document) is a typing error and is refused.
EARLIEST_BIRTH_DATE = datetime.date(1900, 1, 1)


@dataclass(frozen=True)
class ResidentIdentity:
    number: str
    birth_date: datetime.date
    sex: str  # "male" / "female": the 17th digit is odd for men


def parse_resident_id(value: str) -> ResidentIdentity:
    """Validate an 18-character resident ID number; raise ValidationError in Chinese/English."""
    number = ric.compact(value or "")
    if any(not char.isascii() and char.isdigit() for char in number):
        # str.isdigit() and int() also take full-width (１), Arabic-Indic (١) and superscript (²)
        # digits; int() refuses the last, so "3301061990030712²6" failed in the check digit.
        raise ValidationError(_("Type the number with the half-width digits 0-9 (switch off full-width input)."),
                              code="non_ascii_digits")
    if len(number) != 18:
        raise ValidationError(_("An ID card number has 18 characters."), code="length")
    if not _ASCII_DIGITS.fullmatch(number[:17]) or number[17] not in "0123456789X":
        raise ValidationError(_("This is not a valid ID card number."), code="invalid")
    if number[17] != ric.calc_check_digit(number):
        raise ValidationError(_("The ID card number's check character is wrong."), code="checksum")
    try:
        birth_date = ric.get_birth_date(number)
    except stdnum_errors.ValidationError:
        raise ValidationError(_("The birth date in the ID card number is not a date."), code="birth_date") from None
    if not _known_place(number[:6]):
        raise ValidationError(_("The ID card number's area code does not exist."), code="place")
    if birth_date < EARLIEST_BIRTH_DATE:
        raise ValidationError(_("The birth date in the ID card number (%(date)s) is before 1900: check the number.")
                              % {"date": birth_date.isoformat()}, code="too_early")
    if birth_date > timezone.localdate():
        raise ValidationError(_("The birth date in the ID card number lies in the future."), code="future")
    return ResidentIdentity(number, birth_date, "male" if int(number[16]) % 2 else "female")


@functools.lru_cache(maxsize=8192)  # ~3,500 county codes; an import checks thousands of numbers
def _known_place(code: str) -> bool:
    """Whether the 6-digit area code ever existed. Unlike ``ric.validate`` this does not ask
    that it existed in the birth year: numbers were first issued from 1984 with the code of
    that time, so a volunteer born in 1950 in 西湖区 rightly holds 330106 (valid from 1983)."""
    info = {key: v for _part, props in numdb.get("cn/loc").info(code) for key, v in props.items()}
    return "county" in info


_OTHER_DOCUMENT = re.compile(r"^[A-Z0-9]{5,20}$")


def normalise_other_document(value: str) -> str:
    """Passports and permits: letters and digits only, upper case."""
    number = re.sub(r"[\s-]", "", value or "").upper()
    if not _OTHER_DOCUMENT.match(number):
        raise ValidationError(_("A document number has 5 to 20 letters or digits."), code="invalid")
    return number


def check_birth_date(birth_date: datetime.date) -> None:
    """A birth date typed for a document other than an ID card: from 1900 to today."""
    if birth_date < EARLIEST_BIRTH_DATE:
        raise ValidationError(_("A birth date before 1900 is not possible: check the date."), code="too_early")
    if birth_date > timezone.localdate():
        raise ValidationError(_("The birth date lies in the future."), code="future")


def age_on(birth_date: datetime.date, day: datetime.date) -> int:
    return day.year - birth_date.year - ((day.month, day.day) < (birth_date.month, birth_date.day))


def synthetic_resident_id(place: str, birth_date: datetime.date, sequence: int) -> str:
    """A well-formed ID number for demo and test data (sequence 0–999; odd = male)."""
    body = f"{place}{birth_date:%Y%m%d}{sequence:03d}"
    return body + ric.calc_check_digit(body + "0")
