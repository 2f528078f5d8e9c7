"""统一社会信用代码 (GB 32100-2015) checks for social organizations.

Malformed codes are refused. Codes that are well formed but fail the checksum (some early pilot
regions issued such codes) or whose category disagrees with the legal form are *warnings*: the
clerk must confirm them.

Codes typed with a Chinese input method arrive in full-width characters (５１３３…ＭＡ２Ｈ…): they are
the same code and are normalised to ASCII (NFKC) before any check, on every path that takes a
code (back-office form, portal sign-up and change request, import).
"""

import unicodedata
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from stdnum.cn import uscc
from stdnum.exceptions import InvalidChecksum, InvalidFormat, InvalidLength

from .models import LegalForm

# Position 1: the registering authority; 5 is civil affairs (民政).
CIVIL_AFFAIRS = "5"
# Position 2 for civil-affairs codes: 1 social group, 2 social service institution, 3 foundation, 9 other.
CATEGORY_BY_FORM = {
    LegalForm.SOCIAL_GROUP: "1",
    LegalForm.SERVICE_INSTITUTION: "2",
    LegalForm.FOUNDATION: "3",
}


@dataclass(frozen=True)
class CreditCodeCheck:
    code: str
    warnings: list = field(default_factory=list)
    checksum_ok: bool = True
    category_ok: bool = True


def check_credit_code(value: str, *, legal_form: str | None = None) -> CreditCodeCheck:
    """Return the normalised code and its warnings; raise ``ValidationError`` when malformed."""
    code = normalise_credit_code(value)
    try:
        uscc.validate(code)
    except InvalidLength:
        raise ValidationError(
            _("A unified social credit code has 18 characters; this one has %(count)d.") % {"count": len(code)},
            code="length",
        ) from None
    except InvalidFormat:
        raise ValidationError(
            _("A unified social credit code has digits in positions 1–8 and only digits and the letters "
              "A–H, J–N, P–R, T, U, W–Y after them (no I, O, S, V or Z)."),
            code="format",
        ) from None
    except InvalidChecksum:
        checksum_ok = False
        warnings = [_("The check character is wrong: expected “%(expected)s”. Some early pilot-region codes "
                      "fail the check; confirm only if the certificate shows this code.")
                    % {"expected": uscc.calc_check_digit(code[:17])}]
    else:
        checksum_ok, warnings = True, []
    category_warnings = _category_warnings(code, legal_form)
    return CreditCodeCheck(code=code, warnings=warnings + category_warnings, checksum_ok=checksum_ok,
                           category_ok=not category_warnings)


def normalise_credit_code(value: str) -> str:
    """Full-width letters, digits and spaces → ASCII (NFKC), then without spaces or dashes, upper case."""
    return uscc.compact(unicodedata.normalize("NFKC", value or ""))


def _category_warnings(code, legal_form):
    if code[0] != CIVIL_AFFAIRS:
        return [_("The code was not issued by civil affairs (it does not start with 5).")]
    expected = CATEGORY_BY_FORM.get(legal_form)
    if expected is not None and code[1] != expected:
        return [_("The code's category (5%(actual)s) does not match the legal form “%(form)s” (5%(expected)s).")
                % {"actual": code[1], "form": LegalForm(legal_form).label, "expected": expected}]
    return []
