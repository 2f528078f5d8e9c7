"""The dashboard's list of contracts whose open publication or filing deadline was counted
through a year without an entered holiday arrangement (``apps.procurement.workdays``): they
stay listed until city staff enter the year, which recomputes them."""

from dataclasses import dataclass, field

from apps.procurement.models import Contract
from apps.procurement.workdays import EnteredYears, open_provisional, provisional_deadlines

from .scope import Scope

#: Contracts shown on the dashboard; the count says how many more there are.
SHOWN = 10


@dataclass
class WaitingDeadlines:
    contracts: list = field(default_factory=list)   # each with ``provisional``: its provisional deadlines
    count: int = 0
    years: list = field(default_factory=list)       # the years to enter, for the shown contracts

    @property
    def more(self):
        return self.count - len(self.contracts)


def waiting_deadlines(scope: Scope) -> WaitingDeadlines:
    """Three queries at most: the entered years, the first contracts, and their count when
    there are more than are shown."""
    entered = EnteredYears.read()
    queryset = scope.rows(Contract).filter(open_provisional(entered))
    contracts = list(queryset.select_related("provider").order_by("publication_due", "pk")[:SHOWN])
    count = len(contracts) if len(contracts) < SHOWN else queryset.count()
    years = set()
    for contract in contracts:
        contract.provisional = provisional_deadlines(contract, entered)
        years.update(year for deadline in contract.provisional for year in deadline.years)
    return WaitingDeadlines(contracts, count, sorted(years))
