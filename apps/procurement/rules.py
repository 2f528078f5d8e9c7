"""The numbers of the purchasing rules in one place.

National rules (财政部令第102号《政府购买服务管理办法》 and the procurement law) are constants;
what differs between cities is read from settings with a default.
"""

from datetime import date, timedelta
from decimal import ROUND_DOWN, Decimal

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.db.models import F, Q
from django.db.models.functions import Round
from django.db.models.lookups import LessThanOrEqual

#: Publish the contract within this many working days of signing.
PUBLICATION_WORKING_DAYS = 2
#: File a copy of the contract within this many working days of signing.
FILING_WORKING_DAYS = 7
#: A performance bond may not exceed this share of the contract amount (see ``max_performance_bond``).
MAX_BOND_SHARE = Decimal("0.10")
#: Supplementary agreements together may not exceed this share of the original amount
#: (see ``max_supplement_total``).
MAX_SUPPLEMENT_SHARE = Decimal("0.10")
#: A term longer than this many years (see ``term_last_day``) needs a written justification ...
PLAIN_TERM_YEARS = 1
#: ... and a term longer than three years is refused.
MAX_TERM_YEARS = 3
#: Procurement documents are kept at least this many years (nothing here is deletable).
RETENTION_YEARS = 15


def max_performance_bond(amount: Decimal) -> Decimal:
    """The largest bond allowed on ``amount``: bond ≤ amount × MAX_BOND_SHARE, exactly. Bonds are
    kept in fen, so the limit is rounded down (10000.01 on 100000.15, never 10000.02): what the
    service accepts is what ``bond_within_share`` (the database constraint) accepts."""
    return (amount * MAX_BOND_SHARE).quantize(Decimal("0.01"), rounding=ROUND_DOWN)


def max_supplement_total(amount: Decimal) -> Decimal:
    """The most that all supplementary agreements of a contract of ``amount`` may add together:
    ≤ amount × MAX_SUPPLEMENT_SHARE, exactly, so rounded down to the fen like the bond (on
    100000.15 the limit is 10000.01; rounding half to even would allow 10000.02, over 10 %)."""
    return (amount * MAX_SUPPLEMENT_SHARE).quantize(Decimal("0.01"), rounding=ROUND_DOWN)


def bond_within_share() -> Q:
    """The same rule as the condition of the contract's constraint, in whole fen: for a share of
    1/10, bond × 100 × 10 ≤ amount × 100 × 1. Whole numbers compare exactly on SQLite (floating
    point, where 0.70 × 0.10 < 0.07) as on PostgreSQL (numeric)."""
    numerator, denominator = MAX_BOND_SHARE.as_integer_ratio()
    bond_fen, amount_fen = Round(F("performance_bond") * 100), Round(F("amount") * 100)
    return Q(performance_bond__gte=0) & Q(LessThanOrEqual(bond_fen * denominator, amount_fen * numerator))


def term_last_day(start: date, years: int) -> date:
    """The last day of a term of ``years`` years that starts on ``start`` (both days count): the
    day before the start's anniversary. The anniversary of 29 February in a common year is
    1 March (relativedelta would give 28 February), so 2028-02-29 → 2029-02-28 is one year, as
    are twelve whole months such as 2027-03-01 → 2028-02-29."""
    anniversary = start + relativedelta(years=years)
    if anniversary.day != start.day:
        anniversary += timedelta(days=1)
    return anniversary - timedelta(days=1)


def percent(share: Decimal) -> str:
    """A share as the number of a percentage: Decimal("0.10") → "10"."""
    return format((share * 100).normalize(), "f")


def evaluation_weights() -> dict[str, Decimal]:
    """Weights of purchaser / third-party / beneficiary scores in the total *(local)*."""
    configured = getattr(settings, "PROCUREMENT_EVALUATION_WEIGHTS", None) or {
        "purchaser": "0.4", "third_party": "0.4", "beneficiaries": "0.2",
    }
    return {kind: Decimal(str(weight)) for kind, weight in configured.items()}
