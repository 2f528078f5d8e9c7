"""The numbers of the purchasing rules in one place.

National rules (财政部令第102号《政府购买服务管理办法》 and the procurement law) are constants;
what differs between cities is read from settings with a default.
"""

from decimal import Decimal

from django.conf import settings

#: Publish the contract within this many working days of signing.
PUBLICATION_WORKING_DAYS = 2
#: File a copy of the contract within this many working days of signing.
FILING_WORKING_DAYS = 7
#: A performance bond may not exceed this share of the contract amount.
MAX_BOND_SHARE = Decimal("0.10")
#: Supplementary agreements together may not exceed this share of the original amount.
MAX_SUPPLEMENT_SHARE = Decimal("0.10")
#: A term longer than this (in days, one year) needs a written justification ...
TERM_NEEDS_JUSTIFICATION_DAYS = 366
#: ... and a term longer than three years is refused.
MAX_TERM_YEARS = 3
#: Procurement documents are kept at least this many years (nothing here is deletable).
RETENTION_YEARS = 15


def evaluation_weights() -> dict[str, Decimal]:
    """Weights of purchaser / third-party / beneficiary scores in the total *(local)*."""
    configured = getattr(settings, "PROCUREMENT_EVALUATION_WEIGHTS", None) or {
        "purchaser": "0.4", "third_party": "0.4", "beneficiaries": "0.2",
    }
    return {kind: Decimal(str(weight)) for kind, weight in configured.items()}
